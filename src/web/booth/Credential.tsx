/**
 * The voting credential: typed, pasted or scanned from the QR code on the voter's letter (which holds
 * the credential text itself: src/cli/credentials.ts), normalised (spaces, hyphens, capitals) and
 * checked against its checksum on this device, so a typing mistake is caught here, in plain words.
 * The credential never leaves the device — the picture of a scanned code is read here too — only
 * ballots signed with it do.
 */
import { useState } from 'preact/hooks';
import { formatCredential, normaliseCredential } from '../../crypto/credential.ts';
import { CryptoError } from '../../crypto/errors.ts';
import { Heading } from '../common.tsx';
import { type Messages, useT } from '../i18n/index.ts';
import { Scanner } from '../qr/Scanner.tsx';

/** The normalised credential, or the sentence explaining what is wrong with it. */
export function readCredential(t: Messages, typed: string): { credential: string } | { error: string } {
  const text = typed.replace(/[\s-]+/g, '').toLowerCase();
  if (text === '') return { error: t.credential.empty };
  if (!text.startsWith('vote1')) return { error: t.credential.badPrefix };
  try {
    return { credential: normaliseCredential(text) };
  } catch (e) {
    if (e instanceof CryptoError && e.code === 'bad-checksum') return { error: t.credential.badChecksum };
    return { error: t.credential.badLength };
  }
}

export function Credential({
  initial,
  onCredential,
}: {
  initial: string;
  onCredential: (credential: string) => void;
}) {
  const t = useT();
  const [typed, setTyped] = useState(initial);
  const [error, setError] = useState<string>();
  const [scanned, setScanned] = useState(false);
  const focusField = () => document.getElementById('credential')?.focus();
  const fromCode = (text: string) => {
    const read = readCredential(t, text);
    if ('error' in read) {
      setScanned(false);
      setError(t.credential.scanNotCredential);
    } else {
      setTyped(formatCredential(read.credential));
      setError(undefined);
      setScanned(true);
    }
    focusField();
  };
  const submit = (event: Event) => {
    event.preventDefault();
    const read = readCredential(t, typed);
    if ('error' in read) {
      setError(read.error);
      focusField();
      return;
    }
    setError(undefined);
    onCredential(read.credential);
  };
  return (
    <>
      <Heading>{t.credential.title}</Heading>
      <p>{t.credential.intro}</p>
      <form onSubmit={submit} noValidate>
        <label class="field" for="credential">
          {t.credential.label}
        </label>
        <p class="hint" id="credential-hint">
          {t.credential.hint}
        </p>
        <div role="alert">
          {error && (
            <p class="field-error" id="credential-error">
              {error}
            </p>
          )}
        </div>
        <input
          type="text"
          id="credential"
          name="credential"
          class="credential"
          autocomplete="off"
          autocapitalize="none"
          spellcheck={false}
          value={typed}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'credential-hint credential-error' : 'credential-hint'}
          onInput={(e) => {
            setTyped(e.currentTarget.value);
            setScanned(false);
          }}
        />
        <div role="status">{scanned && <p class="hint">{t.credential.scanned}</p>}</div>
        <Scanner
          id="credential-scan"
          title={t.credential.scanTitle}
          photoLabel={t.credential.scanPhoto}
          onText={fromCode}
        />
        <p class="notice">{t.credential.private}</p>
        <div class="actions">
          <button type="submit" class="primary">
            {t.credential.button}
          </button>
        </div>
      </form>
    </>
  );
}
