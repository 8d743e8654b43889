/**
 * Welsh texts of the voter pages (Cymraeg), with the shape of en.ts. Welsh counts with the singular
 * noun ("3 ymgeisydd"). To be read over by a first-language speaker before a real election.
 *
 * @example `messages('cy').tracker.cast` → 'Bwrw fy mhleidlais'
 */

import * as members from '../console/members/messages.ts';
import * as consolePages from '../console/messages.ts';
import * as explorer from '../explorer/messages.ts';
import * as publicPages from '../public/messages.ts';
import * as trustee from '../trustee/messages.ts';
import * as verifier from '../verifier/messages.ts';
import type { Messages } from './en.ts';

export const cy: Messages = {
  lang: 'cy',
  languageName: 'Cymraeg',
  app: {
    name: 'Psephos',
    tagline: 'Pleidleisio y gellir ei wirio',
    skip: "Neidio i'r prif gynnwys",
    languages: 'Iaith',
    footer: "Psephos: gall pob pleidleisiwr wirio'r bleidlais a fwriodd.",
    stepOf: (step: number, steps: number) => `Cam ${step} o ${steps}`,
    loading: "Wrthi'n llwytho…",
    working: 'Arhoswch funud…',
    problemTitle: "Aeth rhywbeth o'i le",
    loadFailed:
      "Nid oedd modd llwytho'r dudalen hon. Gwiriwch eich cysylltiad â'r rhyngrwyd, yna ail-lwythwch y dudalen.",
  },
  home: {
    title: 'Psephos',
    intro:
      "I bleidleisio, agorwch y ddolen yn yr e-bost a anfonodd eich sefydliad atoch. Mae'n mynd â chi'n syth at eich papur pleidleisio.",
    elections: 'Etholiadau',
    none: "Nid oes etholiadau i'w dangos eto.",
    vote: (title: string) => `Pleidleisio: ${title}`,
    check: (title: string) => `Gwirio derbynneb: ${title}`,
    page: (title: string) => `Manylion yr etholiad: ${title}`,
    results: (title: string) => `Canlyniadau: ${title}`,
    status: {
      open: "Mae'r bleidlais ar agor",
      closed: "Mae'r bleidlais wedi cau",
      other: "Nid yw'r bleidlais ar agor",
    },
  },
  notFound: {
    title: "Heb ddod o hyd i'r dudalen",
    text: "Nid oes tudalen yn y cyfeiriad hwn. Gwiriwch y ddolen, neu ewch i'r dudalen gyntaf.",
    home: "Mynd i'r dudalen gyntaf",
  },
  election: {
    notOpenTitle: "Nid yw'r bleidlais ar agor",
    notYetOpen: "Nid yw'r pleidleisio yn yr etholiad hwn wedi dechrau eto. Dewch yn ôl pan fydd yn agor.",
    closed: "Mae'r pleidleisio yn yr etholiad hwn wedi cau. Ni ellir bwrw rhagor o bleidleisiau.",
    checkReceipt: 'Gwirio derbynneb ar gyfer yr etholiad hwn',
    fingerprintMismatch:
      "Nid yw manylion yr etholiad gan y gweinydd yn cyfateb i'w holion bysedd eu hunain. Peidiwch â phleidleisio ar y dudalen hon; rhowch wybod i'r trefnwyr.",
  },
  login: {
    title: 'Mewngofnodi i bleidleisio',
    fromLink: "Wrthi'n eich mewngofnodi gyda'r ddolen o'ch e-bost…",
    codeHeading: "Rhowch y cod o'ch e-bost",
    codeLabel: 'Cod mewngofnodi',
    codeHint: '12 llythyren a rhif, er enghraifft ABCD-EFGH-JKMN.',
    codeButton: 'Mewngofnodi',
    codeEmpty: "Rhowch y cod mewngofnodi o'ch e-bost.",
    emailHeading: "Dim e-bost, neu a yw'ch dolen wedi dod i ben?",
    emailLabel: 'Eich cyfeiriad e-bost',
    emailHint: 'Y cyfeiriad sydd gan eich sefydliad ar eich cyfer.',
    emailButton: 'Anfon e-bost mewngofnodi ataf',
    emailEmpty: 'Rhowch eich cyfeiriad e-bost.',
    emailSent:
      "Os yw'r cyfeiriad hwn ar y rhestr pleidleiswyr, mae e-bost ar ei ffordd. Agorwch y ddolen ynddo, neu teipiwch ei god uchod.",
  },
  credential: {
    title: 'Rhowch eich cymhwyster pleidleisio',
    intro:
      "Anfonwyd eich cymhwyster pleidleisio atoch ar wahân i'ch e-bost mewngofnodi. Mae'n dechrau gyda “vote1”. Gallwch ei ludo.",
    label: 'Cymhwyster pleidleisio',
    hint: 'Er enghraifft: vote1 abcd efgh … (nid yw bylchau na phriflythrennau o bwys).',
    private: "Mae eich cymhwyster yn aros ar y ddyfais hon. Nid yw byth yn cael ei anfon i'r gweinydd.",
    button: 'Parhau',
    empty: 'Rhowch eich cymhwyster pleidleisio.',
    badChecksum:
      'Mae camgymeriad teipio yn y cymhwyster hwn. Gwiriwch bob nod yn erbyn y cymhwyster a anfonwyd atoch.',
    badPrefix: "Nid cymhwyster pleidleisio yw hwn: mae cymhwyster pleidleisio'n dechrau gyda “vote1”.",
    badLength: "Mae'r cymhwyster hwn yn rhy fyr neu'n rhy hir. Gwiriwch eich bod wedi copïo'r cyfan.",
    scanTitle: 'Neu sganiwch y cod QR ar eich llythyr',
    scanPhoto: 'Llun o’r cod QR',
    scanned: "Darllenwyd eich cymhwyster o'r cod QR. Gwiriwch ef yn erbyn eich llythyr, yna parhewch.",
    scanNotCredential:
      "Nid yw'r cod QR hwn yn cynnwys cymhwyster pleidleisio. Sganiwch y cod QR wrth ymyl y cymhwyster ar eich llythyr.",
  },
  ballot: {
    title: 'Eich papur pleidleisio',
    statement: 'Datganiad',
    chooseOne: 'Dewiswch un.',
    chooseOneOrBlank: 'Dewiswch un, neu gadewch y cwestiwn hwn yn wag.',
    chooseExactly: (n: number) => `Dewiswch ${n}.`,
    chooseUpTo: (max: number) => `Dewiswch hyd at ${max}. Os na ddewiswch yr un, bydd y cwestiwn hwn yn wag.`,
    chooseBetween: (min: number, max: number) => `Dewiswch rhwng ${min} a ${max}.`,
    blank: 'Gadael y cwestiwn hwn yn wag',
    errorsTitle: 'Gwiriwch eich papur pleidleisio',
    needOne: 'Dewiswch ymgeisydd.',
    needOneOrBlank: 'Dewiswch ymgeisydd, neu “Gadael y cwestiwn hwn yn wag”.',
    tooFew: (min: number) => `Dewiswch o leiaf ${min} ymgeisydd.`,
    tooMany: (max: number) => `Dewiswch ${max} ymgeisydd ar y mwyaf.`,
    next: 'Parhau i wirio eich dewisiadau',
  },
  review: {
    title: 'Gwiriwch eich dewisiadau',
    blank: 'Gwag: dim ymgeisydd wedi’i ddewis',
    encryptNote:
      'Nesaf, caiff eich pleidlais ei hamgryptio ar y ddyfais hon. Ni all neb, nid hyd yn oed y gweinydd, weld eich dewisiadau.',
    change: 'Newid fy newisiadau',
    encrypt: 'Amgryptio fy mhleidlais',
  },
  encrypting: {
    title: "Wrthi'n amgryptio eich pleidlais…",
    text: 'Mae hyn yn cymryd eiliad. Cadwch y dudalen hon ar agor.',
  },
  tracker: {
    title: "Mae eich pleidlais wedi'i hamgryptio",
    label: 'Olrheiniwr eich pleidlais',
    keep: "Nodwch yr olrheiniwr: mae'n gadael i chi ddod o hyd i'ch pleidlais ar y bwrdd cyhoeddus.",
    choice:
      "Gallwch fwrw'r bleidlais hon nawr. Neu, os ydych am sicrhau bod y ddyfais hon wedi amgryptio eich dewisiadau'n gywir, gwiriwch yr amgryptio yn gyntaf: nid yw pleidlais a wiriwyd byth yn cael ei bwrw, ac rydych wedyn yn gwneud un newydd.",
    cast: 'Bwrw fy mhleidlais',
    audit: "Gwirio'r amgryptio yn gyntaf",
  },
  audit: {
    title: "Gwirio'r amgryptio",
    spoiled: "Mae'r bleidlais hon wedi'i rhoi o'r neilltu: ni chaiff byth ei bwrw.",
    text: "Isod mae popeth sydd ei angen i wirio ei bod yn cynnwys eich dewisiadau. Gwiriwch ef ar ddyfais arall: sganiwch y cod QR, neu copïwch neu lawrlwythwch y data gwirio a'i roi i dudalen gwirio derbynebau'r etholiad hwn yno.",
    qrTitle: 'Ei wirio gyda ffôn arall',
    qrText:
      "Sganiwch y cod QR gyda chamera ffôn neu lechen arall: mae'n agor tudalen wirio'r etholiad hwn yno, sy'n gwirio'r amgryptio.",
    qrTextParts: (parts: number) =>
      `Mae'r data gwirio yn cymryd ${parts} cod QR. Sganiwch y cyntaf gyda chamera ffôn neu lechen arall: mae'n agor tudalen wirio'r etholiad hwn yno. Yna sganiwch y lleill gyda sganiwr y dudalen honno.`,
    qrAlt: (part: number, parts: number) =>
      parts === 1 ? 'Cod QR y data gwirio' : `Cod QR ${part} o ${parts} y data gwirio`,
    qrCaption: (part: number, parts: number) => `Cod ${part} o ${parts}`,
    qrTooLarge:
      "Mae'r bleidlais hon yn rhy fawr i godau QR: lawrlwythwch y data gwirio a'i agor ar ddyfais arall, ar dudalen gwirio derbynebau'r etholiad hwn.",
    trackerLabel: 'Olrheiniwr y bleidlais a wiriwyd',
    dataLabel: 'Data gwirio',
    copy: 'Copïo',
    copied: "Wedi'i gopïo.",
    copyFailed: "Ni weithiodd copïo yma: dewiswch y testun a'i gopïo eich hun.",
    download: 'Lawrlwytho',
    again: 'Dechrau eto',
    againNote:
      "Pan fyddwch yn dechrau eto, caiff eich pleidlais ei hamgryptio o'r newydd, gydag olrheiniwr newydd.",
  },
  casting: {
    title: "Wrthi'n bwrw eich pleidlais…",
    text: 'Cadwch y dudalen hon ar agor.',
    failedTitle: "Nid yw eich pleidlais wedi'i chadarnhau",
    retry: 'Rhoi cynnig arall arni',
    retrySafe:
      "Mae'n ddiogel rhoi cynnig arall arni: anfonir yr un bleidlais eto, a dim ond unwaith y gellir ei chyfrif.",
    loginAgain: 'Mewngofnodi eto',
    credentialAgain: 'Rhoi fy nghymhwyster eto',
    startAgain: 'Dechrau eto',
  },
  receipt: {
    title: "Mae eich pleidlais wedi'i bwrw",
    trackerLabel: 'Olrheiniwr eich pleidlais',
    checksTitle: "Wedi'u gwirio ar y ddyfais hon",
    signed: 'Llofnododd bwrdd yr etholiad y dderbynneb hon.',
    included: (position: number, size: number) =>
      `Mae eich pleidlais yng nghofnod y bwrdd, yn safle ${position} o ${size}.`,
    download: 'Lawrlwytho fy nerbynneb',
    keep: 'Cadwch ffeil y dderbynneb. Gyda hi gallwch wirio, unrhyw bryd, fod eich pleidlais yn dal ar y bwrdd.',
    nextTitle: 'Beth nesaf',
    invalid:
      "Nid yw'r dderbynneb a roddodd y gweinydd ar gyfer eich pleidlais yn gywir, felly ni all y dudalen hon gadarnhau bod eich pleidlais wedi'i chofnodi. Rhowch wybod i drefnwyr yr etholiad.",
    checkLink: 'Gwirio derbynneb',
    lastCounts: 'Gallwch bleidleisio eto nes i’r bleidlais gau. Dim ond eich pleidlais olaf sy’n cyfrif.',
    single: "Mae'r etholiad hwn yn derbyn un bleidlais gan bob aelod, felly mae eich pleidlais yn derfynol.",
    voteAgain: 'Pleidleisio eto',
    logout: 'Allgofnodi',
    loggedOut: "Rydych wedi allgofnodi. Gallwch gau'r dudalen hon.",
    replay: 'Roedd y bleidlais hon eisoes wedi cyrraedd y gweinydd; caiff ei chyfrif unwaith.',
    qrTitle: 'Ei gwirio o ddyfais arall',
    qrText:
      "Sganiwch y cod QR hwn gyda chamera ffôn arall, neu cadwch y ddolen: mae'r ddau yn agor gwiriad derbynebau'r etholiad hwn gyda'ch derbynneb.",
    qrAlt: (part: number, parts: number) =>
      parts === 1 ? "Cod QR eich derbynneb: dolen i'w gwirio" : `Cod QR ${part} o ${parts} eich derbynneb`,
    qrLink: "Dolen i wirio'r dderbynneb hon",
  },
  check: {
    title: 'Gwirio derbynneb',
    intro:
      "Dewiswch ffeil y dderbynneb a lawrlwythwyd gennych ar ôl pleidleisio, ludwch ei thestun, neu sganiwch ei chod QR. Caiff data gwirio pleidlais a roesoch o'r neilltu i wirio ei hamgryptio ei wirio yma hefyd. Mae'r gwiriadau'n rhedeg ar y ddyfais hon.",
    fileLabel: 'Ffeil y dderbynneb',
    pasteLabel: 'Neu ludwch y dderbynneb',
    button: 'Gwirio’r dderbynneb',
    empty: 'Dewiswch ffeil derbynneb neu ludwch dderbynneb.',
    checking: "Wrthi'n gwirio…",
    okTitle: 'Mae eich derbynneb yn gywir',
    badTitle: "Nid yw'r dderbynneb hon yn gywir",
    okSigned: 'Llofnododd bwrdd yr etholiad y dderbynneb hon.',
    okIncluded: (position: number, size: number) =>
      `Mae'r dderbynneb yn gosod eich pleidlais yn safle ${position} o gofnod y bwrdd o ${size}.`,
    okLater: (size: number, time: string) =>
      `Mae cofnod wedi'i lofnodi diweddaraf y bwrdd (${size} cofnod, ${time}) yn dal i gynnwys eich pleidlais, ac nid oes dim a gofnodwyd cyn eich derbynneb wedi newid.`,
    okBallot: 'Mae gan y bleidlais yn y safle hwnnw eich olrheiniwr chi.',
    tracker: 'Olrheiniwr',
    unreadable:
      'Nid derbynneb Psephos yw hon: nid oedd modd darllen ei thestun. Gwiriwch eich bod wedi dewis y ffeil gywir.',
    fileTooLarge: "Mae'r ffeil hon yn rhy fawr i fod yn dderbynneb nac yn ddata gwirio.",
    malformed: 'Nid derbynneb Psephos yw hon, neu mae rhan ohoni ar goll.',
    wrongElection: (election: string) =>
      `Mae'r dderbynneb hon ar gyfer etholiad arall (“${election}”). Gwiriwch hi ar dudalen derbynebau'r etholiad hwnnw.`,
    badSignature:
      "Nid yw llofnod y bwrdd ar y dderbynneb hon yn ddilys: mae'r dderbynneb wedi'i newid, neu ni ddaeth o fwrdd yr etholiad hwn.",
    notIncluded:
      "Nid yw prawf y dderbynneb yn gosod eich pleidlais yng nghofnod wedi'i lofnodi'r bwrdd: mae'r dderbynneb wedi'i newid.",
    inconsistent:
      "Nid yw cofnod presennol y bwrdd yn cynnwys y cofnod y cyhoeddwyd eich derbynneb oddi tano: efallai fod eich pleidlais wedi'i thynnu neu ei newid. Rhowch wybod i drefnwyr yr etholiad, a chadwch ffeil y dderbynneb.",
    missing:
      "Nid yw'r bwrdd bellach yn dangos eich pleidlais yn y safle sydd yn y dderbynneb. Rhowch wybod i drefnwyr yr etholiad, a chadwch ffeil y dderbynneb.",
    scanTitle: 'Sganio cod QR',
    scanPhoto: 'Llun o’r cod QR',
    notPsephos: "Nid cod derbynneb na chod data gwirio Psephos yw'r cod QR hwn.",
    partsRead: (read: number, parts: number) =>
      `Darllenwyd ${read} o ${parts} cod QR y data gwirio hwn. Sganiwch y lleill.`,
    partsMismatch: "Nid yw'r codau QR hyn yn perthyn i'w gilydd. Dechreuwch eto gyda chodau un bleidlais.",
    auditOkTitle: "Mae'r amgryptio yn gywir",
    auditTracker: 'Olrheiniwr y bleidlais a wiriwyd',
    auditCompare:
      "Gwiriwch mai hwn yw'r olrheiniwr a ddangosodd y dudalen bleidleisio cyn i chi ddewis gwirio'r amgryptio. Os felly, fe amgryptiodd y ddyfais honno'r dewisiadau hyn yn gywir.",
    auditChoices: 'Roedd y dewisiadau hyn yn y bleidlais',
    auditSpoiled: "Rhoddwyd y bleidlais hon o'r neilltu: ni chafodd ei bwrw ac ni chaiff byth ei chyfrif.",
    auditBadTitle: "Nid yw'r data gwirio hwn yn gywir",
    auditBad:
      "Nid yw'r bleidlais yn cynnwys y dewisiadau y mae'r data gwirio hwn yn eu nodi, neu nid yw ei phrofion yn cyfateb iddynt. Peidiwch â phleidleisio ar y ddyfais a'i gwnaeth, a rhowch wybod i drefnwyr yr etholiad.",
    auditMalformed: 'Nid data gwirio Psephos yw hwn, neu mae rhan ohono ar goll.',
    auditWrongElection:
      "Mae'r data gwirio hwn ar gyfer etholiad arall. Gwiriwch ef ar dudalen gwirio derbynebau'r etholiad hwnnw.",
    auditNotReady: 'Nid oes gan yr etholiad hwn allwedd etholiad eto, felly ni ellir gwirio data gwirio.',
    scan: {
      camera: "Sganio gyda'r camera",
      stop: 'Diffodd y camera',
      preview: 'Golwg y camera',
      cameraHint: 'Daliwch y cod QR y tu mewn i olwg y camera.',
      cameraRefused:
        "Nid oedd modd defnyddio'r camera. Caniatewch i'r dudalen hon ddefnyddio'r camera, neu dewiswch lun o'r cod QR yn lle hynny.",
      photoHint: 'Llun neu sgrinlun. Caiff ei ddarllen ar y ddyfais hon.',
      reading: "Wrthi'n darllen y cod QR…",
      notImage: "Nid llun yw'r ffeil hon. Dewiswch lun neu sgrinlun o'r cod QR.",
      noCode:
        "Nid oedd modd darllen cod QR yn y llun hwn. Tynnwch y llun yn agosach, gyda'r cod cyfan ynddo ac mewn ffocws, yna rhowch gynnig arall arni.",
    },
  },
  errors: {
    offline:
      "Collwyd y cysylltiad â'r gweinydd. Gwiriwch eich cysylltiad rhyngrwyd, yna rhowch gynnig arall arni.",
    'bad-login-token':
      "Mae'r ddolen neu'r cod hwn yn anghywir, wedi'i ddefnyddio eisoes neu wedi dod i ben. Gofynnwch am e-bost mewngofnodi newydd isod.",
    'too-many-attempts':
      "Gormod o ddolenni neu godau anghywir o'r fan hon. Arhoswch am ychydig, yna rhowch gynnig arall arni.",
    'too-many-logins':
      "Mae sawl e-bost mewngofnodi eisoes wedi'u hanfon i'r cyfeiriad hwn. Defnyddiwch yr un diweddaraf, neu rhowch gynnig arall arni nes ymlaen.",
    'login-required': 'Mae eich sesiwn wedi dod i ben. Mewngofnodwch eto.',
    forbidden: "Nid ydych wedi mewngofnodi i'r etholiad hwn. Mewngofnodwch eto.",
    'unknown-election': 'Nid oes etholiad yn y cyfeiriad hwn. Gwiriwch y ddolen yn eich e-bost.',
    'election-not-open': "Nid yw'r pleidleisio yn yr etholiad hwn ar agor, felly ni fwriwyd eich pleidlais.",
    'already-voted':
      "Rydych eisoes wedi pleidleisio yn yr etholiad hwn, ac mae'n derbyn un bleidlais yn unig gan bob aelod. Mae eich pleidlais gyntaf yn sefyll a bydd yn cael ei chyfrif.",
    'credential-taken':
      "Mae'r cymhwyster hwn eisoes yn cael ei ddefnyddio gan sesiwn arall, neu rydych eisoes wedi pleidleisio gyda chymhwyster arall. Ni fwriwyd eich pleidlais.",
    'unlisted-credential':
      "Nid yw'r cymhwyster hwn yn un o gymwysterau'r etholiad hwn. Gwiriwch eich bod wedi defnyddio'r cymhwyster ar gyfer yr etholiad hwn. Ni fwriwyd eich pleidlais.",
    'wrong-election': 'Gwnaed y bleidlais hon ar gyfer etholiad arall. Dechreuwch eto.',
    'bad-ballot':
      "Ni allai'r gweinydd dderbyn y bleidlais hon oherwydd iddi fethu gwiriad. Ni chofnodwyd dim. Dechreuwch eto; os digwydd hyn eto, defnyddiwch ddyfais arall.",
    'rate-limited': "Gormod o geisiadau o'r fan hon. Arhoswch funud, yna rhowch gynnig arall arni.",
    unavailable: "Mae'r gweinydd yn brysur neu'n cael ei gynnal a chadw. Rhowch gynnig arall arni cyn hir.",
    internal: "Aeth rhywbeth o'i le ar y gweinydd. Rhowch gynnig arall arni cyn hir.",
    'bad-reply':
      'Anfonodd y gweinydd ateb na all y dudalen hon ei ddarllen. Rhowch gynnig arall arni cyn hir.',
    worker:
      "Ni allai'r porwr hwn amgryptio'r bleidlais. Rhowch gynnig arall arni; os digwydd hyn eto, defnyddiwch borwr neu ddyfais arall.",
    other: (code: string) => `Gwrthododd y gweinydd y cais (${code}). Rhowch gynnig arall arni.`,
  },
  ...publicPages.cy,
  ...explorer.cy,
  ...verifier.cy,
  ...trustee.cy,
  ...consolePages.cy,
  ...members.cy,
};
