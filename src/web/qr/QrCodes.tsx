/**
 * QR codes in the page: each drawn by the `qrcode` package as SVG text and shown as an <img> from a
 * data: address (the CSP's img-src allows data:), so no markup from it ever enters the page's DOM.
 * The package is loaded only when a code is first shown. Every image has a text alternative; the data
 * itself is also on the page as text, a file or a link (the callers').
 *
 * @example
 * ```tsx
 * <QrCodes links={qrLinks(location.origin, id, 'receipt', bytes)!} alt={(part, parts) => `QR code ${part} of ${parts}`} />
 * ```
 */
import { useEffect, useState } from 'preact/hooks';
import type { QrLink } from './links.ts';

/** Loads the QR code package ahead of need (while the voter reads the ballot). @example `preloadQr()` */
export function preloadQr(): void {
  import('qrcode').catch(() => {
    // Tried again when a code is shown.
  });
}

/**
 * The code's SVG: the link as a byte-mode segment, its data as an alphanumeric one; level M.
 * @example `const svg = await qrSvg(links[0]); // '<svg xmlns=…'`
 */
export async function qrSvg(link: QrLink): Promise<string> {
  const QRCode = (await import('qrcode')).default;
  return QRCode.toString(
    [
      { data: new TextEncoder().encode(link.prefix), mode: 'byte' },
      { data: link.payload, mode: 'alphanumeric' },
    ],
    { type: 'svg', errorCorrectionLevel: 'M', margin: 4 },
  );
}

function QrImage({ link, alt }: { link: QrLink; alt: string }) {
  const [src, setSrc] = useState<string>();
  useEffect(() => {
    let live = true;
    qrSvg(link).then(
      (svg) => {
        if (live) setSrc(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`);
      },
      () => {
        // No code (the package could not be loaded): the text, file and link remain.
      },
    );
    return () => {
      live = false;
    };
  }, [link.text]);
  return src ? (
    <img class="qr" src={src} alt={alt} data-qr-part={link.part} />
  ) : (
    <span class="qr qr-pending" />
  );
}

/**
 * The codes of one piece of data, numbered when there are several.
 * @example `<QrCodes links={links} alt={t.audit.qrAlt} caption={t.audit.qrCaption} />`
 */
export function QrCodes({
  links,
  alt,
  caption,
}: {
  links: readonly QrLink[];
  alt: (part: number, parts: number) => string;
  caption?: (part: number, parts: number) => string;
}) {
  return (
    <ol class="qr-codes">
      {links.map((link) => (
        <li key={link.text}>
          <QrImage link={link} alt={alt(link.part, link.parts)} />
          {caption && links.length > 1 && <p class="qr-caption">{caption(link.part, link.parts)}</p>}
        </li>
      ))}
    </ol>
  );
}
