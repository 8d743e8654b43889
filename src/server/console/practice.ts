/**
 * Practice elections: with one click, an election `<id>-practice` beside a real one, with the same
 * layout of questions (same kinds, bounds and number of options) but harmless options (seasons), for
 * the same members, open at once, so members can rehearse in the same booth before the real vote.
 *
 * For one click to be enough, the server plays the roles it must never play in a real election: it is
 * the practice's sole trustee (1 of 1: it holds the whole election secret) and its credential authority
 * (it derives each member's practice credential and emails it). So the server could read every practice
 * ballot and vote in any member's name — in the practice only. The definition says `practice: true`, so
 * every page, email and report marks it; the record still verifies like any other (SPEC.md, Practice
 * elections). The server's secrets live in the practice election's private organiser record
 * (private.ts), stored with the election as it is created.
 *
 * Every step is idempotent: a second click, or a click after a crash half-way, finishes what is missing
 * and repeats nothing (the trustee's dealing and the credentials are kept or derived, never redrawn
 * once the election exists).
 *
 * @example
 * ```ts
 * const practice = await createPractice(deps, 'leader-2026', 'en');   // { id: 'leader-2026-practice', … }
 * await postPracticeShare(deps, practice.id);                          // after close and tally
 * ```
 */
import { createHmac, randomBytes } from 'node:crypto';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { generateBoardKey } from '../../board/tree-head.ts';
import { fromBase64url, toBase64url } from '../../crypto/bytes.ts';
import { deriveCredential, formatCredential, generateCredential } from '../../crypto/credential.ts';
import { createCommunicationKey, deal } from '../../crypto/dkg.ts';
import type { Group } from '../../crypto/group.ts';
import { decodeScalarWire, encodeElement, encodeProof, encodeScalarWire } from '../../protocol/codec.ts';
import type { ElectionDefinition, Question } from '../../protocol/definition.ts';
import { fingerprint, parseDefinition } from '../../protocol/definition.ts';
import type { Store, Voter } from '../../store/store.ts';
import { trusteeShares } from '../../tally/decryption.ts';
import { ApiError } from '../errors.ts';
import type { Runtimes } from '../runtime.ts';
import { boothLink, MAX_ID_WITH_PRACTICE, practiceIdOf } from './links.ts';
import { type ConsoleMailLanguage, practiceMail } from './mail.ts';
import { type PracticeSecrets, privateRecord, readPrivate, updatePrivate } from './private.ts';
import { Serial } from './serial.ts';

/** What the practice functions need from the server. @example `{ store, runtimes, group, publicUrl: config.publicUrl }` */
export interface PracticeDeps {
  readonly store: Store;
  readonly runtimes: Runtimes;
  readonly group: Group;
  readonly publicUrl: string;
  readonly now?: () => Date;
}

/** The outcome of a click on "practice election". @example `{ id: 'leader-2026-practice', status: 'open', voters: 120, created: true }` */
export interface PracticeOutcome {
  readonly id: string;
  readonly status: string;
  readonly voters: number;
  /** False when the practice election was already there, complete: nothing was done. */
  readonly created: boolean;
}

/** The real election's phases in which a practice can still be made (a practice is for before). */
const PRACTISABLE = new Set(['draft', 'key-ceremony', 'ready', 'open']);
const PAGE = 1000;
const HOUR = 3_600_000;

