/**
 * `psephos trustee keygen | share | decrypt`: a trustee's side of the key ceremony (SPEC.md §7) and of
 * the decryption (§8, §14), against a Psephos server or, offline, against files the organiser carries.
 *
 * - `keygen`: makes the communication key pair, writes the encrypted key file, publishes the key.
 * - `share`: deals (commitments and one encrypted share per other trustee, the dealer's own share kept
 *   in the key file first); once every trustee has dealt, opens and checks the shares dealt to this
 *   trustee, complains (with proof, naming the dealer) about any bad one, and stores the combined
 *   secret share. `share --check` does only the second part.
 * - `decrypt`: computes this trustee's decryption shares of the tally with their proofs and publishes
 *   them.
 *
 * The secrets stay in the key file (see key-file.ts): only public keys, commitments, encrypted shares,
 * complaints and proofs go to the server, and nothing secret is ever printed. Each step can be run
 * again after an interruption: what was already published is recognised, not sent twice.
 *
 * Exit codes (as every command's, exit.ts): 0 done (or already done); 2 bad usage, an unreadable or
 * corrupt key file or input, a wrong passphrase; 3 the server cannot be reached; 4 the server refused,
 * or the election is not at the stage this step needs (the code and message are printed).
 *
 * @example
 * ```sh
 * psephos trustee keygen --server https://vote.example.org --election leader-2026 --trustee 2 \
 *   --token-file trustee2.token --key-file trustee2.key
 * psephos trustee share --server https://vote.example.org --token-file trustee2.token --key-file trustee2.key
 * psephos trustee decrypt --server https://vote.example.org --token-file trustee2.token --key-file trustee2.key
 * ```
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { z } from 'zod';
import { loadGroup } from '../crypto/backends.ts';
import { fromBase64url, toBase64url } from '../crypto/bytes.ts';
import type { CommunicationKeyPair, TrusteeIdentity } from '../crypto/dkg.ts';
import { CryptoError } from '../crypto/errors.ts';
import type { Group } from '../crypto/group.ts';
import { Bytes32, ElementWire, ProofWire } from '../protocol/codec.ts';
import { fingerprint, Id, parseDefinition } from '../protocol/definition.ts';
import { describeIssues, ProtocolError } from '../protocol/errors.ts';
import { EncryptedShareWire, Payloads } from '../protocol/events.ts';
import type { CeremonyView, ComplaintBody } from '../protocol/trustee-steps.ts';
import {
  checkedIdentities,
  checkShares,
  identityBody,
  keyPairOf,
  makeDealing,
  missingFrom,
  newTrusteeSecrets,
  qualifiedDealers,
  secretShare,
  TrusteeProblem,
} from '../protocol/trustee-steps.ts';
import { decodeTallyAnswers, trusteeShares } from '../tally/decryption.ts';
import { EXIT } from './exit.ts';
import { exposedToOthers, KeyFile, KeyFileError, readPassphrase } from './key-file.ts';

// ---------------------------------------------------------------------------------------------------
// Errors and connections

/**
 * A failed step: `exitCode` 1 (the server refused, or the election is not at the right stage; `code`
 * is the server's) or 2 (usage, input, key file, network); `status` is the HTTP status of a refusal.
 * @example `throw new TrusteeError(EXIT.refused, 'out-of-phase', 'there is no tally to decrypt yet')`
 */
export class TrusteeError extends Error {
  readonly exitCode: number;
  readonly code: string;
  readonly status: number | undefined;
  constructor(exitCode: number, code: string, message: string, status?: number) {
    super(message);
    this.name = 'TrusteeError';
    this.exitCode = exitCode;
    this.code = code;
    this.status = status;
  }
}

/**
 * Where the ceremony comes from and where what the trustee publishes goes: a server (with the
 * trustee's token), or files (`input`: the JSON of GET /api/elections/<id>/ceremony; `output`: the body
 * the server would accept, for the organiser to upload).
 * @example `{ kind: 'server', server: 'https://vote.example.org', token }`
 */
export type Link =
  | { readonly kind: 'server'; readonly server: string; readonly token: string }
  | { readonly kind: 'offline'; readonly input: string; readonly output: string };

/** One request to the server; TrusteeError 2 if it cannot be reached or does not answer JSON, 1 on a refusal. */
async function call<T>(server: string, method: string, path: string, token?: string, body?: unknown) {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(`${server}${path}`, {
      method,
      headers,
      signal: AbortSignal.timeout(60_000),
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  } catch (e) {
    const cause = (e as { cause?: { code?: string } }).cause?.code ?? (e as Error).name;
    throw new TrusteeError(
      EXIT.unreachable,
      'unreachable',
      `cannot reach the server at ${server} (${cause})`,
    );
  }
  const text = await response.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    throw new TrusteeError(
      EXIT.usage,
      'bad-answer',
      `the server at ${server} did not answer ${method} ${path} with JSON (HTTP ${response.status}); is it a Psephos server?`,
    );
  }
  if (!response.ok) {
    const error = (json as { error?: { code?: string; message?: string } } | undefined)?.error;
    throw new TrusteeError(
      EXIT.refused,
      error?.code ?? `http-${response.status}`,
      error?.message ?? `${method} ${path}: HTTP ${response.status}`,
      response.status,
    );
  }
  return json as T;
}

