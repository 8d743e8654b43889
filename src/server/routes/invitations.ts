/**
 * The organiser's invitations and reminders to voters (the sending itself: ../invitations.ts):
 *
 *   GET  /api/elections/:id/invitations               counts, the latest sending job and its message
 *   POST /api/elections/:id/invitations/preview       the email as a voter would get it (a sample link)
 *   POST /api/elections/:id/invitations               send: to everyone not yet invited, a reminder to
 *                                                      those who have not voted, or the failures again
 *                                                      (a background job; poll GET for its progress)
 *   GET  /api/elections/:id/invitations/failures      the voters whose last email failed, with the mail
 *                                                      server's words (and failures.csv, all of them)
 *   POST /api/elections/:id/invitations/resend        a new invitation to one member, by id or address
 *
 * Invitations go out once the election is set up (its definition, and so its closing time, is fixed:
 * the links work until then) and until it closes; reminders only while it is open.
 */
import { Readable } from 'node:stream';
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import type { Store, StoredElection, Voter } from '../../store/store.ts';
import { loginLink, requireAdmin } from '../auth.ts';
import type { Config } from '../config.ts';
import { ApiError } from '../errors.ts';
import {
  type ElectionFacts,
  electionFacts,
  expectedRecipients,
  InvitationPayload,
  InvitationSender,
  MemberMessage,
  MemberMessageProperties,
  memberMail,
} from '../invitations.ts';
import { isStalled, JobRunner } from '../jobs.ts';
import type { Mailer } from '../mail.ts';
import { csvField } from '../roll-import.ts';
import { ElectionParams, ErrorReply } from '../schema.ts';
import { jobView } from './roll.ts';

export interface InvitationRoutesOptions {
  readonly store: Store;
  readonly config: Pick<Config, 'publicUrl'>;
  /** Where emails go; without one, sending is refused (503 `mail-unavailable`). */
  readonly mailer?: Mailer | undefined;
}

/** The job kind of a sending. */
export const INVITATIONS_JOB = 'invitations';

/** Statuses in which invitations may go out, and in which reminders may. */
const INVITE_IN = new Set(['key-ceremony', 'ready', 'open']);

const SendBody = InvitationPayload;
const PreviewBody = MemberMessage.extend({ kind: z.enum(['invitation', 'reminder']) });
const ResendBody = MemberMessage.extend({ member: z.string().trim().min(1).max(320) });

type Id = { Params: { id: string } };
const tags = ['organiser'];
const errors = {
  400: ErrorReply,
  401: ErrorReply,
  403: ErrorReply,
  404: ErrorReply,
  409: ErrorReply,
  503: ErrorReply,
};

/**
 * The invitation routes above, and the runner of their sendings (a background job).
 * @example `await app.register(invitationRoutes, { store, config, mailer })`
 */
