/**
 * The voter's answers while they fill the ballot, the checks made before encrypting (so the voter
 * learns of a missing or extra choice on the ballot page, in plain words, not from a failed proof),
 * and the candidate indices the ballot encrypts. A blank answer encrypts no candidate (SPEC.md §5).
 *
 * @example
 * ```ts
 * const answers = emptyAnswers(definition);
 * answers[0] = { chosen: [2], blank: false };
 * checkAnswers(definition, answers); // [null]
 * chosenIndices(answers);            // [[2]]
 * ```
 */
import type { ElectionDefinition, Question } from '../../protocol/definition.ts';
import { questionBounds } from '../../protocol/definition.ts';

/** One question's answer: the chosen candidate indices, or an explicit blank (single questions). */
export interface Answer {
  readonly chosen: readonly number[];
  readonly blank: boolean;
}

export type AnswerIssue =
  | { readonly kind: 'need-one' }
  | { readonly kind: 'need-one-or-blank' }
  | { readonly kind: 'too-few'; readonly min: number }
  | { readonly kind: 'too-many'; readonly max: number };

/** Nothing chosen yet. */
export function emptyAnswers(definition: ElectionDefinition): Answer[] {
  return definition.questions.map(() => ({ chosen: [], blank: false }));
}

/** What is wrong with one answer, or null. */
export function checkAnswer(question: Question, answer: Answer | undefined): AnswerIssue | null {
  const chosen = answer?.chosen.length ?? 0;
  if (question.type === 'single') {
    if (chosen === 1 && !answer?.blank) return null;
    if (chosen === 0 && answer?.blank && question.blankAllowed) return null;
    if (chosen > 1) return { kind: 'too-many', max: 1 };
    return question.blankAllowed ? { kind: 'need-one-or-blank' } : { kind: 'need-one' };
  }
  const { min, max } = questionBounds(question);
  if (chosen < min) return { kind: 'too-few', min };
  if (chosen > max) return { kind: 'too-many', max };
  return null;
}

/** The issues of every answer, in question order (null where the answer is fine). */
export function checkAnswers(
  definition: ElectionDefinition,
  answers: readonly Answer[],
): (AnswerIssue | null)[] {
  return definition.questions.map((q, i) => checkAnswer(q, answers[i]));
}

/** The candidate indices per question, as createBallot takes them (a blank answer chooses none). */
export function chosenIndices(answers: readonly Answer[]): number[][] {
  return answers.map((a) => (a.blank ? [] : [...a.chosen].sort((x, y) => x - y)));
}
