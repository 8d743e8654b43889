/**
 * The organiser's routes: create and edit a draft, add the voters who may log in, then move the
 * election through its lifecycle — each step a board event checked by ElectionState first:
 * setup → (trustees' ceremony) → election key → electorate → open → close → tally → publish.
 * And the public summary of any election past its draft.
 */
import type { FastifyPluginAsync } from 'fastify';
import { generateBoardKey } from '../../board/tree-head.ts';
import { toBase64url } from '../../crypto/bytes.ts';
import { encodeCiphertext } from '../../protocol/codec.ts';
import { parseDefinition } from '../../protocol/definition.ts';
import { Payloads } from '../../protocol/events.ts';
import type { Store } from '../../store/store.ts';
import { aggregateCounted } from '../../tally/aggregate.ts';
import { decryptCounts } from '../../tally/decryption.ts';
import { issueTrusteeTokens, requireAdmin } from '../auth.ts';
import { ApiError } from '../errors.ts';
import type { ElectionRuntime, Runtimes } from '../runtime.ts';
import { ElectionParams, ErrorReply, jsonSchema } from '../schema.ts';

export interface ElectionRoutesOptions {
  readonly store: Store;
  readonly runtimes: Runtimes;
  readonly trusteeTokenHours: number;
}

const Voters = {
  type: 'object',
  required: ['voters'],
  additionalProperties: false,
  properties: {
    voters: {
      type: 'array',
      maxItems: 50_000,
      items: {
        type: 'object',
        required: ['voterId', 'email', 'name'],
        additionalProperties: false,
        properties: {
          voterId: { type: 'string', minLength: 1, maxLength: 200 },
          email: { type: 'string', format: 'email', maxLength: 320 },
          name: { type: 'string', maxLength: 300 },
        },
      },
    },
  },
} as const;

const DraftBody = {
  type: 'object',
  required: ['definition'],
  additionalProperties: false,
  properties: { definition: { type: 'object' } },
} as const;

type Id = { Params: { id: string } };

