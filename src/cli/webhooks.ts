import type { Command } from 'commander';
import { loadConfig } from '../config.js';
import { type Context, createContext } from '../context.js';
import type { DeliveryStatus } from '../db/index.js';
import {
  addSubscription,
  deliveryAttempts,
  listDeliveries,
  listSubscriptions,
  removeSubscription,
  resendDelivery,
  setSubscriptionActive,
  WebhookError,
} from '../distribution/index.js';

/** `masthead webhook …`: manage subscriptions and inspect deliveries from the shell. */
export function webhookCommands(
  program: Command,
  open: () => Promise<Context> = () => createContext(loadConfig()),
): void {
  const webhook = program.command('webhook').description('webhook subscriptions and deliveries');
  const withCtx = (fn: (ctx: Context) => Promise<void>) => async () => {
    const ctx = await open();
    try {
      await fn(ctx);
    } catch (err) {
      if (!(err instanceof WebhookError)) throw err;
      console.error(err.message);
      process.exitCode = 1;
    } finally {
      await ctx.close();
    }
  };
  const id = (raw: string) => {
    if (!/^\d{1,12}$/.test(raw)) throw new WebhookError(`"${raw}" is not an id`, 400);
    return Number(raw);
  };

  webhook
    .command('add <url>')
    .description('subscribe a URL; prints the signing secret once')
    .option(
      '--events <list>',
      'comma-separated: article.published,article.updated,article.unpublished,article.deleted',
    )
    .option('--description <text>', 'a note for admins', '')
    .action((url: string, o: { events?: string; description: string }) =>
      withCtx(async (ctx) => {
        const sub = await addSubscription(ctx, {
          url,
          description: o.description,
          ...(o.events ? { events: o.events.split(',').map((e) => e.trim()) as never } : {}),
        });
        console.log(`Webhook ${sub.id} → ${sub.url}\nEvents: ${sub.events.join(', ')}`);
        console.log(`Signing secret (shown once): ${sub.secret}`);
      })(),
    );

  webhook
    .command('list')
    .description('list subscriptions')
    .action(
      withCtx(async (ctx) => {
        for (const s of await listSubscriptions(ctx.db)) {
          console.log(`${s.id}\t${s.active ? 'active' : 'disabled'}\t${s.url}\t${s.events.join(',')}`);
        }
      }),
    );

  for (const [name, active] of [
    ['enable', true],
    ['disable', false],
  ] as const) {
    webhook
      .command(`${name} <id>`)
      .description(active ? 'resume deliveries to a subscription' : 'stop deliveries to a subscription')
      .action((raw: string) =>
        withCtx(async (ctx) => {
          const s = await setSubscriptionActive(ctx.db, id(raw), active, ctx.now());
          console.log(`Webhook ${s.id} is ${s.active ? 'active' : 'disabled'}.`);
        })(),
      );
  }

  webhook
    .command('remove <id>')
    .description('delete a subscription and its delivery log')
    .action((raw: string) =>
      withCtx(async (ctx) => {
        await removeSubscription(ctx.db, id(raw));
        console.log(`Removed webhook ${raw}.`);
      })(),
    );

  webhook
    .command('deliveries')
    .description('recent deliveries, newest first')
    .option('--subscription <id>', 'only this subscription')
    .option('--status <status>', 'pending, delivered or failed')
    .option('--limit <n>', 'how many', '20')
    .option('--attempts', 'show every attempt of each delivery')
    .action((o: { subscription?: string; status?: string; limit: string; attempts?: boolean }) =>
      withCtx(async (ctx) => {
        if (o.status && !['pending', 'delivered', 'failed'].includes(o.status))
          throw new WebhookError('--status must be pending, delivered or failed', 400);
        const rows = await listDeliveries(ctx.db, {
          subscriptionId: o.subscription ? id(o.subscription) : undefined,
          status: o.status as DeliveryStatus | undefined,
          limit: Number(o.limit) || 20,
        });
        for (const d of rows) {
          console.log(
            [
              d.id,
              d.status,
              d.event_type,
              `webhook ${d.subscription_id}`,
              `${d.attempts} attempt(s)`,
              d.last_status_code ?? '-',
              d.last_response_ms === null ? '-' : `${d.last_response_ms} ms`,
              d.last_error ?? '',
            ].join('\t'),
          );
          if (o.attempts) {
            for (const a of await deliveryAttempts(ctx.db, d.id))
              console.log(
                `\t${a.attempted_at}\t${a.status_code ?? '-'}\t${a.response_ms} ms\t${a.error ?? 'ok'}`,
              );
          }
        }
      })(),
    );

  webhook
    .command('resend <id>')
    .description('send a delivery again (same event id)')
    .action((raw: string) =>
      withCtx(async (ctx) => {
        const d = await resendDelivery(ctx, id(raw));
        console.log(`Delivery ${d.id} queued again; a running server sends it within seconds.`);
      })(),
    );
}
