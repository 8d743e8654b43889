/**
 * Everything on the board, oldest first (the record's order), 50 entries a page: first / previous /
 * next / last buttons and a position to jump to. Each entry is one line in words and opens to show the
 * event as recorded (canonical JSON, as text). After a page change the focus moves to the heading
 * naming the entries shown, so a screen reader says where the reader now is.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { problemText } from '../api.ts';
import { Busy } from '../common.tsx';
import type { PublicElection } from '../election.ts';
import { useT } from '../i18n/index.ts';
import { type EventPage, fetchEvents } from './board-client.ts';
import { boardTime, describeEvent, recordedText } from './describe.ts';

/** Entries on a page. */
export const PAGE_SIZE = 50;

export function EventList({
  election,
  liveSize,
}: {
  election: PublicElection;
  liveSize: number | undefined;
}) {
  const t = useT();
  const m = t.explorer.events;
  const [from, setFrom] = useState(0);
  const [page, setPage] = useState<EventPage>();
  const [loading, setLoading] = useState(true);
  const [problem, setProblem] = useState<unknown>();
  const [attempt, setAttempt] = useState(0);
  const [jump, setJump] = useState('');
  const [jumpError, setJumpError] = useState<string>();
  const moved = useRef(false);
  const range = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    let current = true;
    setLoading(true);
    setProblem(undefined);
    fetchEvents(election.id, from, PAGE_SIZE)
      .then(
        (p) => {
          if (current) setPage(p);
        },
        (e: unknown) => {
          if (current) setProblem(e);
        },
      )
      .finally(() => {
        if (current) setLoading(false);
      });
    return () => {
      current = false;
    };
  }, [election.id, from, attempt]);

  useEffect(() => {
    if (moved.current && page && !loading) {
      moved.current = false;
      range.current?.focus();
    }
  }, [page, loading]);

  const rows = useMemo(
    () =>
      page?.events.map((event, i) => ({
        position: page.from + i + 1,
        what: describeEvent(m, event),
        time: (event as { time?: unknown } | null)?.time,
        event,
      })),
    [page, m],
  );

  const size = Math.max(page?.size ?? 0, liveSize ?? 0);
  const lastFrom = Math.max(0, size - PAGE_SIZE);
  const go = (to: number) => {
    const next = Math.max(0, Math.min(to, Math.max(0, size - 1)));
    if (next === from && page) {
      range.current?.focus();
      return;
    }
    moved.current = true;
    setFrom(next);
  };
  const submitJump = () => {
    const text = jump.trim();
    const n = Number(text);
    if (!/^\d{1,16}$/.test(text) || n < 1 || n > size) {
      setJumpError(m.jumpInvalid(size));
      return;
    }
    setJumpError(undefined);
    go(n - 1);
  };

  return (
    <section aria-labelledby="board-events">
      <h2 id="board-events">{m.heading}</h2>
      <p>{m.order}</p>
      <nav aria-label={m.pages} class="pager">
        <button type="button" class="secondary" disabled={from === 0} onClick={() => go(0)}>
          {m.first}
        </button>
        <button
          type="button"
          class="secondary"
          data-testid="previous"
          disabled={from === 0}
          onClick={() => go(from - PAGE_SIZE)}
        >
          {m.previous}
        </button>
        <button
          type="button"
          class="secondary"
          data-testid="next"
          disabled={from + PAGE_SIZE >= size}
          onClick={() => go(from + PAGE_SIZE)}
        >
          {m.next}
        </button>
        <button type="button" class="secondary" disabled={from >= lastFrom} onClick={() => go(lastFrom)}>
          {m.last}
        </button>
      </nav>
      {size > 0 && (
        <form
          class="jump"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            submitJump();
          }}
        >
          <label class="field" for="jump">
            {m.jumpLabel(size)}
          </label>
          {jumpError && (
            <p class="field-error" id="jump-error">
              {jumpError}
            </p>
          )}
          <div class="jump-row">
            <input
              type="text"
              id="jump"
              inputMode="numeric"
              autocomplete="off"
              value={jump}
              aria-invalid={jumpError ? true : undefined}
              aria-describedby={jumpError ? 'jump-error' : undefined}
              onInput={(e) => setJump(e.currentTarget.value)}
            />
            <button type="submit" class="secondary">
              {m.jump}
            </button>
          </div>
        </form>
      )}
      {problem !== undefined && (
        <div class="problem" role="alert">
          <p>{problemText(t, problem)}</p>
          <div class="actions">
            <button
              type="button"
              class="secondary"
              onClick={() => {
                moved.current = true;
                setAttempt((a) => a + 1);
              }}
            >
              {t.explorer.retry}
            </button>
          </div>
        </div>
      )}
      {loading && <Busy text={m.loading} />}
      {page && rows && (
        <>
          <h3 id="events-range" tabIndex={-1} ref={range} data-testid="events-range">
            {rows.length === 0
              ? m.none
              : m.range(page.from + 1, page.from + rows.length, Math.max(page.size, liveSize ?? 0))}
          </h3>
          {rows.length > 0 && (
            <ol class="events" aria-labelledby="events-range">
              {rows.map((row) => (
                <li key={row.position}>
                  <details>
                    <summary>
                      <span class="event-pos">{m.position(row.position)}</span>{' '}
                      <span class="event-what">{row.what}</span>{' '}
                      {typeof row.time === 'string' && (
                        <time class="event-time" dateTime={row.time}>
                          {boardTime(row.time, t.lang)}
                        </time>
                      )}
                    </summary>
                    <Recorded event={row.event} />
                  </details>
                </li>
              ))}
            </ol>
          )}
        </>
      )}
    </section>
  );
}

/** The event as recorded; made only when its entry is opened (a large electorate is long). */
function Recorded({ event }: { event: unknown }) {
  const t = useT();
  const m = t.explorer.events;
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const details = ref.current?.parentElement;
    if (!(details instanceof HTMLDetailsElement)) return;
    const toggle = () => setOpen(details.open);
    details.addEventListener('toggle', toggle);
    return () => details.removeEventListener('toggle', toggle);
  }, []);
  const shown = useMemo(() => (open ? recordedText(event) : undefined), [open, event]);
  return (
    <div ref={ref} class="recorded">
      {shown && (
        <>
          <p class="hint">{m.json}</p>
          <pre>{shown.text}</pre>
          {shown.more > 0 && <p class="hint">{m.truncated(shown.more)}</p>}
        </>
      )}
    </div>
  );
}
