/**
 * The board now: how many ballots were cast, how large the board is, and its latest signed tree head,
 * read every 5 seconds while the page is visible. Each head is checked here (the board's signature,
 * then a consistency proof from the head shown before) before it is shown; a head that fails stays
 * out, and a loud warning says why. Screen readers hear the ballot count when it changes, at most
 * every 30 seconds.
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { BoardError } from '../../board/errors.ts';
import type { SignedTreeHead } from '../../board/tree-head.ts';
import { ApiProblem, api, problemText } from '../api.ts';
import { Busy } from '../common.tsx';
import type { PublicElection } from '../election.ts';
import { useT } from '../i18n/index.ts';
import { acceptHead, boardPath } from './board-client.ts';
import { boardTime, hashGroups, locale } from './describe.ts';

/** How often the page reads the board while visible. */
export const POLL_MS = 5_000;
/** The shortest time between two announcements of the count. */
const ANNOUNCE_MS = 30_000;

/** A head the page refused, and when. */
export type HeadProblem =
  | { readonly kind: 'bad-signature'; readonly at: string }
  | { readonly kind: 'inconsistent'; readonly at: string; readonly older: number; readonly newer: number };

export interface LiveState {
  /** The latest head that passed every check. */
  readonly head?: SignedTreeHead;
  /** The size of the head shown before `head`, when a consistency proof linked them. */
  readonly extendsSize?: number;
  readonly ballots?: number;
  /** The board's size as the server states it now (the head may cover fewer entries). */
  readonly size?: number;
  readonly phase?: string;
  /** When the board was last read (ISO 8601). */
  readonly checkedAt?: string;
  /** Why the last reading failed, while it does. */
  readonly offline?: unknown;
  /** The first head refused (kept: a forged or rewritten head is not forgotten by the next good one). */
  readonly headProblem?: HeadProblem;
  /** What screen readers were last told. */
  readonly announced?: { readonly ballots: number; readonly size: number };
}

export interface LiveBoard {
  readonly state: LiveState;
  /** Checks a head from anywhere (a search answer too); resolves to false if it was refused. */
  readonly observe: (head: unknown) => Promise<boolean>;
  /** Reads the board now; resolves when done. */
  readonly retry: () => Promise<void>;
}

/**
 * Reads the board every {@link POLL_MS} while the page is visible, and at once when it becomes visible.
 * @example `const live = useLiveBoard(election); live.state.head?.size`
 */
