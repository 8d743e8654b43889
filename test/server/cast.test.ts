/**
 * Casting through the real server: the receipt, retries, the revoting policies, every refusal of a
 * bad ballot (each a 4xx with its code, the board unchanged), casting outside the voting period and
 * with the wrong login; then a fuzz of the cast route with fast-check — arbitrary JSON, ballot-shaped
 * junk, and valid ballots with random structural mutations (some signed again by the voter, so that
 * they reach the proof checks) — none of which may ever get a 5xx or change the board unless accepted.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { verifyReceipt } from '../../src/board/receipt.ts';
import { closeAndPublish, loginVoter } from '../../src/cli/http-election.ts';
import { toBase64url } from '../../src/crypto/bytes.ts';
import { generateCredential } from '../../src/crypto/credential.ts';
import type { Ballot } from '../../src/protocol/ballot.ts';
import { createBallot } from '../../src/protocol/ballot.ts';
import { tracker } from '../../src/protocol/tracker.ts';
import { verifyRecord } from '../../src/verifier/verify.ts';
import { resign } from '../protocol/fixtures.ts';
import {
  boardSize,
  call,
  errorOf,
  group,
  openElection,
  readLoginLink,
  refused,
  startServer,
  type TestElection,
  type TestServer,
  votersOf,
} from './fixtures.ts';

interface CastReply {
  receipt: { index: number; tracker: string; election: string };
  replay: boolean;
}

let server: TestServer;
let app: FastifyInstance;
/** `single`, 8 voters. */
let single: TestElection;
/** `last-counts`, 4 voters; closed, published and verified by one test. */
let last: TestElection;
/** Another open election, for ballots and logins that belong elsewhere. */
let other: TestElection;
/** `last-counts`, 2 voters: the mutation fuzz's. */
let fuzzed: TestElection;
const tokens = new Map<string, string>();

/** The bearer token of voter i of an election (logged in once, in `before`). */
const tokenOf = (election: TestElection, i: number) => tokens.get(`${election.id}/${i}`)!;

function cast(election: TestElection, token: string | undefined, ballot: unknown) {
  return call(app, 'POST', `${election.base}/ballots`, token, ballot);
}

/** Casts and checks that the board grew by exactly `grows` events; returns the reply. */
async function castChecked(
  election: TestElection,
  token: string | undefined,
  ballot: unknown,
  grows: number,
): Promise<LightMyRequestResponse> {
  const before = await boardSize(app, election.id);
  const response = await cast(election, token, ballot);
  assert.equal(
    await boardSize(app, election.id),
    before + grows,
    `board size after ${response.body.slice(0, 200)}`,
  );
  return response;
}

/** A refused cast: this status and code, and the board unchanged. */
async function castRefused(
  election: TestElection,
  token: string | undefined,
  ballot: unknown,
  status: number,
  code: string,
): Promise<void> {
  refused(await castChecked(election, token, ballot, 0), status, code);
}

/** An accepted cast: a receipt that verifies under the board key, for this ballot. */
async function castAccepted(election: TestElection, token: string, ballot: Ballot): Promise<CastReply> {
  const response = await castChecked(election, token, ballot, 1);
  assert.equal(response.statusCode, 200, response.body);
  const reply = response.json() as CastReply;
  assert.equal(reply.replay, false);
  const receipt = verifyReceipt(election.open.definition.boardKey, reply.receipt, election.id);
  assert.equal(receipt.tracker, toBase64url(tracker(ballot)));
  return reply;
}

/** The ballot with one character of its signature's challenge changed (still a canonical scalar). */
function flippedSignature(ballot: Ballot): Ballot {
  const c = ballot.signature.c;
  return { ...ballot, signature: { ...ballot.signature, c: (c[0] === 'A' ? 'B' : 'A') + c.slice(1) } };
}

