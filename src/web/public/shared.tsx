/**
 * What the public pages (election, results, roll check) share: loading an election (checked against its
 * fingerprint) and keeping it fresh while it can still change, the message for an election that cannot
 * be shown, and dates, shares and fingerprints written for people.
 *
 * @example
 * ```tsx
 * const { election, problem } = useElection('leader-2026', true);
 * if (problem && !election) return <ElectionProblem title={t.results.title} problem={problem} />;
 * ```
 */
import { useEffect, useState } from 'preact/hooks';
import { WHEN_FORMAT } from '../../protocol/presentation.ts';
import { ApiProblem, isRetryable, problemText } from '../api.ts';
import { Heading, Problem } from '../common.tsx';
import { FingerprintMismatch, loadElection, type PublicElection } from '../election.ts';
import { type Messages, useT } from '../i18n/index.ts';

/** How often the live parts of a page are fetched again while the page is shown. */
export const REFRESH_MS = 10_000;

export interface LoadedElection {
  readonly election?: PublicElection;
  /** The last load's problem (a failed refresh keeps the election shown before). */
  readonly problem?: unknown;
  /** When the election shown was fetched. */
  readonly updated?: Date;
}

/**
 * Loads an election; with `refresh`, loads it again every REFRESH_MS while its result is not published
 * and the page is visible (a hidden page asks nothing, and catches up when shown again). Timers and
 * listeners go when the page does.
 * @example `const { election, problem, updated } = useElection(id, true);`
 */
export function useElection(electionId: string, refresh: boolean): LoadedElection {
  const [loaded, setLoaded] = useState<LoadedElection>({});
  useEffect(() => {
    let stopped = false;
    let live = refresh;
    let busy = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const schedule = () => {
      clearTimeout(timer);
      timer = undefined;
      if (!stopped && live && document.visibilityState === 'visible') timer = setTimeout(load, REFRESH_MS);
    };
    const load = async () => {
      if (busy) return;
      busy = true;
      try {
        const election = await loadElection(electionId);
        if (stopped) return;
        live = refresh && election.status !== 'published';
        setLoaded({ election, updated: new Date() });
      } catch (problem) {
        if (stopped) return;
        // An unknown election or a forged definition will not mend itself: stop asking.
        if (!isRetryable(problem)) live = false;
        setLoaded((before) => ({ ...before, problem }));
      } finally {
        busy = false;
        schedule();
      }
    };
    const onVisibility = () => {
      if (document.visibilityState !== 'visible') schedule();
      else if (live) void load();
    };
    document.addEventListener('visibilitychange', onVisibility);
    void load();
    return () => {
      stopped = true;
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [electionId, refresh]);
  return loaded;
}

/**
 * The problem in plain words: an unknown election and a definition that fails its fingerprint are named.
 * @example `loadProblemText(t, new ApiProblem(404, 'unknown-election', '…'))` → t.electionPage.unknownElection
 */
export function loadProblemText(t: Messages, problem: unknown): string {
  if (problem instanceof FingerprintMismatch) return t.election.fingerprintMismatch;
  if (problem instanceof ApiProblem && problem.code === 'unknown-election')
    return t.electionPage.unknownElection;
  return problemText(t, problem);
}

/**
 * A page that has no election to show: its heading, the reason, and the way back.
 * @example `<ElectionProblem title={t.results.title} problem={problem} />`
 */
export function ElectionProblem({ title, problem }: { title: string; problem: unknown }) {
  const t = useT();
  return (
    <>
      <Heading>{title}</Heading>
      <Problem>
        <p>{loadProblemText(t, problem)}</p>
      </Problem>
      <p>
        <a href="/">{t.electionPage.home}</a>
      </p>
    </>
  );
}

/**
 * The election's title above the page's heading, with the practice badge when it is one.
 * @example `<ElectionTitle election={election} />`
 */
export function ElectionTitle({ election }: { election: PublicElection }) {
  const t = useT();
  return (
    <p class="election-title">
      {election.definition.title}
      {election.definition.practice && <span class="practice-badge">{t.electionPage.practiceBadge}</span>}
    </p>
  );
}

/**
 * The locale dates and numbers are written in, after the page's language.
 * @example `localeOf(messages('cy'))` → 'cy-GB'
 */
export function localeOf(t: Messages): string {
  return t.lang === 'cy' ? 'cy-GB' : 'en-GB';
}

/**
 * A moment in the reader's time zone, named: "Tuesday 5 May 2026 at 09:00 BST".
 * @example `formatWhen('2026-05-05T08:00:00Z', 'en-GB')`
 */
export function formatWhen(iso: string, locale: string): string {
  return new Date(iso).toLocaleString(locale, WHEN_FORMAT);
}

/**
 * A share (0..1) as a percentage with at most one decimal: "66.7%".
 * @example `formatShare(2 / 3, 'en-GB')` → '66.7%'
 */
export function formatShare(share: number, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(share);
}

/**
 * A long code in groups of four characters, for reading aloud or comparing by eye.
 * @example `groupCode('AbCdEfGhIj')` → 'AbCd EfGh Ij'
 */
export function groupCode(code: string): string {
  return code.match(/.{1,4}/g)?.join(' ') ?? code;
}
