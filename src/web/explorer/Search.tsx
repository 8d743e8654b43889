/**
 * Find a ballot by its tracker: the code is read here first (a typo that cannot be a tracker is said
 * so without asking the server), then the board's answer is checked here like a receipt — the board's
 * signature on the tree head, the inclusion proof of the ballot, the ballot at that position — and the
 * head is checked against the one the page shows.
 */
import { useRef, useState } from 'preact/hooks';
import { BoardError } from '../../board/errors.ts';
import type { Receipt } from '../../board/receipt.ts';
import { fromBase64url } from '../../crypto/bytes.ts';
import { trackerCode } from '../../protocol/tracker.ts';
import { problemText } from '../api.ts';
import { Busy } from '../common.tsx';
import type { PublicElection } from '../election.ts';
import { type Messages, useT } from '../i18n/index.ts';
import { findBallot, TrackerIndex } from './board-client.ts';
import { boardTime } from './describe.ts';
import { parseTrackerInput, type TrackerQuery } from './tracker-input.ts';

type State =
  | { readonly name: 'idle' }
  | { readonly name: 'searching'; readonly read?: number; readonly size?: number }
  | { readonly name: 'found'; readonly receipt: Receipt }
  | { readonly name: 'not-found' }
  | { readonly name: 'failed'; readonly reason: string };

/** The words for a tracker the page refuses before asking the server. */
export function inputProblem(t: Messages, query: Extract<TrackerQuery, { kind: 'invalid' }>): string {
  const m = t.explorer.search;
  switch (query.problem) {
    case 'empty':
      return m.empty;
    case 'length':
      return m.length(query.length ?? 0);
    case 'character':
      return m.character(query.character ?? '?');
    case 'full-form':
      return m.fullForm;
  }
}

/** The words for a board answer that failed a check. */
function failureText(t: Messages, error: unknown): string {
  const m = t.explorer.search;
  if (!(error instanceof BoardError)) return problemText(t, error);
  switch (error.code) {
    case 'not-included':
      return m.badProof;
    case 'malformed-head':
    case 'bad-head-signature':
    case 'bad-board-key':
      return m.badSignature;
    case 'inconsistent-heads':
      return m.inconsistent;
    case 'not-found':
      return m.noProof;
    default:
      return m.wrongBallot;
  }
}

export function Search({
  election,
  observe,
}: {
  election: PublicElection;
  observe: (head: unknown) => Promise<boolean>;
}) {
  const t = useT();
  const m = t.explorer.search;
  const [text, setText] = useState('');
  const [inputError, setInputError] = useState<string>();
  const [state, setState] = useState<State>({ name: 'idle' });
  // The trackers read by one search serve the next ones.
  const [index] = useState(() => new TrackerIndex(election.id));
  const input = useRef<HTMLInputElement>(null);
  const result = useRef<HTMLHeadingElement>(null);
  const settle = (next: State) => {
    setState(next);
    // The result's heading takes the focus once it is on the page, so a screen reader reads it.
    setTimeout(() => result.current?.focus(), 0);
  };

  const search = async () => {
    const query = parseTrackerInput(text);
    if (query.kind === 'invalid') {
      setInputError(inputProblem(t, query));
      setState({ name: 'idle' });
      input.current?.focus();
      return;
    }
    setInputError(undefined);
    setState({ name: 'searching' });
    try {
      const found = await findBallot(election, query, index, (read, size) =>
        setState({ name: 'searching', read, size }),
      );
      if (!found) return settle({ name: 'not-found' });
      if (!(await observe(found.receipt.head))) {
        throw new BoardError('inconsistent-heads', 'the answer’s head does not extend the head shown');
      }
      settle({ name: 'found', receipt: found.receipt });
    } catch (e) {
      settle({ name: 'failed', reason: failureText(t, e) });
    }
  };

  return (
    <section aria-labelledby="find-ballot">
      <h2 id="find-ballot">{m.heading}</h2>
      <p>{m.intro}</p>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void search();
        }}
      >
        <label class="field" for="tracker">
          {m.label}
        </label>
        <p class="hint" id="tracker-hint">
          {m.hint}
        </p>
        {inputError && (
          <p class="field-error" id="tracker-error">
            {inputError}
          </p>
        )}
        <input
          type="text"
          id="tracker"
          ref={input}
          class="credential"
          value={text}
          autocomplete="off"
          autocapitalize="characters"
          spellcheck={false}
          aria-invalid={inputError ? true : undefined}
          aria-describedby={inputError ? 'tracker-error tracker-hint' : 'tracker-hint'}
          onInput={(e) => setText(e.currentTarget.value)}
        />
        <div class="actions">
          <button type="submit" class="primary" disabled={state.name === 'searching'}>
            {m.button}
          </button>
        </div>
      </form>
      {state.name === 'searching' && (
        <>
          <Busy text={m.searching} />
          {state.read !== undefined && state.size !== undefined && state.size > 0 && (
            <p class="scan">
              <progress max={state.size} value={state.read} aria-label={m.searching} />{' '}
              {m.progress(state.read, state.size)}
            </p>
          )}
        </>
      )}
      {state.name === 'found' && <Found receipt={state.receipt} heading={result} />}
      {state.name === 'not-found' && (
        <section class="notice" aria-labelledby="search-result" data-testid="search-not-found">
          <h3 id="search-result" tabIndex={-1} ref={result}>
            {m.notFoundTitle}
          </h3>
          <p>{m.notFound}</p>
        </section>
      )}
      {state.name === 'failed' && (
        <section class="problem loud" aria-labelledby="search-result" data-testid="search-failed">
          <h3 id="search-result" tabIndex={-1} ref={result}>
            {m.failedTitle}
          </h3>
          <p>{state.reason}</p>
        </section>
      )}
    </section>
  );
}

function Found({ receipt, heading }: { receipt: Receipt; heading: { current: HTMLHeadingElement | null } }) {
  const t = useT();
  const m = t.explorer.search;
  return (
    <section class="ok" aria-labelledby="search-result" data-testid="search-found">
      <h3 id="search-result" tabIndex={-1} ref={heading}>
        {m.foundTitle}
      </h3>
      <p>
        {m.tracker}: <strong class="code">{trackerCode(fromBase64url(receipt.tracker, 32))}</strong>
      </p>
      <ul class="checks">
        <li>{m.found(receipt.index + 1, receipt.head.size)}</li>
        <li>{m.foundSigned(boardTime(receipt.head.time, t.lang))}</li>
        <li>{m.foundBallot}</li>
      </ul>
    </section>
  );
}