const electionPath = (election: string) => `/api/elections/${encodeURIComponent(election)}`;

type Route = 'identity' | 'dealing' | 'complaint' | 'decryption-share';

/** Publishes a body: POST to the trustee's route, or (offline) write it to the output file. */
async function publish(
  link: Link,
  election: string,
  trustee: number,
  route: Route,
  body: unknown,
): Promise<'now' | 'written'> {
  if (link.kind === 'offline') {
    try {
      writeFileSync(link.output, `${JSON.stringify(body, null, 2)}\n`);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new TrusteeError(
        EXIT.usage,
        'unwritable',
        `cannot write ${link.output}${code ? ` (${code})` : ''}`,
      );
    }
    return 'written';
  }
  await call(link.server, 'POST', `${electionPath(election)}/trustees/${trustee}/${route}`, link.token, body);
  return 'now';
}

// ---------------------------------------------------------------------------------------------------
// What the board says

const TrusteeIndex = z.int().min(1).max(255);

/** The JSON of GET /api/elections/<id>/ceremony (extra fields tolerated: the server may add some). */
const Ceremony = z.object({
  threshold: TrusteeIndex.optional(),
  trustees: TrusteeIndex.optional(),
  fingerprint: Bytes32.nullable(),
  identities: z.array(z.object({ trustee: TrusteeIndex, communicationKey: ElementWire, proof: ProofWire })),
  dealings: z.array(
    z.object({
      trustee: TrusteeIndex,
      coefficients: z.array(ElementWire),
      proofs: z.array(ProofWire),
      shares: z.array(EncryptedShareWire),
    }),
  ),
  disqualified: z.array(TrusteeIndex),
  electionKey: ElementWire.nullable(),
  tally: Payloads.tally.nullable(),
  decryptionShares: z.array(TrusteeIndex),
});
type Ceremony = z.infer<typeof Ceremony>;

/** The parts of GET /api/elections/<id> used here. */
const Summary = z.object({ status: z.string(), fingerprint: Bytes32, definition: z.unknown() });

/** The ceremony as the trustee steps read it, with the election's status and title. */
interface Board extends CeremonyView {
  readonly ceremony: Ceremony;
  /** The election's status; unknown offline. */
  readonly status: string | undefined;
  /** The title, from the definition (online only). */
  readonly title: string | undefined;
}

/** The ceremony (and, online, the election's status and title), checked for shape. */
async function readBoard(link: Link, election: string): Promise<Board> {
  const [ceremonyJson, summary] =
    link.kind === 'offline'
      ? [readInput(link.input), undefined]
      : await Promise.all([
          call<unknown>(link.server, 'GET', `${electionPath(election)}/ceremony`),
          call<unknown>(link.server, 'GET', electionPath(election)),
        ]);
  const where = link.kind === 'offline' ? link.input : `the server's ceremony of ${election}`;
  const parsed = Ceremony.safeParse(ceremonyJson);
  if (!parsed.success)
    throw new TrusteeError(
      EXIT.usage,
      'bad-input',
      `${where} is not the JSON of GET /api/elections/<id>/ceremony (${describeIssues(parsed.error.issues)})`,
    );
  const ceremony = parsed.data;
  if (!ceremony.fingerprint || !ceremony.threshold || !ceremony.trustees)
    throw new TrusteeError(EXIT.refused, 'out-of-phase', `election ${election} is not set up yet`);
  const fp = fromBase64url(ceremony.fingerprint, 32);
  const common = {
    ceremony,
    fingerprint: fp,
    threshold: ceremony.threshold,
    trustees: ceremony.trustees,
    identities: ceremony.identities,
    dealings: ceremony.dealings,
    disqualified: ceremony.disqualified,
  };
  if (summary === undefined) return { ...common, status: undefined, title: undefined };
  return { ...common, ...checkSummary(summary, fp) };
}

/** The status and title, after checking that the definition shown is the one whose fingerprint is used. */
function checkSummary(json: unknown, fp: Uint8Array): { status: string; title: string } {
  const summary = Summary.safeParse(json);
  if (!summary.success)
    throw new TrusteeError(EXIT.usage, 'bad-answer', 'the server described the election oddly');
  let title: string;
  let same: boolean;
  try {
    const definition = parseDefinition(summary.data.definition);
    title = definition.title;
    same = toBase64url(fingerprint(definition)) === toBase64url(fp);
  } catch (e) {
    if (!(e instanceof ProtocolError)) throw e;
    throw new TrusteeError(
      EXIT.usage,
      'bad-answer',
      `the server's election definition is invalid: ${e.message}`,
    );
  }
  if (!same || summary.data.fingerprint !== toBase64url(fp))
    throw new TrusteeError(
      EXIT.usage,
      'bad-answer',
      "the server's election definition does not match the fingerprint of its ceremony",
    );
  return { status: summary.data.status, title };
}

