import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';

/**
 * A real `masthead serve` process for the several-nodes tests (cache/nodes.test.ts,
 * site/live-nodes.test.ts): started from the sources with tsx on a free loopback port, no demo
 * seed; resolves once it says where it serves. `out` is everything it printed, for failures.
 */
const cli = path.join(import.meta.dirname, '../cli/index.ts');

export interface Node {
  child: ChildProcess;
  base: string;
  out: () => string;
}

export function startNode(env: Record<string, string>): Promise<Node> {
  const child = spawn(process.execPath, ['--import', 'tsx', cli, 'serve'], {
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      MASTHEAD_SEED_DEMO: 'never',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (c: Buffer) => {
    out += c.toString();
  });
  child.stderr?.on('data', (c: Buffer) => {
    out += c.toString();
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`node did not start: ${out}`)), 60_000);
    const check = setInterval(() => {
      const port = /serving .* at http:\/\/127\.0\.0\.1:(\d+)\//.exec(out)?.[1];
      if (port) {
        clearInterval(check);
        clearTimeout(timer);
        resolve({ child, base: `http://127.0.0.1:${port}`, out: () => out });
      }
    }, 20);
    child.on('exit', (code) => {
      clearInterval(check);
      reject(new Error(`node exited with ${code}: ${out}`));
    });
  });
}
