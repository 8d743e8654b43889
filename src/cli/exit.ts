/**
 * Exit codes and plain-words failures shared by the commands `serve`, `admin`, `init`, `credentials`,
 * `export` and `report`, so that a script can tell "the record is bad" from "the server is down".
 *
 * | code | meaning |
 * |---|---|
 * | 0 | done |
 * | 1 | the job ran and found a problem (a record fails verification) |
 * | 2 | bad usage, or an input that cannot be read or is invalid (a file, a CSV row, the configuration) |
 * | 3 | a server cannot be reached (the Psephos server, the database, the mail server) |
 * | 4 | the server refused: unknown election, wrong election state, not authorised |
 *
 * @example
 * ```ts
 * await runAction('export', opts.json, async () => {
 *   throw new CliError('unreachable', 'cannot reach http://127.0.0.1:8080: connection refused');
 * });
 * ```
 */

/** The exit code of each kind of outcome. @example `process.exitCode = EXIT.failed` */
export const EXIT = { ok: 0, failed: 1, usage: 2, unreachable: 3, refused: 4 } as const;

/** A kind of failure, named as in {@link EXIT}. */
export type FailureKind = Exclude<keyof typeof EXIT, 'ok'>;

/** The help text's paragraph on exit codes, appended to every command's examples. */
export const EXIT_HELP =
  'Exit codes: 0 done, 1 a check failed, 2 bad usage or an unreadable or invalid input, 3 a server (Psephos, database, mail) cannot be reached, 4 the server refused (unknown election, wrong state, not authorised).';

/**
 * A failure to report in plain words, with its exit code and a stable machine code for `--json`.
 * @example `throw new CliError('usage', 'voters.csv: line 3: member id is blank', 'invalid-rows')`
 */
export class CliError extends Error {
  readonly kind: FailureKind;
  readonly code: string;
  /** Further lines printed under the message (row errors, say). */
  readonly details: readonly string[];
  constructor(kind: FailureKind, message: string, code: string = kind, details: readonly string[] = []) {
    super(message);
    this.name = 'CliError';
    this.kind = kind;
    this.code = code;
    this.details = details;
  }

  get exitCode(): number {
    return EXIT[this.kind];
  }
}

/**
 * Runs a command's action; a CliError becomes its message on standard error (or `{ error }` as JSON on
 * standard output with `--json`) and its exit code. Anything else is a bug and goes to main's handler.
 * @example `.action((file, opts) => runAction('report', opts.json, () => report(file, opts)))`
 */
export async function runAction(
  command: string,
  json: boolean | undefined,
  action: () => Promise<void>,
): Promise<void> {
  try {
    await action();
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    process.exitCode = error.exitCode;
    if (json) {
      const body = { code: error.code, message: error.message, details: error.details };
      process.stdout.write(`${JSON.stringify({ error: body }, null, 2)}\n`);
      return;
    }
    process.stderr.write(`psephos ${command}: ${error.message}\n`);
    for (const line of error.details) process.stderr.write(`  ${line}\n`);
  }
}

/**
 * Why a network call failed, in words (connection refused, unknown host, timeout…), from the error
 * fetch, pg or nodemailer throws.
 * @example `networkReason(e)` → `'connection refused'`
 */
export function networkReason(error: unknown): string {
  const cause = (error as { cause?: unknown }).cause;
  const code = ((cause as NodeJS.ErrnoException | undefined)?.code ??
    (error as NodeJS.ErrnoException).code) as string | undefined;
  const words: Record<string, string> = {
    ECONNREFUSED: 'connection refused',
    ENOTFOUND: 'unknown host',
    EAI_AGAIN: 'the host name cannot be resolved now',
    ETIMEDOUT: 'timed out',
    ECONNRESET: 'the connection was reset',
    EHOSTUNREACH: 'host unreachable',
    ENETUNREACH: 'network unreachable',
    ESOCKET: 'connection failed',
    ECONNECTION: 'connection failed',
    EAUTH: 'the login was refused',
  };
  const message = cause instanceof Error ? cause.message : (error as Error).message;
  // nodemailer wraps the socket's error (ESOCKET) and keeps its code only in the message.
  const inner = /\b(E[A-Z]{4,})\b/.exec(message ?? '')?.[1];
  if (code && words[code] && code !== 'ESOCKET' && code !== 'ECONNECTION') return words[code];
  if (inner && words[inner]) return words[inner];
  if (code && words[code]) return words[code];
  return code ? `${message} (${code})` : message;
}

/** True when an error is a failure to reach a host rather than a refusal by it. */
export function isNetworkError(error: unknown): boolean {
  const cause = (error as { cause?: unknown }).cause;
  const code = (cause as NodeJS.ErrnoException | undefined)?.code ?? (error as NodeJS.ErrnoException).code;
  return (
    typeof code === 'string' &&
    /^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|ECONNRESET|EHOSTUNREACH|ENETUNREACH|ESOCKET|ECONNECTION|EDNS|UND_ERR_\w+)$/.test(
      code,
    )
  );
}
