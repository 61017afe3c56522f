/**
 * SIGTERM has a deadline: a real `masthead serve` process with one client trickling a request
 * body (which would keep it alive for ever) and one idle keep-alive connection exits within
 * SHUTDOWN_GRACE_SECONDS. In process: the job run in progress finishes before the database
 * closes, nothing new is accepted, and the stop reports whether it had to cut anything.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from './app.js';
import { loadConfig } from './config.js';
import { createContext } from './context.js';
import { startJobs } from './jobs/index.js';
import { shutDown } from './shutdown.js';

const cli = path.join(import.meta.dirname, 'cli/index.ts');

function startServer(
  dir: string,
  env: Record<string, string>,
): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, ['--import', 'tsx', cli, 'serve'], {
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      MASTHEAD_SEED_DEMO: 'never',
      MASTHEAD_DATA_DIR: dir,
      SITE_URL: 'http://127.0.0.1',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 60_000);
    const onData = (c: Buffer) => {
      out += c.toString();
      const port = /serving .* at http:\/\/127\.0\.0\.1:(\d+)\//.exec(out)?.[1];
      if (port) {
        clearTimeout(timer);
        resolve({ child, port: Number(port) });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}: ${out}`));
    });
  });
}

/** A connection that sends a request's headers, then its body one byte every `everyMs`. */
function trickle(port: number, everyMs: number) {
  const socket = net.connect(port, '127.0.0.1');
  socket.on('error', () => {});
  let sent = 0;
  let timer: NodeJS.Timeout | undefined;
  const bytesSent = new Promise<void>((resolve) => {
    socket.once('connect', () => {
      socket.write(
        'POST /api/admin/session HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n' +
          'Content-Length: 100000\r\n\r\n{',
      );
      timer = setInterval(() => {
        socket.write(' ');
        if (++sent === 3) resolve();
      }, everyMs);
    });
  });
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  socket.once('close', () => clearInterval(timer));
  return { bytesSent, closed, stop: () => socket.destroy() };
}

/** A keep-alive connection that made one request and now sits idle. */
async function idleKeepAlive(port: number) {
  const socket = net.connect(port, '127.0.0.1');
  socket.on('error', () => {});
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  const answered = new Promise<string>((resolve) => socket.once('data', (c) => resolve(c.toString())));
  socket.write('GET /robots.txt HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n');
  expect(await answered).toMatch(/^HTTP\/1\.1 200/);
  return { closed, stop: () => socket.destroy() };
}

describe('stopping the server', () => {
  const cleanups: (() => unknown)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });
  const tempDir = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-stop-'));
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    return dir;
  };

  it('a SIGTERM ends the process within SHUTDOWN_GRACE_SECONDS despite a client trickling a body', async () => {
    const { child, port } = await startServer(tempDir(), { SHUTDOWN_GRACE_SECONDS: '2' });
    const exited = new Promise<{ code: number | null; at: number }>((resolve) =>
      child.once('exit', (code) => resolve({ code, at: Date.now() })),
    );
    cleanups.push(() => child.kill('SIGKILL'));
    const idle = await idleKeepAlive(port);
    const slow = trickle(port, 100);
    cleanups.push(idle.stop, slow.stop);
    await slow.bytesSent;

    const sentAt = Date.now();
    child.kill('SIGTERM');
    let bound: NodeJS.Timeout | undefined;
    const { code, at } = await Promise.race([
      exited,
      new Promise<never>((_, reject) => {
        bound = setTimeout(() => reject(new Error('still running 10 s after SIGTERM')), 10_000);
      }),
    ]);
    clearTimeout(bound);
    // Idle keep-alive connections are closed at once; the trickler is cut at the deadline.
    await idle.closed;
    await slow.closed;
    expect(at - sentAt).toBeGreaterThanOrEqual(1_900);
    expect(at - sentAt).toBeLessThan(3_000);
    expect(code).toBe(1); // forced: something had to be cut
  }, 90_000);

  it('lets the job run in progress finish, accepts nothing new, and closes the database last', async () => {
    const dir = tempDir();
    const ctx = await createContext(loadConfig({ MASTHEAD_DATA_DIR: dir, LOG_LEVEL: 'silent' }));
    const app = await buildApp(ctx);
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as net.AddressInfo;
    const events: string[] = [];
    let started: () => void = () => {};
    const running = new Promise<void>((resolve) => {
      started = resolve;
    });
    let finish: () => void = () => {};
    const stopJobs = startJobs(ctx, [
      {
        name: 'slow-job',
        intervalMs: 60_000,
        run: () =>
          new Promise<void>((resolve) => {
            started();
            finish = () => {
              events.push('job finished');
              resolve();
            };
          }),
      },
    ]);
    await running;
    const log = { info: () => {}, warn: () => {} };
    const stopped = shutDown(
      {
        app,
        stopJobs,
        closeContext: async () => {
          events.push('database closed');
          await ctx.close();
        },
        log,
      },
      5_000,
    );
    // No new connections once the stop began.
    const refused = await new Promise<string>((resolve) => {
      const s = net.connect(port, '127.0.0.1');
      s.once('connect', () => {
        s.destroy();
        resolve('accepted');
      });
      s.once('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? 'error'));
    });
    expect(refused).toBe('ECONNREFUSED');
    expect(events).toEqual([]);
    finish();
    expect(await stopped).toBe('clean');
    expect(events).toEqual(['job finished', 'database closed']);
  });
});
