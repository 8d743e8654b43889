/**
 * The receipt check (SPEC.md §17.3), in the browser: the receipt by itself (the board's signature on its
 * tree head, the inclusion proof of the ballot), then against the board now — the latest signed head
 * must extend the receipt's head (consistency proof), the ballot must be included under the latest head
 * (inclusion proof), and the event at the receipt's index must still be the ballot with the receipt's
 * tracker. Each failure is named in plain words.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { BoardError } from '../../board/errors.ts';
import type { Receipt } from '../../board/receipt.ts';
import { verifyLaterHead, verifyReceipt, verifyReceiptEvent } from '../../board/receipt.ts';
import type { SignedTreeHead } from '../../board/tree-head.ts';
import { fromBase64url } from '../../crypto/bytes.ts';
import { verifyInclusion } from '../../crypto/merkle.ts';
import { trackerCode } from '../../protocol/tracker.ts';
import { ApiProblem, api, problemText } from '../api.ts';
import { Busy, Heading, Problem } from '../common.tsx';
import { FingerprintMismatch, loadElection, type PublicElection } from '../election.ts';
import { type Messages, useT } from '../i18n/index.ts';

const MAX_RECEIPT_BYTES = 64 * 1024;

/** What the checks found. */
export interface Checked {
  readonly receipt: Receipt;
  readonly later: SignedTreeHead;
}

/** Runs every check; throws BoardError, ApiProblem or SyntaxError (unreadable text). */
export async function checkReceipt(election: PublicElection, text: string): Promise<Checked> {
  const value: unknown = JSON.parse(text);
  const boardKey = election.definition.boardKey;
  const receipt = verifyReceipt(boardKey, value, election.id);
  const base = `/api/elections/${encodeURIComponent(election.id)}/board`;
  const head = await api<unknown>('GET', `${base}/head`);
  const size = (head as { size?: unknown } | null)?.size;
  if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0)
    throw new BoardError('malformed-head', 'the latest head is not a tree head');
  if (size < receipt.head.size)
    throw new BoardError('out-of-order', 'the latest head is smaller than the receipt head');
  const consistency = await api<{ proof: string[] }>(
    'GET',
    `${base}/consistency?from=${receipt.head.size}&to=${size}`,
  );
  const later = verifyLaterHead(boardKey, receipt, head, consistency.proof);
  // And the ballot's own inclusion proof under the latest head, as the board serves it now.
  const inclusion = await api<{ proof: unknown }>(
    'GET',
    `${base}/inclusion?index=${receipt.index}&size=${later.size}`,
  );
  if (!includedUnder(receipt, later, inclusion.proof)) {
    throw new BoardError('inconsistent-heads', 'the ballot is not included under the latest head');
  }
  const page = await api<{ events: unknown[] }>('GET', `${base}/events?from=${receipt.index}&limit=1`);
  verifyReceiptEvent(receipt, page.events[0]);
  return { receipt, later };
}

/** RFC 9162 inclusion of the receipt's leaf at its index under `head`, with `proof` from the board. */
function includedUnder(receipt: Receipt, head: SignedTreeHead, proof: unknown): boolean {
  if (!Array.isArray(proof) || proof.length > 64 || !proof.every((h) => typeof h === 'string')) return false;
  try {
    return verifyInclusion(
      fromBase64url(receipt.leafHash, 32),
      receipt.index,
      head.size,
      proof.map((h: string) => fromBase64url(h, 32)),
      fromBase64url(head.root, 32),
    );
  } catch {
    return false;
  }
}

/** The plain-words reason a receipt failed. */
export function failureText(t: Messages, error: unknown, text: string): string {
  if (error instanceof SyntaxError) return t.check.unreadable;
  if (error instanceof ApiProblem) return problemText(t, error);
  if (!(error instanceof BoardError)) return t.check.malformed;
  switch (error.code) {
    case 'malformed-receipt':
      return t.check.malformed;
    case 'wrong-election': {
      let named = '?';
      try {
        const election = (JSON.parse(text) as { election?: unknown }).election;
        if (typeof election === 'string') named = election.slice(0, 64);
      } catch {
        // The name stays unknown.
      }
      return t.check.wrongElection(named);
    }
    case 'malformed-head':
    case 'bad-board-key':
    case 'bad-head-signature':
      return t.check.badSignature;
    case 'not-included':
      return t.check.notIncluded;
    case 'inconsistent-heads':
    case 'out-of-order':
      return t.check.inconsistent;
    default:
      return t.check.missing;
  }
}