export function useLiveBoard(election: PublicElection): LiveBoard {
  const [state, setState] = useState<LiveState>({});
  const shown = useRef<SignedTreeHead | undefined>(undefined);
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const lastAnnounced = useRef({ ballots: -1, at: Number.NEGATIVE_INFINITY });
  const tickRef = useRef<() => Promise<void>>(async () => {});

  const observe = useCallback(
    (value: unknown): Promise<boolean> => {
      // One head at a time: each is checked against the one shown after the previous check.
      const next = queue.current.then(() => checkHead(election, shown, value, setState));
      queue.current = next.catch(() => {});
      return next;
    },
    [election],
  );

  useEffect(() => {
    let stopped = false;
    let busy = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const read = async () => {
      const [info, head] = await Promise.all([
        api<{ status?: unknown; ballots?: { cast?: unknown }; boardSize?: unknown } | null>(
          'GET',
          `/api/elections/${encodeURIComponent(election.id)}`,
        ),
        api<unknown>('GET', `${boardPath(election.id)}/head`),
      ]);
      await observe(head);
      const cast = info?.ballots?.cast;
      const ballots = isCount(cast) ? cast : undefined;
      const phase = typeof info?.status === 'string' ? info.status : undefined;
      const size = Math.max(isCount(info?.boardSize) ? info.boardSize : 0, shown.current?.size ?? 0);
      const now = Date.now();
      const announce = ballots !== undefined && shouldAnnounce(lastAnnounced.current, ballots, now);
      if (ballots !== undefined && (announce || lastAnnounced.current.ballots < 0)) {
        lastAnnounced.current = { ballots, at: announce ? now : lastAnnounced.current.at };
      }
      setState((s) => ({
        ...s,
        ballots: ballots ?? s.ballots,
        size,
        phase: phase ?? s.phase,
        checkedAt: new Date(now).toISOString(),
        offline: undefined,
        ...(announce ? { announced: { ballots, size } } : {}),
      }));
    };
    const tick = async () => {
      // A reading under way schedules the next one itself.
      if (busy || stopped) return;
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      busy = true;
      try {
        await read();
      } catch (e) {
        if (!stopped) setState((s) => ({ ...s, offline: e }));
      } finally {
        busy = false;
      }
      if (!stopped && !document.hidden) timer = setTimeout(() => void tick(), POLL_MS);
    };
    const onVisibility = () => {
      if (!document.hidden) void tick();
      else if (timer !== undefined) {
        clearTimeout(timer);
        timer = undefined;
      }
    };
    tickRef.current = tick;
    document.addEventListener('visibilitychange', onVisibility);
    void tick();
    return () => {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [election, observe]);

  return { state, observe, retry: useCallback(() => tickRef.current(), []) };
}

const isCount = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;

/**
 * Whether screen readers hear the count now: when it changed since they last heard it, at most every
 * {@link ANNOUNCE_MS}; never for the first reading (its figures are on the page as it appears).
 */
function shouldAnnounce(last: { ballots: number; at: number }, ballots: number, now: number): boolean {
  return last.ballots >= 0 && ballots !== last.ballots && now - last.at >= ANNOUNCE_MS;
}

/** Checks one head against the one shown; updates the state; false if refused. */
async function checkHead(
  election: PublicElection,
  shown: { current: SignedTreeHead | undefined },
  value: unknown,
  setState: (update: (s: LiveState) => LiveState) => void,
): Promise<boolean> {
  const before = shown.current;
  try {
    const accepted = await acceptHead(election, before, value);
    if (accepted.head !== before) {
      shown.current = accepted.head;
      setState((s) => ({ ...s, head: accepted.head, extendsSize: accepted.extends ?? s.extendsSize }));
    }
    return true;
  } catch (e) {
    if (!(e instanceof BoardError)) throw e;
    const at = new Date().toISOString();
    const size = (value as { size?: unknown } | null)?.size;
    const problem: HeadProblem =
      e.code === 'inconsistent-heads' && before !== undefined && typeof size === 'number'
        ? { kind: 'inconsistent', at, older: Math.min(size, before.size), newer: Math.max(size, before.size) }
        : { kind: 'bad-signature', at };
    setState((s) => ({ ...s, headProblem: s.headProblem ?? problem }));
    return false;
  }
}

/** The "board now" section: figures, the latest head and its checks, warnings. */
export function LiveView({ live }: { live: LiveBoard }) {
  const t = useT();
  const m = t.explorer.live;
  const { state } = live;
  const { head, headProblem, offline } = state;
  const heading = useRef<HTMLHeadingElement>(null);
  const size = state.size ?? head?.size;
  const retry = async (button: HTMLButtonElement) => {
    await live.retry();
    // The warning and its button are gone once the board answers: the focus goes back to the section.
    if (!button.isConnected) heading.current?.focus();
  };
  return (
    <section aria-labelledby="board-now" class="board-now">
      <h2 id="board-now" tabIndex={-1} ref={heading}>
        {m.heading}
      </h2>
      {headProblem && (
        <div class="problem loud" role="alert" data-testid="head-problem">
          <h3>{headProblem.kind === 'inconsistent' ? m.inconsistentTitle : m.badHeadTitle}</h3>
          <p>
            {headProblem.kind === 'inconsistent'
              ? m.inconsistent(headProblem.older, headProblem.newer, boardTime(headProblem.at, t.lang))
              : m.badHead(boardTime(headProblem.at, t.lang))}
          </p>
          {head && <p>{m.lastGood}</p>}
        </div>
      )}
      {offline !== undefined && (
        <div class="problem" role="alert" data-testid="offline">
          <p>
            {offline instanceof ApiProblem && (offline.status === 0 || offline.status >= 500)
              ? m.offline
              : problemText(t, offline)}
          </p>
          <div class="actions">
            <button type="button" class="secondary" onClick={(e) => void retry(e.currentTarget)}>
              {t.explorer.retry}
            </button>
          </div>
        </div>
      )}
      {!head && offline === undefined && !headProblem && <Busy text={m.loading} />}
      {(state.ballots !== undefined || head) && (
        <dl class="figures">
          {state.phase !== undefined && (
            <div>
              <dt>{m.status}</dt>
              <dd>{m.phases[state.phase] ?? m.phaseOther(state.phase)}</dd>
            </div>
          )}
          {state.ballots !== undefined && (
            <div>
              <dt>{m.ballots}</dt>
              <dd data-testid="ballot-count">{state.ballots.toLocaleString(locale(t.lang))}</dd>
            </div>
          )}
          {size !== undefined && (
            <div>
              <dt>{m.size}</dt>
              <dd data-testid="board-size">{size.toLocaleString(locale(t.lang))}</dd>
            </div>
          )}
        </dl>
      )}
      {head && <HeadView head={head} extendsSize={state.extendsSize} />}
      {state.checkedAt && <p class="hint">{m.checkedAt(boardTime(state.checkedAt, t.lang))}</p>}
      <p class="visually-hidden" role="status" data-testid="announcer">
        {state.announced ? m.announce(state.announced.ballots, state.announced.size) : ''}
      </p>
    </section>
  );
}

function HeadView({ head, extendsSize }: { head: SignedTreeHead; extendsSize: number | undefined }) {
  const t = useT();
  const m = t.explorer.live;
  return (
    <div class="head" data-testid="head">
      <h3>{m.headHeading}</h3>
      <p class="hint">{m.headIntro}</p>
      <dl class="figures">
        <div>
          <dt>{m.headSize}</dt>
          <dd data-testid="head-size">{head.size.toLocaleString(locale(t.lang))}</dd>
        </div>
        <div class="wide">
          <dt>{m.headRoot}</dt>
          <dd>
            <code class="digest" data-testid="head-root">
              {hashGroups(head.root).map((group, i) => (
                <span key={i}>{group}</span>
              ))}
            </code>
          </dd>
        </div>
        <div class="wide">
          <dt>{m.headTime}</dt>
          <dd>
            <time dateTime={head.time}>{boardTime(head.time, t.lang)}</time>
          </dd>
        </div>
      </dl>
      <ul class="checks passed">
        <li data-testid="head-signature">{m.signatureOk}</li>
        {extendsSize !== undefined && <li data-testid="head-extends">{m.extendsOk(extendsSize)}</li>}
      </ul>
    </div>
  );
}
