/** Webhooks: subscriptions, the outbox written with every article change, and its dispatcher. */

export { BlockedTargetError, checkTarget, isNonPublicAddress } from '../../net/index.js';
export { backoffMs, bodyOf, claimDue, type DispatchResult, dispatchDue } from './dispatcher.js';
export {
  enqueueAlertEvents,
  enqueueArticleEvents,
  eventFor,
  insertDeliveries,
  payloadOf,
  WEBHOOK_EVENTS,
} from './events.js';
export { postJson, type SendResult } from './send.js';
export { generateSecret, sign, verify } from './signature.js';
export {
  addSubscription,
  deliveryAttempts,
  listDeliveries,
  listSubscriptions,
  purgeOldDeliveries,
  removeSubscription,
  resendDelivery,
  type SubscriptionInput,
  type SubscriptionView,
  setSubscriptionActive,
  WebhookError,
} from './subscriptions.js';
