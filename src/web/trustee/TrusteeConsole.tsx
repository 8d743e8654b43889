/**
 * The trustee console (/trustee/:id): a trustee's whole part of an election in the browser, for
 * trustees who do not use a terminal — what `psephos trustee keygen | share | decrypt` do, in the same
 * key file format, so a trustee can start here and finish with the command line or the other way round.
 *
 * The link: the organiser sends each trustee `/trustee/<election>#trustee=<n>&token=<token>` (or
 * `#<token>`), the token being that trustee's bearer token; GET /api/session tells which trustee it is.
 * The page takes the token out of the address at once and keeps it in this tab's sessionStorage only
 * (link.ts); every call then carries it as `Authorization: Bearer`.
 *
 * The steps, each shown when the board says it is due (the board is read again every few seconds
 * while the page is visible, and after each action):
 *   1. make the communication key here, with a passphrase chosen twice;
 *   2. download the encrypted key file, then publish the public key;
 *   3. once every key is out: deal (shares encrypted to the others), download the new key file, publish;
 *   4. once every dealing is out: open and check the shares dealt to this trustee, complain (with
 *      proof) about a dealer whose share fails, download the new key file;
 *   5. once the votes are tallied: compute the decryption shares with their proofs (in a worker), publish.
 * After a reload, or on another day, the trustee opens the newest key file with its passphrase.
 *
 * Secrets: the key file's contents, and the file key derived from the passphrase, live in this
 * component's memory only. They leave the page in one form only, the encrypted key file the trustee
 * downloads; what is sent to the server is public (keys, commitments, encrypted shares, proofs).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { loadGroup } from '../../crypto/backends.ts';
import type { Group } from '../../crypto/group.ts';
import { decodeScalarWire, encodeElement, encodeScalarWire } from '../../protocol/codec.ts';
import {
  type CheckOutcome,
  checkShares,
  identityBody,
  makeDealing,
  newTrusteeSecrets,
  secretShare,
} from '../../protocol/trustee-steps.ts';
import { ApiProblem, api, setBearer } from '../api.ts';
import { Busy, downloadText, Heading, Problem } from '../common.tsx';
import { FingerprintMismatch } from '../election.ts';
import { useT } from '../i18n/index.ts';
import { type Board, loadBoard } from './board.ts';
import { CeremonyStatus } from './CeremonyStatus.tsx';
import { decryptInWorker } from './decrypt-client.ts';
import { NewPassphraseForm, OpenKeyForm, Working } from './KeyForms.tsx';
import { keyFileName, keyFileText, newKey, type OpenKey, openKey } from './keys.ts';
import { forgetTrusteeToken, takeTrusteeToken } from './link.ts';
import { assertMatchesBoard, nextStep, type Step } from './steps.ts';
import './trustee.css';
import { problemWords, WorkerFailure } from './words.ts';

/** How often the board is read while the page is visible. */
const POLL_MS = 3000;

type Loaded =
  | { readonly kind: 'loading' }
  | { readonly kind: 'no-link' }
  | { readonly kind: 'bad-link'; readonly otherElection: boolean }
  | { readonly kind: 'failed'; readonly problem: unknown }
  | { readonly kind: 'ready'; readonly me: number; readonly group: Group };

interface Session {
  readonly kind: string;
  readonly subject: string;
  readonly election: string | null;
}

let groupLoading: Promise<Group> | undefined;
/** libsodium's WASM group, or the pure-TypeScript one if WASM cannot load here. */
function theGroup(): Promise<Group> {
  groupLoading ??= loadGroup('sodium').catch(() => loadGroup('noble'));
  return groupLoading;
}