function readInput(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new TrusteeError(EXIT.usage, 'bad-input', `cannot read ${path}${code ? ` (${code})` : ''}`);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new TrusteeError(EXIT.usage, 'bad-input', `${path} is not JSON`);
  }
}

/** Runs a decoding of board data; a bad encoding is a bad input (exit 2), named. */
function decoding<T>(what: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof ProtocolError || e instanceof CryptoError)
      throw new TrusteeError(EXIT.usage, 'bad-input', `${what}: ${e.message}`);
    throw e;
  }
}

/**
 * Runs a shared trustee step; published data that fails its check (TrusteeProblem) is a bad input
 * (exit 2), named, or a `share-mismatch` of the key file.
 */
function checking<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    throw e instanceof TrusteeProblem ? badInput(e) : e;
  }
}

const badInput = (e: TrusteeProblem) =>
  new TrusteeError(EXIT.usage, e.code === 'share-mismatch' ? e.code : 'bad-input', e.message);

const outOfPhase = (message: string) => new TrusteeError(EXIT.refused, 'out-of-phase', message);

/** "trustee 2", "trustees 1 and 3", "trustees 1, 2 and 3". */
function trustees(list: readonly number[]): string {
  if (list.length === 1) return `trustee ${list[0]}`;
  return `trustees ${list.slice(0, -1).join(', ')} and ${list.at(-1)}`;
}

const STAGES: Record<string, string> = {
  'key-ceremony': 'in its key ceremony',
  ready: 'ready to open',
  open: 'open for voting',
  closed: 'closed (not yet tallied)',
  tallying: 'being decrypted',
  published: 'published',
};

/** An election status in words. */
const stage = (status: string) => STAGES[status] ?? status;

// ---------------------------------------------------------------------------------------------------
// The key file and the trustee's keys

/** The key file's election and trustee, checked against --election and --trustee when given. */
function whoseKey(file: KeyFile, o: { election?: string; trustee?: number }) {
  const { election, trustee } = file.header;
  if (o.election !== undefined && o.election !== election)
    throw new TrusteeError(
      EXIT.usage,
      'wrong-key-file',
      `${file.path} is for election ${election}, not ${o.election}`,
    );
  if (o.trustee !== undefined && o.trustee !== trustee)
    throw new TrusteeError(
      EXIT.usage,
      'wrong-key-file',
      `${file.path} is trustee ${trustee}'s, not trustee ${o.trustee}'s`,
    );
  return { election, trustee };
}

function assertSameElection(file: KeyFile, board: Board): void {
  if (file.secrets.fingerprint !== toBase64url(board.fingerprint))
    throw new TrusteeError(
      EXIT.usage,
      'wrong-key-file',
      `${file.path} was made for another definition of election ${file.header.election} (the fingerprints differ)`,
    );
}

/** Our key on the board, or out-of-phase if it is not there, or identity-mismatch if another is. */
function assertOwnIdentity(
  group: Group,
  identities: Map<number, TrusteeIdentity>,
  self: CommunicationKeyPair,
) {
  const published = identities.get(self.identity.index);
  if (!published)
    throw outOfPhase(
      `trustee ${self.identity.index}'s key is not on the board: run psephos trustee keygen first`,
    );
  if (!group.equals(published.communicationKey, self.identity.communicationKey))
    throw new TrusteeError(
      EXIT.refused,
      'identity-mismatch',
      `the board holds another key for trustee ${self.identity.index} than the one in this key file`,
    );
}

// ---------------------------------------------------------------------------------------------------
// keygen

export interface KeygenOptions {
  readonly election: string;
  readonly trustee: number;
  readonly keyFile: string;
  readonly passphrase: string;
  readonly link: Link;
}

export interface KeygenResult {
  readonly election: string;
  readonly title: string | undefined;
  readonly trustee: number;
  readonly trustees: number;
  readonly threshold: number;
  readonly keyFile: string;
  /** E_j, public. */
  readonly communicationKey: string;
  /** The election's fingerprint, for the trustee to compare with the one the organiser announced. */
  readonly fingerprint: string;
  /** `now`: posted; `already`: the board had it; `written`: to the output file (offline). */
  readonly published: 'now' | 'already' | 'written';
}

/**
 * Makes (or, after an interruption, reuses) trustee `trustee`'s communication key, writes the key
 * file before anything is sent, and publishes the key with its proof.
 * @example `await trusteeKeygen({ election: 'leader-2026', trustee: 2, keyFile: 't2.key', passphrase, link })`
 */
