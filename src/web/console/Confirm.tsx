/**
 * "Are you sure?" before a step that cannot be undone: a modal <dialog> (the browser keeps the focus in
 * it, Escape cancels, and the focus returns to the button that opened it) saying what the step will do.
 */
import { useEffect, useRef } from 'preact/hooks';
import { useT } from '../i18n/index.ts';

/** What the dialog asks. @example `{ title: 'Close voting?', text: 'No more ballots…', confirm: 'Close voting' }` */
export interface Question {
  readonly title: string;
  readonly text: string;
  readonly confirm: string;
}

export function ConfirmDialog({
  question,
  onConfirm,
  onCancel,
}: {
  question: Question | undefined;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const t = useT();
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (question && !dialog.open) dialog.showModal();
    if (!question && dialog.open) dialog.close();
  }, [question]);
  return (
    <dialog
      ref={ref}
      class="confirm"
      aria-labelledby="confirm-title"
      aria-describedby="confirm-text"
      onClose={() => {
        if (question) onCancel();
      }}
    >
      {question && (
        <form
          method="dialog"
          onSubmit={(e) => {
            e.preventDefault();
            onConfirm();
          }}
        >
          <h2 id="confirm-title">{question.title}</h2>
          <p id="confirm-text">{question.text}</p>
          <div class="actions">
            <button type="submit" class="primary">
              {question.confirm}
            </button>
            <button type="button" class="secondary" onClick={onCancel}>
              {t.console.confirm.cancel}
            </button>
          </div>
        </form>
      )}
    </dialog>
  );
}
