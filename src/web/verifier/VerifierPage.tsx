/**
 * The universal verifier in the browser (/verify, and /verify?election=<id>): the observer chooses an
 * election record file, or fetches the record of the named election from this server, and the page
 * runs the command line's verifier over it in a worker (verifier-worker.ts) — a progress bar, a cancel
 * button — then shows the same report as `psephos verify` (ReportView.tsx). Below, the SHA-384
 * integrity hashes of the pages' own files: the published hash of the booth bundle, for observers to
 * compare (BRIEF: threat model).
 *
 * Nothing is sent anywhere: a chosen file is read in this browser; a fetched record is kept here.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { VerificationReport } from '../../verifier/report.ts';
import { Heading } from '../common.tsx';
import { loadElection } from '../election.ts';
import { type Messages, useT } from '../i18n/index.ts';
import { startVerification, type Verification } from './client.ts';
import type { VerifierInput, VerifierMessage } from './protocol.ts';
import { ReportView } from './ReportView.tsx';
import { MAX_RECORD_BYTES } from './source.ts';

type Texts = Messages['verifierPage'];

interface Running {
  readonly name: 'running';
  readonly downloaded?: number;
  readonly verifying?: Extract<VerifierMessage, { kind: 'verifying' }>;
  readonly progress?: Extract<VerifierMessage, { kind: 'progress' }>;
}

type State =
  | { readonly name: 'idle'; readonly cancelled?: boolean }
  | Running
  | { readonly name: 'done'; readonly report: VerificationReport; readonly record: Blob | null }
  | { readonly name: 'problem'; readonly problem: ProblemMessage };

type ProblemMessage = Extract<VerifierMessage, { kind: 'problem' }>;

/** The election named by `?election=`, if it is a well-formed id. */
function electionParam(): string | undefined {
  const id = new URLSearchParams(location.search).get('election');
  return id && /^[a-z0-9-]{1,64}$/.test(id) ? id : undefined;
}

/**
 * The plain-words text of a problem that stopped verification before a report.
 * @example `problemText(t, { kind: 'problem', code: 'refused', status: 404, message: '' }, 'x')` → t.notFound('x')
 */
export function problemText(t: Texts, m: ProblemMessage, id = ''): string {
  switch (m.code) {
    case 'too-large':
      return t.recordTooLarge(MAX_RECORD_BYTES);
    case 'offline':
      return t.offline;
    case 'refused':
      return m.status === 404 ? t.notFound(id) : t.refused(m.status ?? 0, m.serverCode ?? '?');
    case 'unreadable':
      return t.unreadable;
    case 'worker':
      return t.worker;
  }
}

/** The next state on a message from the worker. */
function next(state: State, m: VerifierMessage): State {
  const running: Running = state.name === 'running' ? state : { name: 'running' };
  switch (m.kind) {
    case 'downloading':
      return { ...running, downloaded: m.bytes };
    case 'verifying':
      return { ...running, verifying: m };
    case 'progress':
      return { ...running, progress: m };
    case 'done':
      return { name: 'done', report: m.report, record: m.record };
    case 'problem':
      return { name: 'problem', problem: m };
  }
}

/**
 * The bar's value out of 1000: pass 1 fills 90 % (it does nearly all the work) by the events checked out
 * of those the record's last tree head claims — or, without that claim, by the bytes read — and pass 2
 * (a quick re-reading) the rest.
 */
function barValue(s: Running): number | undefined {
  const v = s.verifying;
  if (!v) return undefined;
  const p = s.progress;
  if (!p) return 0;
  const share = (done: number, total: number) => (total === 0 ? 1 : Math.min(1, done / total));
  if (p.pass !== 1) return Math.round(900 + 100 * share(p.read, v.bytes));
  return Math.round(900 * (v.events === null ? share(p.read, v.bytes) : share(p.events, v.events)));
}

/** A ref to an element that takes the focus when it appears (so focus never falls back to the page). */
function useFocusOnMount<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  useEffect(() => ref.current?.focus(), []);
  return ref;
}

function Progress({ state, t, onCancel }: { state: Running; t: Texts; onCancel: () => void }) {
  const ref = useFocusOnMount<HTMLHeadingElement>();
  const v = state.verifying;
  const p = state.progress;
  const value = barValue(state);
  return (
    <section class="verifier-progress" aria-labelledby="progress-heading" data-testid="verify-progress">
      <h2 id="progress-heading" tabIndex={-1} ref={ref}>
        {t.progressHeading}
      </h2>
      {/* No value while downloading: an indeterminate bar (the server does not say the record's size). */}
      <progress
        max={1000}
        {...(value === undefined ? {} : { value })}
        aria-label={t.progressLabel}
        aria-describedby="progress-text"
        data-testid="verify-bar"
      />
      <div id="progress-text">
        {!v && <p>{state.downloaded === undefined ? t.starting : t.downloading(state.downloaded)}</p>}
        {v && (
          <>
            <p>{p?.pass === 2 ? t.pass2 : t.pass1}</p>
            <p data-testid="verify-events">{t.events(p?.events ?? 0, v.events)}</p>
            <p data-testid="verify-ballots">{t.ballots(p?.ballots ?? 0)}</p>
            <p class="hint">{t.size(v.bytes, v.workers, v.backend)}</p>
          </>
        )}
      </div>
      <div class="actions">
        <button type="button" class="secondary" onClick={onCancel}>
          {t.cancel}
        </button>
      </div>
    </section>
  );
}

