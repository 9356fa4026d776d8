import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** The repository root, found from this file (apps/api/src/config.ts). */
export const REPOSITORY_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

const emptyAsUndefined = (value: unknown) => (value === '' ? undefined : value);
const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const environmentSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  PORT: z.coerce.number().int().min(0).max(65_535).default(8080),
  HOST: z.string().min(1).default('0.0.0.0'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATABASE_URL: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must start with postgres:// or postgresql://')
      .optional(),
  ),
  /** Pool size; the embedded database gets more socket connections than this. */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  NABOLAG_DATA_DIR: z.string().min(1).default('./data'),
  NABOLAG_WEB_DIST: z.string().min(1).default(path.join(REPOSITORY_ROOT, 'apps/web/dist')),
  NABOLAG_SEED_DEMO: z.preprocess(emptyAsUndefined, booleanFlag.default(true)),
  NABOLAG_RATE_LIMITS: z.preprocess(emptyAsUndefined, z.enum(['on', 'off']).default('on')),
  NABOLAG_TRUST_PROXY: z.preprocess(emptyAsUndefined, booleanFlag.default(false)),
  /**
   * Kartverket's nearest-address search (`punktsok`), to name places on the results page and in
   * the report; `off` names them without it (offline installations).
   */
  NABOLAG_ADDRESS_SEARCH_URL: z.preprocess(
    emptyAsUndefined,
    z
      .union([z.literal('off'), z.url({ message: 'NABOLAG_ADDRESS_SEARCH_URL must be a URL or off' })])
      .default('https://ws.geonorge.no/adresser/v1/punktsok'),
  ),
  NABOLAG_ADDRESS_SEARCH_TIMEOUT_MS: z.coerce.number().int().min(100).max(30_000).default(2500),
  NABOLAG_ADMIN_EMAIL: z.preprocess(
    emptyAsUndefined,
    z.email('NABOLAG_ADMIN_EMAIL must be an e-mail address').optional(),
  ),
  NABOLAG_ADMIN_PASSWORD: z.preprocess(
    emptyAsUndefined,
    z.string().min(12, 'NABOLAG_ADMIN_PASSWORD must be at least 12 characters').optional(),
  ),
});

export type Environment = z.infer<typeof environmentSchema>;

export interface Config {
  environment: Environment['NODE_ENV'];
  port: number;
  host: string;
  logLevel: Environment['LOG_LEVEL'];
  /** `undefined`: start the embedded database in `dataDirectory`. */
  databaseUrl: string | undefined;
  poolSize: number;
  /** Absolute path of the data folder (embedded database, uploads). */
  dataDirectory: string;
  /** Absolute path of the built web app. */
  webDistDirectory: string;
  seedDemo: boolean;
  /** Enforce rate limits on sign-in and contributions (off only for load benchmarks). */
  rateLimits: boolean;
  /** Behind a reverse proxy: take the client's address and protocol from X-Forwarded-* headers. */
  trustProxy: boolean;
  admin: { email: string; password: string } | undefined;
  /** Where places get their nearest address; `undefined`: no address search. */
  addressSearch: { url: string; timeoutMs: number } | undefined;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `Nabolag cannot start; fix the environment:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`,
    );
    this.name = 'ConfigError';
  }
}

/**
 * Reads the configuration once, at start-up. Every problem is listed in one error, so an
 * operator fixes them all in one go. Nothing else in the server reads `process.env`.
 */
export function loadConfig(environment: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  const parsed = environmentSchema.safeParse(environment);
  const problems = parsed.success
    ? []
    : parsed.error.issues.map((issue) => `${issue.path.join('.') || 'environment'}: ${issue.message}`);
  // Checked on the raw values so that it is listed beside the other problems.
  if (Boolean(environment.NABOLAG_ADMIN_EMAIL) !== Boolean(environment.NABOLAG_ADMIN_PASSWORD)) {
    problems.push(
      'NABOLAG_ADMIN_EMAIL, NABOLAG_ADMIN_PASSWORD: set both NABOLAG_ADMIN_EMAIL and NABOLAG_ADMIN_PASSWORD, or neither',
    );
  }
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  const env = parsed.data;
  return {
    environment: env.NODE_ENV,
    port: env.PORT,
    host: env.HOST,
    logLevel: env.LOG_LEVEL,
    databaseUrl: env.DATABASE_URL,
    poolSize: env.DATABASE_POOL_SIZE,
    dataDirectory: path.resolve(cwd, env.NABOLAG_DATA_DIR),
    webDistDirectory: path.resolve(cwd, env.NABOLAG_WEB_DIST),
    seedDemo: env.NABOLAG_SEED_DEMO,
    rateLimits: env.NABOLAG_RATE_LIMITS === 'on',
    trustProxy: env.NABOLAG_TRUST_PROXY,
    admin:
      env.NABOLAG_ADMIN_EMAIL && env.NABOLAG_ADMIN_PASSWORD
        ? { email: env.NABOLAG_ADMIN_EMAIL, password: env.NABOLAG_ADMIN_PASSWORD }
        : undefined,
    addressSearch:
      env.NABOLAG_ADDRESS_SEARCH_URL === 'off'
        ? undefined
        : { url: env.NABOLAG_ADDRESS_SEARCH_URL, timeoutMs: env.NABOLAG_ADDRESS_SEARCH_TIMEOUT_MS },
  };
}
