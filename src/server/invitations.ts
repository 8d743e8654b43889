/**
 * Invitations and reminders to voters, sent by the organiser's console (routes/invitations.ts): each
 * voter gets their own login link and code (the link's token is an invitation token: it works until
 * voting closes, any number of times — SPEC.md §18), in a fixed template with the organiser's own
 * paragraph, in English, Welsh or both. Sent straight to the mail server in batches (not through the
 * outbox: 200 000 bodies with live links would sit in the database for nothing), each outcome recorded
 * per voter, so a failure report, a retry of the failures and a resend to one member need nothing else.
 *
 * A reminder goes only to voters who have not voted, and says only that: the email reveals nothing
 * else about the member (not whether they logged in, not when).
 *
 * @example
 * ```ts
 * const sender = new InvitationSender(store, mailer, config.publicUrl);
 * const outcomes = await sender.send(facts, voters, () => 'invitation', { languages: ['cy', 'en'], intro: {} });
 * ```
 */
import { z } from 'zod';
import type { MailOutcome, Store, StoredElection, Voter, VoterMailKind } from '../store/store.ts';
import { loginLink, newLoginSecret } from './auth.ts';
import { ApiError } from './errors.ts';
import type { JobContext } from './jobs.ts';
import type { Mailer } from './mail.ts';
import { type Catalogue, type RenderedMail, renderMemberMail } from './messages/catalogue.ts';
import { cy } from './messages/cy.ts';
import { en } from './messages/en.ts';

const CATALOGUES: Record<'en' | 'cy', Catalogue> = { en, cy };

/** The longest paragraph an organiser may write per language. */
export const MAX_INTRO = 2000;

/**
 * What the organiser writes: the languages of the email, in order, and a paragraph in each.
 * @example `MemberMessage.parse({ languages: ['cy', 'en'], intro: { cy: 'Annwyl aelod,', en: 'Dear member,' } })`
 */
export const MemberMessage = z.strictObject({
  languages: z
    .array(z.enum(['en', 'cy']))
    .min(1)
    .max(2)
    .refine((langs) => new Set(langs).size === langs.length, 'each language once'),
  intro: z
    .strictObject({ en: z.string().max(MAX_INTRO).optional(), cy: z.string().max(MAX_INTRO).optional() })
    .default({}),
});
export type MemberMessage = z.infer<typeof MemberMessage>;

/** JSON schema of MemberMessage's properties, for the routes' bodies. */
export const MemberMessageProperties = {
  languages: {
    type: 'array',
    minItems: 1,
    maxItems: 2,
    uniqueItems: true,
    items: { type: 'string', enum: ['en', 'cy'] },
    description: 'the languages of the email, in order (two: a bilingual email)',
  },
  intro: {
    type: 'object',
    additionalProperties: false,
    properties: {
      en: { type: 'string', maxLength: MAX_INTRO },
      cy: { type: 'string', maxLength: MAX_INTRO },
    },
    description: "the organiser's own paragraph in each language, as plain text",
  },
} as const;

/** Which voters a sending job writes to. */
export type InvitationMode = 'invite' | 'remind' | 'retry';

/** A sending job's payload (kept, so the page can show what was sent and start from it again). */
export const InvitationPayload = MemberMessage.extend({ mode: z.enum(['invite', 'remind', 'retry']) });
export type InvitationPayload = z.infer<typeof InvitationPayload>;

/** What an email needs to know of its election. */
export interface ElectionFacts {
  readonly id: string;
  readonly title: string;
  readonly opensAt: string;
  readonly closesAt: string;
}

/**
 * The title and times of an election, from its definition. 409 `not-set-up` if it has none.
 * @example `electionFacts(await store.election('leader-2026'))`
 */
export function electionFacts(election: StoredElection): ElectionFacts {
  const d = election.draft as { title?: unknown; opensAt?: unknown; closesAt?: unknown };
  if (typeof d.title !== 'string' || typeof d.opensAt !== 'string' || typeof d.closesAt !== 'string') {
    throw new ApiError(409, 'not-set-up', 'the election has no definition with its title and times yet');
  }
  return { id: election.id, title: d.title, opensAt: d.opensAt, closesAt: d.closesAt };
}

/**
 * An invitation or reminder as a voter receives it.
 * @example `memberMail(facts, message, 'invitation', link, 'K3F9-2QXM-7TBW')`
 */
export function memberMail(
  facts: ElectionFacts,
  message: MemberMessage,
  kind: VoterMailKind,
  link: string,
  code: string,
): RenderedMail {
  return renderMemberMail(
    message.languages.map((lang) => CATALOGUES[lang]),
    {
      kind,
      electionTitle: facts.title,
      opensAt: facts.opensAt,
      closesAt: facts.closesAt,
      link,
      code,
      intro: message.intro,
    },
  );
}

