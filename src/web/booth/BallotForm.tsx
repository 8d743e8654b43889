/**
 * The ballot: one fieldset per question — radio buttons for a single choice (with "leave blank" when
 * the election allows it), checkboxes for approval between min and max — each candidate with their
 * statement. Names and statements are organiser text and are rendered as text, never as HTML. Missing
 * or extra choices are reported on this page, with a summary linking to each question.
 */
import { useRef, useState } from 'preact/hooks';
import type { ElectionDefinition, Question } from '../../protocol/definition.ts';
import { questionBounds } from '../../protocol/definition.ts';
import { Heading } from '../common.tsx';
import { type Messages, useT } from '../i18n/index.ts';
import { type Answer, type AnswerIssue, checkAnswers } from './choices.ts';

/** The instruction under a question's title. */
export function questionHint(t: Messages, q: Question): string {
  if (q.type === 'single') return q.blankAllowed ? t.ballot.chooseOneOrBlank : t.ballot.chooseOne;
  const { min, max } = questionBounds(q);
  if (min === max) return t.ballot.chooseExactly(min);
  if (min === 0) return t.ballot.chooseUpTo(max);
  return t.ballot.chooseBetween(min, max);
}

function issueText(t: Messages, issue: AnswerIssue): string {
  switch (issue.kind) {
    case 'need-one':
      return t.ballot.needOne;
    case 'need-one-or-blank':
      return t.ballot.needOneOrBlank;
    case 'too-few':
      return t.ballot.tooFew(issue.min);
    case 'too-many':
      return t.ballot.tooMany(issue.max);
  }
}

function QuestionField({
  q,
  index,
  answer,
  issue,
  onChange,
}: {
  q: Question;
  index: number;
  answer: Answer;
  issue: AnswerIssue | null;
  onChange: (answer: Answer) => void;
}) {
  const t = useT();
  const name = `q${index}`;
  const single = q.type === 'single';
  const described = issue ? `${name}-hint ${name}-error` : `${name}-hint`;
  const toggle = (j: number, on: boolean) => {
    if (single) onChange({ chosen: [j], blank: false });
    else
      onChange({
        chosen: on ? [...answer.chosen.filter((c) => c !== j), j] : answer.chosen.filter((c) => c !== j),
        blank: false,
      });
  };
  return (
    <fieldset id={name} class={issue ? 'invalid' : undefined} aria-describedby={described}>
      <legend>{q.title}</legend>
      <p class="hint" id={`${name}-hint`}>
        {questionHint(t, q)}
      </p>
      {issue && (
        <p class="field-error" id={`${name}-error`}>
          {issueText(t, issue)}
        </p>
      )}
      <ul class="options">
        {q.candidates.map((c, j) => {
          const id = `${name}-c${j}`;
          return (
            <li key={c.id}>
              <label for={id}>
                <input
                  type={single ? 'radio' : 'checkbox'}
                  id={id}
                  name={name}
                  value={c.id}
                  checked={!answer.blank && answer.chosen.includes(j)}
                  aria-describedby={c.statement ? `${id}-statement` : undefined}
                  onChange={(e) => toggle(j, e.currentTarget.checked)}
                />
                <span>{c.name}</span>
              </label>
              {c.statement && (
                <p class="statement" id={`${id}-statement`}>
                  <span class="visually-hidden">{t.ballot.statement}: </span>
                  {c.statement}
                </p>
              )}
            </li>
          );
        })}
        {single && q.blankAllowed && (
          <li class="blank">
            <label for={`${name}-blank`}>
              <input
                type="radio"
                id={`${name}-blank`}
                name={name}
                value=""
                checked={answer.blank}
                onChange={() => onChange({ chosen: [], blank: true })}
              />
              <span>{t.ballot.blank}</span>
            </label>
          </li>
        )}
      </ul>
    </fieldset>
  );
}

export function BallotForm({
  definition,
  answers,
  onAnswers,
  onDone,
}: {
  definition: ElectionDefinition;
  answers: readonly Answer[];
  onAnswers: (answers: Answer[]) => void;
  onDone: () => void;
}) {
  const t = useT();
  const [issues, setIssues] = useState<(AnswerIssue | null)[] | undefined>();
  const summary = useRef<HTMLDivElement>(null);
  const submit = (event: Event) => {
    event.preventDefault();
    const found = checkAnswers(definition, answers);
    if (found.some((i) => i !== null)) {
      setIssues(found);
      requestAnimationFrame(() => summary.current?.focus());
      return;
    }
    setIssues(undefined);
    onDone();
  };
  const change = (i: number, answer: Answer) => {
    const next = [...answers];
    next[i] = answer;
    onAnswers(next);
    if (issues) setIssues(checkAnswers(definition, next).map((issue, k) => (issues[k] ? issue : null)));
  };
  const shown = issues?.some((i) => i !== null) ? issues : undefined;
  return (
    <>
      <Heading>{t.ballot.title}</Heading>
      {shown && (
        <div class="summary" role="alert" tabIndex={-1} ref={summary} aria-labelledby="summary-title">
          <h2 id="summary-title">{t.ballot.errorsTitle}</h2>
          <ul>
            {shown.map((issue, i) =>
              issue ? (
                <li key={definition.questions[i]!.id}>
                  <a
                    href={`#q${i}`}
                    onClick={(e) => {
                      e.preventDefault();
                      document.querySelector<HTMLInputElement>(`#q${i} input`)?.focus();
                    }}
                  >
                    {definition.questions[i]!.title}: {issueText(t, issue)}
                  </a>
                </li>
              ) : null,
            )}
          </ul>
        </div>
      )}
      <form onSubmit={submit} noValidate>
        {definition.questions.map((q, i) => (
          <QuestionField
            key={q.id}
            q={q}
            index={i}
            answer={answers[i] ?? { chosen: [], blank: false }}
            issue={shown?.[i] ?? null}
            onChange={(a) => change(i, a)}
          />
        ))}
        <div class="actions">
          <button type="submit" class="primary">
            {t.ballot.next}
          </button>
        </div>
      </form>
    </>
  );
}