export async function trusteeKeygen(o: KeygenOptions): Promise<KeygenResult> {
  const group = await loadGroup();
  const board = await readBoard(o.link, o.election);
  if (o.trustee > board.trustees)
    throw new TrusteeError(
      EXIT.usage,
      'bad-usage',
      `election ${o.election} has ${board.trustees} trustees; there is no trustee ${o.trustee}`,
    );
  const onBoard = board.ceremony.identities.find((i) => i.trustee === o.trustee);
  // Checked before any key is made; a key already published is recognised whatever the stage.
  if (!onBoard && board.status !== undefined && board.status !== 'key-ceremony')
    throw outOfPhase(
      `election ${o.election} is ${stage(board.status)}; keys are made during the key ceremony`,
    );
  let file: KeyFile;
  if (existsSync(o.keyFile)) {
    file = await KeyFile.open(o.keyFile, o.passphrase);
    whoseKey(file, o);
    assertSameElection(file, board);
  } else {
    if (onBoard)
      throw new TrusteeError(
        EXIT.refused,
        'identity-exists',
        `trustee ${o.trustee} has already published a key; use the key file made then (a new one cannot replace it)`,
      );
    // The file first: a key published but lost would leave this trustee out of the election.
    file = await KeyFile.create(
      o.keyFile,
      { election: o.election, trustee: o.trustee },
      newTrusteeSecrets(group, board.fingerprint, o.trustee),
      o.passphrase,
    );
  }
  const identity = identityBody(file.secrets);
  let published: KeygenResult['published'] = 'already';
  if (onBoard && onBoard.communicationKey !== identity.communicationKey)
    throw new TrusteeError(
      EXIT.refused,
      'identity-mismatch',
      `the board holds another key for trustee ${o.trustee} than the one in ${o.keyFile}`,
    );
  if (!onBoard) published = await publish(o.link, o.election, o.trustee, 'identity', identity);
  return {
    election: o.election,
    title: board.title,
    trustee: o.trustee,
    trustees: board.trustees,
    threshold: board.threshold,
    keyFile: o.keyFile,
    communicationKey: identity.communicationKey,
    fingerprint: toBase64url(board.fingerprint),
    published,
  };
}

// ---------------------------------------------------------------------------------------------------
// share

export interface ShareOptions {
  readonly keyFile: string;
  readonly passphrase: string;
  readonly link: Link;
  /** Only check the shares dealt to this trustee (do not deal). */
  readonly check?: boolean;
  /** When given, must match the key file. */
  readonly election?: string;
  readonly trustee?: number;
}

export interface ShareResult {
  readonly election: string;
  readonly trustee: number;
  readonly keyFile: string;
  /** `skipped` with --check; `already`: the board has it. */
  readonly dealing: 'now' | 'already' | 'written' | 'skipped';
  /** Trustees whose dealings are not on the board yet (the check waits for them). */
  readonly waitingFor: readonly number[];
  /** Whether the shares dealt to this trustee were checked in this run. */
  readonly checked: boolean;
  /** Dealers whose share to this trustee opened and matched their commitments. */
  readonly valid: readonly number[];
  /** Dealers this trustee complains about (their share was missing, undecryptable or wrong). */
  readonly complaints: readonly number[];
  /** How the complaints went: posted now, written to the output file, or none to send. */
  readonly complained: 'now' | 'written' | 'none';
  /** X_j = g^{x_j} once the combined share is known (public). */
  readonly verificationKey: string | undefined;
}

/**
 * Deals (unless `check`), then — once every trustee has dealt — checks the shares dealt to this
 * trustee, complains about bad ones, and stores the combined share in the key file.
 * @example `await trusteeShare({ keyFile: 't2.key', passphrase, link })`
 */
export async function trusteeShare(o: ShareOptions): Promise<ShareResult> {
  const group = await loadGroup();
  const file = await KeyFile.open(o.keyFile, o.passphrase);
  const { election, trustee } = whoseKey(file, o);
  const board = await readBoard(o.link, election);
  assertSameElection(file, board);
  const identities = checking(() => checkedIdentities(group, board));
  const self = keyPairOf(group, trustee, file.secrets);
  assertOwnIdentity(group, identities, self);
  const dealing: ShareResult['dealing'] = o.check
    ? 'skipped'
    : await dealOnce(group, o.link, board, file, trustee, identities);
  // Having just dealt, read the board again: this dealing may have been the last one awaited.
  const now = dealing === 'now' ? await readBoard(o.link, election) : board;
  const waitingFor = missingFrom(
    now.trustees,
    now.dealings.map((d) => d.trustee),
  );
  const base = { election, trustee, keyFile: o.keyFile, dealing, waitingFor };
  if (waitingFor.length > 0 && o.check)
    throw outOfPhase(`the check waits for the dealings of ${trustees(waitingFor)}`);
  // Offline, the output file holds the dealing: the check is its own run (--check) with its own file.
  if (waitingFor.length > 0 || (o.link.kind === 'offline' && !o.check))
    return {
      ...base,
      checked: false,
      valid: [],
      complaints: [],
      complained: 'none',
      verificationKey: undefined,
    };
  return { ...base, ...(await checkAndComplain(group, o.link, now, file, trustee)) };
}

