/**
 * The shape every language's email texts take, and the one place they become a message: a plain-text
 * part and an HTML part built from the same sentences. The HTML escapes every sentence (an election
 * title is organiser input), uses inline styles only and loads nothing remote — mail clients block
 * remote content, and a tracking pixel has no place in an election.
 *
 * @example
 * ```ts
 * const { subject, text, html } = renderLogin(en, { electionTitle, link, code, minutes: 30 });
 * ```
 */

/** What a login email says, in one language; every function returns plain text. @example `en.login.subject('Leader 2026')` */
export interface LoginTexts {
  subject(electionTitle: string): string;
  intro(electionTitle: string): string;
  button: string;
  linkFallback: string;
  codeIntro: string;
  expiry(minutes: number): string;
  ignore: string;
  noShare: string;
  signature: string;
}

/** One language's email texts. @example `const texts: Catalogue = cy` */
export interface Catalogue {
  /** BCP 47 tag, for `<html lang>` (screen readers pick their voice by it). */
  readonly lang: 'en' | 'cy';
  readonly login: LoginTexts;
}

/** What a login email is about. @example `{ electionTitle: 'Leader 2026', link, code: 'K3F9-2QXM-7TBW', minutes: 30 }` */
export interface LoginParams {
  readonly electionTitle: string;
  /** An absolute http(s) address. */
  readonly link: string;
  readonly code: string;
  readonly minutes: number;
}

/** An email's content, ready for the outbox. @example `await store.enqueueMail({ to, ...rendered })` */
export interface RenderedMail {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

/**
 * Escapes text for HTML element content and attribute values.
 * @example `escapeHtml('<b title="x">')` → `'&lt;b title=&quot;x&quot;&gt;'`
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
 * Builds a login email in the catalogue's language.
 * @example `renderLogin(cy, params).html.startsWith('<!doctype html>')`
 */
export function renderLogin(catalogue: Catalogue, params: LoginParams): RenderedMail {
  if (!/^https?:\/\//i.test(params.link)) throw new TypeError('a login link must be an http(s) address');
  const t = catalogue.login;
  // A title with line breaks would break the Subject header and the layout of the text part.
  const title = params.electionTitle.replace(/\s+/g, ' ').trim();
  const subject = t.subject(title);
  const text = [
    t.intro(title),
    params.link,
    t.codeIntro,
    `    ${params.code}`,
    t.expiry(params.minutes),
    `${t.ignore}\n${t.noShare}`,
    `— ${t.signature}`,
  ].join('\n\n');
  const p = (content: string, style = '') => `<p style="margin:0 0 1rem${style}">${content}</p>`;
  const html = [
    '<!doctype html>',
    `<html lang="${catalogue.lang}"><head><meta charset="utf-8">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(subject)}</title></head>`,
    '<body style="margin:0;padding:0;background:#ffffff;color:#1a1a1a;font:16px/1.5 system-ui,-apple-system,\'Segoe UI\',Roboto,sans-serif">',
    '<div style="max-width:36rem;margin:0 auto;padding:1rem">',
    p(escapeHtml(t.intro(title))),
    p(
      `<a href="${escapeHtml(params.link)}" style="display:inline-block;padding:.75rem 1.25rem;background:#0b5394;color:#ffffff;text-decoration:none;border-radius:4px;font-weight:bold">${escapeHtml(t.button)}</a>`,
    ),
    p(
      `${escapeHtml(t.linkFallback)}<br><span style="word-break:break-all">${escapeHtml(params.link)}</span>`,
    ),
    p(escapeHtml(t.codeIntro)),
    p(
      `<code style="font:bold 1.5rem/1.2 ui-monospace,Menlo,Consolas,monospace;letter-spacing:.1em">${escapeHtml(params.code)}</code>`,
    ),
    p(escapeHtml(t.expiry(params.minutes))),
    p(`${escapeHtml(t.ignore)}<br>${escapeHtml(t.noShare)}`, ';color:#4a4a4a'),
    p(`— ${escapeHtml(t.signature)}`),
    '</div></body></html>',
  ].join('\n');
  return { subject, text, html };
}
