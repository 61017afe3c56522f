import http from 'node:http';

/** A server-sent event as a reader receives it. */
export interface SseEvent {
  event: string;
  id?: string;
  data: string;
}

/**
 * A server-sent events reader over plain HTTP (what EventSource does, without a browser):
 * `next()` waits for the next event, never longer than `timeoutMs`.
 */
export interface SseReader {
  status: number;
  next(timeoutMs?: number): Promise<SseEvent>;
  /** Resolves when the server has ended the stream. */
  closed: Promise<void>;
  close(): void;
}

export function openSse(url: string, headers: Record<string, string> = {}): Promise<SseReader> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers: { accept: 'text/event-stream', ...headers } }, (res) => {
      const queue: SseEvent[] = [];
      const waiting: ((e: SseEvent) => void)[] = [];
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let cut = buffer.indexOf('\n\n');
        while (cut >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          cut = buffer.indexOf('\n\n');
          const e: SseEvent = { event: 'message', data: '' };
          let any = false;
          for (const line of block.split('\n')) {
            if (line.startsWith(':') || !line) continue;
            const at = line.indexOf(':');
            const field = at < 0 ? line : line.slice(0, at);
            const value = at < 0 ? '' : line.slice(at + 1).replace(/^ /, '');
            if (field === 'event') e.event = value;
            else if (field === 'data') e.data += value;
            else if (field === 'id') e.id = value;
            else continue;
            any = true;
          }
          if (!any || (e.event === 'message' && !e.data)) continue;
          const w = waiting.shift();
          if (w) w(e);
          else queue.push(e);
        }
      });
      const closed = new Promise<void>((done) => res.on('close', () => done()));
      resolve({
        status: res.statusCode ?? 0,
        closed,
        next(timeoutMs = 5000) {
          const ready = queue.shift();
          if (ready) return Promise.resolve(ready);
          return new Promise((ok, fail) => {
            const timer = setTimeout(() => {
              waiting.splice(waiting.indexOf(got), 1);
              fail(new Error(`no event within ${timeoutMs} ms`));
            }, timeoutMs);
            const got = (e: SseEvent) => {
              clearTimeout(timer);
              ok(e);
            };
            waiting.push(got);
          });
        },
        close: () => req.destroy(),
      });
    });
    req.on('error', reject);
  });
}
