import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { checkAddress, guardedLookup, hostOf, type TargetPolicy } from './ssrf.js';

/**
 * One HTTP POST to a webhook target, through the SSRF guard, with a hard timeout, never
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

export function postJson(
  target: string,
  body: string,
  headers: Record<string, string>,
  policy: TargetPolicy,
  timeoutMs = SEND_TIMEOUT_MS,
): Promise<SendResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  return new Promise((resolve) => {
    let settled = false;
    const finish = (r: Omit<SendResult, 'ms'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...r, ms: elapsed() });
    };
    let url: URL;
    try {
      url = new URL(target);
      if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('only http(s) targets');
      // Literal IP hosts skip DNS (and so the lookup hook): check them here.
      const host = hostOf(url);
      if (isIP(host)) checkAddress(policy, host, host);
    } catch (err) {
      settled = true;
      resolve({ ok: false, statusCode: null, ms: elapsed(), error: (err as Error).message });
      return;
    }
    const client = url.protocol === 'https:' ? https : http;
    const req = client.request(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
        'user-agent': 'Masthead-Webhooks/1',
        ...headers,
      },
      lookup: guardedLookup(policy),
      agent: false,
    });
    const timer = setTimeout(() => {
      req.destroy(new Error(`timed out after ${timeoutMs} ms`));
    }, timeoutMs);
    req.on('response', (res) => {
      const status = res.statusCode ?? 0;
      let read = 0;
      res.on('data', (chunk: Buffer) => {
        read += chunk.length;
        if (read > MAX_RESPONSE_BYTES) res.destroy();
      });
      const done = () => {
        if (status >= 200 && status < 300) finish({ ok: true, statusCode: status, error: null });
        else if (status >= 300 && status < 400)
          finish({
            ok: false,
            statusCode: status,
            error: `redirect to ${res.headers.location ?? '?'} not followed`,
          });
        else finish({ ok: false, statusCode: status, error: `HTTP ${status}` });
      };
      res.on('end', done);
      res.on('close', done);
      res.on('error', done);
    });
    req.on('error', (err) => finish({ ok: false, statusCode: null, error: err.message }));
    req.end(body);
  });
}
