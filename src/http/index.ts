/**
 * HTTP-wide policy, applied to every request before any domain's route: which hosts we serve
 * (421 otherwise) and whose forwarding headers we believe (TRUSTED_PROXIES).
 */
export { type HostGate, hostGate, hostGateHooks } from './host-gate.js';
export { allowedHostNames, hostPolicy } from './hosts.js';
export { trustedProxies } from './trusted-proxies.js';
