/**
 * The trustees' side, from Node, for the console's tests: the links the console emailed them (read
 * from the SMTP sink), the key ceremony run with those links' tokens, and the decryption shares — each
 * trustee a separate client with its own token, as in a browser. Not a test file.
 *
 * @example
 * ```ts
 * const links = await trusteeLinks(sink, 'leader-2026', 3);
 * const shares = await keyCeremony(baseUrl, group, 'leader-2026', links.map((l) => l.token));
 * await decrypt(baseUrl, group, 'leader-2026', [1, 3], links.map((l) => l.token), shares);
 * ```
 */
import assert from 'node:assert/strict';
import { api } from '../../src/cli/http-election.ts';
import { fromBase64url } from '../../src/crypto/bytes.ts';
import type { CommunicationKeyPair, TrusteeIdentity } from '../../src/crypto/dkg.ts';
import { combineSecretShares, createCommunicationKey, deal, receiveShare } from '../../src/crypto/dkg.ts';
import type { Group } from '../../src/crypto/group.ts';
import { decodeElement, decodeProof, encodeElement, encodeProof } from '../../src/protocol/codec.ts';
import { dealingBody } from '../../src/protocol/trustee-steps.ts';
import { decodeTallyAnswers, trusteeShares } from '../../src/tally/decryption.ts';
import type { ParsedMessage, SmtpSink } from './smtp-sink.ts';

/** A trustee console link as emailed: `<base>/trustee/<id>#trustee=<n>&token=<token>`. */
export const TRUSTEE_LINK =
  /(https?:\/\/\S+?)\/trustee\/([a-z0-9-]+)#trustee=(\d+)&token=([A-Za-z0-9_-]{43})/;

export interface TrusteeLink {
  readonly to: string;
  readonly trustee: number;
  readonly token: string;
  readonly mail: ParsedMessage;
}

/** Reads the trustee link out of an email, checking both parts carry it. */
export function linkOf(mail: ParsedMessage, election: string): TrusteeLink {
  const match = TRUSTEE_LINK.exec(mail.text);
  assert.ok(match, `the email to ${mail.to} has a trustee link: ${mail.text.slice(0, 300)}`);
  assert.equal(match[2], election);
  assert.ok(mail.html.includes(match[0].replaceAll('&', '&amp;')), 'the HTML part has the same link');
  return { to: mail.to, trustee: Number(match[3]), token: match[4]!, mail };
}

/** Waits for the emails (from index `after` on) carrying trustee links of `election`, one per trustee 1..n. */
export async function trusteeLinks(
  sink: SmtpSink,
  election: string,
  n: number,
  after = 0,
): Promise<TrusteeLink[]> {
  const links: TrusteeLink[] = [];
  for (let i = 1; i <= n; i++) {
    const mail = await sink.waitFor(
      (m) => sink.messages.indexOf(m) >= after && m.text.includes(`/trustee/${election}#trustee=${i}&`),
      10_000,
    );
    links.push(linkOf(mail, election));
  }
  return links;
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
  threshold: number;
}

/** Trustee `i` publishes its communication key. */
export async function publishIdentity(
  baseUrl: string,
  group: Group,
  election: string,
  i: number,
  token: string,
): Promise<CommunicationKeyPair> {
  const base = `/api/elections/${election}`;
  const fp = fromBase64url((await api<{ fingerprint: string }>(baseUrl, 'GET', base)).fingerprint, 32);
  const pair = createCommunicationKey(group, fp, i);
  await api(baseUrl, 'POST', `${base}/trustees/${i}/identity`, token, {
    communicationKey: encodeElement(group, pair.identity.communicationKey),
    proof: encodeProof(pair.identity.proof),
  });
  return pair;
}

/**
 * The whole key ceremony: each trustee with its own token publishes its key (unless `keys` already has
 * it), then deals; then each opens the shares dealt to it. Returns each trustee's secret share.
 */
export async function keyCeremony(
  baseUrl: string,
  group: Group,
  election: string,
  tokens: readonly string[],
  keys: Map<number, CommunicationKeyPair> = new Map(),
): Promise<bigint[]> {
  const base = `/api/elections/${election}`;
  for (const [j, token] of tokens.entries())
    if (!keys.has(j + 1)) keys.set(j + 1, await publishIdentity(baseUrl, group, election, j + 1, token));
  const published = await api<Ceremony>(baseUrl, 'GET', `${base}/ceremony`);
  const fp = fromBase64url(published.fingerprint, 32);
  const identities: TrusteeIdentity[] = published.identities.map((i) => ({
    index: i.trustee,
    communicationKey: decodeElement(group, i.communicationKey, 'communicationKey'),
    proof: decodeProof(i.proof, 'proof'),
  }));
  const params = { threshold: published.threshold, trustees: tokens.length };
  const own = new Map<number, bigint>();
  for (const [i, self] of keys) {
    const dealing = deal(group, fp, params, self, identities);
    own.set(i, dealing.ownShare);
    await api(baseUrl, 'POST', `${base}/trustees/${i}/dealing`, tokens[i - 1], dealingBody(group, dealing));
  }
  const board = await api<Ceremony>(baseUrl, 'GET', `${base}/ceremony`);
  return [...keys.keys()]
    .sort((a, b) => a - b)
    .map((i) => {
      const self = keys.get(i)!;
      const shares = board.dealings.map((d) => {
        if (d.trustee === i) return own.get(i)!;
        const wire = d.shares.find((s) => s.recipient === i)!;
        const outcome = receiveShare(
          group,
          fp,
          self,
          identities[d.trustee - 1]!,
          {
            dealer: d.trustee,
            coefficients: d.coefficients.map((c) => decodeElement(group, c, 'coefficient')),
            proofs: d.proofs.map((p) => decodeProof(p, 'proof')),
          },
          {
            dealer: d.trustee,
            recipient: i,
            nonce: fromBase64url(wire.nonce, 24),
            ciphertext: fromBase64url(wire.ciphertext, 48),
          },
        );
        assert.ok(outcome.ok, `trustee ${i} accepts the share of trustee ${d.trustee}`);
        return outcome.share;
      });
      return combineSecretShares(shares);
    });
}

/** The named trustees publish their decryption shares of the tally, each with its own token. */
export async function decrypt(
  baseUrl: string,
  group: Group,
  election: string,
  trustees: readonly number[],
  tokens: readonly string[],
  secretShares: readonly bigint[],
): Promise<void> {
  const base = `/api/elections/${election}`;
  const ceremony = await api<Ceremony>(baseUrl, 'GET', `${base}/ceremony`);
  assert.ok(ceremony.tally, 'the tally is published');
  const fp = fromBase64url(ceremony.fingerprint, 32);
  const aggregate = decodeTallyAnswers(group, ceremony.tally.answers);
  for (const t of trustees) {
    const payload = trusteeShares(group, fp, t, secretShares[t - 1]!, aggregate);
    await api(baseUrl, 'POST', `${base}/trustees/${t}/decryption-share`, tokens[t - 1], {
      answers: payload.answers,
    });
  }
}
