/**
 * The console's form fields: a label, an optional hint, the error (announced with the field: it is in
 * the field's description) and the control (src/web/fields.tsx). Plain text in, plain text out.
 */
import type { ComponentChildren } from 'preact';
import { Field } from '../fields.tsx';

interface Common {
  readonly id: string;
  readonly label: ComponentChildren;
  readonly hint?: ComponentChildren;
  readonly error?: string | undefined;
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
  const { id, value, onInput, type = 'text', error } = props;
  return (
    <div class={`field-group ${props.class ?? ''}`.trim()}>
      <Field {...props}>
        {(describedBy) => (
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
            aria-describedby={describedBy}
            onInput={(e) => onInput(e.currentTarget.value)}
          />
        )}
      </Field>
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
  const { id, value, onInput, error } = props;
  return (
    <div class="field-group">
      <Field {...props}>
        {(describedBy) => (
          <textarea
            id={id}
            name={id}
            class="prose"
            rows={props.rows ?? 3}
            value={value}
            aria-invalid={error ? true : undefined}
            aria-describedby={describedBy}
            onInput={(e) => onInput(e.currentTarget.value)}
          />
        )}
      </Field>
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
