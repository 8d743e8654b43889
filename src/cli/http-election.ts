/**
 * A whole election through the real server's HTTP API, every role a separate client with its own
 * credentials: the organiser (admin token), the trustees (each its token; their secrets stay in this
 * process, as they would stay in each trustee's browser or file), the credential authority (the
 * voting credentials are made here and never sent), and the voters (each logs in with the link from
 * the email the server sent, casts, and checks the signed receipt). Used by `psephos demo` and the
 * server's end-to-end tests.
 *
 * @example
 * ```ts
 * const run = await runHttpElection({ baseUrl, adminToken, group, voters, readLoginLink, … });
 * ```
 */
import { verifyReceipt } from '../board/receipt.ts';
import { fromBase64url, toBase64url } from '../crypto/bytes.ts';
import { deriveCredential, generateCredential } from '../crypto/credential.ts';
import type { CommunicationKeyPair, EncryptedShare, TrusteeIdentity } from '../crypto/dkg.ts';
import { combineSecretShares, createCommunicationKey, deal, receiveShare } from '../crypto/dkg.ts';
import type { Group } from '../crypto/group.ts';
import type { BallotElection } from '../protocol/ballot.ts';
import { createBallot } from '../protocol/ballot.ts';
import { decodeElement, decodeProof, encodeElement, encodeProof } from '../protocol/codec.ts';
import type { ElectionDefinition } from '../protocol/definition.ts';
import { parseDefinition } from '../protocol/definition.ts';
import { trusteeShares } from '../tally/decryption.ts';
import { auditOnce, sampleDraft, simulatedChoice } from './simulate.ts';

export class ApiClientError extends Error {
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.name = 'ApiClientError';
    this.status = status;
    this.code = code;
  }
}

/** A JSON call to the API with a bearer token; ApiClientError with the server's code on refusal. */
export async function api<T>(
  baseUrl: string,
  method: string,
  path: string,
  token?: string,
  body?: unknown,
): Promise<T> {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers,
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  const json = text ? (JSON.parse(text) as unknown) : undefined;
  if (!response.ok) {
    const error = (json as { error?: { code?: string; message?: string } } | undefined)?.error;
    throw new ApiClientError(
      response.status,
      error?.code ?? 'http',
      error?.message ?? `${method} ${path}: HTTP ${response.status}`,
    );
  }
  return json as T;
}

export interface HttpElectionOptions {
  readonly baseUrl: string;
  readonly adminToken: string;
  readonly group: Group;
  readonly electionId: string;
  readonly voters: readonly { voterId: string; email: string; name: string }[];
  /** How many of the voters vote (the first ones). */
  readonly turnout: number;
  readonly candidates: number;
  readonly trustees: number;
  readonly threshold: number;
  readonly revoting: 'single' | 'last-counts';
  /** The login link (with its token after `#`) from the email the server sent to this address. */
  readonly readLoginLink: (email: string) => Promise<string>;
  readonly onProgress?: (phase: string, done: number, total: number) => void;
  /** Voters who audit one encryption (Benaloh) before casting. */
  readonly auditors?: number;
  /** Voters who cast a second ballot (under `last-counts`). */
  readonly revoters?: number;
  /** How many voters are at the polls at once (default 4). */
  readonly concurrency?: number;
}

export interface HttpElectionOutcome {
  readonly audited: number;
  readonly expected: number[];
  readonly definition: ElectionDefinition;
  readonly receiptsChecked: number;
  readonly timings: { phase: string; ms: number }[];
}

interface Ceremony {
  fingerprint: string;
  identities: { trustee: number; communicationKey: string; proof: { c: string; s: string } }[];
  dealings: {
    trustee: number;
    coefficients: string[];
    proofs: { c: string; s: string }[];
    shares: { recipient: number; nonce: string; ciphertext: string }[];
  }[];
  tally: { answers: { alpha: string; beta: string }[][] } | null;
}

/** What the organiser, trustees and credential authority hold once voting is open. */
export interface OpenElection {
  readonly definition: ElectionDefinition;
  readonly ballotElection: BallotElection;
  readonly trusteeTokens: readonly string[];
  /** Each trustee's secret share (in reality each stays with its trustee). */
  readonly secretShares: readonly bigint[];
  /** Voter i's credential text (in reality only voter i has it). */
  readonly credentials: readonly string[];
}

type Lap = (phase: string) => void;

