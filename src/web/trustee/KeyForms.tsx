/**
 * The two forms around the key file: choosing a passphrase for a new one (twice, with a strength hint
 * and the minimum length), and opening one (the file and its passphrase; a wrong passphrase is said
 * next to the passphrase). Both show the key derivation's progress: it takes about a second.
 */
import { useState } from 'preact/hooks';
import { KeyFileError, MIN_PASSPHRASE_LENGTH } from '../../protocol/trustee-key.ts';
import { Problem } from '../common.tsx';
import { Field } from '../fields.tsx';
import { useT } from '../i18n/index.ts';
import { passphraseStrength } from './keys.ts';
import { problemWords } from './words.ts';

/**
 * A long job: a progress bar (determinate when `fraction` is known), announced politely.
 * @example `<Working text="Unlocking your key file…" fraction={0.4} />`
 */
export function Working({ text, fraction }: { text: string; fraction?: number | undefined }) {
  return (
    <div class="busy" role="status">
      {fraction === undefined ? (
        <progress aria-label={text} />
      ) : (
        <progress aria-label={text} max={100} value={Math.round(fraction * 100)} />
      )}
      <span>{text}</span>
    </div>
  );
}

/** A passphrase typed into a field; `also` names another element that describes it (a strength hint). */
function PassphraseField({
  id,
  label,
  hint,
  error,
  value,
  onInput,
  autocomplete,
  also,
}: {
  id: string;
  label: string;
  hint?: string;
  error: string | undefined;
  value: string;
  onInput: (value: string) => void;
  autocomplete: 'new-password' | 'current-password';
  also?: string;
}) {
  return (
    <Field id={id} label={label} hint={hint} error={error}>
      {(describedBy) => (
        <input
          type="password"
          id={id}
          name={id}
          autocomplete={autocomplete}
          value={value}
          aria-invalid={error ? true : undefined}
          aria-describedby={[describedBy, also].filter(Boolean).join(' ') || undefined}
          onInput={(e) => onInput(e.currentTarget.value)}
        />
      )}
    </Field>
  );
}

/**
 * The passphrase of a new key file, typed twice; `onChosen` runs once both agree and are long enough.
 * @example `<NewPassphraseForm busy={busy} onChosen={(p) => void makeKey(p)} />`
 */
export function NewPassphraseForm({
  busy,
  onChosen,
}: {
  busy: boolean;
  onChosen: (passphrase: string) => void;
}) {
  const t = useT().trustee.makeKey;
  const [first, setFirst] = useState('');
  const [second, setSecond] = useState('');
  const [errors, setErrors] = useState<{ first?: string; second?: string }>({});
  const strength = passphraseStrength(first);

  const submit = (event: Event) => {
    event.preventDefault();
    const length = [...first].length;
    const next: { first?: string; second?: string } = {};
    if (length === 0) next.first = t.emptyError;
    else if (length < MIN_PASSPHRASE_LENGTH) next.first = t.shortError(MIN_PASSPHRASE_LENGTH);
    else if (first !== second) next.second = t.mismatchError;
    setErrors(next);
    if (next.first || next.second) {
      document.getElementById(next.first ? 'new-passphrase' : 'new-passphrase-again')?.focus();
      return;
    }
    onChosen(first);
  };

  return (
    <form onSubmit={submit} noValidate>
      <PassphraseField
        id="new-passphrase"
        label={t.passphraseLabel}
        hint={t.passphraseHint(MIN_PASSPHRASE_LENGTH)}
        error={errors.first}
        value={first}
        onInput={setFirst}
        autocomplete="new-password"
        also="new-passphrase-strength"
      />
      <p class="hint strength" id="new-passphrase-strength" aria-live="polite">
        {first === ''
          ? ''
          : strength === 'short'
            ? t.strength.short([...first].length, MIN_PASSPHRASE_LENGTH)
            : t.strength[strength]}
      </p>
      <PassphraseField
        id="new-passphrase-again"
        label={t.confirmLabel}
        error={errors.second}
        value={second}
        onInput={setSecond}
        autocomplete="new-password"
      />
      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>
          {t.button}
        </button>
      </div>
    </form>
  );
}

/**
 * A key file and its passphrase; `onOpen` opens them (and throws what went wrong, shown here: a wrong
 * passphrase next to the passphrase, anything else above the button).
 * @example `<OpenKeyForm exampleName="leader-2026-trustee-2.key" onOpen={open} />`
 */
export function OpenKeyForm({
  exampleName,
  onOpen,
  progress,
}: {
  exampleName: string;
  onOpen: (file: File, passphrase: string) => Promise<void>;
  /** The key derivation's progress while opening (0..1). */
  progress: number | undefined;
}) {
  const all = useT();
  const t = all.trustee.openKey;
  const [file, setFile] = useState<File>();
  const [passphrase, setPassphrase] = useState('');
  const [errors, setErrors] = useState<{ file?: string; passphrase?: string }>({});
  const [problem, setProblem] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    const next: { file?: string; passphrase?: string } = {};
    if (!file) next.file = t.noFile;
    if (passphrase === '') next.passphrase = t.noPassphrase;
    setErrors(next);
    setProblem(undefined);
    if (!file || next.passphrase) {
      document.getElementById(next.file ? 'key-file' : 'key-passphrase')?.focus();
      return;
    }
    setBusy(true);
    try {
      await onOpen(file, passphrase);
    } catch (e) {
      if (e instanceof KeyFileError && e.code === 'wrong-passphrase') {
        setErrors({ passphrase: problemWords(all, e) });
        document.getElementById('key-passphrase')?.focus();
      } else setProblem(e);
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Field id="key-file" label={t.fileLabel} hint={t.fileHint(exampleName)} error={errors.file}>
        {(describedBy) => (
          <input
            type="file"
            id="key-file"
            name="key-file"
            accept=".key,application/json"
            aria-invalid={errors.file ? true : undefined}
            aria-describedby={describedBy}
            onChange={(e) => setFile(e.currentTarget.files?.[0])}
          />
        )}
      </Field>
      <PassphraseField
        id="key-passphrase"
        label={t.passphraseLabel}
        error={errors.passphrase}
        value={passphrase}
        onInput={setPassphrase}
        autocomplete="current-password"
      />
      {problem !== undefined && (
        <Problem>
          <p>{problemWords(all, problem)}</p>
        </Problem>
      )}
      {busy && <Working text={t.busy} fraction={progress} />}
      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>
          {t.button}
        </button>
      </div>
    </form>
  );
}
