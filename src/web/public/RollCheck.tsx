/**
 * A member's check that they are on the committed roll (/elections/:id/roll-check): they type their
 * member id and the roll-check code (salt) sent with their credential and, for the roll as first
 * committed, choose the organisers' public roll file. Everything runs here — the id and code are never
 * sent anywhere; the page only reads the public board, which it checks against the board's signature.
 * What is checked and why: ./roll.ts.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { problemText } from '../api.ts';
import { Busy, Heading } from '../common.tsx';
import type { PublicElection } from '../election.ts';
import { Field } from '../fields.tsx';
import { type Messages, useT } from '../i18n/index.ts';
import {
  BoardMismatch,
  type BoardRoll,
  judgeMember,
  type RollVerdict,
  readBoardRoll,
  readRollFile,
  readSalt,
} from './roll.ts';
import { ElectionProblem, ElectionTitle, formatWhen, localeOf, useElection } from './shared.tsx';

/** A roll file of this size would list about five million members: larger is not a roll file here. */
const MAX_FILE_BYTES = 256 * 1024 * 1024;

type Outcome =
  | { readonly name: 'idle' }
  | { readonly name: 'reading'; readonly read: number; readonly total: number }
  | { readonly name: 'verdict'; readonly verdict: RollVerdict }
  | { readonly name: 'failed'; readonly title: string; readonly text: string };

interface FieldErrors {
  readonly member?: string;
  readonly salt?: string;
}

export function RollCheck({ electionId }: { electionId: string }) {
  const t = useT();
  const { election, problem } = useElection(electionId, false);
  if (!election) {
    if (problem !== undefined) return <ElectionProblem title={t.rollCheck.title} problem={problem} />;
    // The heading keeps its place (after the election's title, still unknown): it is not remounted, and
    // so does not take the focus, when the election arrives.
    return (
      <>
        {null}
        <Heading>{t.rollCheck.title}</Heading>
        <Busy text={t.app.loading} />
      </>
    );
  }
  const electorate = election.summary.electorate;
  return (
    <>
      <ElectionTitle election={election} />
      <Heading>{t.rollCheck.title}</Heading>
      {electorate === null ? (
        <p class="notice">{t.rollCheck.noElectorate}</p>
      ) : electorate.members === null ? (
        <p class="notice">{t.rollCheck.notCommitted}</p>
      ) : (
        <CheckForm election={election} />
      )}
      <p>
        <a href={`/elections/${encodeURIComponent(election.id)}`}>{t.results.electionPage}</a>
      </p>
    </>
  );
}

function CheckForm({ election }: { election: PublicElection }) {
  const t = useT();
  const [member, setMember] = useState('');
  const [salt, setSalt] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [outcome, setOutcome] = useState<Outcome>({ name: 'idle' });
  const fileInput = useRef<HTMLInputElement>(null);
  // The board is read once per visit: checking again after a typo asks the server nothing new.
  const board = useRef<Promise<BoardRoll>>(undefined);

  const check = async () => {
    const saltBytes = readSalt(salt);
    const found: FieldErrors = {
      ...(member.trim() === '' ? { member: t.rollCheck.memberEmpty } : {}),
      ...(salt.trim() === ''
        ? { salt: t.rollCheck.saltEmpty }
        : saltBytes
          ? {}
          : { salt: t.rollCheck.saltBad }),
    };
    setErrors(found);
    if (found.member || found.salt || !saltBytes) {
      setOutcome({ name: 'idle' });
      document.getElementById(found.member ? 'member-id' : 'roll-salt')?.focus();
      return;
    }
    const file = fileInput.current?.files?.[0];
    if (file && file.size > MAX_FILE_BYTES) {
      setOutcome({ name: 'failed', title: t.rollCheck.badFileTitle, text: t.rollCheck.fileTooLarge });
      return;
    }
    setOutcome({ name: 'reading', read: 0, total: 0 });
    try {
      const published = file ? readRollFile(await file.text()) : undefined;
      if (file && !published) {
        setOutcome({ name: 'failed', title: t.rollCheck.badFileTitle, text: t.rollCheck.unreadableFile });
        return;
      }
      board.current ??= readBoardRoll(election, (read, total) =>
        setOutcome({ name: 'reading', read, total }),
      );
      const roll = await board.current;
      setOutcome({ name: 'verdict', verdict: judgeMember(roll, member.trim(), saltBytes, published) });
    } catch (e) {
      board.current = undefined;
      const text = e instanceof BoardMismatch ? t.rollCheck.boardMismatch : problemText(t, e);
      setOutcome({ name: 'failed', title: t.app.problemTitle, text });
    }
  };

  return (
    <>
      <p>{t.rollCheck.intro}</p>
      <p class="notice">{t.rollCheck.private}</p>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void check();
        }}
      >
        <TextField
          id="member-id"
          label={t.rollCheck.memberLabel}
          hint={t.rollCheck.memberHint}
          value={member}
          error={errors.member}
          onInput={setMember}
        />
        <TextField
          id="roll-salt"
          label={t.rollCheck.saltLabel}
          hint={t.rollCheck.saltHint}
          value={salt}
          error={errors.salt}
          onInput={setSalt}
          code
        />
        <label class="field" for="roll-file">
          {t.rollCheck.fileLabel}
        </label>
        <p class="hint" id="roll-file-hint">
          {t.rollCheck.fileHint}
        </p>
        <input
          type="file"
          id="roll-file"
          ref={fileInput}
          accept=".json,application/json"
          aria-describedby="roll-file-hint"
        />
        <div class="actions">
          <button type="submit" class="primary" disabled={outcome.name === 'reading'}>
            {t.rollCheck.button}
          </button>
        </div>
      </form>
      <OutcomeShown outcome={outcome} />
      <h2>{t.rollCheck.howTitle}</h2>
      <p>{t.rollCheck.how}</p>
    </>
  );
}

