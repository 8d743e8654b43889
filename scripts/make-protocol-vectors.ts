/**
 * Writes test/vectors/protocol.json: Psephos's test vectors for the protocol layer (src/protocol),
 * checked on both backends by test/protocol/vectors.test.ts and meant for other implementations (a
 * verifier in another language must reproduce every deterministic value and accept the ballot).
 *
 * Contents: a fixed election definition (its board key comes from a fixed seed), its RFC 8785
 * canonical text and fingerprint; the election key pair and one voter's credential, derived from the
 * seed; one ballot of that voter with its Benaloh audit (the choices and randomness it encrypts), its
 * tracker and tracker code; and a `ballot` board event around it, with the leaf hash of the event's
 * canonical bytes.
 *
 * The ballot's encryptions and proofs draw fresh randomness, so the ballot is made once and stored
 * whole: later runs keep the stored ballot (after checking it on both backends) and recompute
 * everything else, unless asked for a new one.
 *
 *   node scripts/make-protocol-vectors.ts               # rewrites test/vectors/protocol.json (then biome-formats it)
 *   node scripts/make-protocol-vectors.ts --new-ballot  # the same, with a newly made ballot
 *   node scripts/make-protocol-vectors.ts --check       # only recomputes, and fails if anything changed
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { boardPublicKey } from '../src/board/tree-head.ts';
import { loadBothGroups } from '../src/crypto/backends.ts';
import { toBase64url, toHex, utf8 } from '../src/crypto/bytes.ts';
import { deriveCredential, generateCredential } from '../src/crypto/credential.ts';
import type { Group } from '../src/crypto/group.ts';
import { hashToScalar, taggedHash } from '../src/crypto/hash.ts';
import { encodeScalar } from '../src/crypto/scalar.ts';
import type { BallotAudit } from '../src/protocol/audit.ts';
import { checkAudit, makeAudit } from '../src/protocol/audit.ts';
import type { Ballot, BallotElection } from '../src/protocol/ballot.ts';
import { createBallot, validateBallot } from '../src/protocol/ballot.ts';
import { canonicalJson } from '../src/protocol/canonical.ts';
import { encodeElement } from '../src/protocol/codec.ts';
import { fingerprint, parseDefinition } from '../src/protocol/definition.ts';
import { eventLeafHash, parseEvent } from '../src/protocol/events.ts';
import { tracker, trackerCode } from '../src/protocol/tracker.ts';

const OUTPUT = new URL('../test/vectors/protocol.json', import.meta.url);
const SEED = 'psephos protocol test vectors, version 1';

/** A secret scalar for a label: hashToScalar('test-vector', [utf8(SEED), utf8(label)]). */
const secretScalar = (label: string) => hashToScalar('test-vector', [utf8(SEED), utf8(label)]);
/** Fixed bytes for a label: the first `length` bytes of taggedHash('test-vector', [utf8(SEED), utf8(label)]). */
const seedBytes = (label: string, length: number) =>
  taggedHash('test-vector', [utf8(SEED), utf8(label)]).slice(0, length);

const boardSecretKey = seedBytes('board/secret-key', 32);

/** The definition, as a client would send it (key order deliberately not sorted). */
const definitionInput = {
  format: 'psephos/election',
  version: 1,
  id: 'psephos-vectors-2026',
  title: 'Board election 2026 — Psephos test vectors',
  description: 'Elect the chair & up to two members. Names are text: <b> is not markup.',
  practice: true,
  questions: [
    {
      id: 'chair',
      title: 'Who should chair the board?',
      type: 'single',
      blankAllowed: false,
      candidates: [
        { id: 'ada', name: 'Ada Lovelace' },
        { id: 'bo', name: 'Bo Diddley', statement: 'Four more years.' },
        { id: 'cy', name: 'Cy Twombly' },
        { id: 'zoe', name: 'Zoë Ångström' },
      ],
    },
    {
      id: 'members',
      title: 'Which members should join the board?',
      type: 'approval',
      min: 0,
      max: 2,
      candidates: [
        { id: 'eve', name: 'Eve Arden' },
        { id: 'fay', name: 'Fay Wray' },
        { id: 'gus', name: 'Gus Grissom' },
        { id: 'hal', name: 'Hal Ashby' },
        { id: 'ivy', name: 'Ivy Compton-Burnett' },
      ],
    },
  ],
  opensAt: '2026-05-01T09:00:00Z',
  closesAt: '2026-05-08T17:00:00+02:00',
  revoting: 'last-counts',
  maxWeight: 1,
  trustees: [{ name: 'Returning officer' }, { name: 'Auditor' }, { name: 'Members’ delegate' }],
  threshold: 2,
  boardKey: boardPublicKey(boardSecretKey),
  eligibility: { membership: ['full', 'honorary'], joinedBefore: '2026-04-01' },
};

const definition = parseDefinition(definitionInput);
const electionFingerprint = fingerprint(definition);
const secretKey = secretScalar('election/secret-key');
const credential = generateCredential(seedBytes('voter/credential', 16));
/** Candidate 3 of question 0 (Zoë) and candidates 0 and 3 of question 1 (Eve, Hal). */
const chosen = [[3], [0, 3]];
const chosenIds = [['zoe'], ['eve', 'hal']];

const electionOn = (group: Group): BallotElection => ({
  definition,
  fingerprint: electionFingerprint,
  publicKey: group.mulBase(secretKey),
});

