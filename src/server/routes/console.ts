/**
 * The organiser console's routes (all organiser-only): every election with its state (drafts too),
 * drafts with their trustees' email addresses (kept private, beside the definition: console/private.ts),
 * one election's whole state for the dashboard, setting up with the trustees' invitations, a reminder
 * to one trustee (with a fresh link), turnout by hour (JSON and CSV), the verifier's report of the
 * record, the practice election (console/practice.ts), and whether voting opens and closes by itself
 * (console/scheduler.ts). The lifecycle steps themselves are the organiser's routes of elections.ts;
 * the console calls them.
 *
 * @example `await app.register(consoleRoutes, { store, runtimes, config, group, trusteeTokenHours: 720 })`
 */
import type { FastifyPluginAsync } from 'fastify';
import { exportRecord } from '../../board/export.ts';
import { generateBoardKey } from '../../board/tree-head.ts';
import type { Group } from '../../crypto/group.ts';
import { type ElectionDefinition, parseDefinition } from '../../protocol/definition.ts';
import type { Store } from '../../store/store.ts';
import { NodeBallotPool } from '../../verifier/node-pool.ts';
import type { VerificationReport } from '../../verifier/report.ts';
import { verifyRecord } from '../../verifier/verify.ts';
import { issueTrusteeToken, issueTrusteeTokens, requireAdmin } from '../auth.ts';
import type { Config } from '../config.ts';
import { practiceIdOf, trusteeLink } from '../console/links.ts';
import { type ConsoleMailLanguage, type TrusteeTask, trusteeMail } from '../console/mail.ts';
import { createPractice, type PracticeDeps, postPracticeShare } from '../console/practice.ts';
import {
  type ElectionPrivate,
  privateRecord,
  readPrivate,
  type Schedule,
  type TrusteeContact,
  updatePrivate,
} from '../console/private.ts';
import { Serial } from '../console/serial.ts';
import { TurnoutCounter, turnoutCsv } from '../console/turnout.ts';
import { ApiError } from '../errors.ts';
import type { ElectionRuntime, Runtimes } from '../runtime.ts';
import { ElectionParams, ErrorReply, TrusteeParams } from '../schema.ts';

export interface ConsoleRoutesOptions {
  readonly store: Store;
  readonly runtimes: Runtimes;
  readonly config: Config;
  readonly group: Group;
  /** How long a trustee's link works. */
  readonly trusteeTokenHours: number;
  readonly now?: () => Date;
}

/** How far in the past an opening time may be when a draft is saved (the form takes a while to fill). */
export const OPENING_GRACE_MS = 15 * 60_000;
/** Above this many ballots, the report's ballot proofs are checked in worker threads. */
const POOL_FROM_BALLOTS = 200;
/** The organiser presses the buttons. */
const NOT_SCHEDULED: Schedule = { open: false, close: false };

const Lang = { type: 'string', enum: ['en', 'cy'], description: 'the language of the emails' } as const;
const LangBody = {
  type: 'object',
  required: ['lang'],
  additionalProperties: false,
  properties: { lang: Lang },
} as const;
const Email = { type: 'string', format: 'email', minLength: 3, maxLength: 320 } as const;

const DraftBody = {
  type: 'object',
  required: ['definition', 'trustees'],
  additionalProperties: false,
  properties: {
    definition: { type: 'object', description: 'the election definition, without its board key' },
    trustees: {
      type: 'array',
      maxItems: 255,
      description: "each trustee's email address, in the definition's order (never published)",
      items: {
        type: 'object',
        required: ['email'],
        additionalProperties: false,
        properties: { email: Email },
      },
    },
  },
} as const;

const ScheduleBody = {
  type: 'object',
  required: ['open', 'close'],
  additionalProperties: false,
  properties: {
    open: { type: 'boolean', description: 'open voting at the definition’s opensAt (while ready)' },
    close: { type: 'boolean', description: 'close voting at the definition’s closesAt' },
  },
} as const;

