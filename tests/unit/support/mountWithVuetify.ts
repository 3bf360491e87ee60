import { mount } from '@vue/test-utils'
import type { ComponentMountingOptions } from '@vue/test-utils'
import { createVuetify } from 'vuetify'
import { iconAliases } from '@/plugins/iconAliases'
import { mdi } from 'vuetify/iconsets/mdi-svg'

/** Mounts with a fresh Vuetify instance (components are auto-imported by the unit project's plugin). */
export function mountWithVuetify<C>(
  component: C,
  options: ComponentMountingOptions<C> = {} as ComponentMountingOptions<C>,
) {
  const vuetify = createVuetify({ icons: { defaultSet: 'mdi', aliases: iconAliases, sets: { mdi } } })
  return mount(component, {
    ...options,
    global: { ...options.global, plugins: [...(options.global?.plugins ?? []), vuetify] },
  } as ComponentMountingOptions<C>)
}
