import fs from 'node:fs';
import type { Command } from 'commander';
import { type Config, loadConfig } from '../config.js';
import type { Context } from '../context.js';
import { GhostExportError, importGhost, importWordpress, recordImport, WxrError } from '../import/index.js';

/**
 * `masthead import wordpress FILE.xml [--media-dir DIR] [--report FILE]` and
 * `masthead import ghost FILE.json [--media-dir DIR] [--report FILE]` (docs/operations.md,
 * "Importing from WordPress", "Importing from Ghost"). `createContext` is handed in by cli/index.ts.
 */
export function importCommands(program: Command, createContext: (config: Config) => Promise<Context>): void {
  const group = program.command('import').description('bring an archive in from another system');
  group
    .command('wordpress')
    .description('import a WordPress export (WXR 1.0–1.2): posts, pages, categories, tags, authors, images')
    .argument('<file>', 'the export file (Tools → Export → All content)')
    .option('--media-dir <dir>', "a copy of the old site's wp-content/uploads")
    .option('--report <file>', 'where to write the JSON report', '')
    .action(async (file: string, opts: { mediaDir?: string; report: string }, cmd: Command) => {
      if (!fs.existsSync(file)) cmd.error(`Import failed: ${file} does not exist`);
      if (opts.mediaDir && !fs.statSync(opts.mediaDir, { throwIfNoEntry: false })?.isDirectory())
        cmd.error(`Import failed: --media-dir ${opts.mediaDir} is not a directory`);
      const ctx = await createContext(loadConfig());
      const started = performance.now();
      try {
        const report = await recordImport(ctx.db, 'wordpress', file, ctx.now, () =>
          importWordpress({
            db: ctx.db,
            file,
            uploadsDir: opts.mediaDir,
            mediaDir: ctx.config.mediaDir,
            timeZone: ctx.config.site.timeZone,
            now: ctx.now,
            onProgress: (n) => {
              if (process.stderr.isTTY) process.stderr.write(`\r${n} items`);
            },
          }),
        );
        if (process.stderr.isTTY) process.stderr.write('\n');
        const out = opts.report || `${file}.report.json`;
        fs.writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
        const c = report.counts;
        const seconds = (performance.now() - started) / 1000;
        console.log(
          `Imported ${c.posts} posts and ${c.pages} pages (${c.alreadyImported} already imported, ${c.skipped} skipped, ${c.failed} failed), ` +
            `${c.sections} sections, ${c.tags} tags, ${c.authors} bylines, ${c.media} images, ${c.redirects} redirects; ` +
            `${c.commentsIgnored} comments ignored; in ${seconds.toFixed(1)} s.`,
        );
        console.log(
          `${report.posts.length} items with something to check, ${report.missingMedia.length} missing files: ${out}`,
        );
      } catch (err) {
        cmd.error(`Import failed: ${err instanceof WxrError ? err.message : (err as Error).stack}`);
      } finally {
        await ctx.close();
      }
    });
  group
    .command('ghost')
    .description('import a Ghost JSON export (Ghost 1–6): posts, pages, tags, authors, images')
    .argument('<file>', 'the export file (Settings → Advanced → Import/Export → Export)')
    .option('--media-dir <dir>', "a copy of the old site's content/images")
    .option('--report <file>', 'where to write the JSON report', '')
    .action(async (file: string, opts: { mediaDir?: string; report: string }, cmd: Command) => {
      if (!fs.existsSync(file)) cmd.error(`Import failed: ${file} does not exist`);
      if (opts.mediaDir && !fs.statSync(opts.mediaDir, { throwIfNoEntry: false })?.isDirectory())
        cmd.error(`Import failed: --media-dir ${opts.mediaDir} is not a directory`);
      const ctx = await createContext(loadConfig());
      const started = performance.now();
      try {
        const report = await recordImport(ctx.db, 'ghost', file, ctx.now, () =>
          importGhost({
            db: ctx.db,
            file,
            uploadsDir: opts.mediaDir,
            mediaDir: ctx.config.mediaDir,
            siteUrl: ctx.config.site.url,
            timeZone: ctx.config.site.timeZone,
            now: ctx.now,
            onProgress: (n) => {
              if (process.stderr.isTTY) process.stderr.write(`\r${n} posts`);
            },
          }),
        );
        if (process.stderr.isTTY) process.stderr.write('\n');
        const out = opts.report || `${file}.report.json`;
        fs.writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
        const c = report.counts;
        const seconds = (performance.now() - started) / 1000;
        console.log(
          `Imported ${c.posts} posts and ${c.pages} pages from Ghost ${report.ghostVersion} (${c.alreadyImported} already imported, ${c.skipped} skipped, ${c.failed} failed), ` +
            `${c.sections} sections, ${c.tags} tags (${c.internalTagsIgnored} internal tags ignored), ${c.authors} bylines, ${c.media} images, ${c.redirects} redirects; in ${seconds.toFixed(1)} s.`,
        );
        console.log(
          `${report.posts.length} posts with something to check, ${report.missingMedia.length} missing files: ${out}`,
        );
      } catch (err) {
        cmd.error(`Import failed: ${err instanceof GhostExportError ? err.message : (err as Error).stack}`);
      } finally {
        await ctx.close();
      }
    });
}
