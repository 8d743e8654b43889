/**
 * The ballot as a voter will see it, drawn from the form as it stands (every change shows at once): the
 * same questions, hints, options, statements and blank choice as the booth's ballot page, with the same
 * classes. It can be tried — nothing is sent anywhere. (The booth's BallotForm is a whole page, with its
 * heading and its "continue" button, so the preview draws the questions itself and shares the hints.)
 */
import { useState } from 'preact/hooks';
import type { Question } from '../../protocol/definition.ts';
import { questionHint } from '../booth/BallotForm.tsx';
import { useT } from '../i18n/index.ts';

interface LooseQuestion {
  readonly title?: unknown;
  readonly type?: unknown;
  readonly blankAllowed?: unknown;
  readonly min?: unknown;
  readonly max?: unknown;
  readonly candidates?: readonly { readonly name?: unknown; readonly statement?: unknown }[];
}

const text = (v: unknown) => (typeof v === 'string' ? v : '');

/** A question as the booth's hint needs it, with sane bounds while the form is still being filled. */
function asQuestion(q: LooseQuestion): Question {
  const count = q.candidates?.length ?? 0;
  const bound = (v: unknown, fallback: number) =>
    typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : fallback;
  const base = { id: 'preview', title: text(q.title), candidates: [] };
  return q.type === 'approval'
    ? { ...base, type: 'approval', min: bound(q.min, 0), max: bound(q.max, count) }
    : { ...base, type: 'single', blankAllowed: q.blankAllowed === true };
}

export function BallotPreview({ definition }: { definition: Record<string, unknown> }) {
  const t = useT();
  const p = t.console.preview;
  const questions = (definition.questions as readonly LooseQuestion[] | undefined) ?? [];
  const [chosen, setChosen] = useState<Record<string, boolean>>({});
  return (
    <section class="preview" aria-labelledby="preview-title">
      <h2 id="preview-title">{p.title}</h2>
      <p class="hint">{p.intro}</p>
      <div class="preview-ballot">
        <p class="election-title">{text(definition.title) || p.noTitle}</p>
        {questions.map((q, i) => {
          const question = asQuestion(q);
          const single = question.type === 'single';
          const name = `pv-q${i}`;
          return (
            <fieldset key={name} aria-describedby={`${name}-hint`}>
              <legend>{text(q.title) || p.noQuestion(i + 1)}</legend>
              <p class="hint" id={`${name}-hint`}>
                {questionHint(t, question)}
              </p>
              <ul class="options">
                {(q.candidates ?? []).map((c, j) => {
                  const id = `${name}-c${j}`;
                  const statement = text(c.statement);
                  return (
                    <li key={id}>
                      <label for={id}>
                        <input
                          type={single ? 'radio' : 'checkbox'}
                          id={id}
                          name={name}
                          checked={chosen[id] === true}
                          aria-describedby={statement ? `${id}-statement` : undefined}
                          onChange={(e) => {
                            const on = e.currentTarget.checked;
                            setChosen((was) => {
                              const next = single
                                ? Object.fromEntries(
                                    Object.entries(was).filter(([k]) => !k.startsWith(`${name}-`)),
                                  )
                                : { ...was };
                              next[id] = on;
                              return next;
                            });
                          }}
                        />
                        <span>{text(c.name) || p.noName(j + 1)}</span>
                      </label>
                      {statement && (
                        <p class="statement" id={`${id}-statement`}>
                          <span class="visually-hidden">{t.ballot.statement}: </span>
                          {statement}
                        </p>
                      )}
                    </li>
                  );
                })}
                {single && question.type === 'single' && question.blankAllowed && (
                  <li class="blank">
                    <label for={`${name}-blank`}>
                      <input
                        type="radio"
                        id={`${name}-blank`}
                        name={name}
                        checked={chosen[`${name}-blank`] === true}
                        onChange={() =>
                          setChosen((was) => ({
                            ...Object.fromEntries(
                              Object.entries(was).filter(([k]) => !k.startsWith(`${name}-`)),
                            ),
                            [`${name}-blank`]: true,
                          }))
                        }
                      />
                      <span>{t.ballot.blank}</span>
                    </label>
                  </li>
                )}
              </ul>
            </fieldset>
          );
        })}
      </div>
    </section>
  );
}
