/** The mirrors domain's public face: alternate addresses, /mirrors.json, mirror health. */
// The book itself is opened by context.ts (from address-book.ts, so that every command's start
// does not load the routes and checks this file gathers).

export type { AddressSettings } from '../lib/address-rules.js';
export {
  type AddressBook,
  AddressError,
  fixedAddressBook,
  openAddressBook,
  type SiteAddresses,
} from './address-book.js';
export { changeAddresses, refreshAddresses } from './address-changes.js';
export {
  type AddressInput,
  addressInput,
  MAX_ALTERNATES,
  MAX_APPS,
  type ResetInput,
  resetInput,
} from './address-input.js';
export {
  type FooterAddresses,
  footerAddresses,
  type MirrorsDocument,
  mirrorsDocument,
  siteAlternates,
} from './addresses.js';
export { checkMirrors, isDown, type MirrorStatusRow, mirrorStatus, statusTable } from './check.js';
export { mirrorRoutes } from './routes.js';
export { checkMirrorsOnce, scheduledMirrorCheck } from './schedule.js';
