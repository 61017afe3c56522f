import http from 'node:http';
import type { AddressInfo } from 'node:net';
import serveHandler from 'serve-handler';

// Test helper (serve-handler is a dev dependency): never imported by the running app.
/**
 * A plain static server: files as they are, and the one rule every static host shares — a URL
 * ending in "/" serves that directory's index.html. No clean URLs, no redirects, no listings.
 */
export async function staticServer(dir: string): Promise<{ origin: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const [p = '/', q] = (req.url ?? '/').split('?');
    req.url = (p.endsWith('/') ? `${p}index.html` : p) + (q ? `?${q}` : '');
    void serveHandler(req, res, { public: dir, cleanUrls: false, directoryListing: false, etag: true });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
