/**
 * The receipt check (SPEC.md §17.3), in the browser: the receipt by itself (the board's signature on its
 * tree head, the inclusion proof of the ballot), then against the board now — the latest signed head
 * must extend the receipt's head (consistency proof), the ballot must be included under the latest head
 * (inclusion proof), and the event at the receipt's index must still be the ballot with the receipt's
 * tracker. Each failure is named in plain words.
 *
 * The same page checks a Benaloh audit (SPEC.md §12) made on a voting device: the audit's JSON (file or
 * pasted), or its QR codes — scanned here, or opened as links by a phone's camera (the data is in the
 * link's fragment, which never reaches the server, and is taken out of the address at once). The
 * protocol's checkAudit runs in the booth's worker; the page shows the tracker to compare and the
 * choices the ballot held. Receipts come as QR codes too (qr/links.ts).
 */
import type { Ref } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { BoardError } from '../../board/errors.ts';
import type { Receipt } from '../../board/receipt.ts';
import { verifyLaterHead, verifyReceipt, verifyReceiptEvent } from '../../board/receipt.ts';
import type { SignedTreeHead } from '../../board/tree-head.ts';
import { fromBase64url } from '../../crypto/bytes.ts';
import { verifyInclusion } from '../../crypto/merkle.ts';
import { trackerCode } from '../../protocol/tracker.ts';
import { ApiProblem, api, problemText } from '../api.ts';
import type { AuditChecked } from '../booth/protocol.ts';
import { ChoicesList } from '../booth/Review.tsx';
import { checkAuditData, WorkerProblem } from '../booth/worker-client.ts';
import { Busy, Heading, Problem } from '../common.tsx';
import { FingerprintMismatch, loadElection, type PublicElection } from '../election.ts';
import { type Messages, useT } from '../i18n/index.ts';
import { addPart, type Collected, joinParts, parseQrLink, type QrPart } from '../qr/links.ts';
import { receiptFromBytes } from '../qr/receipt-code.ts';
import { Scanner } from '../qr/Scanner.tsx';

/** Receipts are a few kB; audit data grows with the ballot (about 400 bytes a candidate). */
const MAX_FILE_BYTES = 2 * 1024 * 1024;

/** What the checks found. */
export interface Checked {
  readonly receipt: Receipt;
  readonly later: SignedTreeHead;
}

/**
 * Runs every check of a receipt (its JSON value); throws BoardError or ApiProblem.
 * @example `const { receipt, later } = await checkReceipt(election, JSON.parse(text))`
 */
