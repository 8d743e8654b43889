/**
 * English email texts.
 * @example `renderLogin(en, { electionTitle: 'Leader 2026', link, code, minutes: 30 }).subject`
 */
import type { Catalogue } from './catalogue.ts';

export const en: Catalogue = {
  lang: 'en',
  locale: 'en-GB',
  login: {
    subject: (title) => `Your login link: ${title}`,
    intro: (title) => `Use this link to log in and vote in “${title}”:`,
    button: 'Log in to vote',
    linkFallback: 'If the button does not work, copy this address into your browser:',
    codeIntro: 'Or type this code on the login page:',
    expiry: (minutes) =>
      `The link and the code work only once, and they expire in ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}.`,
    ignore: 'If you did not ask for this, you can ignore this email.',
    noShare: 'Do not share the link or the code with anyone.',
    signature: 'Psephos',
  },
  members: {
    invitation: {
      subject: (title) => `Your invitation to vote: ${title}`,
      lead: (title, opens, closes) =>
        `You are invited to vote in “${title}”. Voting opens on ${opens} and closes on ${closes}. Use this link to log in:`,
    },
    reminder: {
      subject: (title) => `Reminder: you have not voted yet: ${title}`,
      lead: (title, closes) =>
        `You have not voted yet in “${title}”. Voting closes on ${closes}. Use this link to log in:`,
    },
    button: 'Log in to vote',
    linkFallback: 'If the button does not work, copy this address into your browser:',
    codeIntro: 'Or type this code on the login page:',
    validity: (closes) =>
      `The link and the code are yours alone. They work as often as you need until voting closes on ${closes}.`,
    credential:
      'To cast your ballot you will also need your voting credential, which reaches you separately from the credential authority.',
    noShare: 'Do not share the link, the code or your credential with anyone.',
    signature: 'Psephos',
  },
};