/** The values that depend only on the seed, on one backend. */
function deterministic(group: Group) {
  const publicCredential = deriveCredential(group, definition.id, credential).publicCredential;
  return {
    electionPublicKey: encodeElement(group, group.mulBase(secretKey)),
    publicCredential: encodeElement(group, publicCredential),
  };
}

const [sodium, noble] = (await loadBothGroups()) as [Group, Group];
const fixed = deterministic(noble);
if (JSON.stringify(deterministic(sodium)) !== JSON.stringify(fixed)) {
  throw new Error('the backends disagree on a deterministic value');
}

interface Stored {
  ballot: Ballot;
  audit: BallotAudit;
}
const previous: Stored | undefined = existsSync(OUTPUT)
  ? JSON.parse(readFileSync(OUTPUT, 'utf8'))
  : undefined;

let ballot: Ballot;
let audit: BallotAudit;
if (previous && !process.argv.includes('--new-ballot')) {
  ({ ballot, audit } = previous);
} else {
  const made = createBallot(sodium, electionOn(sodium), credential, chosen);
  ballot = made.ballot;
  audit = makeAudit(made.ballot, made.choices, made.secrets);
}

// The ballot must be valid, and open to the stated choices, on both backends.
for (const group of [sodium, noble]) {
  const election = electionOn(group);
  validateBallot(group, election, ballot, (c) => c === fixed.publicCredential);
  const result = checkAudit(group, election, audit);
  if (JSON.stringify(result.chosen) !== JSON.stringify(chosenIds)) {
    throw new Error(`the stored ballot does not encrypt the stated choices on ${group.backend}`);
  }
  if (JSON.stringify(audit.ballot) !== JSON.stringify(ballot))
    throw new Error('the audit is of another ballot');
}

const ballotTracker = tracker(ballot);
const event = {
  election: definition.id,
  index: 7,
  previous: toBase64url(seedBytes('event/previous', 32)),
  time: '2026-05-02T10:15:30.250Z',
  type: 'ballot',
  payload: { ballot },
};
const leafHash = eventLeafHash(parseEvent(event));

const record = {
  description:
    "Psephos's test vectors for the protocol layer (src/protocol), generated by " +
    'scripts/make-protocol-vectors.ts and checked on both backends (libsodium and @noble/curves) by ' +
    'test/protocol/vectors.test.ts. definition: an election definition as a client sends it; ' +
    'canonicalDefinition: its RFC 8785 canonical text; fingerprint: taggedHash("election/fingerprint", ' +
    '[canonical definition bytes]). boardSecretKeyHex: the seed of the Ed25519 board key named in the ' +
    'definition. electionSecretKeyHex / electionPublicKey: the joint election key (the secret is given ' +
    "so that the ballot can be decrypted in tests). credential: one voter's credential " +
    'text and public credential; credentials: the published list. ballot: one ballot of that voter, ' +
    'choosing chosenIds; audit: its Benaloh audit record (the randomness of every ciphertext). ' +
    'tracker: taggedHash("ballot/tracker", [canonical ballot]); trackerCode: its first 80 bits in ' +
    'Crockford base32. event: a board event carrying the ballot; leafHashHex: SHA-256(0x00 ‖ canonical ' +
    'event bytes).',
  format:
    'Byte strings that appear on the wire (keys, credentials, fingerprint, tracker, everything inside ' +
    'the ballot and the event) are unpadded base64url, as on the wire; the same hashes are repeated as ' +
    'lower-case hex (…Hex). Scalars are 32-byte little-endian; group elements are canonical ' +
    "ristretto255 encodings. The ballot's proofs come from random nonces: a checker must accept them, " +
    'not reproduce them.',
  seed: SEED,
  definition: definitionInput,
  canonicalDefinition: canonicalJson(definition),
  fingerprint: toBase64url(electionFingerprint),
  fingerprintHex: toHex(electionFingerprint),
  boardSecretKeyHex: toHex(boardSecretKey),
  electionSecretKeyHex: toHex(encodeScalar(secretKey)),
  electionPublicKey: fixed.electionPublicKey,
  credential: { text: credential, publicCredential: fixed.publicCredential },
  credentials: [fixed.publicCredential],
  chosen,
  chosenIds,
  ballot,
  audit,
  tracker: toBase64url(ballotTracker),
  trackerHex: toHex(ballotTracker),
  trackerCode: trackerCode(ballotTracker),
  event,
  leafHashHex: toHex(leafHash),
};

const text = `${JSON.stringify(record, null, 2)}\n`;
const biome = new URL('../node_modules/.bin/biome', import.meta.url).pathname;

if (process.argv.includes('--check')) {
  const stored = previous ? JSON.stringify(previous) : '';
  if (stored !== JSON.stringify(record)) {
    console.error('test/vectors/protocol.json is out of date: run node scripts/make-protocol-vectors.ts');
    process.exit(1);
  }
  console.log('test/vectors/protocol.json is up to date');
} else {
  writeFileSync(OUTPUT, text);
  // The project's formatter lays out JSON too: leave the file as `biome check` wants it.
  execFileSync(biome, ['format', '--write', OUTPUT.pathname], { stdio: 'inherit' });
  console.log(`wrote ${OUTPUT.pathname}: tracker ${record.trackerCode}`);
}