/** Publishes this trustee's dealing once: kept in the key file before it is sent, recognised after. */
async function dealOnce(
  group: Group,
  link: Link,
  board: Board,
  file: KeyFile,
  trustee: number,
  identities: Map<number, TrusteeIdentity>,
): Promise<'now' | 'already' | 'written'> {
  const kept = file.secrets.dealing;
  const published = board.dealings.find((d) => d.trustee === trustee);
  if (published) {
    if (kept && kept.coefficients.join() === published.coefficients.join()) return 'already';
    throw new TrusteeError(
      EXIT.refused,
      'dealing-mismatch',
      `the board holds a dealing of trustee ${trustee} that is not the one in ${file.path}`,
    );
  }
  const missing = missingFrom(board.trustees, identities.keys());
  if (missing.length > 0)
    throw outOfPhase(`dealing waits for ${trustees(missing)} to publish their keys (keygen)`);
  if (board.status !== undefined && board.status !== 'key-ceremony')
    throw outOfPhase(`election ${file.header.election} is ${stage(board.status)}; the key ceremony is over`);
  const { secrets, body } = checking(() => makeDealing(group, board, trustee, file.secrets));
  // Kept before it is sent: once published, f_j(j) can never be made again.
  if (!kept) await file.save(secrets);
  return publish(link, file.header.election, trustee, 'dealing', body);
}

type CheckOutcome = Pick<ShareResult, 'checked' | 'valid' | 'complaints' | 'complained' | 'verificationKey'>;

/**
 * Opens each share dealt to this trustee and checks it against the dealer's commitments; records
 * the good ones and the complaints in the key file (before any complaint is sent), then sends the
 * complaints whose dealer is not disqualified yet.
 */
async function checkAndComplain(
  group: Group,
  link: Link,
  board: Board,
  file: KeyFile,
  trustee: number,
): Promise<CheckOutcome> {
  const outcome = checking(() => checkShares(group, board, trustee, file.secrets));
  await file.save(outcome.secrets);
  return {
    checked: true,
    valid: outcome.valid,
    complaints: outcome.complaints,
    complained: await sendComplaints(link, file.header.election, trustee, outcome.toSend),
    verificationKey: outcome.verificationKey,
  };
}

async function sendComplaints(
  link: Link,
  election: string,
  trustee: number,
  bodies: readonly ComplaintBody[],
): Promise<'now' | 'written' | 'none'> {
  if (bodies.length === 0) return 'none';
  // Offline, the output holds every complaint; the organiser posts each to …/complaint.
  if (link.kind === 'offline') return publish(link, election, trustee, 'complaint', bodies);
  for (const body of bodies) await publish(link, election, trustee, 'complaint', body);
  return 'now';
}

// ---------------------------------------------------------------------------------------------------
// decrypt

export interface DecryptOptions {
  readonly keyFile: string;
  readonly passphrase: string;
  readonly link: Link;
  readonly election?: string;
  readonly trustee?: number;
}

export interface DecryptResult {
  readonly election: string;
  readonly trustee: number;
  readonly keyFile: string;
  /** `already`: the board has this trustee's shares. */
  readonly published: 'now' | 'already' | 'written';
  /** The dealers whose shares make up x_j. */
  readonly qualified: readonly number[];
  /** How many ciphertexts were decrypted (one per candidate). */
  readonly ciphertexts: number;
}

/**
 * Computes this trustee's decryption share of every ciphertext of the tally with its Chaum–Pedersen
 * proof, checked against the public verification key first, and publishes them.
 * @example `await trusteeDecrypt({ keyFile: 't2.key', passphrase, link })`
 */
export async function trusteeDecrypt(o: DecryptOptions): Promise<DecryptResult> {
  const group = await loadGroup();
  const file = await KeyFile.open(o.keyFile, o.passphrase);
  const { election, trustee } = whoseKey(file, o);
  const board = await readBoard(o.link, election);
  assertSameElection(file, board);
  const c = board.ceremony;
  const qualified = qualifiedDealers(board);
  const base = { election, trustee, keyFile: o.keyFile, qualified };
  if (c.decryptionShares.includes(trustee)) return { ...base, published: 'already', ciphertexts: 0 };
  if (board.status !== undefined && board.status !== 'tallying')
    throw outOfPhase(
      `election ${election} is ${stage(board.status)}; decryption shares are taken after the tally and before the result`,
    );
  if (!c.tally || !c.electionKey)
    throw outOfPhase(`there is no tally of election ${election} to decrypt yet`);
  const secret = secretShareOf(group, board, file, trustee);
  const aggregate = decoding('the tally', () => decodeTallyAnswers(group, c.tally!.answers));
  const payload = trusteeShares(group, board.fingerprint, trustee, secret, aggregate);
  const published = await publish(o.link, election, trustee, 'decryption-share', {
    answers: payload.answers,
  });
  return { ...base, published, ciphertexts: aggregate.flat().length };
}

