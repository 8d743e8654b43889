/**
 * The trustee console's decryption worker: computes this trustee's decryption share of every total of
 * the tally, each with its Chaum–Pedersen proof (SPEC.md §8, §14), off the page's thread. About half a
 * millisecond per total with libsodium's WASM group (measured: 100 totals ≈ 45 ms in Node, the
 * pure-TypeScript group ≈ 5× slower), so a large ballot (up to 20 questions × 100 candidates) would
 * freeze the page for a second or more. One request per worker: the page ends the worker after it,
 * so the secret share does not stay behind in it.
 */
import { loadGroup } from '../../crypto/backends.ts';
import { fromBase64url } from '../../crypto/bytes.ts';
import { decodeScalarWire } from '../../protocol/codec.ts';
import { decodeTallyAnswers, trusteeShares } from '../../tally/decryption.ts';
import type { DecryptReply, DecryptRequest } from './decrypt-client.ts';

const scope = self as unknown as {
  postMessage(message: DecryptReply): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<DecryptRequest>) => void): void;
};

async function decrypt(request: DecryptRequest): Promise<DecryptReply> {
  const group = await loadGroup('sodium').catch(() => loadGroup('noble'));
  const aggregate = decodeTallyAnswers(group, request.answers);
  const secret = decodeScalarWire(request.secret, 'secret share');
  const payload = trusteeShares(
    group,
    fromBase64url(request.fingerprint, 32),
    request.trustee,
    secret,
    aggregate,
  );
  return { ok: true, answers: payload.answers };
}

scope.addEventListener('message', (event) => {
  decrypt(event.data).then(scope.postMessage.bind(scope), (e: unknown) =>
    scope.postMessage({ ok: false, message: e instanceof Error ? e.message : String(e) }),
  );
});
