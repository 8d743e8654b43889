/**
 * The compact form of a ballot audit (SPEC.md §12), for QR codes: everything of the audit except the
 * ciphertexts, which the checking device recomputes as Enc(choice; r) under the election key. Those
 * recomputed ciphertexts must then carry the ballot's proofs and signature, and give the tracker the
 * voting page showed, so leaving them out takes nothing from the check: a booth that encrypted
 * something else cannot make the stated choices and randomness pass. It saves 64 of the 225 bytes
 * of every candidate.
 *
 *   version (1) ‖ credential (32) ‖ signature c, s (64)
 *   ‖ per question: choice bits (⌈K/8⌉, candidate j in bit j mod 8 of byte ⌊j/8⌋)
 *                   ‖ per candidate: r (32) ‖ 0/1 proof branches c, s, c, s (128)
 *                   ‖ range proof branches (64 × (max − min + 1))
 *
 * The sizes come from the election definition, which both devices hold; the fingerprint comes from it
 * too. Decoding needs the group (the recomputation), so it runs in the booth's worker.
 *
 * @example
 * ```ts
 * const bytes = auditToBytes(audit, definition);              // in the booth
 * checkAudit(group, election, auditFromBytes(group, election, bytes)); // on the other device
 * ```
 */
import { fromBase64url, toBase64url } from '../../crypto/bytes.ts';
import { encrypt } from '../../crypto/elgamal.ts';
import type { Group } from '../../crypto/group.ts';
import { decodeScalar } from '../../crypto/scalar.ts';
import type { BallotAudit } from '../../protocol/audit.ts';
import type { BallotElection } from '../../protocol/ballot.ts';
import { encodeCiphertext } from '../../protocol/codec.ts';
import type { ElectionDefinition } from '../../protocol/definition.ts';
import { questionBounds } from '../../protocol/definition.ts';
import { Reader, WireError, Writer } from './wire.ts';

const VERSION = 1;

/**
 * The audit's compact bytes, or undefined if its shape does not match the definition.
 * @example `const bytes = auditToBytes(makeAudit(ballot, choices, secrets), definition)`
 */
export function auditToBytes(audit: BallotAudit, definition: ElectionDefinition): Uint8Array | undefined {
  const { ballot } = audit;
  if (ballot.answers.length !== definition.questions.length) return undefined;
  try {
    const w = new Writer();
    w.byte(VERSION);
    w.fixed(fromBase64url(ballot.credential, 32));
    writeProof(w, ballot.signature);
    definition.questions.forEach((q, i) => {
      const answer = ballot.answers[i]!;
      const bits = audit.choices[i]!;
      const rs = audit.randomness[i]!;
      const { min, max } = questionBounds(q);
      const k = q.candidates.length;
      if (bits.length !== k || rs.length !== k || answer.choiceProofs.length !== k)
        throw new WireError('shape');
      if (answer.rangeProof.length !== max - min + 1) throw new WireError('shape');
      const packed = new Uint8Array(Math.ceil(k / 8));
      bits.forEach((bit, j) => {
        packed[j >> 3]! |= bit << (j & 7);
      });
      w.fixed(packed);
      answer.choiceProofs.forEach((proof, j) => {
        w.fixed(fromBase64url(rs[j]!, 32));
        if (proof.length !== 2) throw new WireError('shape');
        for (const branch of proof) writeProof(w, branch);
      });
      for (const branch of answer.rangeProof) writeProof(w, branch);
    });
    return w.bytes();
  } catch {
    return undefined;
  }
}

function writeProof(w: Writer, proof: { c: string; s: string }): void {
  w.fixed(fromBase64url(proof.c, 32));
  w.fixed(fromBase64url(proof.s, 32));
}

/**
 * The audit (a JSON value for checkAudit, which checks everything) that compact bytes carry, with
 * each ciphertext recomputed from its choice and randomness. Throws WireError on bytes that are not a
 * compact audit of this election's shape.
 * @example `checkAudit(group, election, auditFromBytes(group, election, bytes))`
 */
export function auditFromBytes(group: Group, election: BallotElection, bytes: Uint8Array): BallotAudit {
  const r = new Reader(bytes);
  if (r.byte() !== VERSION) throw new WireError('not a compact ballot audit of a known version');
  const b64 = (length: number) => toBase64url(r.fixed(length));
  const readProof = () => ({ c: b64(32), s: b64(32) });
  const credential = b64(32);
  const signature = readProof();
  const choices: (0 | 1)[][] = [];
  const randomness: string[][] = [];
  const answers = election.definition.questions.map((q) => {
    const { min, max } = questionBounds(q);
    const k = q.candidates.length;
    const packed = r.fixed(Math.ceil(k / 8));
    if (packed.some((byte, n) => byte >> Math.min(8, k - 8 * n) !== 0)) {
      throw new WireError('spare choice bits are set');
    }
    const bits = Array.from({ length: k }, (_, j) => ((packed[j >> 3]! >> (j & 7)) & 1) as 0 | 1);
    const rs: string[] = [];
    const ciphertexts = [];
    const choiceProofs = [];
    for (const bit of bits) {
      const rBytes = r.fixed(32);
      rs.push(toBase64url(rBytes));
      const opened = encrypt(group, election.publicKey, BigInt(bit), scalar(rBytes));
      ciphertexts.push(encodeCiphertext(group, opened.ciphertext));
      choiceProofs.push([readProof(), readProof()]);
    }
    const rangeProof = Array.from({ length: max - min + 1 }, readProof);
    choices.push(bits);
    randomness.push(rs);
    return { choices: ciphertexts, choiceProofs, rangeProof };
  });
  r.end();
  return {
    format: 'psephos/ballot-audit',
    ballot: {
      format: 'psephos/ballot',
      election: toBase64url(election.fingerprint),
      credential,
      answers,
      signature,
    },
    choices,
    randomness,
  };
}

/** A canonical non-zero scalar (a booth never draws zero), or WireError. */
function scalar(bytes: Uint8Array): bigint {
  let value = 0n;
  try {
    value = decodeScalar(bytes);
  } catch {
    // Reported below.
  }
  if (value === 0n) throw new WireError('a randomness is not a non-zero scalar below the group order');
  return value;
}
