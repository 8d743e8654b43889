/**
 * A labelled form field for every page: the label, an optional hint, the error (announced with the
 * field: it is in the control's description, and the control is marked invalid by its caller) and
 * the control, whose `aria-describedby` names exactly the parts shown. Plain text in, plain text out.
 *
 * @example
 * ```tsx
 * <Field id="member-id" label={t.label} hint={t.hint} error={error}>
 *   {(describedBy) => (
 *     <input id="member-id" aria-invalid={error ? true : undefined} aria-describedby={describedBy} />
 *   )}
 * </Field>
 * ```
 */
import type { ComponentChildren } from 'preact';

/**
 * The `aria-describedby` of a field with these parts: its hint's id and its error's id, when shown.
 * @example `describedBy('email', 'We write to it', undefined)  // 'email-hint'`
 */
export function describedBy(id: string, hint: unknown, error: unknown): string | undefined {
  return [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
}

/**
 * The label, hint and error of the control with id `id`, then the control, which `children` draws
 * given its `aria-describedby`.
 * @example `<Field id="note" label="Note" error={error}>{(d) => <textarea id="note" aria-describedby={d} />}</Field>`
 */
export function Field({
  id,
  label,
  hint,
  error,
  children,
}: {
  readonly id: string;
  readonly label: ComponentChildren;
  readonly hint?: ComponentChildren;
  readonly error?: string | undefined;
  readonly children: (describedBy: string | undefined) => ComponentChildren;
}) {
  return (
    <>
      <label class="field" for={id}>
        {label}
      </label>
      {hint && (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p class="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
      {children(describedBy(id, hint, error))}
    </>
  );
}