/**
 * The most emails handed to the mailer at once: as many as the outbox's sender hands over per round
 * (MailSender's batch). Most of a message's time is waiting on the mail server, so this is what sets the
 * rate; a pooling mailer queues them on its few connections.
 */
const CONCURRENCY = 50;
/** Voters read, given tokens and recorded per round trip to the store. */
const BATCH = 500;

/**
 * Sends invitations and reminders and records each outcome.
 * @example `await new InvitationSender(store, mailer, config.publicUrl).run(election, payload, context)`
 */
export class InvitationSender {
  readonly #store: Store;
  readonly #mailer: Mailer;
  readonly #publicUrl: string;

  constructor(store: Store, mailer: Mailer, publicUrl: string) {
    this.#store = store;
    this.#mailer = mailer;
    this.#publicUrl = publicUrl;
  }

  /**
   * Gives each voter a fresh token (an invitation's replaces the voter's earlier invitation links; a
   * reminder's is added to them), sends each their email, and records every outcome. A refusal by
   * the mail server is an outcome, not an error; the store failing is an error.
   */
  async send(
    facts: ElectionFacts,
    voters: readonly Voter[],
    kindOf: (voter: Voter) => VoterMailKind,
    message: MemberMessage,
  ): Promise<MailOutcome[]> {
    const items = voters.map((voter) => ({ voter, kind: kindOf(voter), ...newLoginSecret(facts.id) }));
    for (const kind of ['invitation', 'reminder'] as const) {
      const tokens = items
        .filter((i) => i.kind === kind)
        .map((i) => ({ voterId: i.voter.voterId, tokenHash: i.key, expiresAt: facts.closesAt }));
      if (tokens.length > 0) {
        await this.#store.addInvitationTokens(facts.id, tokens, { replace: kind === 'invitation' });
      }
    }
    const outcomes = await mapLimit(items, CONCURRENCY, async (item): Promise<MailOutcome> => {
      const link = loginLink(this.#publicUrl, facts.id, item.token);
      const mail = memberMail(facts, message, item.kind, link, item.code);
      const base = { voterId: item.voter.voterId, kind: item.kind };
      try {
        await this.#mailer.send({ to: item.voter.email, ...mail });
        return { ...base, status: 'sent', error: null, at: new Date().toISOString() };
      } catch (error) {
        return { ...base, status: 'failed', error: describe(error), at: new Date().toISOString() };
      }
    });
    await this.#store.recordMail(facts.id, outcomes);
    return outcomes;
  }

  /**
   * A sending job: every voter the mode names, in batches, with progress. `invite` writes to voters
   * no invitation has reached, so a second run (or one after an interruption) goes on where the last
   * stopped and nobody gets two; `retry` to those whose last email failed (each gets that email again);
   * `remind` to those who have not voted.
   */
  async run(election: StoredElection, payload: InvitationPayload, context: JobContext) {
    const facts = electionFacts(election);
    const counts = await this.#store.invitationCounts(facts.id);
    const filter = { invite: { notInvited: true }, remind: { notVoted: true }, retry: { mailFailed: true } }[
      payload.mode
    ];
    const expected = Math.max(1, expectedRecipients(payload.mode, counts));
    const kindOf = (voter: Voter): VoterMailKind =>
      payload.mode === 'remind'
        ? 'reminder'
        : payload.mode === 'retry'
          ? (voter.mail?.kind ?? 'invitation')
          : 'invitation';
    let after: string | undefined;
    let sent = 0;
    let failed = 0;
    for (;;) {
      if (context.signal.aborted)
        throw new Error('the server stopped before every email was sent; send again to go on');
      const page = await this.#store.voters(facts.id, {
        ...filter,
        limit: BATCH,
        ...(after === undefined ? {} : { after }),
      });
      if (page.length === 0) break;
      after = page.at(-1)!.voterId;
      const outcomes = await this.send(facts, page, kindOf, payload);
      for (const o of outcomes) o.status === 'sent' ? sent++ : failed++;
      await context.progress((sent + failed) / Math.max(expected, sent + failed));
      if (page.length < BATCH) break;
    }
    return { mode: payload.mode, total: sent + failed, sent, failed };
  }
}

/**
 * How many voters a mode writes to, from the counts.
 * @example `expectedRecipients('remind', { total: 10, invited: 10, failed: 0, voted: 4 })` → `6`
 */
export function expectedRecipients(
  mode: InvitationMode,
  counts: { total: number; invited: number; failed: number; voted: number },
): number {
  if (mode === 'invite') return counts.total - counts.invited;
  if (mode === 'remind') return counts.total - counts.voted;
  return counts.failed;
}

/** Runs `fn` on every item, at most `limit` at once; results in input order. */
async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return out;
}

/** The mail server's words (the failure report shows them beside the member). */
function describe(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.trim() === '' ? 'the mail server did not accept the message' : text;
}
