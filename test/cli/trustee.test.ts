/**
 * `psephos trustee keygen | share | decrypt` against a real server (in this process, on SQLite), with
 * the voters logging in through an SMTP sink. Most steps call the exported functions; a few run the
 * command itself as a child process to check exit codes, messages and JSON.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { api, loginVoter } from '../../src/cli/http-election.ts';
import { KeyFile, KeyFileError, WRONG_PASSPHRASE } from '../../src/cli/key-file.ts';
import type { Link } from '../../src/cli/trustee.ts';
import { type TrusteeError, trusteeDecrypt, trusteeKeygen, trusteeShare } from '../../src/cli/trustee.ts';
import { loadGroup } from '../../src/crypto/backends.ts';
import { fromBase64url, toBase64url } from '../../src/crypto/bytes.ts';
import { deriveCredential, generateCredential } from '../../src/crypto/credential.ts';
import type { TrusteeIdentity } from '../../src/crypto/dkg.ts';
import { createCommunicationKey, deal } from '../../src/crypto/dkg.ts';
import { createBallot } from '../../src/protocol/ballot.ts';
import {
  decodeElement,
  decodeProof,
  decodeScalarWire,
  encodeElement,
  encodeProof,
  encodeScalarWire,
} from '../../src/protocol/codec.ts';
import type { ElectionDefinition } from '../../src/protocol/definition.ts';
import { parseDefinition } from '../../src/protocol/definition.ts';
import { buildServer } from '../../src/server/app.ts';
import { createAdminToken } from '../../src/server/auth.ts';
import { loadConfig } from '../../src/server/config.ts';
import { createSmtpMailer } from '../../src/server/mail.ts';
import { openStore } from '../../src/store/open.ts';
import type { Store } from '../../src/store/store.ts';
import { verifyRecord } from '../../src/verifier/verify.ts';
import type { SmtpSink } from '../support/smtp-sink.ts';
import { startSmtpSink } from '../support/smtp-sink.ts';

const group = await loadGroup();
const main = new URL('../../src/cli/main.ts', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'psephos-trustee-'));
const PASSPHRASE = 'correct horse battery staple';
const passphraseFile = join(dir, 'passphrase.txt');
writeFileSync(passphraseFile, `${PASSPHRASE}\n`);

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The command as a child process (asynchronous: the server answers from this same process). */
function psephos(args: readonly string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const { PSEPHOS_PASSPHRASE: _, ...inherited } = process.env;
    const child = spawn(process.execPath, [main, ...args], {
      env: { ...inherited, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** A port on which nothing listens. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

let sink: SmtpSink;
let store: Store;
let baseUrl: string;
let adminToken: string;
let closeServer: () => Promise<void>;

before(async () => {
  sink = await startSmtpSink();
  store = await openStore(`sqlite:${join(dir, 'store.sqlite')}`);
  const config = loadConfig({}, undefined, {
    port: 0,
    logLevel: 'silent',
    workers: 1,
    rateLimit: { perIp: 1_000_000, castPerLogin: 1_000_000 },
    smtp: { host: '127.0.0.1', port: sink.port, from: 'Psephos <elections@example.org>' },
  });
  const server = await buildServer({ store, config, group, mailer: createSmtpMailer(config.smtp) });
  await server.app.listen({ host: '127.0.0.1', port: 0 });
  baseUrl = `http://127.0.0.1:${(server.app.server.address() as { port: number }).port}`;
  await store.setAdmin('returning-officer', 'not-used-with-tokens');
  adminToken = await createAdminToken(store, 'returning-officer', 1);
  closeServer = async () => {
    await server.app.close();
    await store.close();
  };
});

after(async () => {
  await closeServer?.();
  await sink?.close();
  rmSync(dir, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------------------------------
// The organiser, the credential authority and the voters, through the API

interface Election {
  readonly id: string;
  readonly base: string;
  readonly voters: readonly { voterId: string; email: string; name: string }[];
  readonly tokens: readonly string[];
  readonly tokenFiles: readonly string[];
  keyFile(trustee: number): string;
  server(trustee: number): Link;
}

const admin = <T>(method: string, path: string, body?: unknown) =>
  api<T>(baseUrl, method, path, adminToken, body);

/** Draft, voters, setup (3 trustees, threshold 2): the key ceremony is open. */
async function setUpElection(id: string, voterCount: number): Promise<Election> {
  const voters = Array.from({ length: voterCount }, (_, i) => ({
    voterId: `M-${id}-${i}`,
    email: `member${i}.${id}@example.org`,
    name: `Member ${i}`,
  }));
  await admin('POST', '/api/elections', {
    definition: {
      format: 'psephos/election',
      version: 1,
      id,
      title: `Leadership election ${id}`,
      practice: false,
      questions: [
        {
          id: 'leader',
          type: 'single',
          title: 'Who should lead the party?',
          blankAllowed: false,
          candidates: [1, 2, 3].map((i) => ({ id: `c${i}`, name: `Candidate ${i}` })),
        },
      ],
      opensAt: new Date().toISOString(),
      closesAt: new Date(Date.now() + 86400_000).toISOString(),
      revoting: 'single',
      maxWeight: 1,
      trustees: [1, 2, 3].map((i) => ({ name: `Trustee ${i}` })),
      threshold: 2,
    },
  });
  const base = `/api/elections/${id}`;
  await admin('POST', `${base}/voters`, { voters });
  const { trusteeTokens } = await admin<{ trusteeTokens: string[] }>('POST', `${base}/setup`);
  const tokenFiles = trusteeTokens.map((token, i) => {
    const path = join(dir, `${id}-trustee${i + 1}.token`);
    writeFileSync(path, `${token}\n`);
    return path;
  });
  return {
    id,
    base,
    voters,
    tokens: trusteeTokens,
    tokenFiles,
    keyFile: (t) => join(dir, `${id}-trustee${t}.key`),
    server: (t) => ({ kind: 'server', server: baseUrl, token: trusteeTokens[t - 1]! }),
  };
}

/** The credential authority issues credentials; the election opens; each voter casts `choices[i]`. */
async function openAndVote(e: Election, choices: readonly number[]): Promise<void> {
  const summary = await api<{ definition: ElectionDefinition; fingerprint: string }>(baseUrl, 'GET', e.base);
  const definition = parseDefinition(summary.definition);
  const credentials = e.voters.map(() => generateCredential());
  const list = credentials
    .map((c) => encodeElement(group, deriveCredential(group, e.id, c).publicCredential))
    .sort()
    .map((credential) => ({ credential, weight: 1 }));
  await admin('POST', `${e.base}/electorate`, { credentials: list });
  await admin('POST', `${e.base}/open`);
  const ceremony = await api<{ electionKey: string }>(baseUrl, 'GET', `${e.base}/ceremony`);
  const election = {
    definition,
    fingerprint: fromBase64url(summary.fingerprint, 32),
    publicKey: decodeElement(group, ceremony.electionKey, 'electionKey'),
  };
  for (const [i, choice] of choices.entries()) {
    const email = e.voters[i]!.email;
    const token = await loginVoter(
      {
        baseUrl,
        electionId: e.id,
        readLoginLink: async (address) => {
          const mail = await sink.waitFor((m) => m.to === address);
          return /https?:\/\/\S+#[A-Za-z0-9_-]+/.exec(mail.text)![0];
        },
      },
      email,
    );
    const { ballot } = createBallot(group, election, credentials[i]!, [[choice]]);
    await api(baseUrl, 'POST', `${e.base}/ballots`, token, ballot);
  }
}

/** The record, verified; its report and its events. */
async function verifiedRecord(e: Election) {
  const response = await fetch(`${baseUrl}${e.base}/record`);
  assert.equal(response.status, 200);
  const text = await response.text();
  const report = await verifyRecord(
    {
      open: async function* () {
        yield text;
      },
    },
    { group },
  );
  const events = text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { type?: string; payload?: Record<string, unknown> });
  return { report, events };
}

const votesOf = (report: Awaited<ReturnType<typeof verifiedRecord>>['report']) =>
  report.result?.questions[0]?.candidates.map((c) => c.votes);

/** Saves GET …/ceremony to a file, as the organiser would hand it to an offline trustee. */
async function saveCeremony(e: Election, name: string): Promise<string> {
  const path = join(dir, `${e.id}-${name}.json`);
  writeFileSync(path, JSON.stringify(await api(baseUrl, 'GET', `${e.base}/ceremony`)));
  return path;
}

/** The organiser uploads what an offline trustee wrote, with that trustee's token. */
async function upload(e: Election, trustee: number, route: string, file: string): Promise<void> {
  const body = JSON.parse(readFileSync(file, 'utf8')) as unknown;
  await api(baseUrl, 'POST', `${e.base}/trustees/${trustee}/${route}`, e.tokens[trustee - 1], body);
}

// ---------------------------------------------------------------------------------------------------

describe('psephos trustee', () => {
  test('keygen, share, check and decrypt end to end; trustee 1 drops out after the ceremony; the record verifies', async () => {
    const e = await setUpElection('trustee-e2e', 4);

    // Trustee 1 through the function, trustee 2 through the command, trustee 3 offline.
    const one = await trusteeKeygen({
      election: e.id,
      trustee: 1,
      keyFile: e.keyFile(1),
      passphrase: PASSPHRASE,
      link: e.server(1),
    });
    assert.equal(one.published, 'now');
    assert.equal(statSync(e.keyFile(1)).mode & 0o777, 0o600, 'the key file is private');
    const secrets = (await KeyFile.open(e.keyFile(1), PASSPHRASE)).secrets;
    assert.ok(!readFileSync(e.keyFile(1), 'utf8').includes(secrets.communicationSecret), 'not in the clear');

    const cli = await psephos(
      [
        'trustee',
        'keygen',
        '--server',
        baseUrl,
        '--election',
        e.id,
        '--trustee',
        '2',
        '--token-file',
        e.tokenFiles[1]!,
        '--key-file',
        e.keyFile(2),
        '--json',
      ],
      { PSEPHOS_PASSPHRASE: PASSPHRASE },
    );
    assert.equal(cli.status, 0, cli.stderr);
    const keygen = JSON.parse(cli.stdout) as { ok: boolean; published: string; trustees: number };
    assert.deepEqual([keygen.ok, keygen.published, keygen.trustees], [true, 'now', 3]);

    const ceremony0 = await saveCeremony(e, 'ceremony-0');
    const identityFile = join(dir, `${e.id}-identity3.json`);
    const three = await trusteeKeygen({
      election: e.id,
      trustee: 3,
      keyFile: e.keyFile(3),
      passphrase: PASSPHRASE,
      link: { kind: 'offline', input: ceremony0, output: identityFile },
    });
    assert.equal(three.published, 'written');
    await upload(e, 3, 'identity', identityFile);

    // Run again: recognised, not sent twice.
    const again = await trusteeKeygen({
      election: e.id,
      trustee: 1,
      keyFile: e.keyFile(1),
      passphrase: PASSPHRASE,
      link: e.server(1),
    });
    assert.equal(again.published, 'already');

    // Dealing: the first two wait for the others.
    const s1 = await trusteeShare({ keyFile: e.keyFile(1), passphrase: PASSPHRASE, link: e.server(1) });
    assert.deepEqual([s1.dealing, s1.waitingFor, s1.checked], ['now', [2, 3], false]);
    const s2 = await trusteeShare({ keyFile: e.keyFile(2), passphrase: PASSPHRASE, link: e.server(2) });
    assert.deepEqual([s2.dealing, s2.waitingFor], ['now', [3]]);
    // Trustee 3 offline: its dealing goes to a file the organiser uploads, then its check.
    const dealingFile = join(dir, `${e.id}-dealing3.json`);
    const s3 = await trusteeShare({
      keyFile: e.keyFile(3),
      passphrase: PASSPHRASE,
      link: { kind: 'offline', input: await saveCeremony(e, 'ceremony-1'), output: dealingFile },
    });
    assert.deepEqual([s3.dealing, s3.checked], ['written', false]);
    await upload(e, 3, 'dealing', dealingFile);
    const c3 = await trusteeShare({
      keyFile: e.keyFile(3),
      passphrase: PASSPHRASE,
      link: { kind: 'offline', input: await saveCeremony(e, 'ceremony-2'), output: join(dir, 'none.json') },
      check: true,
    });
    assert.deepEqual([c3.checked, c3.valid, c3.complaints, c3.complained], [true, [1, 2], [], 'none']);
    for (const t of [1, 2]) {
      const checked = await trusteeShare({
        keyFile: e.keyFile(t),
        passphrase: PASSPHRASE,
        link: e.server(t),
        check: true,
      });
      assert.deepEqual([checked.dealing, checked.checked, checked.complaints], ['skipped', true, []]);
      assert.ok(checked.verificationKey);
      const stored = (await KeyFile.open(e.keyFile(t), PASSPHRASE)).secrets;
      assert.ok(stored.combinedShare, 'the combined share is in the key file');
      assert.equal(
        encodeElement(group, group.mulBase(decodeScalarWire(stored.combinedShare, 'x'))),
        checked.verificationKey,
      );
    }

    await admin('POST', `${e.base}/ceremony/finish`);
    await openAndVote(e, [0, 1, 1, 2]);

    // Decrypting before the tally: the election is open, so exit 1 with the server's code.
    const early = await psephos([
      'trustee',
      'decrypt',
      '--server',
      baseUrl,
      '--token-file',
      e.tokenFiles[1]!,
      '--key-file',
      e.keyFile(2),
      '--passphrase-file',
      passphraseFile,
    ]);
    assert.equal(early.status, 4, early.stderr);
    assert.match(early.stderr, /out-of-phase/);
    assert.match(early.stderr, /is open/);

    await admin('POST', `${e.base}/close`);
    await admin('POST', `${e.base}/tally`);

    // A refusal by the server (another trustee's token) is exit 4 with the server's code.
    await assert.rejects(
      trusteeDecrypt({ keyFile: e.keyFile(2), passphrase: PASSPHRASE, link: e.server(3) }),
      (err: TrusteeError) => err.exitCode === 4 && err.code === 'forbidden' && err.status === 403,
    );

    // Trustee 1 has dropped out: trustees 2 (online) and 3 (offline) decrypt.
    const d2 = await trusteeDecrypt({ keyFile: e.keyFile(2), passphrase: PASSPHRASE, link: e.server(2) });
    assert.deepEqual([d2.published, d2.qualified, d2.ciphertexts], ['now', [1, 2, 3], 3]);
    const ceremony3 = await saveCeremony(e, 'ceremony-3');
    const sharesFile = join(dir, `${e.id}-shares3.json`);
    const d3 = await trusteeDecrypt({
      keyFile: e.keyFile(3),
      passphrase: PASSPHRASE,
      link: { kind: 'offline', input: ceremony3, output: sharesFile },
    });
    assert.equal(d3.published, 'written');
    await upload(e, 3, 'decryption-share', sharesFile);
    const repeat = await trusteeDecrypt({ keyFile: e.keyFile(2), passphrase: PASSPHRASE, link: e.server(2) });
    assert.equal(repeat.published, 'already');

    await admin('POST', `${e.base}/publish`);
    const { report, events } = await verifiedRecord(e);
    assert.equal(report.ok, true, JSON.stringify(report.failure));
    assert.equal(report.phase, 'published');
    assert.deepEqual(votesOf(report), [1, 2, 1]);
    assert.equal(report.counts.counted, 4);
    const result = events.find((ev) => ev.type === 'result');
    assert.deepEqual(result?.payload?.trustees, [2, 3]);
  });

  test("a dealer's wrong share is answered by a complaint naming it; the dealer is left out and the election completes", async () => {
    const e = await setUpElection('trustee-complaint', 2);
    for (const t of [1, 2, 3])
      await trusteeKeygen({
        election: e.id,
        trustee: t,
        keyFile: e.keyFile(t),
        passphrase: PASSPHRASE,
        link: e.server(t),
      });

    // Trustee 1 deals with its own tools, and the share it sends to trustee 2 is garbled.
    const own = (await KeyFile.open(e.keyFile(1), PASSPHRASE)).secrets;
    const ceremony = await api<{
      fingerprint: string;
      identities: { trustee: number; communicationKey: string; proof: { c: string; s: string } }[];
    }>(baseUrl, 'GET', `${e.base}/ceremony`);
    const identities: TrusteeIdentity[] = ceremony.identities.map((i) => ({
      index: i.trustee,
      communicationKey: decodeElement(group, i.communicationKey, 'key'),
      proof: decodeProof(i.proof, 'proof'),
    }));
    const self = {
      secret: decodeScalarWire(own.communicationSecret, 'secret'),
      identity: identities[0]!,
    };
    const dealing = deal(
      group,
      fromBase64url(ceremony.fingerprint, 32),
      { threshold: 2, trustees: 3 },
      self,
      identities,
    );
    const shares = dealing.shares.map((s) => {
      const ciphertext = Uint8Array.from(s.ciphertext);
      if (s.recipient === 2) ciphertext[5] = (ciphertext[5] ?? 0) ^ 1;
      return { recipient: s.recipient, nonce: toBase64url(s.nonce), ciphertext: toBase64url(ciphertext) };
    });
    await api(baseUrl, 'POST', `${e.base}/trustees/1/dealing`, e.tokens[0], {
      coefficients: dealing.commitment.coefficients.map((c) => encodeElement(group, c)),
      proofs: dealing.commitment.proofs.map(encodeProof),
      shares,
    });

    const s2 = await trusteeShare({ keyFile: e.keyFile(2), passphrase: PASSPHRASE, link: e.server(2) });
    assert.deepEqual(s2.waitingFor, [3]);
    const s3 = await trusteeShare({ keyFile: e.keyFile(3), passphrase: PASSPHRASE, link: e.server(3) });
    assert.deepEqual([s3.valid, s3.complaints], [[1, 2], []], "trustee 1's share to trustee 3 is fine");

    // Trustee 2's check, through the command: a complaint naming trustee 1.
    const check = await psephos([
      'trustee',
      'share',
      '--check',
      '--server',
      baseUrl,
      '--token-file',
      e.tokenFiles[1]!,
      '--key-file',
      e.keyFile(2),
      '--passphrase-file',
      passphraseFile,
      '--json',
    ]);
    assert.equal(check.status, 0, check.stderr);
    const outcome = JSON.parse(check.stdout) as { complaints: number[]; complained: string; valid: number[] };
    assert.deepEqual([outcome.complaints, outcome.complained, outcome.valid], [[1], 'now', [3]]);
    const board = await api<{ disqualified: number[] }>(baseUrl, 'GET', `${e.base}/ceremony`);
    assert.deepEqual(board.disqualified, [1], 'the board upheld the complaint');

    // Checked again: the verdict is on the board, so nothing is sent twice.
    const recheck = await trusteeShare({
      keyFile: e.keyFile(2),
      passphrase: PASSPHRASE,
      link: e.server(2),
      check: true,
    });
    assert.deepEqual([recheck.complaints, recheck.complained], [[1], 'none']);
    assert.ok(recheck.verificationKey, 'x_2 over the qualified dealers 2 and 3');

    await admin('POST', `${e.base}/ceremony/finish`);
    await openAndVote(e, [2, 2]);
    await admin('POST', `${e.base}/close`);
    await admin('POST', `${e.base}/tally`);
    for (const t of [2, 3]) {
      const d = await trusteeDecrypt({ keyFile: e.keyFile(t), passphrase: PASSPHRASE, link: e.server(t) });
      assert.deepEqual(d.qualified, [2, 3]);
    }
    await admin('POST', `${e.base}/publish`);

    const { report, events } = await verifiedRecord(e);
    assert.equal(report.ok, true, JSON.stringify(report.failure));
    assert.deepEqual(votesOf(report), [0, 0, 2]);
    const key = events.find((ev) => ev.type === 'election-key');
    assert.deepEqual(key?.payload?.qualified, [2, 3], 'the dealer at fault is not qualified');
    const complaint = events.find((ev) => ev.type === 'trustee-complaint');
    assert.deepEqual([complaint?.payload?.dealer, complaint?.payload?.recipient], [1, 2]);
  });

  describe('the key file', () => {
    const who = { election: 'key-file-test', trustee: 1 };
    let path: string;

    before(async () => {
      const pair = createCommunicationKey(group, new Uint8Array(32), 1);
      path = join(dir, 'alone.key');
      await KeyFile.create(
        path,
        who,
        {
          fingerprint: toBase64url(new Uint8Array(32)),
          communicationSecret: encodeScalarWire(pair.secret),
          identity: {
            communicationKey: encodeElement(group, pair.identity.communicationKey),
            proof: encodeProof(pair.identity.proof),
          },
        },
        PASSPHRASE,
      );
    });

    /** A copy of the key file with `change` applied to its JSON. */
    function changed(name: string, change: (json: Record<string, unknown>) => void): string {
      const json = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
      change(json);
      const copy = join(dir, name);
      writeFileSync(copy, JSON.stringify(json));
      return copy;
    }

    const refused = (code: string) => (err: unknown) => err instanceof KeyFileError && err.code === code;

    test('has the documented format, opens with its passphrase and is never overwritten', async () => {
      const json = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
      assert.deepEqual(Object.keys(json).sort(), [
        'ciphertext',
        'election',
        'format',
        'kdf',
        'nonce',
        'trustee',
        'version',
      ]);
      assert.deepEqual([json.format, json.version], ['psephos/trustee-key', 1]);
      assert.deepEqual(
        { ...(json.kdf as object), salt: undefined },
        {
          name: 'scrypt',
          N: 2 ** 17,
          r: 8,
          p: 1,
          salt: undefined,
        },
      );
      const file = await KeyFile.open(path, PASSPHRASE);
      assert.deepEqual([file.header.election, file.header.trustee], [who.election, who.trustee]);
      await assert.rejects(KeyFile.create(path, who, file.secrets, PASSPHRASE), refused('exists'));
      await assert.rejects(
        KeyFile.create(join(dir, 'weak.key'), who, file.secrets, 'too short'),
        refused('weak-passphrase'),
      );
    });

    test('a changed byte in the ciphertext or the header is refused like a wrong passphrase', async () => {
      const ciphertext = changed('ciphertext.key', (j) => {
        const text = j.ciphertext as string;
        j.ciphertext = `${text[0] === 'A' ? 'B' : 'A'}${text.slice(1)}`;
      });
      await assert.rejects(KeyFile.open(ciphertext, PASSPHRASE), refused('wrong-passphrase'));
      const header = changed('header.key', (j) => {
        j.trustee = 2;
      });
      await assert.rejects(KeyFile.open(header, PASSPHRASE), refused('wrong-passphrase'));
      const extra = changed('extra.key', (j) => {
        j.note = 'added';
      });
      await assert.rejects(KeyFile.open(extra, PASSPHRASE), refused('malformed'));
      const notJson = join(dir, 'not-json.key');
      writeFileSync(notJson, 'hello');
      await assert.rejects(KeyFile.open(notJson, PASSPHRASE), refused('malformed'));
    });

    test('a wrong passphrase exits 2 with a plain message; so does an unreachable server', async () => {
      const copy = join(dir, 'copy.key');
      copyFileSync(path, copy);
      const token = join(dir, 'any.token');
      writeFileSync(token, 'abcdef\n');
      const wrong = join(dir, 'wrong.txt');
      writeFileSync(wrong, 'not the passphrase at all\n');
      const port = await closedPort();
      const common = ['--server', `http://127.0.0.1:${port}`, '--token-file', token, '--key-file', copy];
      const [bad, unreachable] = await Promise.all([
        psephos(['trustee', 'share', ...common, '--passphrase-file', wrong]),
        psephos(['trustee', 'decrypt', ...common, '--passphrase-file', passphraseFile]),
      ]);
      assert.equal(bad.status, 2);
      assert.ok(bad.stderr.includes(WRONG_PASSPHRASE), bad.stderr);
      assert.match(bad.stderr, /the passphrase does not open this key file/);
      assert.equal(unreachable.status, 3);
      assert.match(
        unreachable.stderr,
        /cannot reach the server at http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)/,
      );
    });

    test('--help gives examples and the exit codes; bad usage exits 2', async () => {
      const [help, usage] = await Promise.all([
        psephos(['trustee', 'share', '--help']),
        psephos(['trustee', 'decrypt', '--key-file', path, '--passphrase-file', passphraseFile]),
      ]);
      assert.equal(help.status, 0);
      assert.match(help.stdout, /Examples:/);
      assert.match(help.stdout, /Exit codes:/);
      assert.equal(usage.status, 2);
      assert.match(usage.stderr, /--server/);
    });
  });
});