before(async () => {
  server = await startServer();
  app = server.app;
  [single, last, other, fuzzed] = await Promise.all([
    openElection(server, { id: 'cast-single', voters: 9 }),
    openElection(server, { id: 'cast-last', voters: 4, revoting: 'last-counts' }),
    openElection(server, { id: 'cast-other', voters: 1 }),
    openElection(server, { id: 'cast-fuzz', voters: 2, revoting: 'last-counts' }),
  ]);
  const logins = [single, last, other, fuzzed].flatMap((e) =>
    e.voters.map(async (_, i) => tokens.set(`${e.id}/${i}`, await e.login(i))),
  );
  await Promise.all(logins);
});

after(async () => {
  await server?.close();
});

describe('casting under `single`', () => {
  let first: Ballot;
  let receipt: CastReply;

  test('a valid ballot: a signed receipt that verifies, and the ballot on the board at its index', async () => {
    first = single.ballot(0, 2);
    receipt = await castAccepted(single, tokenOf(single, 0), first);
    const served = await call(app, 'GET', `${single.base}/board/ballots/${receipt.receipt.tracker}`);
    assert.equal(served.statusCode, 200);
    assert.equal((served.json() as { index: number }).index, receipt.receipt.index);
    const summary = (await call(app, 'GET', single.base)).json() as { ballots: { cast: number } };
    assert.equal(summary.ballots.cast, 1);
  });

  test('the same ballot again: 200, the same receipt index, replay, nothing appended', async () => {
    const response = await castChecked(single, tokenOf(single, 0), first, 0);
    assert.equal(response.statusCode, 200, response.body);
    const again = response.json() as CastReply;
    assert.equal(again.replay, true);
    assert.equal(again.receipt.index, receipt.receipt.index);
    assert.equal(again.receipt.tracker, receipt.receipt.tracker);
    verifyReceipt(single.open.definition.boardKey, again.receipt, single.id);
  });

  test('the same ballot sent twice at once (a resend racing the first): one appended, both get its receipt', async () => {
    const voter = 8;
    const token = await single.login(voter);
    const ballot = single.ballot(voter, 1);
    const before = await boardSize(app, single.id);
    const [a, b] = await Promise.all([cast(single, token, ballot), cast(single, token, ballot)]);
    assert.equal(a.statusCode, 200, a.body);
    assert.equal(b.statusCode, 200, b.body);
    const replies = [a.json() as CastReply, b.json() as CastReply];
    assert.equal(replies[0]!.receipt.index, replies[1]!.receipt.index);
    assert.deepEqual(replies.map((r) => r.replay).sort(), [false, true]);
    assert.equal(await boardSize(app, single.id), before + 1);
  });

  test('another ballot with the same credential: 409 already-voted, nothing appended', async () => {
    await castRefused(single, tokenOf(single, 0), single.ballot(0, 1), 409, 'already-voted');
    await castRefused(single, tokenOf(single, 0), single.ballot(0, 2), 409, 'already-voted');
  });

  test('a flipped signature byte: 400 bad-signature', async () => {
    await castRefused(single, tokenOf(single, 1), flippedSignature(single.ballot(1)), 400, 'bad-signature');
    const s = single.ballot(1);
    const flippedS = {
      ...s,
      signature: { ...s.signature, s: (s.signature.s[0] === 'A' ? 'B' : 'A') + s.signature.s.slice(1) },
    };
    await castRefused(single, tokenOf(single, 1), flippedS, 400, 'bad-signature');
    // Content changed after signing: the credential swapped for another listed one.
    const stolen = { ...single.ballot(1), credential: single.ballot(6).credential };
    await castRefused(single, tokenOf(single, 1), stolen, 400, 'bad-signature');
  });

  test('a valid signature over a bad proof (the voter re-signed altered content): 400 bad-proof', async () => {
    const ballot = single.ballot(2, 0);
    const [a, b, c] = ballot.answers[0]!.choices;
    const swapped = { ...ballot, answers: [{ ...ballot.answers[0]!, choices: [b!, a!, c!] }] };
    const signed = resign(group, single.open.ballotElection, single.open.credentials[2]!, swapped);
    await castRefused(single, tokenOf(single, 2), signed, 400, 'bad-proof');
    const range = {
      ...ballot,
      answers: [
        { ...ballot.answers[0]!, rangeProof: ballot.answers[0]!.rangeProof.map((p) => ({ c: p.s, s: p.c })) },
      ],
    };
    const rangeSigned = resign(group, single.open.ballotElection, single.open.credentials[2]!, range);
    await castRefused(single, tokenOf(single, 2), rangeSigned, 400, 'bad-proof');
  });

  test('wrong shapes and elements with a valid signature: 400 wrong-shape, bad-element', async () => {
    const ballot = single.ballot(2, 0);
    const credential = single.open.credentials[2]!;
    const two = {
      ...ballot,
      answers: [{ ...ballot.answers[0]!, choices: ballot.answers[0]!.choices.slice(0, 2) }],
    };
    await castRefused(
      single,
      tokenOf(single, 2),
      resign(group, single.open.ballotElection, credential, two),
      400,
      'wrong-shape',
    );
    const twice = { ...ballot, answers: [ballot.answers[0]!, ballot.answers[0]!] };
    await castRefused(
      single,
      tokenOf(single, 2),
      resign(group, single.open.ballotElection, credential, twice),
      400,
      'wrong-shape',
    );
    const identity = `${'A'.repeat(42)}A`;
    const zero = {
      ...ballot,
      answers: [
        {
          ...ballot.answers[0]!,
          choices: [{ alpha: identity, beta: identity }, ...ballot.answers[0]!.choices.slice(1)],
        },
      ],
    };
    await castRefused(
      single,
      tokenOf(single, 2),
      resign(group, single.open.ballotElection, credential, zero),
      400,
      'bad-element',
    );
    const big = `${'_'.repeat(42)}w`; // 2^256 − 1: not a scalar below ℓ
    const unreduced = { ...ballot, answers: [{ ...ballot.answers[0]!, rangeProof: [{ c: big, s: big }] }] };
    await castRefused(
      single,
      tokenOf(single, 2),
      resign(group, single.open.ballotElection, credential, unreduced),
      400,
      'bad-element',
    );
  });

  test('a credential not on the list (a valid ballot by a fresh credential): 403 unlisted-credential', async () => {
    const { ballot } = createBallot(group, single.open.ballotElection, generateCredential(), [[0]]);
    await castRefused(single, tokenOf(single, 3), ballot, 403, 'unlisted-credential');
  });

  test("another election's ballot: 400 wrong-election", async () => {
    await castRefused(single, tokenOf(single, 4), other.ballot(0), 400, 'wrong-election');
  });

  test('a login that voted with one credential cannot use another: 403 credential-taken', async () => {
    await castAccepted(single, tokenOf(single, 5), single.ballot(5, 1));
    await castRefused(single, tokenOf(single, 5), single.ballot(6, 1), 403, 'credential-taken');
    // Nothing was bound by the refusal: the credential's owner votes with it.
    await castAccepted(single, tokenOf(single, 6), single.ballot(6, 0));
  });

  test("someone else's credential that has voted: 409 already-voted", async () => {
    await castRefused(single, tokenOf(single, 7), single.ballot(0, 1), 409, 'already-voted');
  });

  test('no login, a logged-out login, an organiser or trustee, a voter of another election: 401 / 403', async () => {
    const ballot = single.ballot(7);
    await castRefused(single, undefined, ballot, 401, 'login-required');
    await castRefused(single, tokenOf(other, 0), ballot, 403, 'forbidden');
    await castRefused(single, server.adminToken, ballot, 403, 'forbidden');
    await castRefused(single, single.open.trusteeTokens[0], ballot, 403, 'forbidden');
    const token = await single.login(7);
    const out = await call(app, 'POST', `${single.base}/logout`, token);
    assert.equal(out.statusCode, 204);
    await castRefused(single, token, ballot, 401, 'login-required');
    // The voter's other session still works.
    await castAccepted(single, tokenOf(single, 7), ballot);
  });

  test('the metrics count ballots by outcome', async () => {
    const text = (await call(app, 'GET', '/metrics')).body;
    const count = (outcome: string) =>
      Number(
        new RegExp(`^psephos_ballots_total\\{outcome="${outcome}"\\} (\\d+)$`, 'm').exec(text)?.[1] ?? 0,
      );
    assert.ok(count('accepted') >= 4, text);
    assert.ok(count('replay') >= 1);
    assert.ok(count('already-voted') >= 2);
    assert.ok(count('bad-signature') >= 1);
    assert.ok(count('unlisted-credential') >= 1);
  });
});

