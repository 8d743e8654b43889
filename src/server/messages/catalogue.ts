/**
 * The shape every language's email texts take, and the one place they become a message: a plain-text
 * part and an HTML part built from the same sentences. The HTML escapes every sentence (an election
 * title, an organiser's paragraph are organiser input), uses inline styles only and loads nothing
 * remote — mail clients block remote content, and a tracking pixel has no place in an election.
 *
 * Emails: the login email (a link and code that work once, for a short while); the invitation and the
 * reminder the organiser's console sends each voter (a link and code that work until voting closes,
 * with a paragraph the organiser writes, in one language or two).
 *
 * @example
 * ```ts
 * const { subject, text, html } = renderLogin(en, { electionTitle, link, code, minutes: 30 });
 * const invitation = renderMemberMail([cy, en], { kind: 'invitation', electionTitle, link, code, … });
 * ```
 */
import { escapeHtml, WHEN_FORMAT } from '../../protocol/presentation.ts';

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

/**
 * What the invitation and the reminder say, in one language; every function returns plain text.
 * A reminder says that the member has not voted and nothing else about them.
 * @example `en.members.reminder.lead('Leader 2026', 'Friday, 27 November 2026 at 17:00 GMT')`
 */
export interface MemberMailTexts {
  invitation: {
    subject(electionTitle: string): string;
    lead(electionTitle: string, opens: string, closes: string): string;
  };
  reminder: {
    subject(electionTitle: string): string;
    lead(electionTitle: string, closes: string): string;
  };
  button: string;
  linkFallback: string;
  codeIntro: string;
  validity(closes: string): string;
  credential: string;
  noShare: string;
  signature: string;
}

/** One language's email texts. @example `const texts: Catalogue = cy` */
export interface Catalogue {
  /** BCP 47 tag, for `<html lang>` (screen readers pick their voice by it). */
  readonly lang: 'en' | 'cy';
  /** The locale dates are written in. */
  readonly locale: string;
  readonly login: LoginTexts;
  readonly members: MemberMailTexts;
}

/** What a login email is about. @example `{ electionTitle: 'Leader 2026', link, code: 'K3F9-2QXM-7TBW', minutes: 30 }` */
export interface LoginParams {
  readonly electionTitle: string;
  /** An absolute http(s) address. */
  readonly link: string;
  readonly code: string;
  readonly minutes: number;
}

/**
 * What an invitation or a reminder is about. `intro` holds the organiser's own paragraph in each
 * language (plain text; blank lines separate paragraphs); a language without one has none.
 * @example `{ kind: 'reminder', electionTitle, opensAt, closesAt, link, code, intro: { en: 'Dear member,' } }`
 */
export interface MemberMailParams {
  readonly kind: 'invitation' | 'reminder';
  readonly electionTitle: string;
  /** ISO 8601 times from the election definition. */
  readonly opensAt: string;
  readonly closesAt: string;
  /** An absolute http(s) address. */
  readonly link: string;
  readonly code: string;
  readonly intro: Partial<Record<Catalogue['lang'], string>>;
  /** The IANA time zone dates are written in (default: the server's). */
  readonly timeZone?: string;
}