/** Who the link says this is: a trustee number, or why the link does not do. */
async function whoAmI(electionId: string): Promise<Loaded> {
  const token = takeTrusteeToken(electionId);
  if (!token) return { kind: 'no-link' };
  setBearer(token);
  let session: Session;
  try {
    session = await api<Session>('GET', '/api/session');
  } catch (e) {
    if (!(e instanceof ApiProblem) || e.status !== 401) throw e;
    session = { kind: 'none', subject: '', election: null };
  }
  if (session.kind !== 'trustee' || session.election !== electionId) {
    // A wrong, expired or foreign token is not kept, nor sent again.
    forgetTrusteeToken(electionId);
    setBearer(undefined);
    return { kind: 'bad-link', otherElection: session.kind === 'trustee' };
  }
  return { kind: 'ready', me: Number(session.subject), group: await theGroup() };
}

/**
 * The page at /trustee/:id: who the link is for, then the ceremony (or why the link does not do).
 * @example `<TrusteeConsole electionId="leader-2026" />`
 */
export function TrusteeConsole({ electionId }: { electionId: string }) {
  const all = useT();
  const t = all.trustee;
  const [loaded, setLoaded] = useState<Loaded>({ kind: 'loading' });
  const [board, setBoard] = useState<Board>();
  const [stale, setStale] = useState(false);
  const reads = useRef({ asked: 0, shown: 0 });

  /** Reads the board; an answer older than one already shown is dropped (the board only grows). */
  const refresh = async () => {
    const asked = ++reads.current.asked;
    try {
      const next = await loadBoard(electionId);
      if (asked > reads.current.shown) {
        reads.current.shown = asked;
        setBoard(next);
        setStale(false);
      }
    } catch (e) {
      if (e instanceof FingerprintMismatch) setLoaded({ kind: 'failed', problem: e });
      else setStale(true);
    }
  };

  const start = async () => {
    setLoaded({ kind: 'loading' });
    try {
      const [who, first] = await Promise.all([whoAmI(electionId), loadBoard(electionId)]);
      setBoard(first);
      setLoaded(who);
    } catch (e) {
      setLoaded({ kind: 'failed', problem: e });
    }
  };

  useEffect(() => {
    void start();
  }, [electionId]);

  useEffect(() => {
    if (loaded.kind !== 'ready') return;
    const tick = () => {
      if (document.visibilityState === 'visible') void refresh();
    };
    const timer = setInterval(tick, POLL_MS);
    document.addEventListener('visibilitychange', tick);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', tick);
    };
  }, [loaded.kind]);

  if (loaded.kind === 'loading' || (loaded.kind === 'ready' && !board))
    return (
      <>
        <Heading>{t.title}</Heading>
        <Busy text={t.loading} />
      </>
    );
  if (loaded.kind === 'no-link' || loaded.kind === 'bad-link')
    return (
      <>
        <Heading>{loaded.kind === 'no-link' ? t.link.missingTitle : t.link.badTitle}</Heading>
        <Problem>
          <p>
            {loaded.kind === 'no-link'
              ? t.link.missing
              : loaded.otherElection
                ? t.link.otherElection
                : t.link.bad}
          </p>
        </Problem>
      </>
    );
  if (loaded.kind === 'failed')
    return (
      <>
        <Heading>{all.app.problemTitle}</Heading>
        <Problem>
          <p>{problemWords(all, loaded.problem)}</p>
        </Problem>
        {!(loaded.problem instanceof FingerprintMismatch) && (
          <div class="actions">
            <button type="button" class="primary" onClick={() => void start()}>
              {t.retry}
            </button>
          </div>
        )}
      </>
    );
  return (
    <Ceremony
      electionId={electionId}
      me={loaded.me}
      group={loaded.group}
      board={board!}
      stale={stale}
      refresh={refresh}
    />
  );
}

