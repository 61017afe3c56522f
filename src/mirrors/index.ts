/** The mirrors domain's public face: alternate addresses, host policy, static export, health. */
// The book itself is opened by context.ts (from address-book.ts, so that every command's start
// does not load the routes and checks this file gathers).
export { AddressError, type AddressBook, type SiteAddresses } from './address-book.js';
export { changeAddresses, refreshAddresses } from './address-changes.js';
export {
  type AddressInput,
  type AddressSettings,
  addressInput,
  MAX_ALTERNATES,
  MAX_APPS,
  type ResetInput,
  resetInput,
} from './address-rules.js';
export { type FooterAddresses, footerAddresses, type MirrorsDocument, mirrorsDocument } from './addresses.js';
export { hostPolicy } from './hosts.js';
export { type HostGate, hostGate, mirrorRoutes } from './routes.js';
export { checkMirrors, type MirrorStatusRow, mirrorStatus } from './check.js';
export { checkMirrorsOnce, scheduledMirrorCheck } from './schedule.js';
// The static export (export/export.ts) is not re-exported here: it renders through the site,
// and the site imports this file for the footer; the CLI imports it directly.