interface TextFieldProps {
  readonly id: string;
  readonly label: string;
  readonly hint: string;
  readonly value: string;
  readonly error: string | undefined;
  readonly onInput: (value: string) => void;
  readonly code?: boolean;
}

function TextField({ id, label, hint, value, error, onInput, code }: TextFieldProps) {
  return (
    <Field id={id} label={label} hint={hint} error={error}>
      {(describedBy) => (
        <input
          type="text"
          id={id}
          class={code ? 'credential' : undefined}
          value={value}
          autocomplete="off"
          autocapitalize="off"
          spellcheck={false}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          onInput={(e) => onInput(e.currentTarget.value)}
        />
      )}
    </Field>
  );
}

function OutcomeShown({ outcome }: { outcome: Outcome }) {
  const t = useT();
  const heading = useRef<HTMLHeadingElement>(null);
  // The verdict's heading takes the focus when it appears, so it is read out at once.
  useEffect(() => {
    if (outcome.name === 'verdict' || outcome.name === 'failed') heading.current?.focus();
  }, [outcome]);
  if (outcome.name === 'idle') return null;
  if (outcome.name === 'reading') {
    return (
      <div class="busy" role="status">
        <progress
          aria-label={t.rollCheck.checking}
          {...(outcome.total > 0 ? { value: outcome.read, max: outcome.total } : {})}
        />
        <span>
          {outcome.total > 0 ? t.rollCheck.reading(outcome.read, outcome.total) : t.rollCheck.checking}
        </span>
      </div>
    );
  }
  if (outcome.name === 'failed') {
    return (
      <section class="problem" aria-labelledby="roll-result" data-testid="roll-bad">
        <h2 id="roll-result" tabIndex={-1} ref={heading}>
          {outcome.title}
        </h2>
        <p>{outcome.text}</p>
      </section>
    );
  }
  const { good, title, body } = verdictText(t, outcome.verdict);
  return (
    <section
      class={good === undefined ? 'notice' : good ? 'ok' : 'problem'}
      aria-labelledby="roll-result"
      data-testid={good === undefined ? 'roll-more' : good ? 'roll-ok' : 'roll-bad'}
    >
      <h2 id="roll-result" tabIndex={-1} ref={heading}>
        {title}
      </h2>
      {body}
    </section>
  );
}

/** The verdict in words: good (on the roll), bad, or undefined when the member must do one more thing. */
function verdictText(
  t: Messages,
  verdict: RollVerdict,
): { good: boolean | undefined; title: string; body: ComponentChildren } {
  const r = t.rollCheck;
  const when = (iso: string) => formatWhen(iso, localeOf(t));
  const reason = (text: string, a: { time: string; payload: { reason: string } }) => (
    <>
      <p>{text}</p>
      <blockquote class="reason">{a.payload.reason}</blockquote>
    </>
  );
  const size = (current: number | null, members?: number) =>
    current !== null && current !== members ? <p>{r.currentSize(current)}</p> : null;
  switch (verdict.kind) {
    case 'found':
      return {
        good: true,
        title: r.foundTitle,
        body: (
          <>
            <p>{r.found(verdict.members)}</p>
            {size(verdict.current, verdict.members)}
          </>
        ),
      };
    case 'added':
    case 'corrected-to': {
      const a = verdict.amendment;
      const text = verdict.kind === 'added' ? r.foundAdded(when(a.time)) : r.foundCorrected(when(a.time));
      return {
        good: true,
        title: r.foundTitle,
        body: (
          <>
            {reason(text, a)}
            {size(verdict.current)}
          </>
        ),
      };
    }
    case 'removed':
      return {
        good: false,
        title: r.removedTitle,
        body: reason(r.removed(when(verdict.amendment.time)), verdict.amendment),
      };
    case 'corrected-from':
      return {
        good: false,
        title: r.correctedTitle,
        body: reason(r.corrected(when(verdict.amendment.time)), verdict.amendment),
      };
    case 'need-file':
      return { good: undefined, title: r.notFoundTitle, body: <p>{r.needFile}</p> };
    case 'wrong-file':
      return { good: false, title: r.badFileTitle, body: <p>{r.wrongFile}</p> };
    case 'not-found':
      return { good: false, title: r.notFoundTitle, body: <p>{r.notFound}</p> };
  }
}