/** The console once the trustee and the board are known: the step due, its action, the progress. */
function Ceremony({
  electionId,
  me,
  group,
  board,
  stale,
  refresh,
}: {
  electionId: string;
  me: number;
  group: Group;
  board: Board;
  stale: boolean;
  refresh: () => Promise<void>;
}) {
  const all = useT();
  const t = all.trustee;
  const [key, setKey] = useState<OpenKey>();
  const [busy, setBusy] = useState<{ text: string; fraction?: number }>();
  const [problem, setProblem] = useState<unknown>();
  const [savedName, setSavedName] = useState<string>();
  const [checked, setChecked] = useState<CheckOutcome>();
  const [opening, setOpening] = useState<number>();
  const step = nextStep(board, me, key?.secrets);
  const who = { election: electionId, trustee: me };

  // Secrets not yet in a downloaded file: the browser asks before the page is left.
  useEffect(() => {
    if (!key || key.saved) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    addEventListener('beforeunload', warn);
    return () => removeEventListener('beforeunload', warn);
  }, [key]);

  /** True while an action runs: a second click (before the button is disabled) does nothing. */
  const running = useRef(false);

  /**
   * Runs an action; its failure is shown in plain words, and the board is read again either way
   * before the buttons come back (so that the step just done is not offered again).
   */
  const act = async (text: string, action: () => Promise<void>) => {
    running.current = true;
    setProblem(undefined);
    setBusy({ text });
    try {
      await action();
    } catch (e) {
      setProblem(e);
    } finally {
      await refresh();
      setBusy(undefined);
      running.current = false;
    }
  };

  /** A click handler that does nothing while an action runs, or before a key file is open. */
  const onKey = (handler: (current: OpenKey) => void) => () => {
    if (key && !running.current) handler(key);
  };

  /**
   * Downloads the key file with the open secrets and keeps them open, as saved. Called in the click,
   * before any await: browsers let a page download on a click.
   */
  const save = (open: OpenKey): OpenKey => {
    const name = keyFileName(open.header);
    downloadText(name, keyFileText(open));
    const saved = { ...open, saved: true };
    setKey(saved);
    setSavedName(name);
    return saved;
  };

  const post = (route: string, body: unknown): Promise<void> =>
    api<void>('POST', `/api/elections/${encodeURIComponent(electionId)}/trustees/${me}/${route}`, body);

  const makeKey = async (passphrase: string) => {
    setProblem(undefined);
    setBusy({ text: t.makeKey.busy, fraction: 0 });
    try {
      const onProgress = (fraction: number) => setBusy({ text: t.makeKey.busy, fraction });
      setKey(await newKey(who, passphrase, newTrusteeSecrets(group, board.fingerprint, me), onProgress));
    } catch (e) {
      setProblem(e);
    } finally {
      setBusy(undefined);
    }
  };

  const open = async (file: File, passphrase: string) => {
    setProblem(undefined);
    setOpening(0);
    const opened = await openKey(
      file,
      passphrase,
      { ...who, fingerprint: board.fingerprintText },
      setOpening,
    ).finally(() => setOpening(undefined));
    assertMatchesBoard(board, me, opened.secrets);
    setKey(opened);
  };

  const publishIdentity = (current: OpenKey) => {
    const saved = current.saved ? current : save(current);
    void act(t.publishIdentity.publish, () => post('identity', identityBody(saved.secrets)));
  };

  const dealShares = (current: OpenKey) => {
    let made: ReturnType<typeof makeDealing>;
    try {
      made = makeDealing(group, board, me, current.secrets);
    } catch (e) {
      setProblem(e);
      return;
    }
    // Kept in the key file before it is sent: once published, f_j(j) can never be made again.
    if (!current.secrets.dealing || !current.saved) save({ ...current, secrets: made.secrets });
    void act(t.deal.button, () => post('dealing', made.body));
  };

  const check = (current: OpenKey) => {
    let outcome: CheckOutcome;
    try {
      outcome = checkShares(group, board, me, current.secrets);
    } catch (e) {
      setProblem(e);
      return;
    }
    const changed = JSON.stringify(outcome.secrets) !== JSON.stringify(current.secrets);
    if (changed || !current.saved) save({ ...current, secrets: outcome.secrets });
    else setKey({ ...current, secrets: outcome.secrets });
    setChecked(outcome);
    void act(t.check.button, async () => {
      for (const body of outcome.toSend) await post('complaint', body);
    });
  };

  const decrypt = (current: OpenKey) =>
    void act(t.decrypt.busy, async () => {
      const secret = secretShare(group, board, me, current.secrets);
      const reply = await decryptInWorker({
        fingerprint: board.fingerprintText,
        trustee: me,
        secret: encodeScalarWire(secret),
        answers: board.tally!.answers,
      }).catch((e: unknown) => {
        throw new WorkerFailure(e instanceof Error ? e.message : String(e));
      });
      await post('decryption-share', { answers: reply.answers });
    });

  return (
    <>
      <p class="election-title">{board.definition.title}</p>
      <StepView
        key={step.kind}
        step={step}
        board={board}
        me={me}
        group={group}
        openKey={key}
        busy={busy}
        opening={opening}
        checked={checked}
        electionId={electionId}
        onMakeKey={(p) => void makeKey(p)}
        onOpen={open}
        onPublishIdentity={onKey(publishIdentity)}
        onDeal={onKey(dealShares)}
        onCheck={onKey(check)}
        onDecrypt={onKey(decrypt)}
      />
      {problem !== undefined && (
        <Problem>
          <p>{problemWords(all, problem)}</p>
        </Problem>
      )}
      <div role="status">{savedName && <p class="notice">{t.saved(savedName)}</p>}</div>
      {key?.saved && (
        <div class="actions">
          <button type="button" class="secondary" onClick={() => save(key)}>
            {t.downloadAgain}
          </button>
        </div>
      )}
      <p class="notice">{t.memory}</p>
      <dl class="fingerprint">
        <dt>{t.fingerprintLabel}</dt>
        <dd>
          <code>{board.fingerprintText}</code>
        </dd>
      </dl>
      <p class="hint">{t.fingerprintHint}</p>
      <CeremonyStatus board={board} me={me} stale={stale} />
    </>
  );
}

