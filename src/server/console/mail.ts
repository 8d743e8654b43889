/**
 * The console's emails, in English and Welsh: a trustee's invitation (and reminders) with the link to
 * the trustee console, and a member's practice credential. Each has a plain-text and an HTML part built
 * from the same sentences; the HTML escapes everything (titles and names are organiser input), uses
 * inline styles only and loads nothing remote.
 *
 * @example
 * ```ts
 * await store.enqueueMail({ to, ...trusteeMail('cy', { electionTitle, trusteeName, trustee: 2, link, phase: 'ceremony', days: 30 }) });
 * ```
 */
import { escapeHtml } from '../../protocol/presentation.ts';
import { htmlPage, linkButton, oneLine, paragraph, type RenderedMail } from '../messages/catalogue.ts';

/** The languages the console writes emails in. @example `const lang: ConsoleMailLanguage = 'en'` */
export type ConsoleMailLanguage = 'en' | 'cy';

/** What a trustee is asked to do: take part in the key ceremony, or publish a decryption share. */
export type TrusteeTask = 'ceremony' | 'decryption';

/** A trustee email's particulars. @example `{ electionTitle, trusteeName: 'Ada', trustee: 1, link, task: 'ceremony', days: 30, reminder: false }` */
export interface TrusteeMailParams {
  readonly electionTitle: string;
  readonly trusteeName: string;
  readonly trustee: number;
  /** The trustee console link (trusteeLink). */
  readonly link: string;
  readonly task: TrusteeTask;
  /** How many days the link works. */
  readonly days: number;
  readonly reminder: boolean;
}

/** A practice credential email's particulars. @example `{ electionTitle, boothLink, credential: 'vote1 abcd …' }` */
export interface PracticeMailParams {
  readonly electionTitle: string;
  readonly boothLink: string;
  /** The practice credential, grouped for reading (formatCredential). */
  readonly credential: string;
}

interface Texts {
  readonly trustee: {
    subject(title: string, task: TrusteeTask, reminder: boolean): string;
    greeting(name: string, trustee: number): string;
    task(title: string, task: TrusteeTask): string;
    button: string;
    secret: string;
    expiry(days: number): string;
  };
  readonly practice: {
    subject(title: string): string;
    intro(title: string): string;
    howTo: string;
    button: string;
    credentialIntro: string;
    serverKnows: string;
    real: string;
  };
  readonly linkFallback: string;
  readonly signature: string;
}

const en: Texts = {
  trustee: {
    subject: (title, task, reminder) =>
      `${reminder ? 'Reminder: ' : ''}${task === 'ceremony' ? 'Key ceremony' : 'Decrypting the result'}: ${title}`,
    greeting: (name, trustee) => `Dear ${name} (trustee ${trustee}),`,
    task: (title, task) =>
      task === 'ceremony'
        ? `You are a trustee of “${title}”. Please open the trustee console with the link below and take part in the key ceremony: your browser makes your part of the election key, and its secret stays with you.`
        : `Voting in “${title}” has closed and the encrypted totals are published. Please open the trustee console with the link below and publish your decryption share, so that the result can be published.`,
    button: 'Open the trustee console',
    secret:
      'This link is yours alone: whoever has it can act as this trustee. Do not forward it. If you did not expect this email, tell the election’s organisers.',
    expiry: (days) => `The link works for ${days} ${days === 1 ? 'day' : 'days'}.`,
  },
  practice: {
    subject: (title) => `Practice vote: ${title}`,
    intro: (title) =>
      `Before “${title}”, you can try voting in a practice election. Nothing you do in it counts, and its results mean nothing.`,
    howTo:
      'Open the practice booth, log in with this email address (a login email will follow), then enter the practice credential below.',
    button: 'Open the practice booth',
    credentialIntro: 'Your practice credential:',
    serverKnows:
      'Unlike a real credential, this practice credential was made by the Psephos server, which also holds the practice election’s key: the server could vote in your name in the practice and could see practice votes. Use it only for practising.',
    real: 'Your credential for the real election will reach you separately; the server never knows it.',
  },
  linkFallback: 'If the button does not work, copy this address into your browser:',
  signature: 'Psephos',
};

