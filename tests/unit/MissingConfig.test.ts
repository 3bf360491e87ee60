import { describe, expect, it } from 'vitest'
import MissingConfig from '@/components/MissingConfig.vue'
import { mountWithVuetify } from './support/mountWithVuetify'

describe('MissingConfig', () => {
  it('says how to create the configuration', () => {
    const text = mountWithVuetify(MissingConfig, { props: { reason: 'missing', missingKeys: [] } }).text()
    expect(text).toContain('npm run backend')
    expect(text).toContain('amplify pull')
    expect(text).toContain('src/amplifyconfiguration.json')
  })

  it('lists the missing keys of an incomplete file', () => {
    const text = mountWithVuetify(MissingConfig, {
      props: { reason: 'incomplete', missingKeys: ['aws_appsync_apiKey'] },
    }).text()
    expect(text).toContain('aws_appsync_apiKey')
  })
})
