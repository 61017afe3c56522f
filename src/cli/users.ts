import type { Command } from 'commander';
import { createPasswordReset, createUser, listUsers, randomSecret, userByEmail } from '../accounts/index.js';
import { loadConfig } from '../config.js';
import { createContext } from '../context.js';
import { ROLES, type Role } from '../db/index.js';

/** `masthead user create | list | reset-password`: first-run and recovery without the web app. */
export function userCommands(program: Command): void {
  const user = program.command('user').description('newsroom accounts');

  user
    .command('create')
    .description('create a user; prints a generated password unless --password is given')
    .requiredOption('--email <email>', 'sign-in email')
    .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`)
    .option('--name <name>', 'display name (default: the part of the email before @)')
    .option('--password <password>', 'at least 12 characters (prefer the generated one)')
    .action(async (opts: { email: string; role: string; name?: string; password?: string }) => {
      if (!(ROLES as string[]).includes(opts.role))
        throw new Error(`--role must be one of ${ROLES.join(', ')}`);
      const ctx = await createContext(loadConfig());
      try {
        const password = opts.password ?? randomSecret().slice(0, 24);
        const row = await createUser(
          ctx.db,
          {
            email: opts.email,
            name: opts.name ?? opts.email.split('@')[0] ?? opts.email,
            password,
            role: opts.role as Role,
          },
          ctx.now().toISOString(),
        );
        console.log(`Created ${row.role} ${row.email} (id ${row.id}).`);
        if (!opts.password) console.log(`Password (shown once): ${password}`);
      } finally {
        await ctx.close();
      }
    });

  user
    .command('list')
    .description('list users')
    .action(async () => {
      const ctx = await createContext(loadConfig());
      try {
        for (const u of await listUsers(ctx.db)) {
          console.log(
            `${String(u.id).padStart(4)}  ${u.role.padEnd(11)} ${u.active ? 'active  ' : 'disabled'}  ${u.email}`,
          );
        }
      } finally {
        await ctx.close();
      }
    });

  user
    .command('reset-password')
    .description('print a one-time password reset link (valid for an hour)')
    .requiredOption('--email <email>', 'the user')
    .action(async (opts: { email: string }) => {
      const config = loadConfig();
      const ctx = await createContext(config);
      try {
        const u = await userByEmail(ctx.db, opts.email);
        if (!u) throw new Error(`no user with email ${opts.email}`);
        const token = await createPasswordReset(ctx.db, u.id, ctx.now());
        console.log(`Reset link for ${u.email} (one use, valid for an hour):`);
        console.log(`${config.site.url}/admin/reset-password?token=${token}`);
        console.log(
          `Without the admin app: POST /api/admin/password-reset {"token":"${token}","newPassword":"…"}`,
        );
      } finally {
        await ctx.close();
      }
    });
}