export async function checkReceipt(election: PublicElection, value: unknown): Promise<Checked> {
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

/**
 * The plain-words reason a receipt (its JSON value) failed.
 * @example `failureText(t, new BoardError('not-included', '…'), value) // t.check.notIncluded`
 */
export function failureText(t: Messages, error: unknown, value: unknown): string {
  if (error instanceof ApiProblem) return problemText(t, error);
  if (!(error instanceof BoardError)) return t.check.malformed;
  switch (error.code) {
    case 'malformed-receipt':
      return t.check.malformed;
    case 'wrong-election': {
      const election = (value as { election?: unknown } | null)?.election;
      return t.check.wrongElection(typeof election === 'string' ? election.slice(0, 64) : '?');
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

/**
 * The plain-words reason audit data failed (the worker's ProtocolError code).
 * @example `auditFailureText(t, new WorkerProblem('bad-proof', '…')) // t.check.auditBad`
 */
export function auditFailureText(t: Messages, error: unknown): string {
  const code = error instanceof WorkerProblem ? error.code : 'worker';
  if (code === 'malformed') return t.check.auditMalformed;
  if (code === 'wrong-election') return t.check.auditWrongElection;
  if (code === 'worker' || code === 'gone') return t.errors.worker;
  return t.check.auditBad;
}

/** Whether a JSON value presents itself as audit data (the check then says what is wrong with it). */
function isAudit(value: unknown): boolean {
  return (value as { format?: unknown } | null)?.format === 'psephos/ballot-audit';
}

/** The link the page was opened with, if it carries a QR code's data (…/receipt#receipt=… or #audit=…). */
function linkInAddress(): string | undefined {
  const text = `${location.pathname}${location.hash}`;
  return parseQrLink(text) ? text : undefined;
}

type State =
  | { readonly name: 'idle' }
  | { readonly name: 'checking' }
  | { readonly name: 'ok'; readonly checked: Checked }
  | { readonly name: 'bad'; readonly reason: string }
  | { readonly name: 'parts'; readonly read: number; readonly parts: number }
  | { readonly name: 'audit-ok'; readonly checked: AuditChecked }
  | { readonly name: 'audit-bad'; readonly reason: string };

export function ReceiptCheck({ electionId }: { electionId: string }) {
  const t = useT();
  const [election, setElection] = useState<PublicElection>();
  const [loadProblem, setLoadProblem] = useState<unknown>();
  const [text, setText] = useState('');
  const [inputError, setInputError] = useState<string>();
  const [state, setState] = useState<State>({ name: 'idle' });
  const result = useRef<HTMLHeadingElement>(null);
  const collected = useRef<Collected | undefined>(undefined);
  const fromAddress = useRef<string | undefined>(undefined);
  // Counts the links that arrived while the page is open (hashchange), to check each once loaded.
  const [linkSeen, setLinkSeen] = useState(0);

  useEffect(() => {
    loadElection(electionId).then(setElection, setLoadProblem);
    // Audit data in the address would stay in this device's history: take it out at once.
    const take = () => {
      const link = linkInAddress();
      if (!link) return;
      fromAddress.current = link;
      history.replaceState(null, '', `${location.pathname}${location.search}`);
    };
    take();
    // A camera app may open the next code's link in this same tab.
    const onHash = () => {
      take();
      setLinkSeen((n) => n + 1);
    };
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, [electionId]);

  useEffect(() => {
    const link = fromAddress.current;
    if (!election || !link) return;
    fromAddress.current = undefined;
    void run(link);
  }, [election, linkSeen]);

  useEffect(() => {
    if (['ok', 'bad', 'audit-ok', 'audit-bad'].includes(state.name)) result.current?.focus();
  }, [state]);

  const runReceipt = async (value: unknown) => {
    setState({ name: 'checking' });
    try {
      setState({ name: 'ok', checked: await checkReceipt(election!, value) });
    } catch (e) {
      setState({ name: 'bad', reason: failureText(t, e, value) });
    }
  };

  const runAudit = async (audit: { json: unknown } | { bytes: Uint8Array }) => {
    const { definition, fingerprint, electionKey } = election!;
    if (electionKey === null) {
      setState({ name: 'audit-bad', reason: t.check.auditNotReady });
      return;
    }
    setState({ name: 'checking' });
    try {
      const checked = await checkAuditData({ definition, fingerprint, electionKey }, audit);
      setState({ name: 'audit-ok', checked });
    } catch (e) {
      setState({ name: 'audit-bad', reason: auditFailureText(t, e) });
    }
  };

  /** One QR code's part: checked once every part of its set is in. */
  const runPart = async (part: QrPart) => {
    const fail = (reason: string) =>
      setState(part.kind === 'audit' ? { name: 'audit-bad', reason } : { name: 'bad', reason });
    if (part.election !== electionId) {
      fail(part.kind === 'audit' ? t.check.auditWrongElection : t.check.wrongElection(part.election));
      return;
    }
    const now = addPart(collected.current, part);
    let joined: Uint8Array | undefined;
    try {
      joined = joinParts(now);
    } catch {
      collected.current = undefined;
      fail(t.check.partsMismatch);
      return;
    }
    if (!joined) {
      collected.current = now;
      setState({ name: 'parts', read: now.data.size, parts: now.parts });
      return;
    }
    collected.current = undefined;
    if (part.kind === 'audit') return runAudit({ bytes: joined });
    let value: unknown;
    try {
      value = receiptFromBytes(joined, electionId);
    } catch {
      setState({ name: 'bad', reason: t.check.malformed });
      return;
    }
    return runReceipt(value);
  };

  /** A receipt's or an audit's JSON, or a link from one of their QR codes. */
  const run = async (input: string) => {
    if (!election) return;
    if (input.trim() === '') {
      setInputError(t.check.empty);
      return;
    }
    setInputError(undefined);
    const part = parseQrLink(input);
    if (part) return runPart(part);
    let value: unknown;
    try {
      value = JSON.parse(input);
    } catch {
      setState({ name: 'bad', reason: t.check.unreadable });
      return;
    }
    return isAudit(value) ? runAudit({ json: value }) : runReceipt(value);
  };

  const scanned = (code: string) => {
    if (parseQrLink(code)) void run(code);
    else setState({ name: 'bad', reason: t.check.notPsephos });
  };

  const chooseFile = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    if (!file) return;
    if (file.size > MAX_FILE_BYTES) {
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
      <Scanner id="receipt-scan" title={t.check.scanTitle} photoLabel={t.check.scanPhoto} onText={scanned} />
      <div role="status">
        {state.name === 'parts' && (
          <p class="notice" data-testid="check-parts">
            {t.check.partsRead(state.read, state.parts)}
          </p>
        )}
      </div>
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
      {state.name === 'audit-ok' && election && (
        <AuditShownChecked checked={state.checked} election={election} heading={result} />
      )}
      {(state.name === 'bad' || state.name === 'audit-bad') && (
        <section class="problem" aria-labelledby="check-result" data-testid="check-bad">
          <h2 id="check-result" tabIndex={-1} ref={result}>
            {state.name === 'bad' ? t.check.badTitle : t.check.auditBadTitle}
          </h2>
          <p>{state.reason}</p>
        </section>
      )}
    </>
  );
}

/** A checked audit: the tracker to compare with the voting page's, and the choices the ballot held. */
function AuditShownChecked({
  checked,
  election,
  heading,
}: {
  checked: AuditChecked;
  election: PublicElection;
  heading: Ref<HTMLHeadingElement>;
}) {
  const t = useT();
  return (
    <section class="ok" aria-labelledby="check-result" data-testid="audit-ok">
      <h2 id="check-result" tabIndex={-1} ref={heading}>
        {t.check.auditOkTitle}
      </h2>
      <p id="audit-checked-tracker">{t.check.auditTracker}</p>
      <output class="tracker" aria-labelledby="audit-checked-tracker" data-testid="audit-tracker">
        {checked.tracker}
      </output>
      <p>{t.check.auditCompare}</p>
      <h3>{t.check.auditChoices}</h3>
      <ChoicesList
        questions={election.definition.questions}
        chosen={(q, i) => {
          const chosen = new Set(checked.chosen[i] ?? []);
          return q.candidates.filter((c) => chosen.has(c.id));
        }}
      />
      <p>{t.check.auditSpoiled}</p>
    </section>
  );
}
