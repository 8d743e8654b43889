/**
 * Welsh email texts (Cymraeg). Welsh counts with the singular noun: "30 munud", not a plural.
 * @example `renderLogin(cy, { electionTitle: 'Arweinydd 2026', link, code, minutes: 30 }).subject`
 */
import type { Catalogue } from './catalogue.ts';

export const cy: Catalogue = {
  lang: 'cy',
  locale: 'cy-GB',
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
  members: {
    invitation: {
      subject: (title) => `Eich gwahoddiad i bleidleisio: ${title}`,
      lead: (title, opens, closes) =>
        `Fe'ch gwahoddir i bleidleisio yn “${title}”. Mae'r bleidlais yn agor ar ${opens} ac yn cau ar ${closes}. Defnyddiwch y ddolen hon i fewngofnodi:`,
    },
    reminder: {
      subject: (title) => `Nodyn atgoffa: nid ydych wedi pleidleisio eto: ${title}`,
      lead: (title, closes) =>
        `Nid ydych wedi pleidleisio eto yn “${title}”. Mae'r bleidlais yn cau ar ${closes}. Defnyddiwch y ddolen hon i fewngofnodi:`,
    },
    button: 'Mewngofnodi i bleidleisio',
    linkFallback: "Os nad yw'r botwm yn gweithio, copïwch y cyfeiriad hwn i'ch porwr:",
    codeIntro: 'Neu deipiwch y cod hwn ar y dudalen fewngofnodi:',
    validity: (closes) =>
      `Chi yn unig biau'r ddolen a'r cod. Maent yn gweithio mor aml ag y bo angen nes i'r bleidlais gau ar ${closes}.`,
    credential:
      "I fwrw'ch pleidlais bydd arnoch hefyd angen eich cymhwyster pleidleisio, a ddaw atoch ar wahân gan yr awdurdod cymwysterau.",
    noShare: "Peidiwch â rhannu'r ddolen, y cod na'ch cymhwyster gydag unrhyw un.",
    signature: 'Psephos',
  },
};