describe('casting under `last-counts`', () => {
  let firstBallot: Ballot;
  let firstReply: CastReply;

  test('a second ballot is accepted, and so is a replay of the first', async () => {
    firstBallot = last.ballot(0, 0);
    firstReply = await castAccepted(last, tokenOf(last, 0), firstBallot);
    const second = await castAccepted(last, tokenOf(last, 0), last.ballot(0, 1));
    assert.ok(second.receipt.index > firstReply.receipt.index);
    const replay = await castChecked(last, tokenOf(last, 0), firstBallot, 0);
    assert.equal(replay.statusCode, 200, replay.body);
    assert.deepEqual(
      { replay: (replay.json() as CastReply).replay, index: (replay.json() as CastReply).receipt.index },
      { replay: true, index: firstReply.receipt.index },
    );
  });

  test('another login with a credential that is in use: 403 credential-taken', async () => {
    await castRefused(last, tokenOf(last, 1), last.ballot(0, 2), 403, 'credential-taken');
  });

  test('the verifier counts only the last ballot of each credential', async () => {
    await castAccepted(last, tokenOf(last, 1), last.ballot(1, 2));
    await castAccepted(last, tokenOf(last, 1), last.ballot(1, 0));
    await castAccepted(last, tokenOf(last, 2), last.ballot(2, 1));
    await closeAndPublish(
      {
        baseUrl: server.baseUrl,
        adminToken: server.adminToken,
        group,
        electionId: last.id,
        candidates: last.options.candidates,
        trustees: last.options.trustees,
        threshold: last.options.threshold,
        revoting: 'last-counts',
      },
      last.open,
    );
    const text = (await call(app, 'GET', `${last.base}/record`)).body;
    const report = await verifyRecord(
      {
        open: async function* () {
          yield text;
        },
      },
      { group },
    );
    assert.equal(report.ok, true, JSON.stringify(report.failure));
    assert.equal(report.phase, 'published');
    assert.equal(report.counts.ballots, 5);
    assert.equal(report.counts.counted, 3);
    // Voter 0: 0 then 1; voter 1: 2 then 0; voter 2: 1.
    assert.deepEqual(
      report.result?.questions[0]?.candidates.map((c) => c.votes),
      [1, 2, 0],
    );
  });

  test('after the close: 409 election-not-open, even for a replay', async () => {
    await castRefused(last, tokenOf(last, 3), last.ballot(3, 0), 409, 'election-not-open');
    await castRefused(last, tokenOf(last, 0), firstBallot, 409, 'election-not-open');
  });
});

