import fs from 'node:fs';
import type { Command } from 'commander';
import { type Config, loadConfig } from '../config.js';
import type { Context } from '../context.js';
import {
  GhostExportError,
  type ImportRun,
  importGhost,
  importWordpress,
  type PostReport,
  recordImport,
  WxrError,
} from '../import/index.js';

/**
 * `masthead import wordpress FILE.xml [--media-dir DIR] [--report FILE] [--users]` and
 * `masthead import ghost FILE.json [--media-dir DIR] [--report FILE] [--users]` (docs/operations.md,
 * "Importing from WordPress", "Importing from Ghost"). `createContext` is handed in by cli/index.ts.
 */

interface Source {
  kind: ImportRun['kind'];
  description: string;
  file: string;
  mediaDir: string;
  /** What one progress step counts. */
  unit: string;
  run(
    ctx: Context,
    file: string,
    uploadsDir: string | undefined,
    users: boolean,
    onProgress: (n: number) => void,
  ): Promise<{ counts: Record<string, number | string>; posts: PostReport[]; missingMedia: string[] }>;
  /** The counts line, in words. */
  summary(report: { counts: Record<string, number | string> }, seconds: number): string;
  /** Errors that are the file's fault: said in one line. */
  refused(err: unknown): boolean;
}

const SOURCES: Source[] = [
  {
    kind: 'wordpress',
    description: 'import a WordPress export (WXR 1.0–1.2): posts, pages, categories, tags, authors, images',
    file: 'the export file (Tools → Export → All content)',
    mediaDir: "a copy of the old site's wp-content/uploads",
    unit: 'items',
    run: async (ctx, file, uploadsDir, users, onProgress) => {
      const r = await importWordpress({
        users,
        db: ctx.db,
        file,
        uploadsDir,
        mediaDir: ctx.config.mediaDir,
        timeZone: ctx.config.site.timeZone,
        now: ctx.now,
        onProgress,
      });
      return r;
    },
    summary: ({ counts: c }, s) =>
      `Imported ${c.posts} posts and ${c.pages} pages (${c.alreadyImported} already imported, ${c.skipped} skipped, ${c.failed} failed), ` +
      `${c.sections} sections, ${c.tags} tags, ${c.authors} bylines, ${c.media} images, ${c.redirects} redirects; ` +
      `${c.commentsIgnored} comments ignored; in ${s.toFixed(1)} s.`,
    refused: (err) => err instanceof WxrError,
  },
  {
    kind: 'ghost',
    description: 'import a Ghost JSON export (Ghost 1–6): posts, pages, tags, authors, images',
    file: 'the export file (Settings → Advanced → Import/Export → Export)',
    mediaDir: "a copy of the old site's content/images",
    unit: 'posts',
    run: async (ctx, file, uploadsDir, users, onProgress) => {
      const r = await importGhost({
        users,
        db: ctx.db,
        file,
        uploadsDir,
        mediaDir: ctx.config.mediaDir,
        siteUrl: ctx.config.site.url,
        timeZone: ctx.config.site.timeZone,
        now: ctx.now,
        onProgress,
      });
      return { ...r, counts: { ...r.counts, ghostVersion: r.ghostVersion } };
    },
    summary: ({ counts: c }, s) =>
      `Imported ${c.posts} posts and ${c.pages} pages from Ghost ${c.ghostVersion} (${c.alreadyImported} already imported, ${c.skipped} skipped, ${c.failed} failed), ` +
      `${c.sections} sections, ${c.tags} tags (${c.internalTagsIgnored} internal tags ignored), ${c.authors} bylines, ${c.media} images, ${c.redirects} redirects; in ${s.toFixed(1)} s.`,
    refused: (err) => err instanceof GhostExportError,
  },
];

export function importCommands(program: Command, createContext: (config: Config) => Promise<Context>): void {
  const group = program.command('import').description('bring an archive in from another system');
  for (const source of SOURCES) {
    group
      .command(source.kind)
      .description(source.description)
      .argument('<file>', source.file)
      .option('--media-dir <dir>', source.mediaDir)
      .option('--report <file>', 'where to write the JSON report', '')
      .option(
        '--users',
        'also make a contributor account, with no password, for each author with an email address',
        false,
      )
      .action(
        async (file: string, opts: { mediaDir?: string; report: string; users: boolean }, cmd: Command) => {
          if (!fs.existsSync(file)) cmd.error(`Import failed: ${file} does not exist`);
          if (opts.mediaDir && !fs.statSync(opts.mediaDir, { throwIfNoEntry: false })?.isDirectory())
            cmd.error(`Import failed: --media-dir ${opts.mediaDir} is not a directory`);
          const ctx = await createContext(loadConfig());
          const started = performance.now();
          try {
            // The run is on record (the app's Imports screen), its report also in a file.
            const report = await recordImport(ctx.db, source.kind, file, ctx.now, () =>
              source.run(ctx, file, opts.mediaDir, opts.users, (n) => {
                if (process.stderr.isTTY) process.stderr.write(`\r${n} ${source.unit}`);
              }),
            );
            if (process.stderr.isTTY) process.stderr.write('\n');
            const out = opts.report || `${file}.report.json`;
            fs.writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
            console.log(source.summary(report, (performance.now() - started) / 1000));
            if (opts.users)
              console.log(
                `${report.counts.accounts} accounts made for bylines, without passwords: each signs in after \`masthead user reset-password --email EMAIL\` gives them a link.`,
              );
            console.log(
              `${report.posts.length} ${source.unit} with something to check, ${report.missingMedia.length} missing files: ${out}`,
            );
          } catch (err) {
            cmd.error(
              `Import failed: ${source.refused(err) ? (err as Error).message : (err as Error).stack}`,
            );
          } finally {
            await ctx.close();
          }
        },
      );
  }
}
