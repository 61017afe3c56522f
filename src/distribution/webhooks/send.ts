import { type OutboundPolicy, outboundRequest } from '../../net/index.js';

/**
 * One HTTP POST to a webhook target, through the outbound guard, with a hard timeout, never
 * following redirects (a 3xx is a failed attempt: following it could lead anywhere).
 */
export interface SendResult {
  ok: boolean;
  statusCode: number | null;
  ms: number;
  error: string | null;
}

export const SEND_TIMEOUT_MS = 10_000;
/** We read at most this much of a response, then drop the connection. */
const MAX_RESPONSE_BYTES = 64 * 1024;

export async function postJson(
  target: string,
  body: string,
  headers: Record<string, string>,
  policy: OutboundPolicy,
  timeoutMs = SEND_TIMEOUT_MS,
): Promise<SendResult> {
  const started = performance.now();
  try {
    const res = await outboundRequest(policy, target, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
      timeoutMs,
      maxRedirects: 0,
      maxBytes: MAX_RESPONSE_BYTES,
      userAgent: 'Masthead-Webhooks/1',
    });
    const status = res.status;
    if (status >= 200 && status < 300) return { ok: true, statusCode: status, ms: res.ms, error: null };
    const error =
      status >= 300 && status < 400
        ? `redirect to ${res.headers.location ?? '?'} not followed`
        : `HTTP ${status}`;
    return { ok: false, statusCode: status, ms: res.ms, error };
  } catch (err) {
    return {
      ok: false,
      statusCode: null,
      ms: Math.round(performance.now() - started),
      error: (err as Error).message,
    };
  }
}
