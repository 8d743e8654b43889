/**
 * Casting. A logged-in voter posts an encrypted, signed ballot; the server checks it (cheap checks
 * first, then every proof in a worker), applies the revoting policy and the rule that a credential
 * belongs to one login, appends it durably, and only then answers with the signed receipt. The same
 * ballot posted again (a retry after a lost connection) gets the same receipt and changes nothing.
 */

import { createHash } from 'node:crypto';
import type {} from '@fastify/cookie';
import type {} from '@fastify/rate-limit';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { Ballot } from '../../protocol/ballot.ts';
import { requireVoter } from '../auth.ts';
import type { CheckPool } from '../check-pool.ts';
import { classify, tooManyRequests } from '../errors.ts';
import type { Metrics } from '../metrics.ts';
import type { Runtimes } from '../runtime.ts';
import { ElectionParams, ErrorReply, jsonSchema } from '../schema.ts';

export interface BallotRoutesOptions {
  readonly runtimes: Runtimes;
  readonly pool: CheckPool;
  readonly metrics: Metrics;
  readonly castPerLogin: number;
  readonly perIp: number;
}

/**
 * Rate-limit key of a login: a hash of its session token (bearer or cookie), never the token itself.
 * The header is parsed, so spelling the same token another way ("bearer", extra spaces) is the same login.
 */
function loginKey(request: FastifyRequest): string {
  const bearer = /^\s*bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '')?.[1];
  const token = bearer ?? request.cookies?.psephos_session ?? `ip:${request.ip}`;
  return createHash('sha256').update(token).digest('base64url');
}

export const ballotRoutes: FastifyPluginAsync<BallotRoutesOptions> = async (
  app,
  { runtimes, pool, metrics, castPerLogin, perIp },
) => {
  // The route's own limit (per login) replaces the app's per-address one; this keeps the latter too.
  const perAddress = app.createRateLimit({ max: perIp, timeWindow: '1 minute' });
  app.post<{ Params: { id: string }; Body: unknown }>(
    '/api/elections/:id/ballots',
    {
      onRequest: async (request) => {
        const limit = await perAddress(request);
        if (!limit.isAllowed && limit.isExceeded)
          throw tooManyRequests(`${Math.ceil(limit.ttlInSeconds)} seconds`);
      },
      preHandler: requireVoter(),
      bodyLimit: 1024 * 1024,
      config: { rateLimit: { max: castPerLogin, timeWindow: '1 minute', keyGenerator: loginKey } },
      schema: {
        tags: ['voter'],
        summary: 'Cast a ballot; the reply is the signed receipt',
        params: ElectionParams,
        body: jsonSchema(Ballot),
        response: { 400: ErrorReply, 403: ErrorReply, 409: ErrorReply },
      },
    },
    async (request) => {
      const started = performance.now();
      try {
        const runtime = await runtimes.get(request.params.id);
        const { receipt, replay } = await runtime.cast(request.principal!.subject, request.body, pool);
        metrics.ballots.inc({ outcome: replay ? 'replay' : 'accepted' });
        metrics.castSeconds.observe((performance.now() - started) / 1000);
        return { receipt, replay };
      } catch (e) {
        metrics.ballots.inc({ outcome: classify(e).code });
        throw e;
      }
    },
  );
};
