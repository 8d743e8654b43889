/**
 * The booth's encryption worker: encrypts and signs the ballot (SPEC.md §11) off the page's thread, so
 * the page never freezes, and holds each encryption's secrets until the voter casts (forgotten) or
 * audits (revealed, and the ballot spoiled: SPEC.md §12), with the audit's compact form for its QR
 * codes. The receipt check page uses it too, to check audit data brought from the voting device. Uses libsodium's WASM group, or the
 * pure-TypeScript one if WASM cannot load here.
 */

import { loadGroup } from '../crypto/backends.ts';
import { fromBase64url, toBase64url } from '../crypto/bytes.ts';
import type { Group } from '../crypto/group.ts';
import type { SelectionSecrets } from '../crypto/selection.ts';
import { type BallotAudit, checkAudit, makeAudit } from '../protocol/audit.ts';
import type { Ballot, BallotElection } from '../protocol/ballot.ts';
import { createBallot } from '../protocol/ballot.ts';
import { canonicalJson } from '../protocol/canonical.ts';
import { decodeElement } from '../protocol/codec.ts';
import { ProtocolError } from '../protocol/errors.ts';
import { tracker, trackerCode } from '../protocol/tracker.ts';
import type {
  AuditChecked,
  AuditResult,
  EncryptResult,
  WorkerElection,
  WorkerReply,
  WorkerRequest,
} from './booth/protocol.ts';
import { auditFromBytes, auditToBytes } from './qr/audit-code.ts';

interface Kept {
  readonly election: BallotElection;
  readonly ballot: Ballot;
  readonly choices: readonly (0 | 1)[][];
  readonly secrets: readonly SelectionSecrets[];
}

const scope = self as unknown as {
  postMessage(message: WorkerReply): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
};

let group: Promise<Group> | undefined;
function theGroup(): Promise<Group> {
  group ??= loadGroup('sodium').catch(() => loadGroup('noble'));
  return group;
}

const kept = new Map<number, Kept>();
let nextSlot = 1;

function ballotElection(g: Group, { definition, fingerprint, electionKey }: WorkerElection): BallotElection {
  return {
    definition,
    fingerprint: fromBase64url(fingerprint, 32),
    publicKey: decodeElement(g, electionKey, 'electionKey'),
  };
}

/** The audit's compact form, only if it gives back exactly this audit. */
function compactAudit(g: Group, election: BallotElection, audit: BallotAudit): Uint8Array | null {
  const bytes = auditToBytes(audit, election.definition);
  if (!bytes) return null;
  try {
    return canonicalJson(auditFromBytes(g, election, bytes)) === canonicalJson(audit) ? bytes : null;
  } catch {
    return null;
  }
}

/** Checks audit data (SPEC.md §12) from a file, pasted text or QR codes; ProtocolError if it fails. */
async function checkAuditData(
  request: Extract<WorkerRequest, { kind: 'check-audit' }>,
): Promise<AuditChecked> {
  const g = await theGroup();
  const election = ballotElection(g, request.election);
  let value: unknown;
  if ('bytes' in request.audit) {
    try {
      value = auditFromBytes(g, election, request.audit.bytes);
    } catch (e) {
      throw new ProtocolError('malformed', `not a ballot audit: ${(e as Error).message}`);
    }
  } else value = request.audit.json;
  return checkAudit(g, election, value);
}

async function handle(
  request: WorkerRequest,
): Promise<EncryptResult | AuditResult | AuditChecked | string | null> {
  if (request.kind === 'warm') return (await theGroup()).backend;
  if (request.kind === 'check-audit') return checkAuditData(request);
  if (request.kind === 'encrypt') {
    const started = performance.now();
    const g = await theGroup();
    const election = ballotElection(g, request.election);
    const { ballot, secrets, choices } = createBallot(g, election, request.credential, request.chosen);
    const slot = nextSlot++;
    kept.set(slot, { election, ballot, secrets, choices });
    const t = tracker(ballot);
    return {
      ballot,
      tracker: toBase64url(t),
      trackerCode: trackerCode(t),
      slot,
      backend: g.backend,
      ms: Math.round(performance.now() - started),
    };
  }
  const entry = kept.get(request.slot);
  kept.delete(request.slot);
  if (request.kind === 'forget') return null;
  if (!entry) throw Object.assign(new Error('this ballot is no longer held here'), { code: 'gone' });
  const audit = makeAudit(entry.ballot, entry.choices, entry.secrets);
  return {
    audit,
    trackerCode: trackerCode(tracker(entry.ballot)),
    compact: compactAudit(await theGroup(), entry.election, audit),
  };
}

scope.addEventListener('message', (event: MessageEvent) => {
  const { id, request } = event.data as { id: number; request: WorkerRequest };
  handle(request).then(
    (result) => scope.postMessage({ id, ok: true, result }),
    (e: unknown) => {
      const error = e as { code?: unknown; message?: unknown };
      scope.postMessage({
        id,
        ok: false,
        code: typeof error.code === 'string' ? error.code : 'worker',
        message: typeof error.message === 'string' ? error.message : String(e),
      });
    },
  );
});
