/**
 * Welsh email texts (Cymraeg). Welsh counts with the singular noun: "30 munud", not a plural.
 * @example `renderLogin(cy, { electionTitle: 'Arweinydd 2026', link, code, minutes: 30 }).subject`
 */
import type { Catalogue } from './catalogue.ts';

export const cy: Catalogue = {
  lang: 'cy',
  login: {
    subject: (title) => `Eich dolen fewngofnodi: ${title}`,
    intro: (title) => `Defnyddiwch y ddolen hon i fewngofnodi a phleidleisio yn “${title}”:`,
    button: 'Mewngofnodi i bleidleisio',
    linkFallback: "Os nad yw'r botwm yn gweithio, copïwch y cyfeiriad hwn i'ch porwr:",
    codeIntro: 'Neu deipiwch y cod hwn ar y dudalen fewngofnodi:',
    expiry: (minutes) =>
      `Dim ond unwaith y mae'r ddolen a'r cod yn gweithio, a byddant yn dod i ben ymhen ${minutes} munud.`,
    ignore: "Os na wnaethoch chi ofyn am hyn, gallwch anwybyddu'r e-bost hwn.",
    noShare: "Peidiwch â rhannu'r ddolen na'r cod gydag unrhyw un.",
    signature: 'Psephos',
  },
};