type State =
  | { readonly name: 'idle' }
  | { readonly name: 'checking' }
  | { readonly name: 'ok'; readonly checked: Checked }
  | { readonly name: 'bad'; readonly reason: string };

export function ReceiptCheck({ electionId }: { electionId: string }) {
  const t = useT();
  const [election, setElection] = useState<PublicElection>();
  const [loadProblem, setLoadProblem] = useState<unknown>();
  const [text, setText] = useState('');
  const [inputError, setInputError] = useState<string>();
  const [state, setState] = useState<State>({ name: 'idle' });
  const result = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    loadElection(electionId).then(setElection, setLoadProblem);
  }, [electionId]);

  useEffect(() => {
    if (state.name === 'ok' || state.name === 'bad') result.current?.focus();
  }, [state]);

  const run = async (receiptText: string) => {
    if (!election) return;
    if (receiptText.trim() === '') {
      setInputError(t.check.empty);
      return;
    }
    setInputError(undefined);
    setState({ name: 'checking' });
    try {
      setState({ name: 'ok', checked: await checkReceipt(election, receiptText) });
    } catch (e) {
      setState({ name: 'bad', reason: failureText(t, e, receiptText) });
    }
  };

  const chooseFile = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    if (!file) return;
    if (file.size > MAX_RECEIPT_BYTES) {
      setState({ name: 'bad', reason: t.check.fileTooLarge });
      return;
    }
    const content = await file.text();
    setText(content);
    await run(content);
  };

  if (loadProblem !== undefined) {
    return (
      <>
        <Heading>{t.check.title}</Heading>
        <Problem>
          <p>
            {loadProblem instanceof FingerprintMismatch
              ? t.election.fingerprintMismatch
              : problemText(t, loadProblem)}
          </p>
        </Problem>
      </>
    );
  }
  return (
    <>
      {election && <p class="election-title">{election.definition.title}</p>}
      <Heading>{t.check.title}</Heading>
      <p>{t.check.intro}</p>
      {!election && <Busy text={t.app.loading} />}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void run(text);
        }}
        noValidate
      >
        <label class="field" for="receipt-file">
          {t.check.fileLabel}
        </label>
        <input
          type="file"
          id="receipt-file"
          accept=".json,application/json"
          onChange={(e) => void chooseFile(e.currentTarget)}
        />
        <label class="field" for="receipt-text">
          {t.check.pasteLabel}
        </label>
        {inputError && (
          <p class="field-error" id="receipt-text-error">
            {inputError}
          </p>
        )}
        <textarea
          id="receipt-text"
          rows={8}
          spellcheck={false}
          value={text}
          aria-invalid={inputError ? true : undefined}
          aria-describedby={inputError ? 'receipt-text-error' : undefined}
          onInput={(e) => {
            setText(e.currentTarget.value);
            const file = document.getElementById('receipt-file') as HTMLInputElement | null;
            if (file) file.value = '';
          }}
        />
        <div class="actions">
          <button type="submit" class="primary" disabled={!election || state.name === 'checking'}>
            {t.check.button}
          </button>
        </div>
      </form>
      {state.name === 'checking' && <Busy text={t.check.checking} />}
      {state.name === 'ok' && (
        <section class="ok" aria-labelledby="check-result" data-testid="check-ok">
          <h2 id="check-result" tabIndex={-1} ref={result}>
            {t.check.okTitle}
          </h2>
          <p>
            {t.check.tracker}:{' '}
            <strong class="code">{trackerCode(fromBase64url(state.checked.receipt.tracker, 32))}</strong>
          </p>
          <ul class="checks">
            <li>{t.check.okSigned}</li>
            <li>{t.check.okIncluded(state.checked.receipt.index + 1, state.checked.receipt.head.size)}</li>
            <li>
              {t.check.okLater(
                state.checked.later.size,
                new Date(state.checked.later.time).toLocaleString(t.lang === 'cy' ? 'cy-GB' : 'en-GB'),
              )}
            </li>
            <li>{t.check.okBallot}</li>
          </ul>
        </section>
      )}
      {state.name === 'bad' && (
        <section class="problem" aria-labelledby="check-result" data-testid="check-bad">
          <h2 id="check-result" tabIndex={-1} ref={result}>
            {t.check.badTitle}
          </h2>
          <p>{state.reason}</p>
        </section>
      )}
    </>
  );
}
