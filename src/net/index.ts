/** Outbound requests: the one guard every request the server makes on its own goes through. */
export { isNonPublicAddress } from './address-classes.js';
export {
  BlockedTargetError,
  checkAddress,
  checkTarget,
  type OutboundPolicy,
  type OutboundResponse,
  OutboundTimeoutError,
  outboundRequest,
} from './outbound.js';