function ElectionFetch({ id, disabled, onFetch }: { id: string; disabled: boolean; onFetch: () => void }) {
  const t = useT().verifierPage;
  const [title, setTitle] = useState<string>();
  useEffect(() => {
    loadElection(id).then(
      (e) => setTitle(e.definition.title),
      () => setTitle(undefined),
    );
  }, [id]);
  return (
    <section aria-labelledby="election-heading">
      <h2 id="election-heading">{t.electionHeading}</h2>
      <p>{title ? t.electionIntro(title) : t.electionIdIntro(id)}</p>
      <div class="actions">
        <button type="button" class="primary" disabled={disabled} onClick={onFetch}>
          {t.fetchButton}
        </button>
      </div>
    </section>
  );
}

function FileChoice(props: { disabled: boolean; onFile: (file: File) => void; onChoose: () => void }) {
  const { disabled, onFile, onChoose } = props;
  const t = useT().verifierPage;
  const [file, setFile] = useState<File>();
  const [error, setError] = useState<string>();
  return (
    <section aria-labelledby="file-heading">
      <h2 id="file-heading">{t.fileHeading}</h2>
      <p>{t.fileIntro}</p>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (file && file.size <= MAX_RECORD_BYTES) return onFile(file);
          setError(file ? t.tooLarge(file.size, MAX_RECORD_BYTES) : t.noFile);
          onChoose();
        }}
      >
        <label class="field" for="record-file">
          {t.fileLabel}
        </label>
        {error && (
          <p class="field-error" id="record-file-error" role="alert">
            {error}
          </p>
        )}
        <input
          type="file"
          id="record-file"
          accept=".jsonl,application/jsonl,application/x-ndjson,text/plain"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'record-file-error' : undefined}
          onChange={(e) => {
            setFile(e.currentTarget.files?.[0]);
            setError(undefined);
            onChoose();
          }}
        />
        <div class="actions">
          <button type="submit" class="primary" disabled={disabled}>
            {t.fileButton}
          </button>
        </div>
      </form>
    </section>
  );
}

/** The SHA-384 integrity hashes of the scripts and style sheets this page loaded. */
function Hashes() {
  const t = useT().verifierPage;
  const [files] = useState(() =>
    Array.from(document.querySelectorAll('script[integrity], link[integrity]'), (el) => ({
      file: el.getAttribute('src') ?? el.getAttribute('href') ?? '',
      integrity: el.getAttribute('integrity') ?? '',
    })),
  );
  return (
    <section aria-labelledby="hashes-heading" data-testid="page-hashes">
      <h2 id="hashes-heading">{t.hashesHeading}</h2>
      <p>{t.hashesIntro}</p>
      {files.length === 0 ? (
        <p>{t.hashesNone}</p>
      ) : (
        <table class="verifier-table">
          <thead>
            <tr>
              <th scope="col">{t.fileColumn}</th>
              <th scope="col">{t.hashColumn}</th>
            </tr>
          </thead>
          <tbody>
            {files.map((f) => (
              <tr key={f.file}>
                <th scope="row" class="code">
                  {f.file}
                </th>
                <td class="code" data-testid="page-hash">
                  {f.integrity}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function Cancelled({ t }: { t: Texts }) {
  const ref = useFocusOnMount<HTMLParagraphElement>();
  return (
    <p class="notice" tabIndex={-1} ref={ref} data-testid="verify-cancelled">
      {t.cancelled}
    </p>
  );
}

function Stopped({ text, t }: { text: string; t: Texts }) {
  const ref = useFocusOnMount<HTMLHeadingElement>();
  return (
    <section class="problem" aria-labelledby="verify-problem" data-testid="verify-problem">
      <h2 id="verify-problem" tabIndex={-1} ref={ref}>
        {t.problemHeading}
      </h2>
      <p>{text}</p>
    </section>
  );
}

function announcement(state: State, t: Texts): string {
  if (state.name === 'running') return state.verifying ? t.announceChecking : t.announceDownloading;
  if (state.name === 'done' || state.name === 'problem') return t.announceDone;
  return state.cancelled ? t.cancelled : '';
}

/** The page: inputs, then the progress, the report or the problem, and the bundle's hashes. */
export function VerifierPage() {
  const t = useT().verifierPage;
  const [id] = useState(electionParam);
  const [state, setState] = useState<State>({ name: 'idle' });
  const run = useRef<Verification | undefined>(undefined);
  useEffect(() => () => run.current?.cancel(), []);

  const start = (input: VerifierInput) => {
    run.current?.cancel();
    setState({ name: 'running' });
    run.current = startVerification(input, (m) => setState((s) => next(s, m)));
  };
  const cancel = () => {
    run.current?.cancel();
    run.current = undefined;
    setState({ name: 'idle', cancelled: true });
  };
  const busy = state.name === 'running';

  return (
    <>
      <Heading>{t.title}</Heading>
      <p>{t.intro}</p>
      {id && <ElectionFetch id={id} disabled={busy} onFetch={() => start({ election: id })} />}
      <FileChoice
        disabled={busy}
        onFile={(file) => start({ file })}
        onChoose={() => setState((s) => (s.name === 'running' ? s : { name: 'idle' }))}
      />
      <p role="status" class="visually-hidden">
        {announcement(state, t)}
      </p>
      {state.name === 'idle' && state.cancelled && <Cancelled t={t} />}
      {state.name === 'running' && <Progress state={state} t={t} onCancel={cancel} />}
      {state.name === 'problem' && <Stopped text={problemText(t, state.problem, id)} t={t} />}
      {state.name === 'done' && <ReportView report={state.report} record={state.record} />}
      <Hashes />
    </>
  );
}
