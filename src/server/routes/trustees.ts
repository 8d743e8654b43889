/**
 * The trustees' routes: their side of the key ceremony (communication key, dealing, complaints) and of
 * the tally (decryption shares). Each is authenticated by the trustee's own token and checked by
 * ElectionState — proofs included — before it reaches the board. Trustee secrets never come here:
 * only public keys, commitments, encrypted shares and proofs.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { z } from 'zod';
import { toBase64url } from '../../crypto/bytes.ts';
import { encodeElement, encodeProof } from '../../protocol/codec.ts';
import { Payloads } from '../../protocol/events.ts';
import { requireTrustee } from '../auth.ts';
import type { Runtimes } from '../runtime.ts';
import { ElectionParams, jsonSchema, TrusteeParams } from '../schema.ts';

type Params = { Params: { id: string; trustee: number } };

/** A payload schema without the `trustee` (and `recipient`) fields the URL already gives. */
const Identity = Payloads['trustee-identity'].omit({ trustee: true });
const Dealing = Payloads['trustee-dealing'].omit({ trustee: true });
const Complaint = Payloads['trustee-complaint'].omit({ recipient: true });
const Shares = Payloads['decryption-share'].omit({ trustee: true });

export const trusteeRoutes: FastifyPluginAsync<{ runtimes: Runtimes }> = async (app, { runtimes }) => {
  const tags = ['trustee'];
  const route = <S extends z.ZodType>(
    path: string,
    summary: string,
    body: S,
    post: (id: string, trustee: number, body: z.infer<S>) => Promise<{ index: number }>,
  ) =>
    app.post<Params & { Body: unknown }>(
      `/api/elections/:id/trustees/:trustee/${path}`,
      {
        preHandler: requireTrustee(),
        bodyLimit: 4 * 1024 * 1024,
        schema: { tags, summary, params: TrusteeParams, body: jsonSchema(body) },
      },
      async (request) => post(request.params.id, request.params.trustee, body.parse(request.body)),
    );

  route('identity', 'Publish the communication key with its proof', Identity, async (id, trustee, body) =>
    (await runtimes.get(id)).post('trustee-identity', { trustee, ...body }),
  );
  route(
    'dealing',
    'Publish the polynomial commitments and the encrypted shares',
    Dealing,
    async (id, trustee, body) => (await runtimes.get(id)).post('trustee-dealing', { trustee, ...body }),
  );
  route(
    'complaint',
    'Accuse a dealer whose share does not match its commitments',
    Complaint,
    async (id, trustee, body) =>
      (await runtimes.get(id)).post('trustee-complaint', { ...body, recipient: trustee }),
  );
  route(
    'decryption-share',
    'Publish decryption shares of the tally with their proofs',
    Shares,
    async (id, trustee, body) => (await runtimes.get(id)).post('decryption-share', { trustee, ...body }),
  );

  app.get<{ Params: { id: string } }>(
    '/api/elections/:id/ceremony',
    {
      schema: {
        tags,
        summary: 'Everything published in the key ceremony so far, and the tally to decrypt',
        params: ElectionParams,
      },
    },
    async (request) => {
      const runtime = await runtimes.get(request.params.id);
      await runtime.refresh();
      const s = runtime.state;
      const g = s.group;
      return {
        threshold: s.definition?.threshold,
        trustees: s.definition?.trustees.length,
        fingerprint: s.fingerprint ? toBase64url(s.fingerprint) : null,
        identities: [...s.identities.values()].map((i) => ({
          trustee: i.index,
          communicationKey: encodeElement(g, i.communicationKey),
          proof: encodeProof(i.proof),
        })),
        dealings: [...s.dealings.entries()].map(([trustee, d]) => ({
          trustee,
          coefficients: d.commitment.coefficients.map((c) => encodeElement(g, c)),
          proofs: d.commitment.proofs.map(encodeProof),
          shares: d.shares,
        })),
        disqualified: [...s.disqualified],
        electionKey: s.publicKey ? encodeElement(g, s.publicKey) : null,
        tally: s.tally ?? null,
        decryptionShares: [...s.shares.keys()],
      };
    },
  );
};