interface StepProps {
  step: Step;
  board: Board;
  me: number;
  group: Group;
  openKey: OpenKey | undefined;
  busy: { text: string; fraction?: number } | undefined;
  /** The key derivation's progress while a key file is being opened. */
  opening: number | undefined;
  checked: CheckOutcome | undefined;
  electionId: string;
  onMakeKey: (passphrase: string) => void;
  onOpen: (file: File, passphrase: string) => Promise<void>;
  onPublishIdentity: () => void;
  onDeal: () => void;
  onCheck: () => void;
  onDecrypt: () => void;
}

/** One primary action, disabled (with its progress shown) while something runs. */
function Action({ label, busy, onClick }: { label: string; busy: StepProps['busy']; onClick: () => void }) {
  return (
    <>
      {busy && <Working text={busy.text} fraction={busy.fraction} />}
      <div class="actions">
        <button type="button" class="primary" disabled={busy !== undefined} onClick={onClick}>
          {label}
        </button>
      </div>
    </>
  );
}

/** The heading, the words and the action of the step due. */
function StepView(p: StepProps) {
  const all = useT();
  const t = all.trustee;
  const you = <p>{t.you(p.me, p.board.trustees, p.board.threshold)}</p>;
  const exampleName = keyFileName({ election: p.electionId, trustee: p.me });
  const openForm = <OpenKeyForm exampleName={exampleName} onOpen={p.onOpen} progress={p.opening} />;
  switch (p.step.kind) {
    case 'make-key':
      return (
        <>
          <Heading>{t.makeKey.title}</Heading>
          {you}
          <p>{t.makeKey.text}</p>
          {p.busy && <Working text={p.busy.text} fraction={p.busy.fraction} />}
          <NewPassphraseForm busy={p.busy !== undefined} onChosen={p.onMakeKey} />
          <h2>{t.makeKey.haveFileTitle}</h2>
          <p>{t.makeKey.haveFileText}</p>
          {openForm}
        </>
      );
    case 'publish-identity':
      return (
        <>
          <Heading>{t.publishIdentity.title}</Heading>
          {you}
          <p>{t.publishIdentity.text}</p>
          <Action
            label={p.openKey?.saved ? t.publishIdentity.publish : t.publishIdentity.saveAndPublish}
            busy={p.busy}
            onClick={p.onPublishIdentity}
          />
        </>
      );
    case 'open-key':
      return (
        <>
          <Heading>{t.openKey.title}</Heading>
          {you}
          <p>{t.openKey.text}</p>
          {openForm}
        </>
      );
    case 'wait-identities':
    case 'wait-dealings': {
      const words = p.step.kind === 'wait-identities' ? t.waitKeys : t.waitDealings;
      return (
        <>
          <Heading>{words.title}</Heading>
          {you}
          <p>{words.text(t.trustees(p.step.missing))}</p>
        </>
      );
    }
    case 'deal':
      return (
        <>
          <Heading>{t.deal.title}</Heading>
          {you}
          <p>{t.deal.text}</p>
          <Action label={t.deal.button} busy={p.busy} onClick={p.onDeal} />
        </>
      );
    case 'check':
      return (
        <>
          <Heading>{t.check.title}</Heading>
          {you}
          <p>{t.check.text}</p>
          <Action label={t.check.button} busy={p.busy} onClick={p.onCheck} />
        </>
      );
    case 'complaint-pending': {
      const list = t.trustees(p.step.dealers);
      const open = p.board.status === 'key-ceremony';
      return (
        <>
          <Heading>{t.complaint.title}</Heading>
          <CheckResult outcome={p.checked} />
          {open ? (
            <>
              <p>{t.complaint.pending(list)}</p>
              <Action label={t.complaint.send} busy={p.busy} onClick={p.onCheck} />
            </>
          ) : (
            <Problem>
              <p>{t.complaint.notUpheld(list)}</p>
            </Problem>
          )}
        </>
      );
    }
    case 'wait-tally':
      return (
        <>
          <Heading>{t.waitTally.title}</Heading>
          {you}
          <CheckResult outcome={p.checked} />
          <p>{t.waitTally.text}</p>
          <VerificationKey group={p.group} openKey={p.openKey} />
        </>
      );
    case 'decrypt':
      return (
        <>
          <Heading>{t.decrypt.title}</Heading>
          {you}
          <p>{t.decrypt.text(p.board.threshold)}</p>
          <Action label={t.decrypt.button} busy={p.busy} onClick={p.onDecrypt} />
        </>
      );
    case 'done':
      return (
        <>
          <Heading>{t.done.title}</Heading>
          <p class="ok">{t.done.text(p.board.decryptionShares.length, p.board.threshold)}</p>
        </>
      );
    case 'published':
      return (
        <>
          <Heading>{t.published.title}</Heading>
          <p>{t.published.text}</p>
          <p>
            <a href={`/elections/${encodeURIComponent(p.electionId)}/results`}>{t.published.link}</a>
          </p>
        </>
      );
    case 'too-late':
      return (
        <>
          <Heading>{t.tooLate.title}</Heading>
          <p class="notice">{t.tooLate.text}</p>
        </>
      );
  }
}

/** What the check of the shares found, in words (once it ran in this page). */
function CheckResult({ outcome }: { outcome: CheckOutcome | undefined }) {
  const t = useT().trustee;
  if (!outcome) return null;
  return (
    <ul class="checks">
      {outcome.valid.length > 0 && <li>{t.check.valid(t.trustees(outcome.valid), outcome.valid.length)}</li>}
      {outcome.complaints.length > 0 && (
        <li>{t.check.complaint(t.trustees(outcome.complaints), outcome.complaints.length)}</li>
      )}
    </ul>
  );
}

/** X_j, public, once the key file holds the combined share. */
function VerificationKey({ group, openKey }: { group: Group; openKey: OpenKey | undefined }) {
  const t = useT().trustee;
  const share = openKey?.secrets.combinedShare;
  if (!share) return null;
  const key = encodeElement(group, group.mulBase(decodeScalarWire(share, 'combinedShare')));
  return (
    <dl class="fingerprint">
      <dt>{t.waitTally.verificationKey}</dt>
      <dd>
        <code>{key}</code>
      </dd>
    </dl>
  );
}
