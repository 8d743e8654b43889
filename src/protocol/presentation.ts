/**
 * How Psephos writes things for people outside its pages, in one place for every layer that does:
 * HTML escaping, the head of its self-contained static documents (the roll audit report, the election
 * report, the credential letters), and the written form of a moment (emails and pages alike).
 *
 * @example
 * ```ts
 * const html = `${documentHead({ title: 'Roll audit: members.csv', css: STYLE })}\n<main>…</main>\n</body>\n</html>`;
 * new Intl.DateTimeFormat('en-GB', WHEN_FORMAT).format(new Date());  // 'Tuesday 5 May 2026 at 09:00 BST'
 * ```
 */

/**
 * Escapes text for HTML element content and attribute values.
 * @example `escapeHtml('<a href="x">')` → `'&lt;a href=&quot;x&quot;&gt;'`
 */
export function escapeHtml(text: string | number): string {
  return String(text)
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/**
 * The start of a static HTML document, up to and including `<body>`: English, UTF-8, phone-wide, no
 * referrer sent, and a Content-Security-Policy that loads nothing (the document carries its own
 * style, and runs no script). `title` is escaped here; `css` is the document's own, trusted.
 * @example `documentHead({ title: 'Voting credentials — Leader 2026', css: LETTER_CSS })`
 */
export function documentHead({ title, css }: { title: string; css: string }): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)}</title>
<style>${css}</style>
</head>
<body>`;
}

/**
 * A moment written out in full with its time zone named, as emails and pages show opening and closing
 * times: "Tuesday 5 May 2026 at 09:00 BST".
 * @example `new Date(iso).toLocaleString('cy-GB', WHEN_FORMAT)`
 */
export const WHEN_FORMAT: Readonly<Intl.DateTimeFormatOptions> = {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZoneName: 'short',
};