describe('casting before the election opens', () => {
  test('a draft with voters who can log in: 409 election-not-open', async () => {
    const id = 'cast-draft';
    const created = await call(app, 'POST', '/api/elections', server.adminToken, {
      definition: { ...other.open.definition, id, boardKey: undefined },
    });
    assert.equal(created.statusCode, 201, created.body);
    const voters = votersOf(id, 1);
    const added = await call(app, 'POST', `/api/elections/${id}/voters`, server.adminToken, { voters });
    assert.equal(added.statusCode, 200, added.body);
    const mark = server.sink.messages.length;
    const token = await loginVoter(
      {
        baseUrl: server.baseUrl,
        electionId: id,
        readLoginLink: (email) => readLoginLink(server.sink, email, mark),
      },
      voters[0]!.email,
    );
    const response = await call(app, 'POST', `/api/elections/${id}/ballots`, token, other.ballot(0));
    refused(response, 409, 'election-not-open');
    assert.equal(await boardSize(app, id), 0);
  });
});

// ---------------------------------------------------------------------------------------------------
// Fuzz

/** Codes a cast may be refused with. */
const CAST_CODES = new Set([
  'malformed',
  'wrong-election',
  'unlisted-credential',
  'wrong-shape',
  'bad-element',
  'bad-signature',
  'bad-proof',
  'already-voted',
  'credential-taken',
  'ctp_invalid_json_body',
  'ctp_empty_json_body',
]);

