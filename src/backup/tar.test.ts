import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readTar, TAR_END, TarError, tarHeader, tarPadding } from './tar.js';

function archive(files: [string, Buffer][]): Buffer {
  const at = new Date('2026-01-01T10:00:00Z');
  return Buffer.concat([
    ...files.flatMap(([name, data]) => [tarHeader(name, data.length, at), data, tarPadding(data.length)]),
    TAR_END,
  ]);
}

/** Feeds `bytes` in pieces of `size`, the way a stream hands them over. */
async function* pieces(bytes: Buffer, size = 100): AsyncGenerator<Buffer> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function readAll(bytes: Buffer, size?: number) {
  const out: [string, string][] = [];
  for await (const e of readTar(pieces(bytes, size))) {
    const parts: Buffer[] = [];
    for await (const p of e.body) parts.push(p);
    out.push([e.name, Buffer.concat(parts).toString()]);
  }
  return out;
}

const long = `media/originals/${'a'.repeat(60)}/${'b'.repeat(60)}/${'c'.repeat(70)}.jpg`;
const files: [string, Buffer][] = [
  ['db/01-media.0001.jsonl', Buffer.from('{"id":1}\n{"id":2}\n')],
  ['db/02-empty.0001.jsonl', Buffer.alloc(0)],
  [long, Buffer.alloc(1300, 7)],
  ['manifest.json', Buffer.from('{"é":"ü"}')],
];

describe('ustar writer and reader', () => {
  it('reads back what it wrote, whatever the piece sizes', async () => {
    const bytes = archive(files);
    for (const size of [1, 100, 512, 4096, 1 << 20]) {
      expect(await readAll(bytes, size)).toEqual(files.map(([n, d]) => [n, d.toString()]));
    }
  });

  it('skips an entry the caller did not read', async () => {
    const names: string[] = [];
    for await (const e of readTar(pieces(archive(files)))) names.push(e.name);
    expect(names).toEqual(files.map(([n]) => n));
  });

  it('writes archives GNU tar reads (long names through the ustar prefix)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-tar-'));
    try {
      const file = path.join(dir, 'a.tar.gz');
      fs.writeFileSync(file, gzipSync(archive(files)));
      let listing: string;
      try {
        listing = execFileSync('tar', ['-tzf', file], { encoding: 'utf8' });
      } catch {
        return; // no tar on this machine
      }
      expect(listing.trim().split('\n')).toEqual(files.map(([n]) => n));
      execFileSync('tar', ['-xzf', file, '-C', dir]);
      expect(fs.readFileSync(path.join(dir, long))).toEqual(Buffer.alloc(1300, 7));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a damaged header, a cut-short archive and a missing end marker', async () => {
    const bytes = archive(files);
    const damaged = Buffer.from(bytes);
    damaged[10] = 0x41; // inside the first name: the header checksum no longer matches
    await expect(readAll(damaged)).rejects.toThrow(/checksum mismatch/);
    await expect(readAll(bytes.subarray(0, 1024 + 300))).rejects.toThrow(/truncated/);
    await expect(readAll(bytes.subarray(0, bytes.length - 1024))).rejects.toThrow(/end marker/);
    await expect(readAll(Buffer.alloc(512, 0x20))).rejects.toThrow(TarError);
  });

  it('refuses names and sizes a header cannot hold', () => {
    expect(() => tarHeader('x'.repeat(300), 1, new Date())).toThrow(/too long/);
    expect(() => tarHeader('big', 8 ** 11, new Date())).toThrow(/at most/);
  });
});
