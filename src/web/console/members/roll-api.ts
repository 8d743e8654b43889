/**
 * The roll page's calls to the server (src/server/routes/roll.ts), typed: the state of the election's
 * roll, the file's upload (with its progress: the file goes as it is, not as JSON), the check, the
 * findings and decisions, the use of the roll, and the credential authority's public list published.
 *
 * @example
 * ```ts
 * const state = await rollApi.state('leader-2026');
 * await rollApi.upload('leader-2026', file, (sent) => setProgress(sent));
 * ```
 */

import {
  FINDING_KINDS,
  type FindingKind,
  INELIGIBILITY_REASONS,
  type IneligibilityReason,
  type RollPreview,
} from '../../../electorate/codes.ts';
import type { RollField } from '../../../electorate/mapping.ts';
import type { AuditSummary, Finding } from '../../../electorate/report.ts';
import type { EligibilityRules } from '../../../electorate/rules.ts';
import { ApiProblem, api } from '../../api.ts';

export type {
  AuditSummary,
  EligibilityRules,
  Finding,
  FindingKind,
  IneligibilityReason,
  RollField,
  RollPreview,
};
export { FINDING_KINDS, INELIGIBILITY_REASONS };

/** The member fields a column can be mapped to, in the mapping form's order (the usual eight first). */
export const ROLL_FIELDS = [
  'memberId',
  'name',
  'email',
  'phone',
  'postcode',
  'country',
  'joinDate',
  'dues',
  'address',
  'nationality',
  'dateOfBirth',
  'suspended',
  'paymentReference',
] as const satisfies readonly RollField[];

export interface JobView {
  readonly id: number;
  readonly status: 'queued' | 'running' | 'done' | 'failed';
  readonly progress: number;
  readonly error: string | null;
  readonly stalled: boolean;
}

export interface PlanCounts {
  readonly eligible: number;
  readonly excluded: number;
  readonly noEmail: number;
  readonly voters: number;
  readonly open: number;
}

export interface MappingSent {
  readonly columns: Partial<Record<RollField, string>>;
  readonly dateFormat: 'YYYY-MM-DD' | 'DD/MM/YYYY' | 'MM/DD/YYYY';
  readonly defaultCountry?: string;
}

/** GET /api/elections/:id/roll */
export interface RollState {
  readonly election: { id: string; status: string; title: string; rules: EligibilityRules | null };
  readonly maxBytes: number;
  readonly voters: number;
  readonly import: {
    id: number;
    status: 'uploaded' | 'audited' | 'using' | 'used';
    name: string;
    size: number;
    sha256: string;
    uploadedAt: string;
    preview: RollPreview;
  } | null;
  readonly job: JobView | null;
  readonly problem: {
    code: string;
    message: string;
    rowErrors: { line: number; code: string; message: string }[];
  } | null;
  readonly audit: {
    mapping: MappingSent;
    rules: EligibilityRules;
    auditedAt: string;
    source: { name: string; sha256: string; rows: number };
    columns: Partial<Record<RollField, string>>;
    freeColumns: string[];
    eligibility: { total: number; eligible: number; byReason: Record<IneligibilityReason, number> };
    summary: AuditSummary;
    staleDecisions: number;
    plan: PlanCounts;
  } | null;
  readonly used: (PlanCounts & { at: string }) | null;
}

/** A finding as the page lists it: member ids cut to the first 50, with their full count. */
export type ListedFinding = Omit<Finding, 'evidence'> & {
  memberCount: number;
  evidence: (Finding['evidence'][number] & { memberCount: number })[];
};

const enc = encodeURIComponent;
const base = (id: string) => `/api/elections/${enc(id)}/roll`;

export const rollApi = {
  state: (id: string) => api<RollState>('GET', base(id)),
  audit: (id: string, mapping: MappingSent, rules: EligibilityRules) =>
    api<{ job: number }>('POST', `${base(id)}/audit`, { mapping, rules }),
  findings: (id: string, kind: FindingKind, offset: number, limit: number) =>
    api<{ total: number; findings: ListedFinding[] }>(
      'GET',
      `${base(id)}/findings?kind=${kind}&offset=${offset}&limit=${limit}`,
    ),
  decide: (id: string, findingId: string, decision: 'keep' | 'exclude', note: string) =>
    api<{ finding: ListedFinding; summary: AuditSummary; plan: PlanCounts }>(
      'POST',
      `${base(id)}/decisions`,
      {
        findingId,
        decision,
        note,
      },
    ),
  use: (id: string) => api<RollState>('POST', `${base(id)}/use`),
  /** Publishes the credential authority's public list (the board's `electorate` event). */
  publish: (id: string, electorate: unknown) =>
    api<{ status: string; credentials: number }>('POST', `/api/elections/${enc(id)}/electorate`, electorate),

  /**
   * Sends the file as it is (text/csv), reporting the bytes sent as they go. Resolves with the state
   * after the upload; rejects with ApiProblem (status 0 when no answer came).
   */
  async upload(id: string, file: File, onProgress: (sent: number) => void): Promise<RollState> {
    // The CSRF token of this login (the session's own); a write without it is refused.
    const { csrf } = await api<{ csrf: string }>('GET', '/api/session');
    return new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open('POST', `${base(id)}/file?name=${enc(file.name)}`);
      xhr.setRequestHeader('content-type', 'text/csv');
      xhr.setRequestHeader('accept', 'application/json');
      xhr.setRequestHeader('x-csrf-token', csrf);
      xhr.upload.onprogress = (e) => onProgress(e.loaded);
      xhr.onerror = () => reject(new ApiProblem(0, 'offline', 'the upload did not reach the server'));
      xhr.onload = () => {
        let body: unknown;
        try {
          body = JSON.parse(xhr.responseText);
        } catch {
          return reject(new ApiProblem(xhr.status, 'bad-reply', `HTTP ${xhr.status}`));
        }
        if (xhr.status >= 200 && xhr.status < 300) return resolve(body as RollState);
        const error = (body as { error?: { code?: string; message?: string } }).error;
        reject(
          new ApiProblem(
            xhr.status,
            error?.code ?? `http-${xhr.status}`,
            error?.message ?? `HTTP ${xhr.status}`,
          ),
        );
      };
      xhr.send(file);
    });
  },
};

/** Addresses the page offers as downloads (the organiser's cookie session reads them). */
export const rollLinks = {
  reportHtml: (id: string) => `${base(id)}/report.html`,
  reportJson: (id: string) => `${base(id)}/report.json`,
  voters: (id: string) => `${base(id)}/voters.csv`,
};
