import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrationNames } from '../db/index.js';
import { type TestEnv, testEnv } from '../test/context.js';
import { type Manifest, MANIFEST, verifyArchive } from './archive.js';
import { RestoreRefused, restoreBackup } from './restore.js';
import { TAR_END, tarHeader, tarPadding } from './tar.js';

/** A hand-made archive whose manifest matches its entries: only the rules of the format can refuse it. */
function handMade(dir: string, entries: [string, string][], manifest: Partial<Manifest> = {}): string {
  const at = new Date('2026-01-01T00:00:00Z');
  const full: Manifest = {
    format: 'masthead-backup',
    formatVersion: 1,
    mastheadVersion: '0.1.0',
    createdAt: at.toISOString(),
    source: 'sqlite',
    schemaMigration: migrationNames[migrationNames.length - 1] as string,
    migrations: [...migrationNames],
    tables: [],
    media: { files: 0, bytes: 0, missing: [] },
    entries: entries.map(([name, text]) => ({
      name,
      bytes: Buffer.byteLength(text),
      sha256: createHash('sha256').update(text).digest('hex'),
    })),
    ...manifest,
  };
  const parts = [...entries, [MANIFEST, JSON.stringify(full)] as [string, string]].flatMap(([name, text]) => {
    const data = Buffer.from(text);
    return [tarHeader(name, data.length, at), data, tarPadding(data.length)];
  });
  const file = path.join(dir, `hand-made-${Math.random().toString(36).slice(2)}.tar.gz`);
  fs.writeFileSync(file, gzipSync(Buffer.concat([...parts, TAR_END])));
  return file;
}

describe('the rules of the archive format', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await testEnv('sqlite');
  });
  afterAll(() => env?.close());

  it('refuses entries that would land outside the media directory, even with matching checksums', async () => {
    for (const name of [
      'media/../../etc/cron.d/evil',
      'media/originals/../../x.jpg',
      '/etc/passwd',
      'notes.txt',
    ]) {
      const file = handMade(env.dir, [[name, 'x']]);
      await expect(verifyArchive(file)).rejects.toThrow(/unexpected entry/);
    }
  });

  it('refuses an archive without a manifest, or with one that is not ours', async () => {
    const bare = path.join(env.dir, 'bare.tar.gz');
    fs.writeFileSync(
      bare,
      gzipSync(Buffer.concat([tarHeader('a.txt', 1, new Date()), Buffer.from('a'), tarPadding(1), TAR_END])),
    );
    await expect(verifyArchive(bare)).rejects.toThrow(/no manifest/);
    await expect(verifyArchive(handMade(env.dir, [], { format: 'other' } as never))).rejects.toThrow(
      /not a Masthead backup manifest/,
    );
    const notGzip = path.join(env.dir, 'plain.txt');
    fs.writeFileSync(notGzip, 'just text');
    await expect(verifyArchive(notGzip)).rejects.toThrow(/damaged/);
    await expect(verifyArchive(path.join(env.dir, 'nowhere.tar.gz'))).rejects.toThrow(/no such file/);
  });

  it('refuses row counts that do not match the manifest', async () => {
    const file = handMade(
      env.dir,
      [['db/11-settings.0001.jsonl', '{"key":"a","value":"b","updated_at":"2026-01-01T00:00:00.000Z"}\n']],
      {
        tables: [{ name: 'settings', rows: 2, idHighWater: 0 }],
      },
    );
    await expect(verifyArchive(file)).rejects.toThrow(/settings has 1 rows; the manifest says 2/);
  });

  it('refuses an archive made by a newer Masthead before writing anything', async () => {
    const file = handMade(env.dir, [], { migrations: [...migrationNames, '2099-01-01-999-future'] });
    await expect(restoreBackup(env.ctx, file)).rejects.toThrow(RestoreRefused);
    await expect(restoreBackup(env.ctx, file)).rejects.toThrow(/newer Masthead/);
  });
});