/** The reply within 10 s, or a failure naming what hung (a crashed check worker would never answer). */
async function settled(
  reply: Promise<LightMyRequestResponse>,
  what: string,
): Promise<LightMyRequestResponse> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no reply within 10 s to ${what.slice(0, 300)}`)), 10_000);
  });
  try {
    return await Promise.race([reply, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Posts a raw JSON text as a ballot and checks the one rule: a 4xx with `{ error: { code, message } }`
 * and the board unchanged, or a 200 with a receipt and the board one longer (zero for a replay).
 */
async function castFuzzed(election: TestElection, token: string, text: string): Promise<string> {
  const before = await boardSize(app, election.id);
  const response = await settled(
    app.inject({
      method: 'POST',
      url: `${election.base}/ballots`,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      payload: text,
    }),
    text,
  );
  const what = `${response.statusCode} ${response.body.slice(0, 300)} for ${text.slice(0, 300)}`;
  assert.ok(response.statusCode < 500, `never a 5xx: ${what}`);
  let grows = 0;
  let outcome: string;
  if (response.statusCode === 200) {
    const reply = response.json() as CastReply;
    verifyReceipt(election.open.definition.boardKey, reply.receipt, election.id);
    grows = reply.replay ? 0 : 1;
    outcome = reply.replay ? 'replay' : 'accepted';
  } else {
    assert.ok(response.statusCode >= 400, what);
    outcome = errorOf(response).code;
    assert.ok(CAST_CODES.has(outcome), `a cast refusal's code: ${what}`);
  }
  assert.equal(await boardSize(app, election.id), before + grows, `the board: ${what}`);
  return outcome;
}

/**
 * Asserts that a fuzz run reached the checks it is meant to reach, so that it is not vacuous: each of
 * `all`, and one at least of `any` (outcomes common enough never to be missed in a run).
 */
function reached(outcomes: Set<string>, all: readonly string[], any: readonly string[] = []): void {
  const seen = [...outcomes].join(', ');
  for (const code of all) assert.ok(outcomes.has(code), `the fuzz reached ${code}: ${seen}`);
  if (any.length)
    assert.ok(
      any.some((c) => outcomes.has(c)),
      `the fuzz reached one of ${any.join(', ')}: ${seen}`,
    );
}

/** The refusals of the expensive checks (elements, signature, proofs). */
const DEEP = ['bad-element', 'bad-signature', 'bad-proof'];

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = (string | number)[];

/** Every node of a JSON value (the root included) with its path, in document order. */
function nodes(value: Json, path: Path = []): { path: Path; value: Json }[] {
  const here = [{ path, value }];
  if (Array.isArray(value)) return [...here, ...value.flatMap((v, i) => nodes(v, [...path, i]))];
  if (value !== null && typeof value === 'object')
    return [...here, ...Object.entries(value).flatMap(([k, v]) => nodes(v, [...path, k]))];
  return here;
}

function at(value: Json, path: Path): Json | undefined {
  let node: Json | undefined = value;
  for (const key of path) node = (node as Record<string | number, Json> | undefined)?.[key];
  return node;
}

