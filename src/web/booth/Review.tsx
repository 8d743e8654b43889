/** The review screen: every question with what the voter chose (or "blank"), before anything is encrypted. */
import type { ElectionDefinition } from '../../protocol/definition.ts';
import { Heading } from '../common.tsx';
import { useT } from '../i18n/index.ts';
import type { Answer } from './choices.ts';

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
      <dl class="review">
        {definition.questions.map((q, i) => {
          const answer = answers[i];
          const names = answer && !answer.blank ? [...answer.chosen].sort((a, b) => a - b) : [];
          return (
            <div key={q.id}>
              <dt>{q.title}</dt>
              <dd>
                {names.length === 0 ? (
                  t.review.blank
                ) : (
                  <ul>
                    {names.map((j) => (
                      <li key={q.candidates[j]!.id}>{q.candidates[j]!.name}</li>
                    ))}
                  </ul>
                )}
              </dd>
            </div>
          );
        })}
      </dl>
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
