/**
 * The cast ballot's receipt: its tracker, what this page checked (the board's signature on the tree
 * head, the inclusion proof of the ballot under it), the receipt as a file to keep, as a QR code and a
 * link (to the receipt check page, with the whole receipt in the link's fragment: qr/links.ts), and
 * what the election's revoting policy lets the voter do next.
 */
import { useMemo, useState } from 'preact/hooks';
import type { Receipt } from '../../board/receipt.ts';
import { fromBase64url } from '../../crypto/bytes.ts';
import { trackerCode } from '../../protocol/tracker.ts';
import { api } from '../api.ts';
import { downloadText, Heading } from '../common.tsx';
import { useT } from '../i18n/index.ts';
import { qrLinks } from '../qr/links.ts';
import { QrCodes } from '../qr/QrCodes.tsx';
import { receiptToBytes } from '../qr/receipt-code.ts';

/** The receipt file's name: the election and the start of the tracker. */
export function receiptFileName(receipt: Receipt): string {
  return `psephos-receipt-${receipt.election}-${trackerCode(fromBase64url(receipt.tracker, 32))}.json`;
}

export function ReceiptShown({
  receipt,
  replay,
  revoting,
  onVoteAgain,
}: {
  receipt: Receipt;
  replay: boolean;
  revoting: 'single' | 'last-counts';
  onVoteAgain: () => void;
}) {
  const t = useT();
  const [loggedOut, setLoggedOut] = useState(false);
  const code = trackerCode(fromBase64url(receipt.tracker, 32));
  const links = useMemo(() => {
    const bytes = receiptToBytes(receipt);
    return bytes && qrLinks(location.origin, receipt.election, 'receipt', bytes);
  }, [receipt]);
  const logout = async () => {
    await api('POST', `/api/elections/${encodeURIComponent(receipt.election)}/logout`).catch(() => undefined);
    setLoggedOut(true);
  };
  return (
    <>
      <Heading>{t.receipt.title}</Heading>
      <p id="receipt-tracker-label">{t.receipt.trackerLabel}</p>
      <output class="tracker" aria-labelledby="receipt-tracker-label" data-testid="receipt-tracker">
        {code}
      </output>
      {replay && <p class="notice">{t.receipt.replay}</p>}
      <section class="ok" aria-labelledby="receipt-checks">
        <h2 id="receipt-checks">{t.receipt.checksTitle}</h2>
        <ul class="checks">
          <li>{t.receipt.signed}</li>
          <li>{t.receipt.included(receipt.index + 1, receipt.head.size)}</li>
        </ul>
      </section>
      <p>{t.receipt.keep}</p>
      <div class="actions">
        <button
          type="button"
          class="primary"
          onClick={() => downloadText(receiptFileName(receipt), `${JSON.stringify(receipt, null, 2)}\n`)}
        >
          {t.receipt.download}
        </button>
        <a class="button" href={`/vote/${receipt.election}/receipt`}>
          {t.receipt.checkLink}
        </a>
      </div>
      {links && (
        <section aria-labelledby="receipt-qr-title">
          <h2 id="receipt-qr-title">{t.receipt.qrTitle}</h2>
          <p>{t.receipt.qrText}</p>
          <QrCodes links={links} alt={t.receipt.qrAlt} />
          {links.length === 1 && (
            <p>
              <a href={links[0]!.text} data-testid="receipt-link">
                {t.receipt.qrLink}
              </a>
            </p>
          )}
        </section>
      )}
      <h2>{t.receipt.nextTitle}</h2>
      <p>{revoting === 'last-counts' ? t.receipt.lastCounts : t.receipt.single}</p>
      <div class="actions">
        {revoting === 'last-counts' && (
          <button type="button" class="secondary" onClick={onVoteAgain}>
            {t.receipt.voteAgain}
          </button>
        )}
        <button type="button" class="secondary" onClick={logout} disabled={loggedOut}>
          {t.receipt.logout}
        </button>
      </div>
      <div role="status">{loggedOut && <p class="notice">{t.receipt.loggedOut}</p>}</div>
    </>
  );
}
