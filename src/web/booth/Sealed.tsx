/**
 * After encryption: the tracker is shown first (the booth is committed to this ballot), then the voter
 * chooses — cast it, or audit it (Benaloh): the booth reveals the encryption's secrets, the ballot is
 * set aside for good, and the audit data is shown as text to check on another device.
 */
import { useState } from 'preact/hooks';
import { downloadText, Heading } from '../common.tsx';
import { useT } from '../i18n/index.ts';
import type { AuditResult, EncryptResult } from './protocol.ts';

export function TrackerChoice({
  sealed,
  onCast,
  onAudit,
}: {
  sealed: EncryptResult;
  onCast: () => void;
  onAudit: () => void;
}) {
  const t = useT();
  return (
    <>
      <Heading>{t.tracker.title}</Heading>
      <p id="tracker-label">{t.tracker.label}</p>
      <output
        class="tracker"
        aria-labelledby="tracker-label"
        data-testid="tracker"
        data-backend={sealed.backend}
        data-ms={sealed.ms}
      >
        {sealed.trackerCode}
      </output>
      <p>{t.tracker.keep}</p>
      <p>{t.tracker.choice}</p>
      <div class="actions">
        <button type="button" class="primary" onClick={onCast}>
          {t.tracker.cast}
        </button>
        <button type="button" class="secondary" onClick={onAudit}>
          {t.tracker.audit}
        </button>
      </div>
    </>
  );
}

export function AuditShown({ result, onAgain }: { result: AuditResult; onAgain: () => void }) {
  const t = useT();
  const [copied, setCopied] = useState<string>();
  const text = JSON.stringify(result.audit, null, 2);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(t.audit.copied);
    } catch {
      setCopied(t.audit.copyFailed);
    }
  };
  return (
    <>
      <Heading>{t.audit.title}</Heading>
      <p class="notice">
        <strong>{t.audit.spoiled}</strong>
      </p>
      <p>{t.audit.text}</p>
      <p id="audit-tracker-label">{t.audit.trackerLabel}</p>
      <output class="tracker" aria-labelledby="audit-tracker-label">
        {result.trackerCode}
      </output>
      <label class="field" for="audit-data">
        {t.audit.dataLabel}
      </label>
      <textarea id="audit-data" readOnly rows={12} value={text} spellcheck={false} />
      <div class="actions">
        <button type="button" class="secondary" onClick={copy}>
          {t.audit.copy}
        </button>
        <button
          type="button"
          class="secondary"
          onClick={() => downloadText(`psephos-audit-${result.trackerCode}.json`, text)}
        >
          {t.audit.download}
        </button>
      </div>
      <p role="status">{copied}</p>
      <p>{t.audit.againNote}</p>
      <div class="actions">
        <button type="button" class="primary" onClick={onAgain}>
          {t.audit.again}
        </button>
      </div>
    </>
  );
}