/** The organiser creates and sets up the election, the trustees run the ceremony, the credential authority issues credentials; voting opens. */
export async function openHttpElection(
  o: Omit<HttpElectionOptions, 'turnout' | 'readLoginLink'>,
  lap: Lap = () => {},
): Promise<OpenElection> {
  const admin = <T>(method: string, path: string, body?: unknown) =>
    api<T>(o.baseUrl, method, path, o.adminToken, body);
  const base = `/api/elections/${o.electionId}`;
  const created = await admin<{ definition: ElectionDefinition }>('POST', '/api/elections', {
    definition: draftDefinition(o),
  });
  const definition = parseDefinition(created.definition);
  await admin('POST', `${base}/voters`, { voters: o.voters });
  const { trusteeTokens } = await admin<{ trusteeTokens: string[] }>('POST', `${base}/setup`);
  lap('organiser: draft, voters, setup');

  const secretShares = await keyCeremony(o, trusteeTokens);
  await admin('POST', `${base}/ceremony/finish`);
  lap('trustees: key ceremony');

  // The credential authority: one credential per voter; only the public list goes to the server.
  const credentials = o.voters.map(() => generateCredential());
  const list = credentials
    .map((t) => encodeElement(o.group, deriveCredential(o.group, definition.id, t).publicCredential))
    .sort()
    .map((credential) => ({ credential, weight: 1 }));
  await admin('POST', `${base}/electorate`, { credentials: list });
  await admin('POST', `${base}/open`);
  lap('credential authority: credentials; open');

  // What the booth reads from the public election page: the definition, fingerprint and election key.
  const published = await api<{ fingerprint: string; electionKey: string }>(
    o.baseUrl,
    'GET',
    `${base}/ceremony`,
  );
  const ballotElection = {
    definition,
    fingerprint: fromBase64url(published.fingerprint, 32),
    publicKey: decodeElement(o.group, published.electionKey, 'electionKey'),
  };
  return { definition, ballotElection, trusteeTokens, secretShares, credentials };
}

/** A voter logs in with the emailed link and gets a bearer token for casting. */
export async function loginVoter(
  o: Pick<HttpElectionOptions, 'baseUrl' | 'electionId' | 'readLoginLink'>,
  email: string,
): Promise<string> {
  const base = `/api/elections/${o.electionId}`;
  await api(o.baseUrl, 'POST', `${base}/login`, undefined, { email });
  const link = await o.readLoginLink(email);
  const { token } = await api<{ token: string }>(o.baseUrl, 'POST', `${base}/login/verify`, undefined, {
    token: link.split('#')[1],
  });
  return token;
}

/** Closes, tallies, has the last t trustees decrypt, and publishes. */
export async function closeAndPublish(
  o: Omit<HttpElectionOptions, 'turnout' | 'readLoginLink' | 'voters'>,
  open: OpenElection,
): Promise<void> {
  const admin = <T>(method: string, path: string, body?: unknown) =>
    api<T>(o.baseUrl, method, path, o.adminToken, body);
  const base = `/api/elections/${o.electionId}`;
  await admin('POST', `${base}/close`);
  await admin('POST', `${base}/tally`);
  const ceremony = await api<Ceremony>(o.baseUrl, 'GET', `${base}/ceremony`);
  const aggregate = ceremony.tally!.answers.map((row) => row.map((c) => decodeTallyCiphertext(o.group, c)));
  const fp = fromBase64url(ceremony.fingerprint, 32);
  // The last t trustees decrypt: the first ones may be unreachable, and need not be.
  for (let t = o.trustees - o.threshold + 1; t <= o.trustees; t++) {
    const payload = trusteeShares(o.group, fp, t, open.secretShares[t - 1]!, aggregate);
    await api(o.baseUrl, 'POST', `${base}/trustees/${t}/decryption-share`, open.trusteeTokens[t - 1], {
      answers: payload.answers,
    });
  }
  await admin('POST', `${base}/publish`);
}

export async function runHttpElection(o: HttpElectionOptions): Promise<HttpElectionOutcome> {
  const timings: { phase: string; ms: number }[] = [];
  let start = performance.now();
  const lap = (phase: string) => {
    timings.push({ phase, ms: Math.round(performance.now() - start) });
    start = performance.now();
  };
  const open = await openHttpElection(o, lap);
  const final = Array<number>(o.turnout).fill(0);
  let receiptsChecked = 0;
  let audited = 0;
  let done = 0;
  await inParallel(o.turnout, o.concurrency ?? 4, async (v) => {
    const token = await loginVoter(o, o.voters[v]!.email);
    if (v < (o.auditors ?? 0))
      audited += auditOnce(
        o.group,
        open.ballotElection,
        open.credentials[v]!,
        simulatedChoice(v, o.candidates),
      );
    const rounds = o.revoting === 'last-counts' && v < (o.revoters ?? 0) ? 2 : 1;
    for (let round = 0; round < rounds; round++) {
      const choice = simulatedChoice(v, o.candidates, round);
      await castAndCheck(o, open, token, open.credentials[v]!, choice);
      receiptsChecked++;
      final[v] = choice;
    }
    o.onProgress?.('voting', ++done, o.turnout);
  });
  const expected = Array<number>(o.candidates).fill(0);
  for (const choice of final) expected[choice]!++;
  lap('voters: login by email, audit or cast, receipt checked');
  await closeAndPublish(o, open);
  lap('close, tally, trustees decrypt, publish');
  return { expected, definition: open.definition, receiptsChecked, audited, timings };
}