/** x_j from the key file over the qualified dealers, checked against X_j from the commitments. */
function secretShareOf(group: Group, board: Board, file: KeyFile, trustee: number): bigint {
  try {
    return secretShare(group, board, trustee, file.secrets);
  } catch (e) {
    if (!(e instanceof TrusteeProblem)) throw e;
    if (e.code === 'complaint-not-upheld')
      throw new TrusteeError(
        EXIT.refused,
        e.code,
        `your complaint about ${trustees(e.trustees)} is not upheld on the board, so your share cannot be made: tell the organiser`,
      );
    if (e.code === 'missing-share')
      throw new TrusteeError(
        EXIT.usage,
        e.code,
        `${file.path} has no share from ${trustees(e.trustees)}: run psephos trustee share --check first`,
      );
    if (e.code === 'share-mismatch')
      throw new TrusteeError(
        EXIT.usage,
        e.code,
        `the secret share in ${file.path} does not match trustee ${trustee}'s public verification key`,
      );
    throw badInput(e);
  }
}

// ---------------------------------------------------------------------------------------------------
// The commands

interface CommonFlags {
  server?: string;
  tokenFile?: string;
  offline?: boolean;
  in?: string;
  out?: string;
  keyFile: string;
  passphraseFile?: string;
  json?: boolean;
  election?: string;
  trustee?: number;
}

const EXIT_CODES = `
Exit codes:
  0  done (or already done: each step can be run again safely)
  2  bad usage, an unreadable or corrupt key file or input, a wrong passphrase
  3  the server cannot be reached
  4  the server refused, or the election is not at the stage this step needs (its code and message are printed)

The passphrase comes from --passphrase-file, else the environment variable PSEPHOS_PASSPHRASE, else a
prompt (no echo) when standard input is a terminal. Nothing secret is ever sent or printed.`;

function parseTrustee(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 255)
    throw new InvalidArgumentError('give a trustee number, 1 to 255');
  return n;
}

function parseElection(value: string): string {
  if (!Id.safeParse(value).success)
    throw new InvalidArgumentError('an election id is 1 to 64 lower-case letters, digits or hyphens');
  return value;
}

function parseServer(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InvalidArgumentError('give the server as a URL, e.g. https://vote.example.org');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new InvalidArgumentError('the server URL must start with https:// (or http://)');
  return value.replace(/\/+$/, '');
}

function withCommonOptions(command: Command, outWhat: string): Command {
  return command
    .option('--server <url>', 'the Psephos server, e.g. https://vote.example.org', parseServer)
    .option('--token-file <file>', 'the file holding your trustee token (from the organiser)')
    .option('--offline', 'work without a server: read the ceremony from --in, write what to publish to --out')
    .option('--in <file>', 'offline: the ceremony, as GET /api/elections/<id>/ceremony returns it')
    .option('--out <file>', `offline: where to write ${outWhat}, for the organiser to upload`)
    .requiredOption('--key-file <file>', 'your key file (encrypted with your passphrase)')
    .option('--passphrase-file <file>', 'read the passphrase from the first line of this file')
    .option('--json', 'print the outcome as JSON');
}

/** The link the flags describe; TrusteeError 2 for an incomplete or contradictory set. */
function linkOf(flags: CommonFlags): Link {
  if (flags.offline) {
    if (flags.server !== undefined)
      throw new TrusteeError(EXIT.usage, 'bad-usage', 'give either --server or --offline, not both');
    if (!flags.in || !flags.out)
      throw new TrusteeError(
        EXIT.usage,
        'bad-usage',
        '--offline needs --in <ceremony.json> and --out <file>',
      );
    return { kind: 'offline', input: flags.in, output: flags.out };
  }
  if (!flags.server)
    throw new TrusteeError(EXIT.usage, 'bad-usage', 'give --server <url> (or --offline with --in and --out)');
  if (!flags.tokenFile) throw new TrusteeError(EXIT.usage, 'bad-usage', '--server needs --token-file <file>');
  return { kind: 'server', server: flags.server, token: readToken(flags.tokenFile) };
}

function readToken(path: string): string {
  let token: string;
  try {
    token = readFileSync(path, 'utf8').trim();
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new TrusteeError(
      EXIT.usage,
      'bad-usage',
      `cannot read the token file ${path}${code ? ` (${code})` : ''}`,
    );
  }
  if (!/^[A-Za-z0-9_-]+$/.test(token))
    throw new TrusteeError(EXIT.usage, 'bad-usage', `${path} does not hold a token`);
  return token;
}

async function passphraseFor(flags: CommonFlags, create: boolean): Promise<string> {
  if (!create && existsSync(flags.keyFile) && exposedToOthers(flags.keyFile))
    process.stderr.write(
      `warning: ${flags.keyFile} can be read by other users; chmod 600 ${flags.keyFile}\n`,
    );
  return readPassphrase({ file: flags.passphraseFile, create });
}

