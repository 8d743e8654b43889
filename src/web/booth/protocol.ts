/**
 * The messages between the booth page and its encryption worker. The page sends what the voter chose
 * and their credential; the worker answers with the signed, encrypted ballot and its tracker, and keeps
 * the encryption's secrets until the voter decides: "cast" makes it forget them, "audit" makes it reveal
 * them (and forget the ballot, which must never be cast). The receipt check page asks the same worker
 * (which holds the group) to check audit data from another device.
 */
import type { BallotAudit } from '../../protocol/audit.ts';
import type { Ballot } from '../../protocol/ballot.ts';
import type { ElectionDefinition } from '../../protocol/definition.ts';

/** What the worker needs to know about the election. */
export interface WorkerElection {
  readonly definition: ElectionDefinition;
  /** base64url */
  readonly fingerprint: string;
  /** base64url of the joint election key. */
  readonly electionKey: string;
}

export type WorkerRequest =
  | {
      readonly kind: 'encrypt';
      readonly election: WorkerElection;
      readonly credential: string;
      /** Chosen candidate indices per question. */
      readonly chosen: readonly (readonly number[])[];
    }
  | { readonly kind: 'warm' }
  | { readonly kind: 'audit'; readonly slot: number }
  | { readonly kind: 'forget'; readonly slot: number }
  | {
      readonly kind: 'check-audit';
      readonly election: WorkerElection;
      /** The audit as JSON (a file or pasted text), or its compact form (QR codes: qr/audit-code.ts). */
      readonly audit: { readonly json: unknown } | { readonly bytes: Uint8Array };
    };

export interface EncryptResult {
  readonly ballot: Ballot;
  /** base64url of the full tracker. */
  readonly tracker: string;
  /** The short code voters compare by eye. */
  readonly trackerCode: string;
  /** Where the worker keeps this ballot's secrets. */
  readonly slot: number;
  /** The group backend that did the work. */
  readonly backend: string;
  readonly ms: number;
}

export interface AuditResult {
  readonly audit: BallotAudit;
  readonly trackerCode: string;
  /** The audit's compact form for QR codes, checked to give the audit back; null if it cannot. */
  readonly compact: Uint8Array | null;
}

/** A checked audit: the tracker code of the audited ballot and its chosen candidate ids per question. */
export interface AuditChecked {
  readonly tracker: string;
  readonly chosen: string[][];
}

export type WorkerReply =
  | { readonly id: number; readonly ok: true; readonly result: unknown }
  | { readonly id: number; readonly ok: false; readonly code: string; readonly message: string };
