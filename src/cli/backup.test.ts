import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command, CommanderError } from 'commander';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createContext } from '../context.js';
import { type TestEnv, testEnv } from '../test/context.js';
import { createPgDatabase, testDialects } from '../test/databases.js';
import { seedFixture } from '../test/fixtures.js';
import { COPIED } from '../backup/tables.js';
import { backupCommands } from './backup.js';

/** `masthead backup FILE | backup verify FILE | restore FILE` as an operator runs them. */
describe.each(testDialects())('the backup commands on %s', (dialect) => {
  let env: TestEnv;
  let file: string;
  const saved = { ...process.env };
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-backup-cli-'));

  /** Runs `masthead …args` in this process with `vars` as its environment; what it printed, its exit code. */
  const masthead = async (vars: Record<string, string>, ...args: string[]) => {
    const out: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((...a) => void out.push(a.join(' ')));
    const err = vi.spyOn(process.stderr, 'write').mockImplementation((s) => {
      out.push(String(s));
      return true;
    });
    process.env = { ...saved, LOG_LEVEL: 'silent', SITE_URL: 'https://news.example.com', ...vars };
    try {
      const program = new Command('masthead').exitOverride();
      backupCommands(program, createContext);
      await program.parseAsync(['node', 'masthead', ...args]);
      return { out: out.join('\n'), code: 0 };
    } catch (e) {
      if (!(e instanceof CommanderError)) throw e;
      return { out: out.join('\n'), code: e.exitCode };
    } finally {
      log.mockRestore();
      err.mockRestore();
      process.env = saved;
    }
  };
  const sourceVars = () => {
    const db = env.ctx.config.database;
    return { MASTHEAD_DATA_DIR: env.dir, ...(db.kind === 'postgres' ? { DATABASE_URL: db.url } : {}) };
  };

  beforeAll(async () => {
    env = await testEnv(dialect);
    const f = await seedFixture(env.ctx, env.dir);
    await f.publish({ headline: 'Bridge reopens after repairs' });
    file = path.join(scratch, 'backup.tar.gz');
  });
  afterAll(async () => {
    process.env = saved;
    await env?.close();
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  it('writes an archive and sums it up', async () => {
    const { out, code } = await masthead(sourceVars(), 'backup', file);
    expect(code).toBe(0);
    expect(out).toMatch(
      new RegExp(
        `Backed up ${COPIED.length} tables, \\d+ rows, 1 media files to .*backup\\.tar\\.gz \\([\\d.]+ MB\\) in [\\d.]+ s\\.`,
      ),
    );
    expect(fs.readdirSync(scratch)).toEqual(['backup.tar.gz']); // no partial file, no snapshot copy left
  });

  it('verifies it, and refuses a truncated copy with exit status 1', async () => {
    const ok = await masthead(sourceVars(), 'backup', 'verify', file);
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('is intact');
    const cut = path.join(scratch, 'cut.tar.gz');
    fs.writeFileSync(cut, fs.readFileSync(file).subarray(0, 2000));
    const bad = await masthead(sourceVars(), 'backup', 'verify', cut);
    expect(bad.code).toBe(1);
    expect(bad.out).toContain('truncated');
    fs.rmSync(cut);
  });

  it('restores into an empty database and refuses a second time', async () => {
    const target = fs.mkdtempSync(path.join(scratch, 'target-'));
    const pgDb = dialect === 'postgres' ? await createPgDatabase() : null;
    const vars = { MASTHEAD_DATA_DIR: target, ...(pgDb ? { DATABASE_URL: pgDb.url } : {}) };
    try {
      const first = await masthead(vars, 'restore', file);
      expect(first.code).toBe(0);
      expect(first.out).toMatch(
        new RegExp(
          `Restored ${COPIED.length} tables, \\d+ rows, 1 media files .* search index rebuilt \\(1 stories\\)`,
        ),
      );
      expect(first.out).toContain('Sessions are not restored');
      const again = await masthead(vars, 'restore', file);
      expect(again.code).toBe(1);
      expect(again.out).toContain('the database is not empty');
    } finally {
      await pgDb?.drop();
    }
  });
});