/** The practice's texts, in the organiser's language (they become part of the practice definition). */
const TEXTS = {
  en: {
    title: (title: string) => `Practice: ${title}`,
    description: (title: string) =>
      `A practice election before “${title}”. Nothing here counts. The Psephos server is this practice’s only trustee and made its credentials, so it could see practice votes.`,
    single: 'Practice: pick your favourite season',
    approval: 'Practice: which seasons do you like?',
    seasons: ['Spring', 'Summer', 'Autumn', 'Winter'],
    option: (n: number) => `Option ${n}`,
    trustee: 'The Psephos server (practice only)',
  },
  cy: {
    title: (title: string) => `Ymarfer: ${title}`,
    description: (title: string) =>
      `Etholiad ymarfer cyn “${title}”. Nid oes dim yma yn cyfrif. Gweinydd Psephos yw unig ymddiriedolwr yr ymarfer hwn ac ef a wnaeth ei gymwysterau, felly gallai weld pleidleisiau ymarfer.`,
    single: 'Ymarfer: dewiswch eich hoff dymor',
    approval: 'Ymarfer: pa dymhorau ydych chi’n eu hoffi?',
    seasons: ['Gwanwyn', 'Haf', 'Hydref', 'Gaeaf'],
    option: (n: number) => `Opsiwn ${n}`,
    trustee: 'Gweinydd Psephos (ymarfer yn unig)',
  },
} as const;

const SEASON_IDS = ['spring', 'summer', 'autumn', 'winter'];

/** A practice question with the layout of `q`: same kind and bounds, at least four harmless options. */
function practiceQuestion(q: Question, k: number, count: number, lang: ConsoleMailLanguage): Question {
  const t = TEXTS[lang];
  const n = Math.max(4, q.candidates.length);
  const candidates = Array.from({ length: n }, (_, j) => ({
    id: SEASON_IDS[j] ?? `option-${j + 1}`,
    name: t.seasons[j] ?? t.option(j + 1),
  }));
  const numbered = (title: string) => (count > 1 ? `${title} (${k + 1})` : title);
  const id = `practice-${k + 1}`;
  return q.type === 'single'
    ? { id, type: 'single', title: numbered(t.single), candidates, blankAllowed: q.blankAllowed }
    : { id, type: 'approval', title: numbered(t.approval), candidates, min: q.min, max: q.max };
}

/**
 * The practice definition of `real`: its questions' layout with seasons for options, open now, closing
 * with the real election (or in a day, whichever is later), `last-counts` so members may try again, one
 * trustee (the server), unweighted.
 * @example `practiceDefinition(real, 'leader-2026-practice', boardKey, 'en', new Date())`
 */
export function practiceDefinition(
  real: ElectionDefinition,
  id: string,
  boardKey: string,
  lang: ConsoleMailLanguage,
  now: Date,
): ElectionDefinition {
  const t = TEXTS[lang];
  const title = real.title.length > 280 ? `${real.title.slice(0, 279).trimEnd()}…` : real.title;
  const closes = Math.max(Date.parse(real.closesAt), now.getTime() + 24 * HOUR);
  return parseDefinition({
    format: 'psephos/election',
    version: 1,
    id,
    title: t.title(title),
    description: t.description(title),
    practice: true,
    questions: real.questions.map((q, k) => practiceQuestion(q, k, real.questions.length, lang)),
    opensAt: now.toISOString(),
    closesAt: new Date(closes).toISOString(),
    revoting: 'last-counts',
    maxWeight: 1,
    trustees: [{ name: t.trustee }],
    threshold: 1,
    boardKey,
  });
}

/** The server's trustee secrets and the credential key of a new practice election. */
function practiceSecrets(group: Group, realId: string, definition: ElectionDefinition): PracticeSecrets {
  const fp = fingerprint(definition);
  const keys = createCommunicationKey(group, fp, 1);
  const dealing = deal(group, fp, { threshold: 1, trustees: 1 }, keys, [keys.identity]);
  return {
    practiceOf: realId,
    identity: {
      communicationKey: encodeElement(group, keys.identity.communicationKey),
      proof: encodeProof(keys.identity.proof),
    },
    dealing: {
      coefficients: dealing.commitment.coefficients.map((c) => encodeElement(group, c)),
      proofs: dealing.commitment.proofs.map(encodeProof),
    },
    secretShare: encodeScalarWire(dealing.ownShare),
    credentialKey: toBase64url(randomBytes(32)),
    emailedAt: null,
  };
}

/**
 * A member's practice credential: derived from the practice's credential key and the member id, so a
 * retry gives every member the same credential.
 * @example `practiceCredential(secrets, 'M0001')` → `'vote1…'`
 */