/** Runs a command: prints its outcome (text or JSON), or the failure with its exit code. */
async function run<R>(name: string, flags: CommonFlags, action: () => Promise<R>, render: (r: R) => string) {
  try {
    const result = await action();
    process.stdout.write(
      flags.json ? `${JSON.stringify({ ok: true, ...result }, null, 2)}\n` : render(result),
    );
    process.exitCode = 0;
  } catch (e) {
    const failure = failureOf(e);
    process.exitCode = failure.exitCode;
    const where =
      failure.exitCode === EXIT.refused && failure.status !== undefined ? 'the server refused' : 'not now';
    const text =
      failure.exitCode === EXIT.refused ? `${where} (${failure.code}): ${failure.message}` : failure.message;
    process.stderr.write(`psephos trustee ${name}: ${text}\n`);
    if (flags.json) {
      const { exitCode: _, ...error } = failure;
      process.stdout.write(`${JSON.stringify({ ok: false, error }, null, 2)}\n`);
    }
  }
}

function failureOf(e: unknown): { exitCode: number; code: string; message: string; status?: number } {
  if (e instanceof TrusteeError)
    return {
      exitCode: e.exitCode,
      code: e.code,
      message: e.message,
      ...(e.status !== undefined ? { status: e.status } : {}),
    };
  if (e instanceof KeyFileError) return { exitCode: EXIT.usage, code: e.code, message: e.message };
  return { exitCode: EXIT.usage, code: 'failed', message: e instanceof Error ? e.message : String(e) };
}

function serverHint(flags: CommonFlags): string {
  return flags.offline
    ? `--offline --in <ceremony.json> --out <file>`
    : `--server ${flags.server} --token-file ${flags.tokenFile}`;
}

function renderKeygen(flags: CommonFlags) {
  return (r: KeygenResult) => {
    const lines = [
      `Trustee ${r.trustee} of ${r.trustees} (any ${r.threshold} decrypt) in election ${r.election}${r.title ? ` — ${r.title}` : ''}`,
      `Key file: ${r.keyFile} (keep it and its passphrase: without both you cannot take part in the decryption)`,
      `Election fingerprint: ${r.fingerprint} (compare it with the one the organiser announced)`,
      `Communication key: ${r.communicationKey}`,
      r.published === 'written'
        ? `Written to ${flags.out}: the organiser posts it to /api/elections/${r.election}/trustees/${r.trustee}/identity`
        : r.published === 'now'
          ? 'Published on the board.'
          : 'Already on the board.',
      `Next, once every trustee has a key: psephos trustee share ${serverHint(flags)} --key-file ${r.keyFile}`,
    ];
    return `${lines.join('\n')}\n`;
  };
}

function renderShare(flags: CommonFlags) {
  return (r: ShareResult) => {
    const lines = [`Trustee ${r.trustee}, election ${r.election}`];
    if (r.dealing === 'now')
      lines.push('Dealing published on the board (your own share is kept in the key file).');
    if (r.dealing === 'already') lines.push('Your dealing is on the board.');
    if (r.dealing === 'written')
      lines.push(
        `Dealing written to ${flags.out}: the organiser posts it to /api/elections/${r.election}/trustees/${r.trustee}/dealing`,
      );
    if (r.waitingFor.length > 0)
      lines.push(
        `Waiting for the dealings of ${trustees(r.waitingFor)}; then run: psephos trustee share --check ${serverHint(flags)} --key-file ${r.keyFile}`,
      );
    else if (!r.checked)
      lines.push(`Next: psephos trustee share --check ${serverHint(flags)} --key-file ${r.keyFile}`);
    if (r.checked) {
      if (r.valid.length > 0) lines.push(`Valid shares from ${trustees(r.valid)}.`);
      for (const dealer of r.complaints)
        lines.push(`COMPLAINT: trustee ${dealer}'s share to you does not match its commitments.`);
      if (r.complained === 'now') lines.push('The complaints are published; anyone can judge them.');
      if (r.complained === 'written')
        lines.push(
          `Complaints written to ${flags.out}: the organiser posts each to /api/elections/${r.election}/trustees/${r.trustee}/complaint`,
        );
      if (r.verificationKey)
        lines.push(
          `Your secret share is stored in ${r.keyFile}; its public verification key: ${r.verificationKey}`,
        );
      lines.push(
        `Next, after the vote is tallied: psephos trustee decrypt ${serverHint(flags)} --key-file ${r.keyFile}`,
      );
    }
    return `${lines.join('\n')}\n`;
  };
}

function renderDecrypt(flags: CommonFlags) {
  return (r: DecryptResult) => {
    const what =
      r.published === 'already'
        ? 'Your decryption shares are already on the board.'
        : r.published === 'now'
          ? `Decryption shares of ${r.ciphertexts} totals published, with their proofs.`
          : `Decryption shares of ${r.ciphertexts} totals written to ${flags.out}: the organiser posts them to /api/elections/${r.election}/trustees/${r.trustee}/decryption-share`;
    return `Trustee ${r.trustee}, election ${r.election} (key from ${trustees(r.qualified)})\n${what}\n`;
  };
}

