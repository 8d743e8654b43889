/**
 * The booth's encryption worker: encrypts and signs the ballot (SPEC.md §11) off the page's thread, so
 * the page never freezes, and holds each encryption's secrets until the voter casts (forgotten) or
 * audits (revealed, and the ballot spoiled: SPEC.md §12). Uses libsodium's WASM group, or the
 * pure-TypeScript one if WASM cannot load here.
 */

import { loadGroup } from '../crypto/backends.ts';
import { fromBase64url, toBase64url } from '../crypto/bytes.ts';
import type { Group } from '../crypto/group.ts';
import type { SelectionSecrets } from '../crypto/selection.ts';
import { makeAudit } from '../protocol/audit.ts';
import type { Ballot } from '../protocol/ballot.ts';
import { createBallot } from '../protocol/ballot.ts';
import { decodeElement } from '../protocol/codec.ts';
import { tracker, trackerCode } from '../protocol/tracker.ts';
import type { AuditResult, EncryptResult, WorkerReply, WorkerRequest } from './booth/protocol.ts';

interface Kept {
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

async function handle(request: WorkerRequest): Promise<EncryptResult | AuditResult | string | null> {
  if (request.kind === 'warm') return (await theGroup()).backend;
  if (request.kind === 'encrypt') {
    const started = performance.now();
    const g = await theGroup();
    const { definition, fingerprint, electionKey } = request.election;
    const election = {
      definition,
      fingerprint: fromBase64url(fingerprint, 32),
      publicKey: decodeElement(g, electionKey, 'electionKey'),
    };
    const { ballot, secrets, choices } = createBallot(g, election, request.credential, request.chosen);
    const slot = nextSlot++;
    kept.set(slot, { ballot, secrets, choices });
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
  return {
    audit: makeAudit(entry.ballot, entry.choices, entry.secrets),
    trackerCode: trackerCode(tracker(entry.ballot)),
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