export function practiceCredential(secrets: Pick<PracticeSecrets, 'credentialKey'>, voterId: string): string {
  const mac = createHmac('sha256', fromBase64url(secrets.credentialKey, 32))
    .update('psephos/v1/practice/credential\0')
    .update(voterId)
    .digest();
  return generateCredential(new Uint8Array(mac.subarray(0, 16)));
}

/** Every voter of an election, a page at a time. */
async function* allVoters(store: Store, election: string): AsyncGenerator<Voter> {
  let after: string | undefined;
  for (;;) {
    const page = await store.voters(election, { limit: PAGE, ...(after === undefined ? {} : { after }) });
    yield* page;
    if (page.length < PAGE) return;
    after = page.at(-1)!.voterId;
  }
}

/** Adds the real election's voters that the practice does not have yet (only before its electorate). */
async function copyVoters(store: Store, realId: string, practiceId: string): Promise<void> {
  const have = new Set<string>();
  for await (const v of allVoters(store, practiceId)) have.add(v.voterId);
  let batch: { voterId: string; email: string; name: string }[] = [];
  for await (const v of allVoters(store, realId)) {
    if (!have.has(v.voterId)) batch.push({ voterId: v.voterId, email: v.email, name: v.name });
    if (batch.length === PAGE) {
      await store.addVoters(practiceId, batch);
      batch = [];
    }
  }
  if (batch.length > 0) await store.addVoters(practiceId, batch);
}

/** The sorted public credential list of the practice's voters (yielding to other requests meanwhile). */
async function credentialList(deps: PracticeDeps, id: string, secrets: PracticeSecrets) {
  const list: string[] = [];
  for await (const v of allVoters(deps.store, id)) {
    const text = practiceCredential(secrets, v.voterId);
    list.push(encodeElement(deps.group, deriveCredential(deps.group, id, text).publicCredential));
    if (list.length % 200 === 0) await yieldToLoop();
  }
  return [...new Set(list)].sort().map((credential) => ({ credential, weight: 1 }));
}

/** Setup, the server's key ceremony, the electorate and the opening: whichever are not on the board yet. */
async function bringUp(
  deps: PracticeDeps,
  id: string,
  definition: ElectionDefinition,
  secrets: PracticeSecrets,
) {
  const runtime = await deps.runtimes.get(id);
  // Computed before taking the runtime's turn: it is the slow part, and it reads only the voters table.
  const credentials = await credentialList(deps, id, secrets);
  await runtime.exclusive(async () => {
    const s = runtime.state;
    if (s.phase === 'empty') await runtime.postLocked('setup', { definition });
    if (!s.identities.has(1))
      await runtime.postLocked('trustee-identity', { trustee: 1, ...secrets.identity });
    if (!s.dealings.has(1))
      await runtime.postLocked('trustee-dealing', { trustee: 1, ...secrets.dealing, shares: [] });
    if (!s.publicKey) await runtime.postLocked('election-key', s.expectedElectionKey());
    if (!s.credentials) await runtime.postLocked('electorate', { credentials });
    if (s.phase === 'ready') await runtime.postLocked('open', {});
  });
  return runtime;
}

/** Queues one practice credential email per practice voter. */
async function emailVoters(
  deps: PracticeDeps,
  id: string,
  definition: ElectionDefinition,
  secrets: PracticeSecrets,
  lang: ConsoleMailLanguage,
) {
  const link = boothLink(deps.publicUrl, id);
  for await (const v of allVoters(deps.store, id)) {
    const credential = formatCredential(practiceCredential(secrets, v.voterId));
    await deps.store.enqueueMail({
      to: v.email,
      ...practiceMail(lang, { electionTitle: definition.title, boothLink: link, credential }),
    });
  }
  await updatePrivate(deps.store, id, (p) => ({
    ...p,
    practice: { ...p.practice!, emailedAt: (deps.now?.() ?? new Date()).toISOString() },
  }));
}

