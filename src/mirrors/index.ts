/** The mirrors domain's public face: alternate addresses, host policy, static export, health. */
export { type FooterAddresses, footerAddresses, type MirrorsDocument, mirrorsDocument } from './addresses.js';
export { hostPolicy } from './hosts.js';
export { mirrorRoutes } from './routes.js';
