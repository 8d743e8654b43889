/**
 * Server configuration: defaults, then a JSON config file (`--config` or PSEPHOS_CONFIG), then
 * environment variables; validated once at start with plain messages.
 *
 * @example
 * ```ts
 * const config = loadConfig(process.env);      // ConfigError names the bad setting
 * ```
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';

/**
 * A yes/no setting: a JSON boolean, or the text an environment variable holds. (`z.coerce.boolean`
 * would read the text "false" as true.)
 */
const Flag = z.union([
  z.boolean(),
  z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => v === 'true' || v === '1' || v === 'yes'),
]);

export const Config = z.strictObject({
  host: z.string().default('127.0.0.1'),
  port: z.coerce.number().int().min(0).max(65535).default(8080),
  /** Where voters reach the server: the base of login links in emails. */
  publicUrl: z.url().default('http://127.0.0.1:8080'),
  /** `sqlite:<file>` (default `./psephos.sqlite`) or `postgres://…`. */
  databaseUrl: z.string().default('sqlite:./psephos.sqlite'),
  smtp: z
    .strictObject({
      host: z.string().default('127.0.0.1'),
      port: z.coerce.number().int().min(1).max(65535).default(25),
      secure: Flag.default(false),
      user: z.string().optional(),
      password: z.string().optional(),
      from: z.string().default('Psephos <elections@localhost>'),
    })
    .default({ host: '127.0.0.1', port: 25, secure: false, from: 'Psephos <elections@localhost>' }),
  /** Cookies marked Secure (behind HTTPS). */
  secureCookies: Flag.default(false),
  sessionHours: z.coerce
    .number()
    .min(0.1)
    .max(24 * 14)
    .default(12),
  /** Login links and codes expire after this many minutes. */
  loginMinutes: z.coerce
    .number()
    .min(1)
    .max(24 * 60)
    .default(30),
  /** Worker threads that check ballot proofs (0: in the request thread). */
  workers: z.coerce.number().int().min(0).max(64).default(2),
  /** Sign a tree head at least this often while an election is open. */
  headSeconds: z.coerce.number().min(0.5).max(3600).default(5),
  /** Look for scheduled openings and closings this often (console/scheduler.ts). */
  scheduleSeconds: z.coerce.number().min(0.05).max(3600).default(15),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Requests per minute per IP on the whole API, and per voter login on casting. */
  rateLimit: z
    .strictObject({
      perIp: z.coerce.number().int().min(1).default(600),
      castPerLogin: z.coerce.number().int().min(1).default(20),
    })
    .default({ perIp: 600, castPerLogin: 20 }),
});
export type Config = z.infer<typeof Config>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const ENV: Record<string, string[]> = {
  PSEPHOS_HOST: ['host'],
  PSEPHOS_PORT: ['port'],
  PSEPHOS_PUBLIC_URL: ['publicUrl'],
  DATABASE_URL: ['databaseUrl'],
  SMTP_HOST: ['smtp', 'host'],
  SMTP_PORT: ['smtp', 'port'],
  SMTP_SECURE: ['smtp', 'secure'],
  SMTP_USER: ['smtp', 'user'],
  SMTP_PASSWORD: ['smtp', 'password'],
  SMTP_FROM: ['smtp', 'from'],
  PSEPHOS_SECURE_COOKIES: ['secureCookies'],
  PSEPHOS_WORKERS: ['workers'],
  PSEPHOS_LOG_LEVEL: ['logLevel'],
};

/** Merges file and environment over the defaults; throws ConfigError naming the first bad setting. */
export function loadConfig(
  env: NodeJS.ProcessEnv,
  file = env.PSEPHOS_CONFIG,
  overrides: Record<string, unknown> = {},
): Config {
  const raw: Record<string, unknown> = file ? readConfigFile(file) : {};
  for (const [name, path] of Object.entries(ENV)) {
    const value = env[name];
    if (value === undefined || value === '') continue;
    let target = raw;
    for (const key of path.slice(0, -1)) {
      target[key] ??= {};
      target = target[key] as Record<string, unknown>;
    }
    target[path.at(-1)!] = value;
  }
  const parsed = Config.safeParse({ ...raw, ...overrides });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(`configuration: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return parsed.data;
}

function readConfigFile(file: string): Record<string, unknown> {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch (e) {
    throw new ConfigError(`configuration file ${file}: ${(e as Error).message}`);
  }
}
