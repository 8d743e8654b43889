/**
 * The public board: events by range, the latest signed head, a ballot by its tracker with its
 * inclusion proof, inclusion and consistency proofs between any sizes, and the whole election record
 * as a streamed download. Everything here is public and needs no login.
 */

import { Readable } from 'node:stream';
import type { FastifyPluginAsync } from 'fastify';
import { exportRecord } from '../../board/export.ts';
import type { Store } from '../../store/store.ts';
import { ApiError } from '../errors.ts';
import type { Runtimes } from '../runtime.ts';
import { ElectionParams } from '../schema.ts';

const PAGE = 500;
const Bytes32Param = { type: 'string', pattern: '^[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$' } as const;

export const boardRoutes: FastifyPluginAsync<{ store: Store; runtimes: Runtimes }> = async (
  app,
  { store, runtimes },
) => {
  const tags = ['board'];
  const fresh = async (id: string) => {
    const runtime = await runtimes.get(id);
    await runtime.refresh();
    return runtime;
  };

  app.get<{ Params: { id: string }; Querystring: { from?: number; limit?: number } }>(
    '/api/elections/:id/board/events',
    {
      schema: {
        tags,
        summary: `Board events from an index (at most ${PAGE} a page)`,
        params: ElectionParams,
        querystring: {
          type: 'object',
          properties: {
            from: { type: 'integer', minimum: 0 },
            limit: { type: 'integer', minimum: 1, maximum: PAGE },
          },
        },
      },
    },
    async (request) => {
      const runtime = await fresh(request.params.id);
      const size = runtime.board.size;
      const from = Math.min(request.query.from ?? 0, size);
      const to = Math.min(size, from + (request.query.limit ?? PAGE));
      const events = [];
      for await (const event of store.events(runtime.id, from, to)) events.push(event);
      return { size, from, events };
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/elections/:id/board/head',
    { schema: { tags, summary: 'The latest signed tree head', params: ElectionParams } },
    async (request) => {
      const runtime = await fresh(request.params.id);
      const head = (await runtime.board.latestHead()) ?? (await runtime.board.signHead());
      return head;
    },
  );

  app.get<{ Params: { id: string; tracker: string } }>(
    '/api/elections/:id/board/ballots/:tracker',
    {
      schema: {
        tags,
        summary: 'A ballot by its tracker, with its inclusion proof against the latest head',
        params: {
          type: 'object',
          required: ['id', 'tracker'],
          properties: { ...ElectionParams.properties, tracker: Bytes32Param },
        },
      },
    },
    async (request) => {
      const runtime = await fresh(request.params.id);
      const index = await runtime.board.findBallot(request.params.tracker);
      if (index === undefined)
        throw new ApiError(404, 'unknown-tracker', 'no ballot with this tracker is on the board');
      return runtime.board.receipt(index);
    },
  );

  app.get<{ Params: { id: string }; Querystring: { index: number; size?: number } }>(
    '/api/elections/:id/board/inclusion',
    {
      schema: {
        tags,
        summary: 'Inclusion proof of the event at an index in the tree of a given size',
        params: ElectionParams,
        querystring: {
          type: 'object',
          required: ['index'],
          properties: { index: { type: 'integer', minimum: 0 }, size: { type: 'integer', minimum: 1 } },
        },
      },
    },
    async (request) => {
      const runtime = await fresh(request.params.id);
      const size = request.query.size ?? runtime.board.size;
      if (request.query.index >= size || size > runtime.board.size)
        throw new ApiError(404, 'not-found', 'no such index or size on the board');
      return {
        index: request.query.index,
        size,
        proof: runtime.board.inclusionProof(request.query.index, size),
      };
    },
  );

  app.get<{ Params: { id: string }; Querystring: { from: number; to?: number } }>(
    '/api/elections/:id/board/consistency',
    {
      schema: {
        tags,
        summary: 'Consistency proof between two tree sizes',
        params: ElectionParams,
        querystring: {
          type: 'object',
          required: ['from'],
          properties: { from: { type: 'integer', minimum: 0 }, to: { type: 'integer', minimum: 0 } },
        },
      },
    },
    async (request) => {
      const runtime = await fresh(request.params.id);
      const to = request.query.to ?? runtime.board.size;
      if (request.query.from > to || to > runtime.board.size)
        throw new ApiError(404, 'not-found', 'no such sizes on the board');
      return { from: request.query.from, to, proof: runtime.board.consistencyProof(request.query.from, to) };
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/elections/:id/record',
    { schema: { tags, summary: 'The election record (JSON lines), streamed', params: ElectionParams } },
    async (request, reply) => {
      const runtime = await fresh(request.params.id);
      void reply
        .header('content-type', 'application/jsonl; charset=utf-8')
        .header('content-disposition', `attachment; filename="${runtime.id}.psephos.jsonl"`);
      return reply.send(Readable.from(exportRecord(store, runtime.id)));
    },
  );
};
