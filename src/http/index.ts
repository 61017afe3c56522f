/**
 * HTTP-wide policy, applied to every request before any domain's route: which hosts we serve
 * (421 otherwise), whose forwarding headers we believe (TRUSTED_PROXIES), and how many public
 * pages render at once (RENDER_CONCURRENCY).
 */
export { type HostGate, hostGate, hostGateHooks } from './host-gate.js';
export { allowedHostNames, hostPolicy } from './hosts.js';
export { trustedProxies } from './trusted-proxies.js';
export { RenderQueue, renderQueueHooks, type Ticket } from './render-queue.js';