/** An email's content, ready for the outbox. @example `await store.enqueueMail({ to, ...rendered })` */
export interface RenderedMail {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

/**
 * Builds a login email in the catalogue's language.
 * @example `renderLogin(cy, params).html.startsWith('<!doctype html>')`
 */
export function renderLogin(catalogue: Catalogue, params: LoginParams): RenderedMail {
  checkLink(params.link);
  const t = catalogue.login;
  const title = oneLine(params.electionTitle);
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
  const body = [
    paragraph(escapeHtml(t.intro(title))),
    ...linkAndCode(t, params),
    paragraph(escapeHtml(t.expiry(params.minutes))),
    paragraph(`${escapeHtml(t.ignore)}<br>${escapeHtml(t.noShare)}`, MUTED),
    paragraph(`— ${escapeHtml(t.signature)}`),
  ];
  return { subject, text, html: htmlPage(catalogue.lang, subject, [body.join('\n')]) };
}

/**
 * Builds an invitation or a reminder in one or more languages, in the order given (a bilingual email
 * has each language in full, one after the other, under one subject naming both). The organiser's
 * paragraph is text: escaped in the HTML part, its line breaks kept.
 * @example `renderMemberMail([cy, en], { kind: 'invitation', electionTitle: 'Arweinydd 2026', … })`
 */
export function renderMemberMail(catalogues: readonly Catalogue[], params: MemberMailParams): RenderedMail {
  if (catalogues.length === 0) throw new TypeError('an email is written in at least one language');
  checkLink(params.link);
  const title = oneLine(params.electionTitle);
  const subject = catalogues.map((c) => c.members[params.kind].subject(title)).join(' / ');
  const parts = catalogues.map((c) => memberMailPart(c, params, title));
  const text = parts.map((p) => p.text).join('\n\n— — —\n\n');
  const html = htmlPage(
    catalogues[0]!.lang,
    subject,
    parts.map((p, i) => `<div lang="${catalogues[i]!.lang}">\n${p.html}\n</div>`),
  );
  return { subject, text, html };
}

/**
 * A time as an email in this language writes it, with its time zone.
 * @example `formatMailTime(en, '2026-11-27T17:00:00Z', 'UTC')` → `'Friday, 27 November 2026 at 17:00 UTC'`
 */
export function formatMailTime(catalogue: Catalogue, iso: string, timeZone?: string): string {
  // Made once per locale and zone: a batch of 200 000 invitations writes the same two times each time.
  const key = `${catalogue.locale} ${timeZone ?? ''}`;
  let format = FORMATS.get(key);
  if (format === undefined) {
    format = new Intl.DateTimeFormat(catalogue.locale, { ...WHEN_FORMAT, ...(timeZone ? { timeZone } : {}) });
    FORMATS.set(key, format);
  }
  return format.format(new Date(iso));
}

const FORMATS = new Map<string, Intl.DateTimeFormat>();

/** One language's text and HTML of an invitation or reminder. */
function memberMailPart(catalogue: Catalogue, params: MemberMailParams, title: string) {
  const t = catalogue.members;
  const closes = formatMailTime(catalogue, params.closesAt, params.timeZone);
  const lead =
    params.kind === 'invitation'
      ? t.invitation.lead(title, formatMailTime(catalogue, params.opensAt, params.timeZone), closes)
      : t.reminder.lead(title, closes);
  const intro = introParagraphs(params.intro[catalogue.lang] ?? '');
  const text = [
    ...intro,
    lead,
    params.link,
    t.codeIntro,
    `    ${params.code}`,
    t.validity(closes),
    t.credential,
    t.noShare,
    `— ${t.signature}`,
  ].join('\n\n');
  const html = [
    ...intro.map((p) => paragraph(p.split('\n').map(escapeHtml).join('<br>'))),
    paragraph(escapeHtml(lead)),
    ...linkAndCode(t, params),
    paragraph(escapeHtml(t.validity(closes))),
    paragraph(escapeHtml(t.credential)),
    paragraph(escapeHtml(t.noShare), MUTED),
    paragraph(`— ${escapeHtml(t.signature)}`),
  ].join('\n');
  return { text, html };
}

/**
 * The organiser's text as paragraphs: line endings made `\n`, spaces at line ends dropped, paragraphs
 * split at blank lines.
 * @example `introParagraphs('Dear member,\r\n\r\nPlease vote.')` → `['Dear member,', 'Please vote.']`
 */
export function introParagraphs(intro: string): string[] {
  return intro
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((p) =>
      p
        .split('\n')
        .map((line) => line.trimEnd())
        .join('\n')
        .trim(),
    )
    .filter((p) => p !== '');
}

const MUTED = ';color:#4a4a4a';

function checkLink(link: string): void {
  if (!/^https?:\/\//i.test(link)) throw new TypeError('a login link must be an http(s) address');
}

/**
 * A title on one line: a line break would break the Subject header and the layout of the text part.
 * @example `oneLine('Leader\n 2026')` → `'Leader 2026'`
 */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * A paragraph of an email's HTML part (`content` already HTML; `style` more inline style).
 * @example `paragraph(escapeHtml(t.noShare), ';color:#4a4a4a')`
 */
export function paragraph(content: string, style = ''): string {
  return `<p style="margin:0 0 1rem${style}">${content}</p>`;
}

/**
 * An email's button to `link`, then the address written out for a reader whose button does not work.
 * @example `linkButton('https://vote.example.org/t/…', 'Open the trustee console', t.linkFallback)`
 */
export function linkButton(link: string, button: string, fallback: string): string[] {
  return [
    paragraph(
      `<a href="${escapeHtml(link)}" style="display:inline-block;padding:.75rem 1.25rem;background:#0b5394;color:#ffffff;text-decoration:none;border-radius:4px;font-weight:bold">${escapeHtml(button)}</a>`,
    ),
    paragraph(`${escapeHtml(fallback)}<br><span style="word-break:break-all">${escapeHtml(link)}</span>`),
  ];
}

/** The button, the address written out, and the code: the same in every email that logs a voter in. */
function linkAndCode(
  t: { button: string; linkFallback: string; codeIntro: string },
  params: { link: string; code: string },
): string[] {
  return [
    ...linkButton(params.link, t.button, t.linkFallback),
    paragraph(escapeHtml(t.codeIntro)),
    paragraph(
      `<code style="font:bold 1.5rem/1.2 ui-monospace,Menlo,Consolas,monospace;letter-spacing:.1em">${escapeHtml(params.code)}</code>`,
    ),
  ];
}

/**
 * The HTML document around an email's parts, one per language (a rule between two languages).
 * @example `htmlPage('cy', subject, [welshHtml, englishHtml])`
 */
export function htmlPage(lang: string, subject: string, parts: readonly string[]): string {
  return [
    '<!doctype html>',
    `<html lang="${lang}"><head><meta charset="utf-8">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(subject)}</title></head>`,
    '<body style="margin:0;padding:0;background:#ffffff;color:#1a1a1a;font:16px/1.5 system-ui,-apple-system,\'Segoe UI\',Roboto,sans-serif">',
    '<div style="max-width:36rem;margin:0 auto;padding:1rem">',
    parts.join('\n<hr style="border:0;border-top:1px solid #8a8f98;margin:2rem 0">\n'),
    '</div></body></html>',
  ].join('\n');
}
