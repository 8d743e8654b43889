/**
 * English email texts.
 * @example `renderLogin(en, { electionTitle: 'Leader 2026', link, code, minutes: 30 }).subject`
 */
import type { Catalogue } from './catalogue.ts';

export const en: Catalogue = {
  lang: 'en',
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
};