const Refusals = {
  400: ErrorReply,
  401: ErrorReply,
  403: ErrorReply,
  404: ErrorReply,
  409: ErrorReply,
};

type Id = { Params: { id: string } };
type DraftRequest = { Body: { definition: Record<string, unknown>; trustees: { email: string }[] } };

export const consoleRoutes: FastifyPluginAsync<ConsoleRoutesOptions> = async (app, options) => {
  const { store, runtimes, config, group, trusteeTokenHours } = options;
  const now = options.now ?? (() => new Date());
  const admin = { preHandler: requireAdmin() };
  const tags = ['organiser'];
  const turnout = new TurnoutCounter(store);
  const reports = new Serial();
  const practiceDeps: PracticeDeps = { store, runtimes, group, publicUrl: config.publicUrl, now };

  const existing = async (id: string) => {
    const election = await store.election(id);
    if (!election) throw new ApiError(404, 'unknown-election', `there is no election "${id}"`);
    return election;
  };
  const fresh = async (id: string) => {
    const runtime = await runtimes.get(id);
    await runtime.refresh();
    return runtime;
  };

  /** A draft from the console: valid, dated in the future, with one email per trustee. */
  const draftFrom = (body: DraftRequest['Body'], boardKey: string): ElectionDefinition => {
    const definition = parseDefinition({ ...body.definition, boardKey });
    if (body.trustees.length !== definition.trustees.length)
      throw new ApiError(400, 'bad-trustees', 'give one email address for each trustee, in the same order');
    const t = now().getTime();
    if (Date.parse(definition.closesAt) <= t)
      throw new ApiError(400, 'dates-in-past', 'the closing time is in the past');
    if (Date.parse(definition.opensAt) < t - OPENING_GRACE_MS)
      throw new ApiError(400, 'dates-in-past', 'the opening time is in the past');
    return definition;
  };
  /** The trustees' contacts from a draft's addresses, given the record's (`p`) until now. */
  const contactsOf = (trustees: readonly { email: string }[], p?: ElectionPrivate): TrusteeContact[] =>
    trustees.map((t, i) => ({
      email: t.email.trim(),
      // An unchanged address keeps its invitation time; a new one has not been invited.
      invitedAt: p?.trustees?.[i]?.email === t.email.trim() ? (p.trustees[i]?.invitedAt ?? null) : null,
    }));

  app.get(
    '/api/admin/elections',
    {
      ...admin,
      schema: { tags, summary: 'Every election, drafts included, with its state', response: Refusals },
    },
    async () => {
      return (await store.elections())
        .map((e) => {
          const d = e.draft as { title?: string; practice?: boolean };
          return {
            id: e.id,
            title: d.title ?? e.id,
            practice: d.practice === true,
            status: e.status,
            createdAt: e.createdAt,
            updatedAt: e.updatedAt,
          };
        })
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || a.id.localeCompare(b.id));
    },
  );

  app.post<DraftRequest>(
    '/api/admin/elections',
    {
      ...admin,
      schema: {
        tags,
        summary: 'Create a draft, with its trustees’ email addresses (kept private)',
        body: DraftBody,
        response: Refusals,
      },
    },
    async (request, reply) => {
      const key = generateBoardKey();
      const definition = draftFrom(request.body, key.publicKey);
      // The draft and its trustees' addresses in one step.
      const created = await store.createElection({
        id: definition.id,
        draft: definition,
        boardSecretKey: key.secretKey,
        organiserRecord: privateRecord({ trustees: contactsOf(request.body.trustees) }),
      });
      return reply.status(201).send({ id: created.id, status: created.status, definition });
    },
  );

  app.post<Id & DraftRequest>(
    '/api/admin/elections/:id/draft',
    {
      ...admin,
      schema: {
        tags,
        summary: 'Replace a draft and its trustees’ email addresses',
        params: ElectionParams,
        body: DraftBody,
        response: Refusals,
      },
    },
    async (request) => {
      const election = await existing(request.params.id);
      if (election.status !== 'draft')
        throw new ApiError(
          409,
          'wrong-status',
          'the election is set up: its definition can no longer change',
        );
      const definition = draftFrom(request.body, (election.draft as { boardKey: string }).boardKey);
      if (definition.id !== election.id)
        throw new ApiError(400, 'bad-definition', 'the definition id cannot change');
      await store.updateDraft(election.id, definition);
      await updatePrivate(store, election.id, (p) => ({
        ...p,
        trustees: contactsOf(request.body.trustees, p),
      }));
      return { id: election.id, status: election.status, definition };
    },
  );

  app.get<Id>(
    '/api/admin/elections/:id',
    {
      ...admin,
      schema: {
        tags,
        summary: 'One election as the organiser sees it: state, trustees, electorate, turnout, practice',
        params: ElectionParams,
        response: Refusals,
      },
    },
    async (request) => overview(await existing(request.params.id)),
  );

  /** Each trustee as the dashboard shows them: contact, and what the board has of them (none for a draft). */
  const trusteeRows = (
    definition: ElectionDefinition,
    contacts: readonly (TrusteeContact | null)[],
    s?: ElectionRuntime['state'],
  ) =>
    definition.trustees.map((t, i) => ({
      trustee: i + 1,
      name: t.name,
      email: contacts[i]?.email ?? null,
      invitedAt: contacts[i]?.invitedAt ?? null,
      identity: s?.identities.has(i + 1) ?? false,
      dealing: s?.dealings.has(i + 1) ?? false,
      disqualified: s?.disqualified.has(i + 1) ?? false,
      share: s?.shares.has(i + 1) ?? false,
    }));

  async function overview(election: Awaited<ReturnType<typeof existing>>) {
    const record = await readPrivate(store, election.id);
    const contacts = record.trustees ?? [];
    const voters = await store.countVoters(election.id);
    const practice = await practiceOf(election.id);
    const practiceFor = record.practice?.practiceOf ?? null;
    const schedule: Schedule = record.schedule ?? NOT_SCHEDULED;
    if (election.status === 'draft') {
      const definition = parseDefinition(election.draft);
      return {
        id: election.id,
        status: election.status,
        definition,
        trustees: trusteeRows(definition, contacts),
        voters,
        electionKey: false,
        electorate: null,
        ballots: { cast: 0, counted: 0 },
        tally: false,
        result: null,
        boardSize: 0,
        practice,
        practiceFor,
        schedule,
      };
    }
    const runtime = await fresh(election.id);
    const s = runtime.state;
    const definition = s.definition!;
    return {
      id: election.id,
      status: s.phase,
      definition,
      trustees: trusteeRows(definition, contacts, s),
      voters,
      electionKey: s.publicKey !== undefined,
      electorate: s.credentials
        ? { credentials: s.credentials.size, members: s.committedMembers ?? null }
        : null,
      ballots: { cast: s.ballots, counted: s.counted.size },
      tally: s.tally !== undefined,
      result: s.result ?? null,
      boardSize: runtime.board.size,
      practice,
      practiceFor,
      schedule,
    };
  }

  /** The practice election of `id`, if there is one. */
  async function practiceOf(id: string): Promise<{ id: string; status: string } | null> {
    const pid = practiceIdOf(id);
    if (pid === undefined) return null;
    const stored = await store.election(pid);
    if (!stored || (await readPrivate(store, pid)).practice?.practiceOf !== id) return null;
    return { id: pid, status: stored.status };
  }

  /** Emails trustee `trustee` a fresh link to the trustee console; records when. */
  async function sendTrusteeLink(
    runtime: ElectionRuntime,
    trustee: number,
    email: string,
    token: string,
    task: TrusteeTask,
    lang: ConsoleMailLanguage,
    reminder: boolean,
  ): Promise<void> {
    const definition = runtime.state.definition!;
    const message = trusteeMail(lang, {
      electionTitle: definition.title,
      trusteeName: definition.trustees[trustee - 1]!.name,
      trustee,
      link: trusteeLink(config.publicUrl, runtime.id, trustee, token),
      task,
      days: Math.round(trusteeTokenHours / 24),
      reminder,
    });
    await store.enqueueMail({ to: email, ...message });
  }

  /** Notes when trustees' links for `task` went out (reminders are told apart from first emails by it). */
  const markInvited = (id: string, trustees: readonly number[], at: string, task: TrusteeTask = 'ceremony') =>
    updatePrivate(store, id, (p: ElectionPrivate) => ({
      ...p,
      trustees: p.trustees?.map((c, i) =>
        c && trustees.includes(i + 1)
          ? { ...c, ...(task === 'ceremony' ? { invitedAt: at } : { decryptionInvitedAt: at }) }
          : c,
      ),
    }));

  /** When trustee `trustee`'s link for `task` last went out, or null. */
  const invitedFor = (contact: TrusteeContact | null | undefined, task: TrusteeTask) =>
    (task === 'ceremony' ? contact?.invitedAt : contact?.decryptionInvitedAt) ?? null;

  /**
   * What trustees have to do now (`ceremony` or `decryption`), and who has not done it; 409
   * `nothing-to-do` outside the key ceremony and the decryption.
   */
  const trusteeTask = (s: ElectionRuntime['state']) => {
    if (s.phase !== 'key-ceremony' && s.phase !== 'tallying')
      throw new ApiError(
        409,
        'nothing-to-do',
        `trustees have nothing to do while the election is ${s.phase === 'empty' ? 'a draft' : s.phase}`,
      );
    if (s.phase === 'key-ceremony' && s.publicKey !== undefined)
      throw new ApiError(409, 'nothing-to-do', 'the key ceremony is finished');
    const task: TrusteeTask = s.phase === 'key-ceremony' ? 'ceremony' : 'decryption';
    const done = (trustee: number) => (task === 'ceremony' ? s.dealings.has(trustee) : s.shares.has(trustee));
    return { task, done };
  };

  app.post<Id & { Body: { lang: ConsoleMailLanguage } }>(
    '/api/admin/elections/:id/setup',
    {
      ...admin,
      schema: {
        tags,
        summary: 'Publish the definition, start the key ceremony and email each trustee their link',
        params: ElectionParams,
        body: LangBody,
        response: Refusals,
      },
    },
    async (request) => {
      const election = await existing(request.params.id);
      if (election.status !== 'draft')
        throw new ApiError(409, 'wrong-status', 'the election is already set up');
      const definition = parseDefinition(election.draft);
      const contacts = (await readPrivate(store, election.id)).trustees ?? [];
      if (contacts.length !== definition.trustees.length || contacts.some((c) => c === null))
        throw new ApiError(
          409,
          'no-trustee-emails',
          'give every trustee’s email address first (edit the draft)',
        );
      if (Date.parse(definition.closesAt) <= now().getTime())
        throw new ApiError(409, 'dates-in-past', 'the closing time has passed: edit the draft’s dates first');
      const runtime = await runtimes.get(election.id);
      await runtime.post('setup', { definition });
      const tokens = await issueTrusteeTokens(
        store,
        election.id,
        definition.trustees.length,
        trusteeTokenHours,
        now(),
      );
      for (const [i, token] of tokens.entries())
        await sendTrusteeLink(
          runtime,
          i + 1,
          contacts[i]!.email,
          token,
          'ceremony',
          request.body.lang,
          false,
        );
      await markInvited(
        election.id,
        tokens.map((_, i) => i + 1),
        now().toISOString(),
      );
      return { status: runtime.state.phase, invited: tokens.length };
    },
  );

  app.post<{ Params: { id: string; trustee: number }; Body: { lang: ConsoleMailLanguage; email?: string } }>(
    '/api/admin/elections/:id/trustees/:trustee/remind',
    {
      ...admin,
      schema: {
        tags,
        summary: 'Email one trustee a fresh link (optionally to a corrected address)',
        params: TrusteeParams,
        body: {
          type: 'object',
          required: ['lang'],
          additionalProperties: false,
          properties: { lang: Lang, email: Email },
        },
        response: Refusals,
      },
    },
    async (request) => {
      const { id, trustee } = request.params;
      await existing(id);
      const runtime = await fresh(id);
      const s = runtime.state;
      const { task, done } = trusteeTask(s);
      const n = s.definition!.trustees.length;
      if (trustee > n) throw new ApiError(404, 'unknown-trustee', `this election has ${n} trustees`);
      if (done(trustee))
        throw new ApiError(409, 'trustee-done', `trustee ${trustee} has already done their part`);
      const contacts = (await readPrivate(store, id)).trustees;
      const email = request.body.email?.trim() ?? contacts?.[trustee - 1]?.email;
      if (!email)
        throw new ApiError(409, 'no-trustee-email', `there is no email address for trustee ${trustee}`);
      if (request.body.email !== undefined || !contacts) {
        await updatePrivate(store, id, (p) => {
          const list = p.trustees ?? Array.from({ length: n }, () => null);
          return {
            ...p,
            trustees: list.map((c, i) => (i === trustee - 1 ? { ...(c ?? { invitedAt: null }), email } : c)),
          };
        });
      }
      // The store keeps only tokens' hashes, so a reminder carries a fresh token.
      const token = await issueTrusteeToken(store, id, trustee, trusteeTokenHours, now());
      const reminder = invitedFor(contacts?.[trustee - 1], task) !== null;
      await sendTrusteeLink(runtime, trustee, email, token, task, request.body.lang, reminder);
      await markInvited(id, [trustee], now().toISOString(), task);
      return { trustee, sent: true };
    },
  );

  app.post<Id & { Body: { lang: ConsoleMailLanguage } }>(
    '/api/admin/elections/:id/trustees/call',
    {
      ...admin,
      schema: {
        tags,
        summary:
          'Email every trustee who has a part to do now (the key ceremony, or decrypting the result) their link',
        params: ElectionParams,
        body: LangBody,
        response: Refusals,
      },
    },
    async (request) => {
      const { id } = request.params;
      await existing(id);
      const runtime = await fresh(id);
      const { task, done } = trusteeTask(runtime.state);
      const contacts = (await readPrivate(store, id)).trustees ?? [];
      const sent: number[] = [];
      for (const [i, contact] of contacts.entries()) {
        if (!contact || done(i + 1)) continue;
        const token = await issueTrusteeToken(store, id, i + 1, trusteeTokenHours, now());
        const reminder = invitedFor(contact, task) !== null;
        await sendTrusteeLink(runtime, i + 1, contact.email, token, task, request.body.lang, reminder);
        sent.push(i + 1);
      }
      await markInvited(id, sent, now().toISOString(), task);
      return { task, sent };
    },
  );

  app.post<Id & { Body: Schedule }>(
    '/api/admin/elections/:id/schedule',
    {
      ...admin,
      schema: {
        tags,
        summary:
          'Have the server open voting at the definition’s opening time and close it at its closing time',
        params: ElectionParams,
        body: ScheduleBody,
        response: Refusals,
      },
    },
    async (request) => {
      await existing(request.params.id);
      const runtime = await fresh(request.params.id);
      const { phase, definition } = runtime.state;
      if (phase !== 'ready' && phase !== 'open')
        throw new ApiError(
          409,
          'out-of-phase',
          'voting can be scheduled only once the election is ready to open, and until it closes',
        );
      const wanted = request.body;
      const t = now().getTime();
      const saved = await updatePrivate(store, runtime.id, (p) => {
        const before = p.schedule ?? NOT_SCHEDULED;
        // Turning a step on after its time would take it at once, unconfirmed: that is the button's job.
        if (phase === 'ready' && wanted.open && !before.open && Date.parse(definition!.opensAt) <= t)
          throw new ApiError(409, 'time-passed', 'the opening time has passed: open voting with the button');
        if (wanted.close && !before.close && Date.parse(definition!.closesAt) <= t)
          throw new ApiError(409, 'time-passed', 'the closing time has passed: close voting with the button');
        return { ...p, schedule: { open: wanted.open, close: wanted.close } };
      });
      return {
        status: phase,
        schedule: saved.schedule!,
        opensAt: definition!.opensAt,
        closesAt: definition!.closesAt,
      };
    },
  );

  const turnoutOf = async (id: string) => {
    await existing(id);
    const runtime = await fresh(id);
    const s = runtime.state;
    return {
      electorate: s.credentials?.size ?? null,
      voters: await store.countVoters(id),
      cast: s.ballots,
      counted: s.counted.size,
      hours: await turnout.hours(id, runtime.board.size),
    };
  };

  app.get<Id>(
    '/api/admin/elections/:id/turnout',
    {
      ...admin,
      schema: {
        tags,
        summary: 'Turnout: ballots cast and counted against the electorate, and ballots per hour',
        params: ElectionParams,
        response: Refusals,
      },
    },
    async (request) => turnoutOf(request.params.id),
  );

  app.get<Id>(
    '/api/admin/elections/:id/turnout.csv',
    {
      ...admin,
      schema: {
        tags,
        summary: 'Turnout by hour as CSV (hour, ballots, cumulative)',
        params: ElectionParams,
        response: Refusals,
      },
    },
    async (request, reply) => {
      const { hours } = await turnoutOf(request.params.id);
      void reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${request.params.id}-turnout.csv"`)
        .header('cache-control', 'no-store');
      return turnoutCsv(hours);
    },
  );

  app.get<Id>(
    '/api/admin/elections/:id/report',
    {
      ...admin,
      schema: {
        tags,
        summary: 'The universal verifier’s report on the election record as it stands now',
        params: ElectionParams,
        response: Refusals,
      },
    },
    async (request) => {
      const election = await existing(request.params.id);
      if (election.status === 'draft')
        throw new ApiError(409, 'out-of-phase', 'a draft has no record yet: set the election up first');
      return reports.run(election.id, () => verifyNow(election.id));
    },
  );

  /** Runs the verifier over the record, after signing a head over every event so far. */
  async function verifyNow(id: string): Promise<VerificationReport> {
    const runtime = await fresh(id);
    await runtime.exclusive(() => runtime.board.signHead());
    const pool =
      runtime.state.ballots > POOL_FROM_BALLOTS
        ? new NodeBallotPool({ workers: Math.max(1, config.workers), backend: group.backend })
        : undefined;
    return verifyRecord({ open: () => exportRecord(store, id) }, { group, ...(pool ? { pool } : {}) });
  }

  app.post<Id & { Body: { lang: ConsoleMailLanguage } }>(
    '/api/admin/elections/:id/practice',
    {
      ...admin,
      schema: {
        tags,
        summary: 'Create and open the practice election, and email each member a practice credential',
        params: ElectionParams,
        body: LangBody,
        response: Refusals,
      },
    },
    async (request) => {
      await existing(request.params.id);
      return createPractice(practiceDeps, request.params.id, request.body.lang);
    },
  );

  app.post<Id>(
    '/api/admin/elections/:id/practice/decrypt',
    {
      ...admin,
      schema: {
        tags,
        summary: 'The server, as a practice election’s trustee, publishes its decryption share',
        params: ElectionParams,
        response: Refusals,
      },
    },
    async (request) => {
      await existing(request.params.id);
      await postPracticeShare(practiceDeps, request.params.id);
      return { status: (await fresh(request.params.id)).state.phase };
    },
  );
};
