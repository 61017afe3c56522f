import type { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import {
  ArchiveRefused,
  createBackup,
  RestoreRefused,
  restoreBackup,
  verifyArchive,
} from '../backup/index.js';
import { type Config, loadConfig } from '../config.js';
import { type Context, systemClock } from '../context.js';
import { progressBar } from './progress.js';

/**
 * `masthead backup FILE`, `masthead backup verify FILE`, `masthead restore FILE`
 * (docs/operations.md, "Backup and restore"). Progress bars on a terminal, a summary at the end.
 * `createContext` is handed in by cli/index.ts, the one command file that builds contexts.
 */
export function backupCommands(program: Command, createContext: (config: Config) => Promise<Context>): void {
  const backup = program
    .command('backup')
    .description('write one consistent archive of the newsroom (database and media originals) while it runs')
    .argument('<file>', 'the archive to write, e.g. masthead-2026-12-06.tar.gz')
    .action(async (file: string, _opts: unknown, cmd: Command) => {
      const config = loadConfig();
      const bar = progress();
      const summary = await createBackup({ config, now: systemClock }, file, (p) =>
        bar.update(p.phase === 'database' ? 'tables' : 'media files', p.done, p.total),
      ).catch((err: unknown) => {
        bar.stop();
        cmd.error(`Backup failed: ${(err as Error).message}`);
      });
      bar.stop();
      if (!summary) return;
      for (const missing of summary.missingMedia)
        console.warn(`warning: media file ${missing} is missing from the media directory`);
      console.log(
        `Backed up ${summary.tables} tables, ${summary.rows} rows, ${summary.mediaFiles} media files to ${summary.file} ` +
          `(${mb(summary.bytes)}) in ${summary.seconds.toFixed(1)} s.`,
      );
    });

  backup
    .command('verify')
    .description('check an archive against its manifest: every entry, size, checksum and row count')
    .argument('<file>', 'the archive to check')
    .action(async (file: string, _opts: unknown, cmd: Command) => {
      const started = performance.now();
      const bar = progress();
      try {
        const manifest = await verifyArchive(file, (p) =>
          bar.update('entries', p.entries, p.total ?? p.entries),
        );
        bar.stop();
        const rows = manifest.tables.reduce((n, t) => n + t.rows, 0);
        console.log(
          `${file} is intact: Masthead ${manifest.mastheadVersion}, schema ${manifest.schemaMigration}, ` +
            `made ${manifest.createdAt} on ${manifest.source}; ${manifest.tables.length} tables, ${rows} rows, ` +
            `${manifest.media.files} media files (${mb(manifest.media.bytes)}); checked in ` +
            `${((performance.now() - started) / 1000).toFixed(1)} s.`,
        );
      } catch (err) {
        bar.stop();
        cmd.error(
          err instanceof ArchiveRefused ? err.message : `Verification failed: ${(err as Error).message}`,
        );
      }
    });

  program
    .command('restore')
    .description(
      'load an archive into an EMPTY database and data directory (SQLite or PostgreSQL, either way)',
    )
    .argument('<file>', 'an archive written by `masthead backup`')
    .action(async (file: string, _opts: unknown, cmd: Command) => {
      const ctx = await createContext(loadConfig());
      const bar = progress();
      const names = {
        verify: 'entries verified',
        database: 'rows',
        media: 'media files',
        search: 'stories indexed',
      };
      try {
        const s = await restoreBackup(ctx, file, (p) => bar.update(names[p.phase], p.done, p.total));
        bar.stop();
        console.log(
          `Restored ${s.tables} tables, ${s.rows} rows, ${s.mediaFiles} media files (${mb(s.mediaBytes)}) ` +
            `from ${s.manifest.source} into ${ctx.dialect.name}; search index rebuilt (${s.searchIndexed} stories) ` +
            `in ${s.seconds.toFixed(1)} s. Sessions are not restored: everyone signs in again.`,
        );
      } catch (err) {
        bar.stop();
        const known = err instanceof ArchiveRefused || err instanceof RestoreRefused;
        cmd.error(
          known ? (err as Error).message : `Restore failed, nothing was kept: ${(err as Error).message}`,
        );
      } finally {
        await ctx.close();
      }
    });
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** One bar per phase on a terminal (stderr); nothing when output goes to a file or a cron log. */
function progress() {
  const tty = Boolean(process.stderr.isTTY);
  let bar: SingleBar | null = null;
  let label = '';
  return {
    update(what: string, done: number, total: number) {
      if (!tty) return;
      if (what !== label) {
        bar?.stop();
        label = what;
        bar = progressBar({ format: `{bar} {value}/{total} ${what}`, stream: process.stderr });
        bar.start(Math.max(total, done), done);
      }
      bar?.setTotal(Math.max(total, done));
      bar?.update(done);
    },
    stop() {
      bar?.stop();
      bar = null;
    },
  };
}
