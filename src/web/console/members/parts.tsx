/**
 * Pieces both members pages use: the page's state from the server, read again while its background
 * job runs; a progress bar with its words, a table that scrolls sideways on a phone (and can be
 * reached by keyboard to do so), a heading the focus moves to when its step begins, and refusals in
 * the organiser's words.
 */
import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiProblem } from '../../api.ts';
import type { Messages } from '../../i18n/index.ts';
import { consoleProblem } from '../console-api.ts';
import type { Refusal } from './messages.ts';
import type { JobView } from './roll-api.ts';
import './members.css';

/** A members page's state from the server, and whether its background job is still at work. */
export interface JobState<S> {
  /** The state, once read. */
  readonly state: S | undefined;
  /** Why the last read failed (undefined after a good one). */
  readonly failed: unknown;
  /** Reads the state again (after an action changed it). */
  readonly reload: () => Promise<void>;
  /** Shows a state an action answered with. */
  readonly setState: (state: S) => void;
  /** The job is queued or running and not stalled: the state is read again every `pollMs`. */
  readonly working: boolean;
}

/**
 * The state `load` reads for election `electionId`, read again every `pollMs` while its job works.
 * @example `const { state, failed, reload, working } = useJobState(rollApi.state, electionId, 1000)`
 */
export function useJobState<S extends { readonly job: Pick<JobView, 'status' | 'stalled'> | null }>(
  load: (electionId: string) => Promise<S>,
  electionId: string,
  pollMs: number,
): JobState<S> {
  const [state, setState] = useState<S>();
  const [failed, setFailed] = useState<unknown>();
  const reload = useCallback(async () => {
    try {
      setState(await load(electionId));
      setFailed(undefined);
    } catch (e) {
      setFailed(e);
    }
  }, [electionId]);
  useEffect(() => {
    void reload();
  }, [reload]);

  const job = state?.job;
  const working = !!job && (job.status === 'queued' || job.status === 'running') && !job.stalled;
  useEffect(() => {
    if (!working) return;
    const timer = setTimeout(() => void reload(), pollMs);
    return () => clearTimeout(timer);
  }, [state, working, reload]);
  return { state, failed, reload, setState, working };
}

/**
 * A determinate progress bar, announced politely in tens of percent (not every step a screen reader
 * would otherwise read out).
 * @example `<Progress fraction={job.progress} label={t.roll.check.progress} />`
 */
export function Progress({ fraction, label }: { fraction: number; label: (percent: number) => string }) {
  const percent = Math.max(0, Math.min(100, Math.floor(fraction * 10) * 10));
  const text = label(percent);
  return (
    <div class="members-progress">
      <progress max={100} value={Math.round(fraction * 100)} aria-label={text} />
      <span role="status">{text}</span>
    </div>
  );
}

/**
 * A table's box: scrolls sideways when the table is wider than the screen; focusable to do so by keys.
 * @example `<Scroll label={r.sampleLabel}><table>…</table></Scroll>`
 */
export function Scroll({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard (WCAG 2.1.1)
    <section class="members-scroll" aria-label={label} tabIndex={0}>
      {children}
    </section>
  );
}

/**
 * A step's heading (h2); it takes the focus when `focus` is true (as the step begins), so a screen
 * reader goes on from the step that just appeared.
 * @example `<StepHeading id="roll-audit" focus={focus === 'audit'}>{a.title}</StepHeading>`
 */
export function StepHeading({
  id,
  focus,
  children,
}: {
  id: string;
  focus: boolean;
  children: ComponentChildren;
}) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focus) ref.current?.focus();
  }, [focus]);
  return (
    <h2 id={id} tabIndex={-1} ref={ref}>
      {children}
    </h2>
  );
}

/**
 * A refusal's words from the page's own texts, around the server's message where they take one;
 * undefined for a code the page does not know.
 * @example `refusalText(t.roll.errors, 'missing-column', 'no column for joinDate…')`
 */
export function refusalText(
  own: Readonly<Record<string, Refusal>>,
  code: string,
  message: string,
): string | undefined {
  if (!Object.hasOwn(own, code)) return undefined;
  const text = own[code]!;
  return typeof text === 'function' ? text(message) : text;
}

/**
 * Any error as a sentence for the organiser: the members pages' own refusals first, then the
 * console's (a lost connection, an ended login…).
 * @example `setError(membersProblem(t, t.roll.errors, e))`
 */
export function membersProblem(t: Messages, own: Readonly<Record<string, Refusal>>, error: unknown): string {
  if (error instanceof ApiProblem) {
    const text = refusalText(own, error.code, error.message);
    if (text !== undefined) return text;
  }
  return consoleProblem(t, error);
}

/**
 * A size in the organiser's units: kB below a megabyte, MB (one decimal) above.
 * @example `sizeText(1_572_864)` → `'1.5 MB'`
 */
export function sizeText(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} kB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** A number with thousands separated, as the page's language writes it. @example `count(198900, 'en')` → `'198,900'` */
export function count(n: number, lang: string): string {
  return n.toLocaleString(lang === 'cy' ? 'cy-GB' : 'en-GB');
}