/** Casts one ballot and checks the signed receipt the server answers with. */
async function castAndCheck(
  o: HttpElectionOptions,
  open: OpenElection,
  token: string,
  credential: string,
  choice: number,
): Promise<void> {
  const { ballot } = createBallot(o.group, open.ballotElection, credential, [[choice]]);
  const { receipt } = await api<{ receipt: unknown }>(
    o.baseUrl,
    'POST',
    `/api/elections/${o.electionId}/ballots`,
    token,
    ballot,
  );
  verifyReceipt(open.definition.boardKey, receipt, o.electionId);
}

/** Runs `task(0..count-1)` with at most `width` at a time. */
async function inParallel(count: number, width: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < count) await task(next++);
  };
  await Promise.all(Array.from({ length: Math.min(width, count) }, lane));
}

function decodeTallyCiphertext(group: Group, c: { alpha: string; beta: string }) {
  return {
    alpha: decodeElement(group, c.alpha, 'alpha', { allowIdentity: true }),
    beta: decodeElement(group, c.beta, 'beta', { allowIdentity: true }),
  };
}

function draftDefinition(o: Omit<HttpElectionOptions, 'turnout' | 'readLoginLink'>) {
  return sampleDraft({
    ...o,
    id: o.electionId,
    title: 'Leadership election (demonstration)',
    opensAt: new Date().toISOString(),
    closesAt: new Date(Date.now() + 7 * 86400_000).toISOString(),
  });
}

/** The trustees' side of the ceremony, each with its own token; returns each trustee's secret share. */
async function keyCeremony(
  o: Omit<HttpElectionOptions, 'turnout' | 'readLoginLink'>,
  tokens: readonly string[],
): Promise<bigint[]> {
  const base = `/api/elections/${o.electionId}`;
  const fp = fromBase64url((await api<{ fingerprint: string }>(o.baseUrl, 'GET', base)).fingerprint, 32);
  const params = { threshold: o.threshold, trustees: o.trustees };
  const keys: CommunicationKeyPair[] = [];
  for (let i = 1; i <= o.trustees; i++) {
    const pair = createCommunicationKey(o.group, fp, i);
    keys.push(pair);
    await api(o.baseUrl, 'POST', `${base}/trustees/${i}/identity`, tokens[i - 1], {
      communicationKey: encodeElement(o.group, pair.identity.communicationKey),
      proof: encodeProof(pair.identity.proof),
    });
  }
  const published = await api<Ceremony>(o.baseUrl, 'GET', `${base}/ceremony`);
  const identities: TrusteeIdentity[] = published.identities.map((i) => ({
    index: i.trustee,
    communicationKey: decodeElement(o.group, i.communicationKey, 'communicationKey'),
    proof: decodeProof(i.proof, 'proof'),
  }));
  const own: bigint[] = [];
  for (const self of keys) {
    const dealing = deal(o.group, fp, params, self, identities);
    own.push(dealing.ownShare);
    await api(
      o.baseUrl,
      'POST',
      `${base}/trustees/${self.identity.index}/dealing`,
      tokens[self.identity.index - 1],
      {
        coefficients: dealing.commitment.coefficients.map((c) => encodeElement(o.group, c)),
        proofs: dealing.commitment.proofs.map(encodeProof),
        shares: dealing.shares.map((s) => ({
          recipient: s.recipient,
          nonce: toBase64url(s.nonce),
          ciphertext: toBase64url(s.ciphertext),
        })),
      },
    );
  }
  // Each trustee opens the shares dealt to it from what the board published, and checks them.
  const board = await api<Ceremony>(o.baseUrl, 'GET', `${base}/ceremony`);
  return keys.map((self, j) => {
    const shares = board.dealings.map((d) => {
      if (d.trustee === self.identity.index) return own[j]!;
      const wire = d.shares.find((s) => s.recipient === self.identity.index)!;
      const encrypted: EncryptedShare = {
        dealer: d.trustee,
        recipient: wire.recipient,
        nonce: fromBase64url(wire.nonce, 24),
        ciphertext: fromBase64url(wire.ciphertext, 48),
      };
      const commitment = {
        dealer: d.trustee,
        coefficients: d.coefficients.map((c) => decodeElement(o.group, c, 'coefficient')),
        proofs: d.proofs.map((p) => decodeProof(p, 'proof')),
      };
      const outcome = receiveShare(o.group, fp, self, identities[d.trustee - 1]!, commitment, encrypted);
      if (!outcome.ok)
        throw new Error(`trustee ${self.identity.index} found the share of trustee ${d.trustee} invalid`);
      return outcome.share;
    });
    return combineSecretShares(shares);
  });
}
