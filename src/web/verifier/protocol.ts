/**
 * The messages between the verifier page and its verifying worker. The page sends the record (a file
 * the observer chose) or the election whose record the worker downloads from this server; the worker
 * answers with the download's size, progress snapshots, and at the end the verifier's report — the
 * same object `psephos verify --json` prints — or a problem that stopped it before a report existed.
 */
import type { VerificationReport } from '../../verifier/report.ts';

/** The record to check: a chosen file, or an election of this server (its record is downloaded). */
export type VerifierInput = { readonly file: Blob } | { readonly election: string };

export interface VerifyRequest {
  readonly input: VerifierInput;
  /** Ballot-checking workers to start. */
  readonly workers: number;
}

/** Why no report could be made. */
export type ProblemCode =
  /** The record is larger than MAX_RECORD_BYTES. */
  | 'too-large'
  /** The server could not be reached, or the download broke off. */
  | 'offline'
  /** The server refused the record (`status` and the server's `serverCode` say why). */
  | 'refused'
  /** The browser could not read the chosen file (moved, changed or unreadable while being read). */
  | 'unreadable'
  /** The workers could not start or stopped (no WASM and no fallback, out of memory…). */
  | 'worker';

/** What the worker tells the page. */
export type VerifierMessage =
  | { readonly kind: 'downloading'; readonly bytes: number }
  | {
      readonly kind: 'verifying';
      /** The record's size in bytes. */
      readonly bytes: number;
      /** The event count the record's last signed tree head claims, if its last line is one. */
      readonly events: number | null;
      readonly workers: number;
      /** The group implementation: `sodium` (WASM) or `noble` (pure TypeScript). */
      readonly backend: string;
    }
  | {
      readonly kind: 'progress';
      /** 1: every event and ballot; 2: the tally against the counted ballots. */
      readonly pass: number;
      /** Bytes of the record read in this pass. */
      readonly read: number;
      /** Events checked so far (pass 1). */
      readonly events: number;
      /** Ballots whose signature and proofs the workers have checked. */
      readonly ballots: number;
    }
  | {
      readonly kind: 'done';
      readonly report: VerificationReport;
      /** The downloaded record (to save), when the worker downloaded it. */
      readonly record: Blob | null;
    }
  | {
      readonly kind: 'problem';
      readonly code: ProblemCode;
      readonly message: string;
      readonly status?: number;
      readonly serverCode?: string;
    };