/**
 * Adds `trustee keygen | share | decrypt` to the program.
 * @example `registerTrusteeCommands(new Command('psephos'))`
 */
export function registerTrusteeCommands(program: Command): void {
  const trustee = program
    .command('trustee')
    .description("a trustee's side of the key ceremony and of the decryption: keygen, share, decrypt")
    .addHelpText(
      'after',
      `
The steps, each when the organiser says the election is ready for it:
  1. keygen    during the key ceremony: your key file and your public communication key
  2. share     once every trustee has a key: your dealing; once every trustee has dealt, the check
               of the shares dealt to you (also: share --check), and your secret share
  3. decrypt   once the votes are tallied: your decryption shares of the totals

Each works with --server URL --token-file F, or offline with --offline --in ceremony.json --out F.
${EXIT_CODES}`,
    );

  withCommonOptions(trustee.command('keygen'), 'the identity (communication key and proof)')
    .description('make your communication key, save it in an encrypted key file, and publish the public part')
    .requiredOption('--election <id>', 'the election id', parseElection)
    .requiredOption('--trustee <n>', 'your trustee number (1..n, as the organiser told you)', parseTrustee)
    .addHelpText(
      'after',
      `
Examples:
  psephos trustee keygen --server https://vote.example.org --election leader-2026 --trustee 2 \\
    --token-file trustee2.token --key-file trustee2.key
  psephos trustee keygen --offline --in ceremony.json --out identity.json \\
    --election leader-2026 --trustee 2 --key-file trustee2.key --passphrase-file pass.txt --json

A new key file needs a passphrase of at least 12 characters. Run it again after an interruption: the
existing key file is used, never replaced.
${EXIT_CODES}`,
    )
    .action(async (flags: CommonFlags & { election: string; trustee: number }) =>
      run(
        'keygen',
        flags,
        async () =>
          trusteeKeygen({
            election: flags.election,
            trustee: flags.trustee,
            keyFile: flags.keyFile,
            link: linkOf(flags),
            passphrase: await passphraseFor(flags, !existsSync(flags.keyFile)),
          }),
        renderKeygen(flags),
      ),
    );

  withCommonOptions(trustee.command('share'), 'the dealing (or, with --check, the complaints)')
    .description(
      'deal your shares to the other trustees; once all have dealt, check the shares dealt to you (complaining about bad ones) and store your secret share',
    )
    .option('--check', 'only check the shares dealt to you (after every trustee has dealt)')
    .option('--election <id>', 'the election id (checked against the key file)', parseElection)
    .option('--trustee <n>', 'your trustee number (checked against the key file)', parseTrustee)
    .addHelpText(
      'after',
      `
Examples:
  psephos trustee share --server https://vote.example.org --token-file trustee2.token --key-file trustee2.key
  psephos trustee share --check --server https://vote.example.org --token-file trustee2.token --key-file trustee2.key
  psephos trustee share --offline --in ceremony.json --out dealing.json --key-file trustee2.key
  psephos trustee share --check --offline --in ceremony.json --out complaints.json --key-file trustee2.key --json

Online, \`share\` also does the check when every dealing is already on the board. A bad share is
answered with a complaint that reveals only the key of that one share, with a proof, so that anyone can
see which of the two trustees is at fault; the dealer found at fault is left out of the election key.
${EXIT_CODES}`,
    )
    .action(async (flags: CommonFlags & { check?: boolean }) =>
      run(
        'share',
        flags,
        async () =>
          trusteeShare({
            keyFile: flags.keyFile,
            link: linkOf(flags),
            passphrase: await passphraseFor(flags, false),
            check: flags.check === true,
            ...(flags.election !== undefined ? { election: flags.election } : {}),
            ...(flags.trustee !== undefined ? { trustee: flags.trustee } : {}),
          }),
        renderShare(flags),
      ),
    );

  withCommonOptions(trustee.command('decrypt'), 'the decryption shares')
    .description('publish your decryption shares of the tally, with their proofs')
    .option('--election <id>', 'the election id (checked against the key file)', parseElection)
    .option('--trustee <n>', 'your trustee number (checked against the key file)', parseTrustee)
    .addHelpText(
      'after',
      `
Examples:
  psephos trustee decrypt --server https://vote.example.org --token-file trustee2.token --key-file trustee2.key
  psephos trustee decrypt --offline --in ceremony.json --out shares.json --key-file trustee2.key --json

Only the totals are decrypted, never a single ballot; any threshold of trustees suffices.
${EXIT_CODES}`,
    )
    .action(async (flags: CommonFlags) =>
      run(
        'decrypt',
        flags,
        async () =>
          trusteeDecrypt({
            keyFile: flags.keyFile,
            link: linkOf(flags),
            passphrase: await passphraseFor(flags, false),
            ...(flags.election !== undefined ? { election: flags.election } : {}),
            ...(flags.trustee !== undefined ? { trustee: flags.trustee } : {}),
          }),
        renderDecrypt(flags),
      ),
    );
}
