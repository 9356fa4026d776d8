import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { emailSchema, passwordSchema, staffRoleSchema } from '@nabolag/schema';
import pg from 'pg';
import { z } from 'zod';
import { ConfigError, loadConfig } from './config.ts';
import { type EmbeddedDatabase, findRunningEmbedded, startEmbeddedDatabase } from './db/embedded.ts';
import { migrate } from './db/migrate.ts';
import { withTransaction } from './db/queryable.ts';
import { recordAudit } from './modules/audit/audit.repository.ts';
import { deleteSessionsOfUser } from './modules/auth/sessions.repository.ts';
import { findOrganisationBySlug } from './modules/organisations/organisations.repository.ts';
import { hashPassword } from './modules/users/passwords.ts';
import {
  findUserForLogin,
  insertUser,
  listAllUsers,
  updateUser,
  upsertMembership,
} from './modules/users/users.repository.ts';

const USAGE = `Nabolag operator commands (pnpm nabolag …)

  user add --email E [--name N] [--roles admin,planner,facilitator] [--organisation SLUG]
           [--operator] [--password P]
  user list
  user reset-password --email E [--password P]
  user disable --email E
  user enable --email E

Without --password the password is read from standard input (or asked for on a terminal).
--roles are roles across the organisation (default: the organisation "default");
--operator makes the user the instance operator, who manages organisations.
The database is the one the server uses: DATABASE_URL, or the embedded one in NABOLAG_DATA_DIR
(reached through the running server when it runs).`;

class UsageError extends Error {}

async function readPassword(given: string | undefined): Promise<string> {
  if (given) return given;
  const lines = createInterface({
    input: process.stdin,
    output: process.stdin.isTTY ? process.stdout : undefined,
  });
  const answer = await lines.question(process.stdin.isTTY ? 'Password (at least 12 characters): ' : '');
  lines.close();
  return answer.trim();
}

function parse<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (!result.success)
    throw new UsageError(`${what}: ${result.error.issues.map((issue) => issue.message).join('; ')}`);
  return result.data;
}

async function run(argv: string[], pool: pg.Pool): Promise<void> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      roles: { type: 'string' },
      password: { type: 'string' },
      organisation: { type: 'string' },
      operator: { type: 'boolean' },
    },
  });
  const [noun, verb] = positionals;
  if (noun !== 'user' || !verb) throw new UsageError(USAGE);

  if (verb === 'list') {
    for (const user of await listAllUsers(pool)) {
      const grants = [...(user.operator ? ['operator'] : []), ...user.grants];
      console.log(`${user.email}\t${grants.join(',') || '-'}${user.disabled ? '\t(disabled)' : ''}`);
    }
    return;
  }

  const email = parse(emailSchema, values.email, '--email');
  if (verb === 'add') {
    const roles = parse(z.array(staffRoleSchema), (values.roles ?? '').split(',').filter(Boolean), '--roles');
    const password = parse(passwordSchema, await readPassword(values.password), 'password');
    const slug = values.organisation ?? 'default';
    const organisation = await findOrganisationBySlug(pool, slug);
    if (!organisation) throw new UsageError(`There is no organisation "${slug}".`);
    const id = await withTransaction(pool, async (client) => {
      const created = await insertUser(client, {
        email,
        name: values.name ?? '',
        passwordHash: await hashPassword(password),
        operator: values.operator ?? false,
      });
      if (!created) throw new UsageError(`A user ${email} exists already; use "user reset-password".`);
      await upsertMembership(client, organisation.id, created, roles);
      return created;
    });
    await recordAudit(pool, {
      userId: null,
      action: 'user.create',
      targetType: 'user',
      targetId: id,
      organisationId: organisation.id,
      details: { via: 'cli', roles, operator: values.operator ?? false },
    });
    console.log(
      `Created ${email} (${roles.join(', ') || 'no roles'} in ${slug}${values.operator ? '; operator' : ''}).`,
    );
    return;
  }

  const user = await findUserForLogin(pool, email);
  if (!user) throw new UsageError(`There is no user ${email}.`);
  if (verb === 'reset-password') {
    const password = parse(passwordSchema, await readPassword(values.password), 'password');
    await updateUser(pool, user.id, { passwordHash: await hashPassword(password) });
    await deleteSessionsOfUser(pool, user.id);
    console.log(`New password set for ${email}; their sessions are signed out.`);
  } else if (verb === 'disable' || verb === 'enable') {
    await updateUser(pool, user.id, { disabled: verb === 'disable' });
    if (verb === 'disable') await deleteSessionsOfUser(pool, user.id);
    console.log(`${email} is ${verb}d.`);
  } else {
    throw new UsageError(USAGE);
  }
  await recordAudit(pool, {
    userId: null,
    action: `user.${verb}`,
    targetType: 'user',
    targetId: user.id,
    details: { via: 'cli' },
  });
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv.length === 0 || argv.includes('--help')) {
    console.log(USAGE);
    return;
  }
  const config = loadConfig();
  let embedded: EmbeddedDatabase | undefined;
  let connectionString = config.databaseUrl ?? findRunningEmbedded(config.dataDirectory)?.connectionString;
  if (!connectionString) {
    embedded = await startEmbeddedDatabase({ dataDirectory: config.dataDirectory });
    connectionString = embedded.connectionString;
  }
  const pool = new pg.Pool({ connectionString, max: 1 });
  try {
    await migrate(pool);
    await run(argv, pool);
  } finally {
    await pool.end();
    await embedded?.stop();
  }
}

main().catch((error: unknown) => {
  if (error instanceof UsageError || error instanceof ConfigError) {
    console.error(error.message);
    process.exit(2);
  }
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
