/**
 * The invitations page's calls to the server (src/server/routes/invitations.ts), typed.
 *
 * @example
 * ```ts
 * const state = await invitationsApi.state('leader-2026');
 * await invitationsApi.send('leader-2026', 'invite', { languages: ['cy', 'en'], intro: { cy: '…', en: '…' } });
 * ```
 */
import { api } from '../../api.ts';
import type { JobView } from './roll-api.ts';

export type MailLanguage = 'en' | 'cy';
export type InvitationMode = 'invite' | 'remind' | 'retry';

/** What the organiser writes: the email's languages, in order, and their paragraph in each. */
export interface MemberMessage {
  readonly languages: MailLanguage[];
  readonly intro: Partial<Record<MailLanguage, string>>;
}

/** GET /api/elections/:id/invitations */
export interface InvitationState {
  readonly election: {
    id: string;
    status: string;
    title: string;
    opensAt: string | null;
    closesAt: string | null;
  };
  readonly mailer: boolean;
  readonly counts: { total: number; invited: number; failed: number; voted: number };
  readonly job:
    | (JobView & {
        result: { mode: InvitationMode; total: number; sent: number; failed: number } | null;
        payload: Partial<MemberMessage> & { mode?: InvitationMode };
      })
    | null;
}

export interface Failure {
  readonly memberId: string;
  readonly email: string;
  readonly name: string;
  readonly kind: 'invitation' | 'reminder';
  readonly error: string;
  readonly at: string;
}

const enc = encodeURIComponent;
const base = (id: string) => `/api/elections/${enc(id)}/invitations`;

export const invitationsApi = {
  state: (id: string) => api<InvitationState>('GET', base(id)),
  preview: (id: string, kind: 'invitation' | 'reminder', message: MemberMessage) =>
    api<{ subject: string; text: string; html: string }>('POST', `${base(id)}/preview`, { kind, ...message }),
  send: (id: string, mode: InvitationMode, message: MemberMessage) =>
    api<{ job: number }>('POST', base(id), { mode, ...message }),
  failures: (id: string, after?: string) =>
    api<{ failures: Failure[]; next: string | null }>(
      'GET',
      `${base(id)}/failures?limit=50${after ? `&after=${enc(after)}` : ''}`,
    ),
  resend: (id: string, member: string, message: MemberMessage) =>
    api<{ memberId: string; email: string; status: 'sent' | 'failed'; error: string | null }>(
      'POST',
      `${base(id)}/resend`,
      { member, ...message },
    ),
};

/** The failures as a file (the organiser's cookie session reads it). */
export const failuresCsv = (id: string) => `${base(id)}/failures.csv`;
