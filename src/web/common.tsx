/**
 * Pieces every page uses: the page heading (focused when a step changes, so a screen reader reads where
 * the voter now is), error and busy boxes, and file downloads made in the page.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { useT } from './i18n/index.ts';

let firstHeading = true;

/** The page's h1; it takes the focus when it appears, except on the very first page shown. */
export function Heading({ children }: { children: ComponentChildren }) {
  const ref = useRef<HTMLHeadingElement>(null);
  const t = useT();
  // The window's title names the page too (WCAG 2.4.2): screen readers and tabs show it.
  useEffect(() => {
    const text = ref.current?.textContent?.trim();
    document.title = text ? `${text} – ${t.app.name}` : t.app.name;
  });
  useEffect(() => {
    if (firstHeading) {
      firstHeading = false;
      return;
    }
    ref.current?.focus();
  }, []);
  return (
    <h1 tabIndex={-1} ref={ref}>
      {children}
    </h1>
  );
}

/** A problem the voter should read now (announced by screen readers). */
export function Problem({ children, id }: { children: ComponentChildren; id?: string }) {
  return (
    <div class="problem" role="alert" id={id}>
      {children}
    </div>
  );
}

/** Something under way: announced politely, with an indeterminate progress bar. */
export function Busy({ text }: { text?: string }) {
  const t = useT();
  return (
    <div class="busy" role="status">
      <progress aria-label={text ?? t.app.working} />
      <span>{text ?? t.app.working}</span>
    </div>
  );
}

/** Offers `text` as a file download, made in the page (nothing goes to the server). */
export function downloadText(fileName: string, text: string, type = 'application/json'): void {
  downloadBlob(fileName, new Blob([text], { type }));
}

/**
 * Offers a Blob (a record downloaded, a file made in the page) as a file download. Its address is
 * released after a minute: long enough for the browser to save even a large record.
 * @example `downloadBlob('leader-2026.psephos.jsonl', record)`
 */
export function downloadBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
