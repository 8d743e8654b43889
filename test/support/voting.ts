/**
 * The voters' and the credential authority's side, from Node, for tests that drive a real server over
 * HTTP: credentials made here with only the public list uploaded, what a booth reads to encrypt (the
 * definition, fingerprint and election key), and a ballot cast with a voter's bearer token, as the
 * booth casts it. Not a test file.
 *
 * @example
 * ```ts
 * const credentials = await issueElectorate(baseUrl, adminToken, group, 'leader-2026', 3);
 * const election = await ballotElectionOf(baseUrl, group, 'leader-2026');
 * const { receipt } = await castBallot(baseUrl, group, 'leader-2026', token, election, credentials[0]!, [[1]]);
 * ```
 */
import type { Receipt } from '../../src/board/receipt.ts';
import { api } from '../../src/cli/http-election.ts';
import { fromBase64url } from '../../src/crypto/bytes.ts';
import { deriveCredential, generateCredential } from '../../src/crypto/credential.ts';
import type { Group } from '../../src/crypto/group.ts';
import type { Ballot, BallotElection } from '../../src/protocol/ballot.ts';
import { createBallot } from '../../src/protocol/ballot.ts';
import { decodeElement, encodeElement } from '../../src/protocol/codec.ts';
import { parseDefinition } from '../../src/protocol/definition.ts';

/**
 * The credential authority: `count` fresh credentials, of which only the sorted public list (weight 1
 * each, with the electorate commitment when `members` is given: SPEC.md §16.4) goes to the server.
 * Returns the credentials' texts, in the voters' order.
 *
 * @example
 * ```ts
 * const credentials = await issueElectorate(baseUrl, adminToken, group, 'leader-2026', voters.length);
 * ```
 */
export async function issueElectorate(
  baseUrl: string,
  adminToken: string,
  group: Group,
  election: string,
  count: number,
  members?: { count: number; root: string },
): Promise<string[]> {
  const credentials = Array.from({ length: count }, () => generateCredential());
  const list = credentials
    .map((text) => encodeElement(group, deriveCredential(group, election, text).publicCredential))
    .sort()
    .map((credential) => ({ credential, weight: 1 }));
  await api(baseUrl, 'POST', `/api/elections/${election}/electorate`, adminToken, {
    credentials: list,
    ...(members ? { members } : {}),
  });
  return credentials;
}

/**
 * What a booth reads from the server to encrypt a ballot: the definition, its fingerprint and the
 * election key from the ceremony.
 *
 * @example
 * ```ts
 * const election = await ballotElectionOf(baseUrl, group, 'leader-2026');
 * ```
 */
export async function ballotElectionOf(
  baseUrl: string,
  group: Group,
  election: string,
): Promise<BallotElection> {
  const base = `/api/elections/${election}`;
  const published = await api<{ fingerprint: string; electionKey: string }>(
    baseUrl,
    'GET',
    `${base}/ceremony`,
  );
  const definition = parseDefinition((await api<{ definition: unknown }>(baseUrl, 'GET', base)).definition);
  return {
    definition,
    fingerprint: fromBase64url(published.fingerprint, 32),
    publicKey: decodeElement(group, published.electionKey, 'electionKey'),
  };
}

/**
 * Encrypts `choices` (chosen candidate indices, question by question) with a voter's credential and
 * casts the ballot with the voter's bearer token; returns the ballot and the server's receipt.
 *
 * @example
 * ```ts
 * const { ballot, receipt } = await castBallot(baseUrl, group, 'leader-2026', token, election, credential, [[0]]);
 * ```
 */
export async function castBallot(
  baseUrl: string,
  group: Group,
  election: string,
  token: string,
  ballotElection: BallotElection,
  credential: string,
  choices: readonly (readonly number[])[],
): Promise<{ ballot: Ballot; receipt: Receipt }> {
  const { ballot } = createBallot(group, ballotElection, credential, choices);
  const { receipt } = await api<{ receipt: Receipt }>(
    baseUrl,
    'POST',
    `/api/elections/${election}/ballots`,
    token,
    ballot,
  );
  return { ballot, receipt };
}