export const electionRoutes: FastifyPluginAsync<ElectionRoutesOptions> = async (
  app,
  { store, runtimes, trusteeTokenHours },
) => {
  const admin = { preHandler: requireAdmin() };
  const tags = ['organiser'];

  /** A definition from the organiser, with the board key the server holds for this election. */
  const withBoardKey = (definition: object, boardKey: string) => parseDefinition({ ...definition, boardKey });

  app.post<{ Body: { definition: Record<string, unknown> } }>(
    '/api/elections',
    {
      ...admin,
      schema: {
        tags,
        summary: 'Create a draft election',
        body: DraftBody,
        response: { 400: ErrorReply, 409: ErrorReply },
      },
    },
    async (request, reply) => {
      const key = generateBoardKey();
      const definition = withBoardKey(request.body.definition, key.publicKey);
      const created = await store.createElection({
        id: definition.id,
        draft: definition,
        boardSecretKey: key.secretKey,
      });
      return reply.status(201).send({ id: created.id, status: created.status, definition });
    },
  );

  app.put<Id & { Body: { definition: Record<string, unknown> } }>(
    '/api/elections/:id/draft',
    {
      ...admin,
      schema: { tags, summary: 'Replace the draft definition', params: ElectionParams, body: DraftBody },
    },
    async (request) => {
      const election = await existing(store, request.params.id);
      const definition = withBoardKey(
        request.body.definition,
        (election.draft as { boardKey: string }).boardKey,
      );
      if (definition.id !== election.id)
        throw new ApiError(400, 'bad-definition', 'the definition id cannot change');
      await store.updateDraft(election.id, definition);
      return { id: election.id, definition };
    },
  );

  app.post<Id & { Body: { voters: { voterId: string; email: string; name: string }[] } }>(
    '/api/elections/:id/voters',
    {
      ...admin,
      bodyLimit: 16 * 1024 * 1024,
      schema: { tags, summary: 'Add voters who may log in', params: ElectionParams, body: Voters },
    },
    async (request) => {
      await existing(store, request.params.id);
      await store.addVoters(request.params.id, request.body.voters);
      return store.countVoters(request.params.id);
    },
  );

  app.post<Id>(
    '/api/elections/:id/setup',
    {
      ...admin,
      schema: { tags, summary: 'Publish the definition and start the key ceremony', params: ElectionParams },
    },
    async (request) => {
      const election = await existing(store, request.params.id);
      if (election.status !== 'draft')
        throw new ApiError(409, 'wrong-status', 'the election is already set up');
      const definition = parseDefinition(election.draft);
      const runtime = await runtimes.get(election.id);
      await runtime.post('setup', { definition });
      const trusteeTokens = await issueTrusteeTokens(
        store,
        election.id,
        definition.trustees.length,
        trusteeTokenHours,
      );
      return { status: runtime.state.phase, trusteeTokens };
    },
  );

  const lifecycle = (path: string, summary: string, step: (runtime: ElectionRuntime) => Promise<unknown>) =>
    app.post<Id>(
      `/api/elections/:id/${path}`,
      { ...admin, schema: { tags, summary, params: ElectionParams } },
      async (request) => {
        const runtime = await runtimes.get(request.params.id);
        await runtime.exclusive(async () => {
          if (!runtime.state.definition)
            throw new ApiError(409, 'out-of-phase', 'the election is not set up yet');
          return step(runtime);
        });
        return { status: runtime.state.phase, size: runtime.board.size };
      },
    );

  lifecycle('ceremony/finish', 'Publish the election key once every trustee has dealt', (r) =>
    r.postLocked('election-key', r.state.expectedElectionKey()),
  );
  lifecycle('open', 'Open voting', (r) => r.postLocked('open', {}));
  lifecycle('close', 'Close voting', (r) => r.postLocked('close', {}));
  lifecycle('tally', 'Publish the encrypted totals of the counted ballots', async (r) => {
    async function* ballots() {
      for await (const event of store.events(r.id))
        if (event.type === 'ballot') yield { index: event.index, ballot: event.payload.ballot };
    }
    const aggregate = await aggregateCounted(
      r.state.group,
      r.state.definition!,
      ballots(),
      r.state.countedBallots(),
    );
    const answers = aggregate.answers.map((row) => row.map((c) => encodeCiphertext(r.state.group, c)));
    return r.postLocked('tally', { counted: aggregate.counted, answers });
  });
  lifecycle('publish', 'Combine t decryption shares and publish the result', (r) => {
    const { threshold } = r.state.definition!;
    const trustees = [...r.state.shares.keys()].sort((a, b) => a - b).slice(0, threshold);
    if (trustees.length < threshold) {
      throw new ApiError(
        409,
        'not-enough-shares',
        `${trustees.length} of the ${threshold} decryption shares needed have been published`,
      );
    }
    const shares = trustees.map((t) => r.state.shares.get(t)!);
    const counts = decryptCounts(r.state.group, r.state.tallyAnswers, shares, r.state.countedWeight);
    return r.postLocked('result', { counted: r.state.tally!.counted, trustees, counts });
  });

  app.post<Id & { Body: unknown }>(
    '/api/elections/:id/electorate',
    {
      ...admin,
      bodyLimit: 256 * 1024 * 1024,
      schema: {
        tags,
        summary: 'Publish the public credential list (from the credential authority)',
        params: ElectionParams,
        body: jsonSchema(Payloads.electorate),
      },
    },
    async (request) => {
      const runtime = await runtimes.get(request.params.id);
      await runtime.post('electorate', Payloads.electorate.parse(request.body));
      return { status: runtime.state.phase, credentials: runtime.state.credentials?.size ?? 0 };
    },
  );

  app.post<Id & { Body: unknown }>(
    '/api/elections/:id/amendments',
    {
      ...admin,
      schema: {
        tags,
        summary: 'Add or revoke a credential, with a public reason',
        params: ElectionParams,
        body: jsonSchema(Payloads['roll-amendment']),
      },
    },
    async (request) => {
      const runtime = await runtimes.get(request.params.id);
      const event = await runtime.post('roll-amendment', Payloads['roll-amendment'].parse(request.body));
      return { index: event.index };
    },
  );

  app.get(
    '/api/elections',
    { schema: { tags: ['public'], summary: 'Elections past their draft' } },
    async () => {
      const all = await store.elections();
      return all
        .filter((e) => e.status !== 'draft')
        .map((e) => {
          const d = e.draft as { title: string; practice: boolean };
          return { id: e.id, title: d.title, practice: d.practice, status: e.status };
        });
    },
  );

  app.get<Id>(
    '/api/elections/:id',
    {
      schema: {
        tags: ['public'],
        summary: 'An election: definition, state, ceremony, counts',
        params: ElectionParams,
      },
    },
    async (request) => {
      const election = await existing(store, request.params.id);
      if (election.status === 'draft')
        throw new ApiError(404, 'unknown-election', `there is no published election "${election.id}"`);
      const runtime = await runtimes.get(election.id);
      await runtime.refresh();
      const s = runtime.state;
      return {
        id: election.id,
        status: s.phase,
        definition: s.definition,
        fingerprint: toBase64url(s.fingerprint!),
        ceremony: {
          identities: [...s.identities.keys()].sort((a, b) => a - b),
          dealings: [...s.dealings.keys()].sort((a, b) => a - b),
          disqualified: [...s.disqualified].sort((a, b) => a - b),
          ready: s.publicKey !== undefined,
        },
        electorate: s.credentials
          ? { credentials: s.credentials.size, members: s.committedMembers ?? null }
          : null,
        ballots: { cast: s.ballots, counted: s.counted.size },
        result: s.result ?? null,
        boardSize: runtime.board.size,
      };
    },
  );
};

async function existing(store: Store, id: string) {
  const election = await store.election(id);
  if (!election) throw new ApiError(404, 'unknown-election', `there is no election "${id}"`);
  return election;
}