const cy: Texts = {
  trustee: {
    subject: (title, task, reminder) =>
      `${reminder ? 'Nodyn atgoffa: ' : ''}${task === 'ceremony' ? 'Seremoni’r allwedd' : 'Dadgryptio’r canlyniad'}: ${title}`,
    greeting: (name, trustee) => `Annwyl ${name} (ymddiriedolwr ${trustee}),`,
    task: (title, task) =>
      task === 'ceremony'
        ? `Rydych yn ymddiriedolwr ar gyfer “${title}”. Agorwch gonsol yr ymddiriedolwyr gyda’r ddolen isod a chymryd rhan yn seremoni’r allwedd: mae eich porwr yn gwneud eich rhan chi o allwedd yr etholiad, ac mae ei chyfrinach yn aros gyda chi.`
        : `Mae’r pleidleisio yn “${title}” wedi cau ac mae’r cyfansymiau wedi’u hamgryptio wedi’u cyhoeddi. Agorwch gonsol yr ymddiriedolwyr gyda’r ddolen isod a chyhoeddi eich cyfran ddadgryptio, er mwyn i’r canlyniad gael ei gyhoeddi.`,
    button: 'Agor consol yr ymddiriedolwyr',
    secret:
      'Mae’r ddolen hon i chi yn unig: gall pwy bynnag sydd â hi weithredu fel yr ymddiriedolwr hwn. Peidiwch â’i hanfon ymlaen. Os nad oeddech yn disgwyl yr e-bost hwn, rhowch wybod i drefnwyr yr etholiad.',
    expiry: (days) => `Mae’r ddolen yn gweithio am ${days} diwrnod.`,
  },
  practice: {
    subject: (title) => `Pleidlais ymarfer: ${title}`,
    intro: (title) =>
      `Cyn “${title}”, gallwch roi cynnig ar bleidleisio mewn etholiad ymarfer. Nid yw dim a wnewch ynddo yn cyfrif, ac nid yw ei ganlyniadau’n golygu dim.`,
    howTo:
      'Agorwch y bwth ymarfer, mewngofnodwch gyda’r cyfeiriad e-bost hwn (bydd e-bost mewngofnodi yn dilyn), yna rhowch y cymhwyster ymarfer isod.',
    button: 'Agor y bwth ymarfer',
    credentialIntro: 'Eich cymhwyster ymarfer:',
    serverKnows:
      'Yn wahanol i gymhwyster go iawn, gweinydd Psephos a wnaeth y cymhwyster ymarfer hwn, ac mae hefyd yn dal allwedd yr etholiad ymarfer: gallai’r gweinydd bleidleisio yn eich enw yn yr ymarfer a gweld pleidleisiau ymarfer. Defnyddiwch ef i ymarfer yn unig.',
    real: 'Bydd eich cymhwyster ar gyfer yr etholiad go iawn yn eich cyrraedd ar wahân; nid yw’r gweinydd byth yn ei wybod.',
  },
  linkFallback: "Os nad yw'r botwm yn gweithio, copïwch y cyfeiriad hwn i'ch porwr:",
  signature: 'Psephos',
};

const TEXTS: Record<ConsoleMailLanguage, Texts> = { en, cy };

type Block = string | { readonly link: string; readonly button: string } | { readonly code: string };

/** The plain-text and HTML parts of one email from its blocks. */
function render(lang: ConsoleMailLanguage, subject: string, blocks: readonly Block[]): RenderedMail {
  const t = TEXTS[lang];
  const text = blocks
    .map((b) => (typeof b === 'string' ? b : 'link' in b ? b.link : `    ${b.code}`))
    .concat(`— ${t.signature}`)
    .join('\n\n');
  const body = [
    ...blocks.map((b) => {
      if (typeof b === 'string') return paragraph(escapeHtml(b));
      if ('code' in b)
        return paragraph(
          `<code style="font:bold 1.25rem/1.4 ui-monospace,Menlo,Consolas,monospace;word-break:break-all">${escapeHtml(b.code)}</code>`,
        );
      if (!/^https?:\/\//i.test(b.link)) throw new TypeError('a link in an email must be an http(s) address');
      return linkButton(b.link, b.button, t.linkFallback).join('\n');
    }),
    paragraph(`— ${escapeHtml(t.signature)}`),
  ];
  const html = htmlPage(lang, subject, [body.join('\n')]);
  return { subject, text, html };
}

/**
 * A trustee's invitation or reminder, with the link to the trustee console.
 * @example `trusteeMail('en', { electionTitle: 'Leader 2026', trusteeName: 'Ada', trustee: 1, link, task: 'ceremony', days: 30, reminder: false })`
 */
export function trusteeMail(lang: ConsoleMailLanguage, params: TrusteeMailParams): RenderedMail {
  const t = TEXTS[lang].trustee;
  const title = oneLine(params.electionTitle);
  return render(lang, t.subject(title, params.task, params.reminder), [
    t.greeting(oneLine(params.trusteeName), params.trustee),
    t.task(title, params.task),
    { link: params.link, button: t.button },
    t.expiry(params.days),
    t.secret,
  ]);
}

/**
 * A member's practice credential, with the practice booth's address and the plain warning that the
 * server made this credential (SPEC.md, Practice elections).
 * @example `practiceMail('cy', { electionTitle: 'Arweinydd 2026', boothLink, credential: 'vote1 abcd …' })`
 */
export function practiceMail(lang: ConsoleMailLanguage, params: PracticeMailParams): RenderedMail {
  const t = TEXTS[lang].practice;
  const title = oneLine(params.electionTitle);
  return render(lang, t.subject(title), [
    t.intro(title),
    t.howTo,
    { link: params.boothLink, button: t.button },
    t.credentialIntro,
    { code: params.credential },
    t.serverKnows,
    t.real,
  ]);
}