/** A copy with the node at `path` replaced (`undefined`: deleted; from an array, spliced out). */
function replaced(value: Json, path: Path, leaf: Json | undefined): Json {
  if (path.length === 0) return leaf ?? null;
  const [key, ...rest] = path;
  if (Array.isArray(value)) {
    const out = [...value];
    if (rest.length === 0 && leaf === undefined) out.splice(key as number, 1);
    else out[key as number] = replaced(value[key as number]!, rest, leaf);
    return out;
  }
  const out = { ...(value as Record<string, Json>) };
  if (rest.length === 0 && leaf === undefined) delete out[key as string];
  // An own property even for "__proto__", as JSON.parse makes it.
  else
    Object.defineProperty(out, key as string, {
      value: replaced(Object.hasOwn(out, key as string) ? out[key as string]! : null, rest, leaf),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  return out;
}

/** JSON text in which the object at `path` has `key` twice: `first` then the value already there, or after. */
function withDuplicateKey(value: Json, path: Path, key: string, extra: Json, extraLast: boolean): string {
  const write = (node: Json, here: Path): string => {
    if (Array.isArray(node)) return `[${node.map((v, i) => write(v, [...here, i])).join(',')}]`;
    if (node === null || typeof node !== 'object') return JSON.stringify(node);
    const entries = Object.entries(node).map(([k, v]) => `${JSON.stringify(k)}:${write(v, [...here, k])}`);
    if (here.length === path.length && here.every((p, i) => p === path[i])) {
      const dup = `${JSON.stringify(key)}:${JSON.stringify(extra)}`;
      if (extraLast) entries.push(dup);
      else entries.unshift(dup);
    }
    return `{${entries.join(',')}}`;
  };
  return write(value, []);
}

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const LAST_OF_32 = 'AEIMQUYcgkosw048';
/** 32 random bytes as base64url (43 characters): a random element or scalar encoding. */
const bytes32 = fc
  .tuple(
    fc.array(fc.constantFrom(...BASE64URL), { minLength: 42, maxLength: 42 }),
    fc.constantFrom(...LAST_OF_32),
  )
  .map(([head, last]) => head.join('') + last);
const base64urlish = fc.oneof(
  bytes32,
  fc.array(fc.constantFrom(...BASE64URL), { maxLength: 60 }).map((a) => a.join('')),
  fc.string({ maxLength: 50 }),
  fc.constantFrom('', `${'A'.repeat(42)}A`, `${'_'.repeat(42)}w`, '=', 'null'),
);
const smallJson = fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>;

type Mutation =
  | { kind: 'delete'; pick: number }
  | { kind: 'replace'; pick: number; value: Json }
  | { kind: 'truncate'; pick: number; keep: number }
  | { kind: 'grow'; pick: number; times: number }
  | { kind: 'swap'; pick: number; i: number; j: number }
  | { kind: 'string'; pick: number; value: string }
  | { kind: 'transplant'; pick: number }
  | { kind: 'add-key'; pick: number; key: string; value: Json };

/** Mutations, weighted towards those that keep the schema, so that most reach the deeper checks. */
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }), weight: 1 },
  {
    arbitrary: fc.record({ kind: fc.constant('replace' as const), pick: fc.nat(), value: smallJson }),
    weight: 1,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('add-key' as const),
      pick: fc.nat(),
      key: fc.oneof(
        fc.constantFrom('c', 's', 'alpha', 'choices', 'weight', '__proto__', 'constructor'),
        fc.string(),
      ),
      value: smallJson,
    }),
    weight: 1,
  },
  {
    arbitrary: fc.record({ kind: fc.constant('truncate' as const), pick: fc.nat(), keep: fc.nat() }),
    weight: 2,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('grow' as const),
      pick: fc.nat(),
      times: fc.integer({ min: 1, max: 3 }),
    }),
    weight: 2,
  },
  {
    arbitrary: fc.record({ kind: fc.constant('swap' as const), pick: fc.nat(), i: fc.nat(), j: fc.nat() }),
    weight: 3,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('string' as const),
      pick: fc.nat(),
      value: fc.oneof({ arbitrary: bytes32, weight: 4 }, { arbitrary: base64urlish, weight: 1 }),
    }),
    weight: 3,
  },
  { arbitrary: fc.record({ kind: fc.constant('transplant' as const), pick: fc.nat() }), weight: 3 },
);

