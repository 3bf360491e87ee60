import {
  mdiAlert,
  mdiCheckCircle,
  mdiChevronDown,
  mdiChevronLeft,
  mdiChevronRight,
  mdiChevronUp,
  mdiClose,
  mdiCloseCircle,
  mdiInformation,
  mdiMenu,
} from '@mdi/js'
import type { IconAliases } from 'vuetify'

// Only the aliases the Vuetify components of this app ask for (VAlert types, close/clear, tab arrows),
// instead of the ~60 SVG paths of vuetify/iconsets/mdi-svg's full alias table.
export const iconAliases: Partial<IconAliases> = {
  success: mdiCheckCircle,
  info: mdiInformation,
  warning: mdiAlert,
  error: mdiCloseCircle,
  close: mdiClose,
  clear: mdiCloseCircle,
  prev: mdiChevronLeft,
  next: mdiChevronRight,
  expand: mdiChevronDown,
  collapse: mdiChevronUp,
  menu: mdiMenu,
}