export const invitationRoutes: FastifyPluginAsync<InvitationRoutesOptions> = async (app, options) => {
  const { store, config, mailer } = options;
  const admin = { preHandler: requireAdmin() };
  const sender = mailer ? new InvitationSender(store, mailer, config.publicUrl) : undefined;
  const runner = new JobRunner(
    store,
    INVITATIONS_JOB,
    async (job, context) => {
      if (!sender) throw new Error('this server has no mail server to send through');
      const election = await store.election(job.election);
      if (!election) throw new Error(`there is no election "${job.election}"`);
      return sender.run(election, InvitationPayload.parse(job.payload), context);
    },
    { log: app.log },
  );
  app.addHook('onReady', async () => runner.start());
  app.addHook('onClose', async () => runner.stop());

  app.get<Id>(
    '/api/elections/:id/invitations',
    {
      ...admin,
      schema: {
        tags,
        summary: 'Invitations: counts and the latest sending',
        params: ElectionParams,
        response: errors,
      },
    },
    async (request, reply) => {
      const election = await existing(store, request.params.id);
      const [job] = await store.jobs(election.id, INVITATIONS_JOB, 1);
      const d = election.draft as { title?: string; opensAt?: string; closesAt?: string };
      void reply.header('cache-control', 'no-store');
      return {
        election: {
          id: election.id,
          status: election.status,
          title: d.title ?? election.id,
          opensAt: d.opensAt ?? null,
          closesAt: d.closesAt ?? null,
        },
        mailer: sender !== undefined,
        counts: await store.invitationCounts(election.id),
        job: job ? { ...jobView(job), payload: job.payload } : null,
      };
    },
  );

  app.post<Id & { Body: unknown }>(
    '/api/elections/:id/invitations/preview',
    {
      ...admin,
      schema: {
        tags,
        summary: 'The invitation or reminder as a voter gets it (with a sample link and code)',
        params: ElectionParams,
        body: {
          type: 'object',
          required: ['kind', 'languages'],
          additionalProperties: false,
          properties: {
            kind: { type: 'string', enum: ['invitation', 'reminder'] },
            ...MemberMessageProperties,
          },
        },
        response: errors,
      },
    },
    async (request) => {
      const { kind, ...message } = PreviewBody.parse(request.body);
      const facts = electionFacts(await existing(store, request.params.id));
      const link = loginLink(config.publicUrl, facts.id, 'a-sample-token-each-voter-gets-their-own');
      return memberMail(facts, message, kind, link, 'SAMP-LE00-C0DE');
    },
  );

  app.post<Id & { Body: unknown }>(
    '/api/elections/:id/invitations',
    {
      ...admin,
      schema: {
        tags,
        summary: 'Send invitations, reminders to those who have not voted, or the failed emails again',
        params: ElectionParams,
        body: {
          type: 'object',
          required: ['mode', 'languages'],
          additionalProperties: false,
          properties: {
            mode: { type: 'string', enum: ['invite', 'remind', 'retry'] },
            ...MemberMessageProperties,
          },
        },
        response: { 202: { type: 'object', properties: { job: { type: 'integer' } } }, ...errors },
      },
    },
    async (request, reply) => {
      const payload = SendBody.parse(request.body);
      const election = await existing(store, request.params.id);
      sendable(election, payload.mode === 'remind');
      if (!sender) throw noMailer();
      const counts = await store.invitationCounts(election.id);
      if (counts.total === 0)
        throw new ApiError(409, 'no-voters', 'the election has no voters yet: use a roll first');
      if (expectedRecipients(payload.mode, counts) === 0) throw nothingToSend(payload.mode);
      const [latest] = await store.jobs(election.id, INVITATIONS_JOB, 1);
      if (latest && (latest.status === 'queued' || latest.status === 'running')) {
        if (!isStalled(latest, new Date())) {
          throw new ApiError(
            409,
            'mail-job-running',
            'emails are being sent already; wait for that sending to end',
          );
        }
        await store
          .finishJob(latest.id, { error: 'the server sending these emails stopped' })
          .catch(() => {});
      }
      const job = await store.createJob(election.id, INVITATIONS_JOB, payload);
      runner.poke();
      return reply.status(202).send({ job });
    },
  );

  app.get<Id & { Querystring: { after?: string; limit?: number } }>(
    '/api/elections/:id/invitations/failures',
    {
      ...admin,
      schema: {
        tags,
        summary: 'The voters whose last invitation or reminder failed, with what the mail server said',
        params: ElectionParams,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            after: {
              type: 'string',
              minLength: 1,
              maxLength: 200,
              description: 'the member id the last page ended with',
            },
            limit: { type: 'integer', minimum: 1, maximum: 500, default: 50 },
          },
        },
        response: errors,
      },
    },
    async (request) => {
      const election = await existing(store, request.params.id);
      const { after, limit = 50 } = request.query;
      const page = await store.voters(election.id, { mailFailed: true, limit, ...(after ? { after } : {}) });
      return { failures: page.map(failure), next: page.length === limit ? page.at(-1)!.voterId : null };
    },
  );

  app.get<Id>(
    '/api/elections/:id/invitations/failures.csv',
    {
      ...admin,
      schema: {
        tags,
        summary: 'Every failed invitation or reminder, as CSV',
        params: ElectionParams,
        response: errors,
      },
    },
    async (request, reply) => {
      const election = await existing(store, request.params.id);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="email-failures-${election.id}.csv"`)
        .header('cache-control', 'no-store')
        .send(Readable.from(failureLines(store, election.id)));
    },
  );

  app.post<Id & { Body: unknown }>(
    '/api/elections/:id/invitations/resend',
    {
      ...admin,
      schema: {
        tags,
        summary: 'Send one member a new invitation now (their earlier links stop working)',
        params: ElectionParams,
        body: {
          type: 'object',
          required: ['member', 'languages'],
          additionalProperties: false,
          properties: {
            member: {
              type: 'string',
              minLength: 1,
              maxLength: 320,
              description: 'a member id or an email address',
            },
            ...MemberMessageProperties,
          },
        },
        response: errors,
      },
    },
    async (request) => {
      const { member, ...message } = ResendBody.parse(request.body);
      const election = await existing(store, request.params.id);
      sendable(election, false);
      if (!sender) throw noMailer();
      const voter = member.includes('@')
        ? await store.voterByEmail(election.id, member)
        : await store.voter(election.id, member);
      if (!voter) {
        throw new ApiError(
          404,
          'unknown-voter',
          `no voter of this election has the member id or address "${member}"`,
        );
      }
      const [outcome] = await sender.send(electionFacts(election), [voter], () => 'invitation', message);
      return { memberId: voter.voterId, email: voter.email, status: outcome!.status, error: outcome!.error };
    },
  );
};

/** 409 unless emails may go out now: the election set up, not closed (reminders: open). */
function sendable(election: StoredElection, reminder: boolean): ElectionFacts {
  const facts = electionFacts(election);
  if (reminder && election.status !== 'open') {
    throw new ApiError(
      409,
      'not-open',
      `reminders go out while voting is open; the election is ${election.status}`,
    );
  }
  if (!INVITE_IN.has(election.status)) {
    throw new ApiError(
      409,
      'wrong-status',
      election.status === 'draft'
        ? 'invitations go out once the election is set up (its closing time fixed): their links work until it closes'
        : `the election is ${election.status}: voting is over`,
    );
  }
  if (Date.parse(facts.closesAt) <= Date.now()) {
    throw new ApiError(
      409,
      'election-closed',
      'the election’s closing time has passed: a link would not work',
    );
  }
  return facts;
}

function failure(v: Voter) {
  return {
    memberId: v.voterId,
    email: v.email,
    name: v.name,
    kind: v.mail?.kind,
    error: v.mail?.error,
    at: v.mail?.at,
  };
}

async function* failureLines(store: Store, election: string): AsyncGenerator<string> {
  yield 'member_id,email,name,email_kind,error,at\n';
  let after: string | undefined;
  for (;;) {
    const page = await store.voters(election, { mailFailed: true, limit: 1000, ...(after ? { after } : {}) });
    const lines = page.map((v) => {
      const f = failure(v);
      return `${[f.memberId, f.email, f.name, f.kind ?? '', f.error ?? '', f.at ?? ''].map(csvField).join(',')}\n`;
    });
    if (lines.length > 0) yield lines.join('');
    if (page.length < 1000) return;
    after = page.at(-1)!.voterId;
  }
}

async function existing(store: Store, id: string): Promise<StoredElection> {
  const election = await store.election(id);
  if (!election) throw new ApiError(404, 'unknown-election', `there is no election "${id}"`);
  return election;
}

function noMailer(): ApiError {
  return new ApiError(503, 'mail-unavailable', 'this server has no mail server configured to send through');
}

function nothingToSend(mode: InvitationPayload['mode']): ApiError {
  const why = {
    invite: 'every voter has been sent an invitation already (resend to one member, or retry the failures)',
    remind: 'every voter has voted',
    retry: 'no email has failed',
  }[mode];
  return new ApiError(409, 'nothing-to-send', why);
}
