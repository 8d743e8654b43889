/**
 * After encryption: the tracker is shown first (the booth is committed to this ballot), then the voter
 * chooses — cast it, or audit it (Benaloh): the booth reveals the encryption's secrets, the ballot is
 * set aside for good, and the audit data is shown to check on another device: as QR codes (links to the
 * election's receipt check page, which checks audits too, with the data in the fragment), as text to
 * copy and as a file.
 */
import { useMemo, useState } from 'preact/hooks';
import { downloadText, Heading } from '../common.tsx';
import { useT } from '../i18n/index.ts';
import { qrLinks } from '../qr/links.ts';
import { QrCodes } from '../qr/QrCodes.tsx';
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

export function AuditShown({
  electionId,
  result,
  onAgain,
}: {
  electionId: string;
  result: AuditResult;
  onAgain: () => void;
}) {
  const t = useT();
  const [copied, setCopied] = useState<string>();
  const text = JSON.stringify(result.audit, null, 2);
  const links = useMemo(
    () => result.compact && qrLinks(location.origin, electionId, 'audit', result.compact),
    [result, electionId],
  );
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
      <section aria-labelledby="audit-qr-title">
        <h2 id="audit-qr-title">{t.audit.qrTitle}</h2>
        {links ? (
          <>
            <p>{links.length === 1 ? t.audit.qrText : t.audit.qrTextParts(links.length)}</p>
            <QrCodes links={links} alt={t.audit.qrAlt} caption={t.audit.qrCaption} />
          </>
        ) : (
          <p class="notice">{t.audit.qrTooLarge}</p>
        )}
      </section>
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