/** Applies a mutation to the node it picks among those it applies to; `donor` lends same-path values. */
function mutate(value: Json, m: Mutation, donor: Json): Json {
  const all = nodes(value);
  const choose = <T>(list: T[]): T | undefined => (list.length ? list[m.pick % list.length] : undefined);
  switch (m.kind) {
    case 'delete': {
      const node = choose(all.filter((n) => n.path.length > 0));
      return node ? replaced(value, node.path, undefined) : value;
    }
    case 'replace': {
      const node = choose(all);
      return node ? replaced(value, node.path, m.value) : value;
    }
    case 'truncate': {
      const node = choose(all.filter((n) => Array.isArray(n.value)));
      if (!node) return value;
      const list = node.value as Json[];
      return replaced(value, node.path, list.slice(0, m.keep % Math.max(1, list.length)));
    }
    case 'grow': {
      const node = choose(all.filter((n) => Array.isArray(n.value) && n.value.length > 0));
      if (!node) return value;
      const list = node.value as Json[];
      return replaced(value, node.path, [...list, ...Array<Json>(m.times).fill(list[list.length - 1]!)]);
    }
    case 'swap': {
      const node = choose(all.filter((n) => Array.isArray(n.value) && n.value.length > 1));
      if (!node) return value;
      const list = [...(node.value as Json[])];
      const [i, j] = [m.i % list.length, m.j % list.length];
      [list[i], list[j]] = [list[j]!, list[i]!];
      return replaced(value, node.path, list);
    }
    case 'string': {
      const node = choose(all.filter((n) => typeof n.value === 'string'));
      return node ? replaced(value, node.path, m.value) : value;
    }
    case 'transplant': {
      // The same place in another valid ballot of the same credential: canonical, well-formed values.
      const node = choose(all.filter((n) => n.path.length > 0 && at(donor, n.path) !== undefined));
      return node ? replaced(value, node.path, at(donor, node.path)!) : value;
    }
    case 'add-key': {
      const node = choose(
        all.filter((n) => n.value !== null && typeof n.value === 'object' && !Array.isArray(n.value)),
      );
      return node ? replaced(value, [...node.path, m.key], m.value) : value;
    }
  }
}