/** The real election, checked: it exists, is not itself a practice, and has not closed. */
async function practisable(store: Store, realId: string) {
  const real = await store.election(realId);
  if (!real) throw new ApiError(404, 'unknown-election', `there is no election "${realId}"`);
  const definition = parseDefinition(real.draft);
  if (definition.practice)
    throw new ApiError(409, 'is-practice', 'this is a practice election: a practice cannot have a practice');
  if (!PRACTISABLE.has(real.status))
    throw new ApiError(
      409,
      'wrong-status',
      `the election is ${real.status}: a practice is for before voting ends`,
    );
  return definition;
}

const serial = new Serial();

/**
 * Makes (or completes) the practice election of `realId` and emails each of its members a practice
 * credential. Refuses with ApiError: `unknown-election` 404; `is-practice`, `wrong-status`,
 * `id-too-long`, `no-voters`, `practice-id-taken` 409.
 * @example `const { id, created } = await createPractice(deps, 'leader-2026', 'cy')`
 */
export function createPractice(
  deps: PracticeDeps,
  realId: string,
  lang: ConsoleMailLanguage,
): Promise<PracticeOutcome> {
  const id = practiceIdOf(realId);
  if (id === undefined) {
    return Promise.reject(
      new ApiError(
        409,
        'id-too-long',
        `a practice election needs an election id of at most ${MAX_ID_WITH_PRACTICE} characters`,
      ),
    );
  }
  return serial.run(id, async () => {
    const { store } = deps;
    const real = await practisable(store, realId);
    if ((await store.countVoters(realId)).total === 0)
      throw new ApiError(
        409,
        'no-voters',
        'the election has no voters yet: import the membership roll first',
      );
    let stored = await store.election(id);
    let secrets = (await readPrivate(store, id)).practice;
    if (stored && secrets?.practiceOf !== realId)
      throw new ApiError(409, 'practice-id-taken', `the id "${id}" is already used by another election`);
    if (stored?.status === 'open' && secrets?.emailedAt)
      return { id, status: stored.status, voters: (await store.countVoters(id)).total, created: false };
    if (!stored) {
      const key = generateBoardKey();
      const definition = practiceDefinition(real, id, key.publicKey, lang, deps.now?.() ?? new Date());
      secrets = practiceSecrets(deps.group, realId, definition);
      // The election and its secrets in one step: a practice election never exists without them.
      stored = await store.createElection({
        id,
        draft: definition,
        boardSecretKey: key.secretKey,
        organiserRecord: privateRecord({ practice: secrets }),
      });
    }
    const definition = parseDefinition(stored.draft);
    const before = await deps.runtimes.get(id);
    if (!before.state.credentials) await copyVoters(store, realId, id);
    const runtime = await bringUp(deps, id, definition, secrets!);
    if (!secrets!.emailedAt) await emailVoters(deps, id, definition, secrets!, lang);
    return { id, status: runtime.state.phase, voters: (await store.countVoters(id)).total, created: true };
  });
}

/**
 * The server, as the practice's trustee, publishes its decryption share of the tally (once; a second
 * call does nothing). Refuses: `unknown-election` 404; `not-practice`, `out-of-phase` 409.
 * @example `await postPracticeShare(deps, 'leader-2026-practice')`
 */
export async function postPracticeShare(deps: PracticeDeps, id: string): Promise<void> {
  const secrets = (await readPrivate(deps.store, id)).practice;
  const runtime = await deps.runtimes.get(id);
  await runtime.exclusive(async () => {
    const s = runtime.state;
    if (!secrets || s.definition?.practice !== true)
      throw new ApiError(409, 'not-practice', 'only a practice election’s share is computed by the server');
    if (s.phase !== 'tallying')
      throw new ApiError(409, 'out-of-phase', `the election is ${s.phase}: the totals must be tallied first`);
    if (s.shares.has(1)) return;
    const share = trusteeShares(
      s.group,
      s.fingerprint!,
      1,
      decodeScalarWire(secrets.secretShare, 'share'),
      s.tallyAnswers,
    );
    await runtime.postLocked('decryption-share', share);
  });
}
