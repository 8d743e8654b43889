/**
 * The console's form fields: a label, an optional hint, the error (announced with the field: it is in
 * the field's description) and the control. Plain text in, plain text out.
 */
import type { ComponentChildren } from 'preact';

interface Common {
  readonly id: string;
  readonly label: ComponentChildren;
  readonly hint?: ComponentChildren;
  readonly error?: string | undefined;
}

/** The `aria-describedby` of a field with these parts. */
function describedBy(id: string, hint: unknown, error: unknown): string | undefined {
  return [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
}

function Parts({ id, label, hint, error }: Common) {
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
    </>
  );
}

/** A one-line text field (or email, password, number, date, datetime-local). */
export function TextField(
  props: Common & {
    readonly value: string;
    readonly onInput: (value: string) => void;
    readonly type?: 'text' | 'email' | 'password' | 'number' | 'date' | 'datetime-local';
    readonly autocomplete?: string;
    readonly inputMode?: 'numeric' | 'text' | 'email';
    readonly min?: string;
    readonly class?: string;
  },
) {
  const { id, value, onInput, type = 'text', hint, error } = props;
  return (
    <div class={`field-group ${props.class ?? ''}`.trim()}>
      <Parts {...props} />
      <input
        id={id}
        name={id}
        type={type as 'text'}
        value={value}
        autocomplete={props.autocomplete ?? 'off'}
        inputMode={props.inputMode}
        min={props.min}
        spellcheck={type === 'text' ? undefined : false}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        onInput={(e) => onInput(e.currentTarget.value)}
      />
    </div>
  );
}

/** A text area for longer texts (statements, descriptions). */
export function TextArea(
  props: Common & {
    readonly value: string;
    readonly onInput: (value: string) => void;
    readonly rows?: number;
  },
) {
  const { id, value, onInput, hint, error } = props;
  return (
    <div class="field-group">
      <Parts {...props} />
      <textarea
        id={id}
        name={id}
        class="prose"
        rows={props.rows ?? 3}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        onInput={(e) => onInput(e.currentTarget.value)}
      />
    </div>
  );
}

/** A checkbox with its label beside it. */
export function CheckField({
  id,
  label,
  hint,
  checked,
  onChange,
}: {
  readonly id: string;
  readonly label: ComponentChildren;
  readonly hint?: ComponentChildren;
  readonly checked: boolean;
  readonly onChange: (checked: boolean) => void;
}) {
  return (
    <div class="field-group check">
      <input
        type="checkbox"
        id={id}
        name={id}
        checked={checked}
        aria-describedby={hint ? `${id}-hint` : undefined}
        onChange={(e) => onChange(e.currentTarget.checked)}
      />
      <label for={id}>{label}</label>
      {hint && (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
    </div>
  );
}