describe('fuzz: the cast route never answers 5xx, and the board grows only by accepted ballots', () => {
  test('arbitrary JSON bodies and texts', async () => {
    const token = tokenOf(single, 1);
    const seen = new Set<string>();
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.jsonValue().map((v) => JSON.stringify(v)),
          fc.string({ maxLength: 200 }),
          fc.constantFrom(
            '{"__proto__":{"format":"psephos/ballot"}}',
            '{"constructor":{"prototype":{}}}',
            '[]',
            'null',
            '""',
          ),
        ),
        async (text) => {
          seen.add(await castFuzzed(single, token, text));
        },
      ),
      { numRuns: 200 },
    );
    reached(seen, ['malformed', 'ctp_invalid_json_body']);
  });

  test('ballot-shaped junk for a listed credential of this election', async () => {
    const token = tokenOf(fuzzed, 1);
    const seen = new Set<string>();
    const fingerprint = toBase64url(fuzzed.open.ballotElection.fingerprint);
    const listed = fuzzed.ballot(1).credential;
    // Every field 32 bytes of base64url, mostly canonical elements and scalars taken from real ballots,
    // and every list non-empty, so that most pass the schema and the decoding.
    const real = [fuzzed.ballot(1, 0), other.ballot(0, 1)].flatMap((b) => nodes(b as unknown as Json));
    const leaves = (key: string) =>
      real.flatMap((n) => (n.path.at(-1) === key && typeof n.value === 'string' ? [n.value] : []));
    const element = fc.oneof(
      { arbitrary: fc.constantFrom(...leaves('alpha'), ...leaves('beta')), weight: 30 },
      { arbitrary: bytes32, weight: 1 },
    );
    const scalar = fc.oneof(
      { arbitrary: fc.constantFrom(...leaves('c'), ...leaves('s')), weight: 30 },
      { arbitrary: bytes32, weight: 1 },
    );
    const proof = fc.record({ c: scalar, s: scalar });
    const candidates = fuzzed.options.candidates;
    const answer = (n: { min: number; max: number }, branches: { minLength: number; maxLength: number }) =>
      fc.record({
        choices: fc.array(fc.record({ alpha: element, beta: element }), {
          minLength: n.min,
          maxLength: n.max,
        }),
        choiceProofs: fc.array(fc.array(proof, branches), { minLength: n.min, maxLength: n.max }),
        rangeProof: fc.array(proof, { minLength: 1, maxLength: 2 }),
      });
    // Mostly this election's shape (one question, one ciphertext and a two-branch proof per candidate,
    // one range branch), so that most reach the element, signature and proof checks.
    const shaped = fc.tuple(answer({ min: candidates, max: candidates }, { minLength: 2, maxLength: 2 }));
    const anyShape = fc.array(answer({ min: 1, max: 4 }, { minLength: 1, maxLength: 3 }), {
      minLength: 1,
      maxLength: 2,
    });
    const ballot = fc.record({
      format: fc.oneof(
        { arbitrary: fc.constant('psephos/ballot'), weight: 20 },
        fc.constant('psephos/receipt'),
      ),
      election: fc.oneof({ arbitrary: fc.constant(fingerprint), weight: 5 }, bytes32),
      credential: fc.oneof({ arbitrary: fc.constant(listed), weight: 5 }, bytes32),
      answers: fc.oneof({ arbitrary: shaped, weight: 3 }, anyShape),
      signature: proof,
    });
    await fc.assert(
      fc.asyncProperty(ballot, fc.boolean(), async (b, sign) => {
        // Signed by the listed credential, junk reaches the proof checks.
        const sent = sign
          ? resign(group, fuzzed.open.ballotElection, fuzzed.open.credentials[1]!, b as Ballot)
          : b;
        seen.add(await castFuzzed(fuzzed, token, JSON.stringify(sent)));
      }),
      { numRuns: 100 },
    );
    reached(seen, ['wrong-shape'], DEEP);
  });

  test('valid ballots with random structural mutations, some signed again by the voter', async () => {
    const token = tokenOf(fuzzed, 0);
    const seen = new Set<string>();
    const credential = fuzzed.open.credentials[0]!;
    const base = fuzzed.ballot(0, 1);
    await castAccepted(fuzzed, token, base);
    const donor = fuzzed.ballot(0, 2) as unknown as Json;
    await fc.assert(
      fc.asyncProperty(
        fc.array(mutation, { maxLength: 3 }),
        fc.boolean(),
        fc.option(fc.tuple(fc.nat(), fc.string({ maxLength: 8 }), fc.nat(), smallJson, fc.boolean()), {
          freq: 5,
        }),
        async (mutations, sign, duplicate) => {
          let value = base as unknown as Json;
          for (const m of mutations) value = mutate(value, m, donor);
          if (sign && value !== null && typeof value === 'object' && !Array.isArray(value)) {
            try {
              value = resign(
                group,
                fuzzed.open.ballotElection,
                credential,
                value as unknown as Ballot,
              ) as unknown as Json;
            } catch {
              // Content that cannot even be canonicalised goes as it is.
            }
          }
          let text = JSON.stringify(value);
          if (duplicate) {
            // A key of an object written twice: an existing key with its own value, the donor's or any
            // value, or a new key; JSON.parse keeps the last.
            const [pick, key, which, random, extraLast] = duplicate;
            const objects = nodes(value).filter(
              (n) => n.value !== null && typeof n.value === 'object' && !Array.isArray(n.value),
            );
            if (objects.length) {
              const node = objects[pick % objects.length]!;
              const keys = Object.keys(node.value as object);
              const name = keys.length && which % 4 !== 3 ? keys[pick % keys.length]! : key;
              const own = at(value, [...node.path, name]);
              const donated = at(donor, [...node.path, name]);
              const extra = [own, donated, random][which % 3] ?? random;
              text = withDuplicateKey(value, node.path, name, extra, extraLast);
            }
          }
          seen.add(await castFuzzed(fuzzed, token, text));
        },
      ),
      { numRuns: 200 },
    );
    reached(seen, ['malformed', 'replay'], DEEP);
  });
});
