/** The review screen: every question with what the voter chose (or "blank"), before anything is encrypted. */
import type { ElectionDefinition, Question } from '../../protocol/definition.ts';
import { Heading } from '../common.tsx';
import { useT } from '../i18n/index.ts';
import type { Answer } from './choices.ts';

/**
 * Every question with the candidates chosen in it (in the ballot's order), or "blank": what the voter
 * reviews before encrypting, and what an audit on a second device shows was encrypted.
 * @example `<ChoicesList questions={definition.questions} chosen={(q, i) => q.candidates.filter(…)} />`
 */
export function ChoicesList({
  questions,
  chosen,
}: {
  questions: readonly Question[];
  chosen: (question: Question, index: number) => readonly Question['candidates'][number][];
}) {
  const t = useT();
  return (
    <dl class="review">
      {questions.map((q, i) => {
        const candidates = chosen(q, i);
        return (
          <div key={q.id}>
            <dt>{q.title}</dt>
            <dd>
              {candidates.length === 0 ? (
                t.review.blank
              ) : (
                <ul>
                  {candidates.map((c) => (
                    <li key={c.id}>{c.name}</li>
                  ))}
                </ul>
              )}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}

export function Review({
  definition,
  answers,
  onChange,
  onEncrypt,
}: {
  definition: ElectionDefinition;
  answers: readonly Answer[];
  onChange: () => void;
  onEncrypt: () => void;
}) {
  const t = useT();
  return (
    <>
      <Heading>{t.review.title}</Heading>
      <ChoicesList
        questions={definition.questions}
        chosen={(q, i) => {
          const answer = answers[i];
          return answer && !answer.blank ? q.candidates.filter((_, j) => answer.chosen.includes(j)) : [];
        }}
      />
      <p class="notice">{t.review.encryptNote}</p>
      <div class="actions">
        <button type="button" class="primary" onClick={onEncrypt}>
          {t.review.encrypt}
        </button>
        <button type="button" class="secondary" onClick={onChange}>
          {t.review.change}
        </button>
      </div>
    </>
  );
}
