/**
 * The texts of these pages, in English and Welsh (same shape; merged into the pages' messages by
 * src/web/i18n/en.ts and cy.ts, so components read them as `useT().<section>`).
 */
import type { Phase } from '../../verifier/election-state.ts';

/** What kind of failure a failure code is, for a plain-words explanation (see ReportView.tsx). */
export type FailureKind =
  | 'notRecord'
  | 'cut'
  | 'format'
  | 'log'
  | 'lifecycle'
  | 'setup'
  | 'ballots'
  | 'count';

/** Every phase the verifier can report. */
type Phases = Record<Phase, string>;

/** Number formatting for each language. */
const number = (lang: string) => (n: number) => n.toLocaleString(lang);
/** A size in MB, or GB from a thousand MB on. */
const megabytes = (lang: string) => (bytes: number) =>
  bytes >= 1e9
    ? `${(bytes / 1e9).toLocaleString(lang, { maximumFractionDigits: 1 })} GB`
    : `${(bytes / 1e6).toLocaleString(lang, { maximumFractionDigits: bytes < 1e7 ? 1 : 0 })} MB`;

const n = number('en-GB');
const mb = megabytes('en-GB');

export const en = {
  verifierPage: {
    title: 'Verify an election',
    intro:
      'The universal verifier re-checks a whole election from its public record: every signature, every proof, the chain of the public board, the count and the result. It runs in this browser — the record is not sent anywhere — and it is the same verifier as the command line’s “psephos verify”, with the same report.',
    electionHeading: 'This election',
    electionIntro: (title: string) => `Check “${title}” with the record this server publishes.`,
    electionIdIntro: (id: string) => `Check the election “${id}” with the record this server publishes.`,
    fetchButton: 'Fetch this election’s record from this server',
    fileHeading: 'A record file',
    fileIntro:
      'Or check a record file: the one “Download the election record” gives, or the one “psephos export” writes (a .psephos.jsonl file).',
    fileLabel: 'Election record file',
    fileButton: 'Verify this file',
    noFile: 'Choose a record file first.',
    tooLarge: (bytes: number, max: number) =>
      `This file is ${mb(bytes)}. This page checks records of up to ${mb(max)} — far more than any membership election needs — so this is very likely not a record. For a larger record, use the command line’s “psephos verify”, which has no limit.`,
    recordTooLarge: (max: number) =>
      `This election’s record is over ${mb(max)}, more than this page checks. Download it with the command line’s “psephos export”, which verifies it too.`,
    progressHeading: 'Checking the record',
    progressLabel: 'Verification progress',
    starting: 'Starting the verifier…',
    downloading: (bytes: number) => `Downloading the record: ${mb(bytes)} so far.`,
    pass1: 'Pass 1 of 2: every event, signature, proof and ballot.',
    pass2: 'Pass 2 of 2: the tally against the ballots that count.',
    events: (done: number, total: number | null) =>
      total === null
        ? `${n(done)} events checked.`
        : `${n(Math.min(done, total))} of ${n(total)} events checked.`,
    ballots: (count: number) => `${n(count)} ballots’ signatures and proofs checked.`,
    size: (bytes: number, workers: number, backend: string) =>
      `Record of ${mb(bytes)}; ${workers} ${workers === 1 ? 'worker checks' : 'workers check'} the ballots (${backend === 'sodium' ? 'WebAssembly' : 'pure TypeScript'} arithmetic).`,
    cancel: 'Cancel',
    cancelled: 'Verification cancelled: nothing was checked to the end.',
    announceDownloading: 'Downloading the record.',
    announceChecking: 'Checking the record. This can take a while for a large election.',
    announceDone: 'Verification finished.',
    okTitle: 'The record checks out',
    failTitle: (code: string, where: string) => `The record FAILS verification: ${code}${where}`,
    atEvent: (event: number) => ` at event ${event}`,
    atLine: (line: number) => ` at line ${line}`,
    okPublished:
      'Every check passed: the board is intact, every ballot is valid and counted by the rules, and the published result is what the ballots that count add up to.',
    okSoFar: (phase: string) =>
      `Every check passed as far as the record goes. The election is at the stage “${phase}”, so there is no result to check yet.`,
    kind: {
      notRecord:
        'This file is not a Psephos election record: its first line is not a record header. Check that you chose the election record (a .psephos.jsonl file), not a receipt or another file.',
      cut: 'The record is incomplete: it was cut short, for example by an interrupted download. Download or export it again; if a fresh copy fails the same way, the board itself published an incomplete record.',
      format:
        'A line of the record is not a valid board event: the file was damaged or altered after it was published.',
      log: 'The board’s log was altered: an event was changed, removed, added or moved after the board signed it, or a signature is not the board’s.',
      lifecycle:
        'An event came at a stage of the election the rules do not allow (for example a ballot after voting closed).',
      setup:
        'The election’s setup does not check out: its definition, the trustees’ key ceremony, the election key or the list of voting credentials.',
      ballots:
        'A ballot does not check out: its signature or proofs are invalid, its credential is not on the list, or it breaks the rule on voting again. A ballot was forged, altered or wrongly accepted.',
      count:
        'The count does not check out: the encrypted totals, a trustee’s decryption or the published result does not follow from the ballots that count.',
    } satisfies Record<FailureKind, string>,
    summaryHeading: 'What was checked',
    summary: {
      election: 'Election',
      practice: 'practice election',
      phase: 'Stage reached',
      events: 'Events on the board',
      treeHeads: 'Signed tree heads',
      trustees: 'Trustees',
      credentials: 'Voting credentials',
      ballots: 'Ballots cast',
      counted: 'Ballots that count',
      superseded: 'Ballots replaced or revoked',
      amendments: 'Roll amendments',
      root: 'Final Merkle root of the board',
      time: 'Verification time',
      ms: (ms: number) => `${(ms / 1000).toLocaleString('en-GB', { maximumFractionDigits: 1 })} s`,
      number: n,
    },
    phases: {
      empty: 'empty',
      'key-ceremony': 'key ceremony',
      ready: 'ready',
      open: 'open for voting',
      closed: 'closed',
      tallying: 'counting',
      published: 'result published',
    } satisfies Phases,
    checksCaption: 'Checks that passed',
    checkColumn: 'Check',
    countColumn: 'Items',
    checkNames: {
      'events chained, numbered and in the Merkle tree': 'Events chained, numbered and in the Merkle tree',
      'signed tree heads (signature and root)': 'Signed tree heads (signature and root)',
      'trustee key proofs': 'Trustees’ key proofs',
      'trustee dealings (commitment proofs)': 'Trustees’ dealings (commitment proofs)',
      'ballots (signature, listed credential, every proof)':
        'Ballots (signature, listed credential, every proof)',
      'decryption shares (Chaum–Pedersen proofs)': 'Decryption shares (Chaum–Pedersen proofs)',
    } as Readonly<Record<string, string>>,
    resultHeading: 'The result, as verified',
    resultCaption: (title: string, counted: number) => `${title} (${n(counted)} ballots counted)`,
    candidateColumn: 'Candidate',
    votesColumn: 'Votes',
    shareColumn: 'Share',
    share: (fraction: number) =>
      fraction.toLocaleString('en-GB', {
        style: 'percent',
        minimumFractionDigits: 1,
        maximumFractionDigits: 1,
      }),
    downloadReport: 'Download the report (JSON)',
    saveRecord: 'Save the record that was checked',
    reportHeading: 'The verifier’s report',
    reportHint:
      'Word for word what “psephos verify” prints for this record (only the time it took differs), and the JSON download is what “psephos verify --json” prints.',
    problemHeading: 'The record could not be checked',
    offline:
      'The server could not be reached, or the download broke off. Check your connection, then try again.',
    notFound: (id: string) => `This server has no public record for an election called “${id}”.`,
    refused: (status: number, code: string) =>
      `The server refused to send the record (${code}, HTTP ${status}).`,
    unreadable:
      'This browser could not read the file (was it moved or changed while being read?). Choose it again.',
    worker:
      'This browser could not run the verifier (its workers did not start or stopped). Try another browser, or the command line’s “psephos verify”.',
    hashesHeading: 'The booth bundle’s published hashes',
    hashesIntro:
      'The voting booth and these pages are one bundle: the page loads only the files below, and your browser refuses any of them whose content does not match its SHA-384 hash (Subresource Integrity). Compare these hashes with the ones published for this release of Psephos: if they differ, this server is not serving the published booth.',
    hashesNone: 'This copy of the pages carries no integrity hashes (it is not a release build).',
    fileColumn: 'File',
    hashColumn: 'SHA-384 integrity hash',
  },
};

const cyN = number('cy-GB');
const cyMb = megabytes('cy-GB');

export const cy: typeof en = {
  verifierPage: {
    title: 'Dilysu etholiad',
    intro:
      "Mae'r dilysydd cyffredinol yn ailwirio etholiad cyfan o'i gofnod cyhoeddus: pob llofnod, pob prawf, cadwyn y bwrdd cyhoeddus, y cyfrif a'r canlyniad. Mae'n rhedeg yn y porwr hwn — nid yw'r cofnod yn cael ei anfon i unman — a'r un dilysydd ydyw â “psephos verify” ar y llinell orchymyn, gyda'r un adroddiad.",
    electionHeading: 'Yr etholiad hwn',
    electionIntro: (title: string) => `Gwirio “${title}” gyda'r cofnod y mae'r gweinydd hwn yn ei gyhoeddi.`,
    electionIdIntro: (id: string) =>
      `Gwirio'r etholiad “${id}” gyda'r cofnod y mae'r gweinydd hwn yn ei gyhoeddi.`,
    fetchButton: "Nôl cofnod yr etholiad hwn o'r gweinydd hwn",
    fileHeading: 'Ffeil cofnod',
    fileIntro:
      "Neu gwiriwch ffeil cofnod: yr un a gewch o “Lawrlwytho cofnod yr etholiad”, neu'r un y mae “psephos export” yn ei hysgrifennu (ffeil .psephos.jsonl).",
    fileLabel: 'Ffeil cofnod yr etholiad',
    fileButton: "Dilysu'r ffeil hon",
    noFile: 'Dewiswch ffeil cofnod yn gyntaf.',
    tooLarge: (bytes: number, max: number) =>
      `Mae'r ffeil hon yn ${cyMb(bytes)}. Mae'r dudalen hon yn gwirio cofnodion hyd at ${cyMb(max)} — llawer mwy nag sydd ei angen ar unrhyw etholiad aelodaeth — felly mae'n debygol iawn nad cofnod yw hwn. Ar gyfer cofnod mwy, defnyddiwch “psephos verify” ar y llinell orchymyn, sydd heb derfyn.`,
    recordTooLarge: (max: number) =>
      `Mae cofnod yr etholiad hwn dros ${cyMb(max)}, mwy nag y mae'r dudalen hon yn ei wirio. Lawrlwythwch ef gyda “psephos export” ar y llinell orchymyn, sy'n ei ddilysu hefyd.`,
    progressHeading: "Wrthi'n gwirio'r cofnod",
    progressLabel: 'Cynnydd y dilysu',
    starting: "Wrthi'n cychwyn y dilysydd…",
    downloading: (bytes: number) => `Wrthi'n lawrlwytho'r cofnod: ${cyMb(bytes)} hyd yma.`,
    pass1: 'Cam 1 o 2: pob digwyddiad, llofnod, prawf a phleidlais.',
    pass2: "Cam 2 o 2: y cyfrif yn erbyn y pleidleisiau sy'n cyfrif.",
    events: (done: number, total: number | null) =>
      total === null
        ? `${cyN(done)} digwyddiad wedi'u gwirio.`
        : `${cyN(Math.min(done, total))} o ${cyN(total)} digwyddiad wedi'u gwirio.`,
    ballots: (count: number) => `Llofnodion a phroflenni ${cyN(count)} pleidlais wedi'u gwirio.`,
    size: (bytes: number, workers: number, backend: string) =>
      `Cofnod o ${cyMb(bytes)}; ${workers} gweithiwr yn gwirio'r pleidleisiau (rhifyddeg ${backend === 'sodium' ? 'WebAssembly' : 'TypeScript pur'}).`,
    cancel: 'Canslo',
    cancelled: "Cafodd y dilysu ei ganslo: ni chafodd dim ei wirio i'r diwedd.",
    announceDownloading: "Wrthi'n lawrlwytho'r cofnod.",
    announceChecking: "Wrthi'n gwirio'r cofnod. Gall hyn gymryd amser ar gyfer etholiad mawr.",
    announceDone: "Mae'r dilysu wedi gorffen.",
    okTitle: "Mae'r cofnod yn gywir",
    failTitle: (code: string, where: string) => `Mae'r cofnod yn METHU'R dilysu: ${code}${where}`,
    atEvent: (event: number) => ` yn nigwyddiad ${event}`,
    atLine: (line: number) => ` ar linell ${line}`,
    okPublished:
      "Llwyddodd pob gwiriad: mae'r bwrdd yn gyfan, mae pob pleidlais yn ddilys ac wedi'i chyfrif yn ôl y rheolau, a'r canlyniad a gyhoeddwyd yw cyfanswm y pleidleisiau sy'n cyfrif.",
    okSoFar: (phase: string) =>
      `Llwyddodd pob gwiriad cyn belled ag y mae'r cofnod yn mynd. Mae'r etholiad ar y cam “${phase}”, felly nid oes canlyniad i'w wirio eto.`,
    kind: {
      notRecord:
        "Nid cofnod etholiad Psephos yw'r ffeil hon: nid pennawd cofnod yw ei llinell gyntaf. Gwnewch yn siŵr eich bod wedi dewis cofnod yr etholiad (ffeil .psephos.jsonl), nid derbynneb na ffeil arall.",
      cut: "Mae'r cofnod yn anghyflawn: cafodd ei dorri'n fyr, er enghraifft gan lawrlwytho a dorrwyd. Lawrlwythwch neu allforiwch ef eto; os yw copi newydd yn methu yn yr un modd, cyhoeddodd y bwrdd ei hun gofnod anghyflawn.",
      format:
        "Nid yw un o linellau'r cofnod yn ddigwyddiad bwrdd dilys: cafodd y ffeil ei difrodi neu ei newid ar ôl ei chyhoeddi.",
      log: "Cafodd log y bwrdd ei newid: cafodd digwyddiad ei newid, ei ddileu, ei ychwanegu neu ei symud ar ôl i'r bwrdd ei lofnodi, neu nid y bwrdd biau llofnod.",
      lifecycle:
        "Daeth digwyddiad ar gam o'r etholiad nad yw'r rheolau'n ei ganiatáu (er enghraifft pleidlais ar ôl i'r pleidleisio gau).",
      setup:
        "Nid yw trefniadau'r etholiad yn gywir: ei ddiffiniad, seremoni allwedd yr ymddiriedolwyr, allwedd yr etholiad neu'r rhestr o gymwysterau pleidleisio.",
      ballots:
        "Nid yw pleidlais yn gywir: mae ei llofnod neu ei phroflenni'n annilys, nid yw ei chymhwyster ar y rhestr, neu mae'n torri'r rheol ar bleidleisio eto. Cafodd pleidlais ei ffugio, ei newid neu ei derbyn ar gam.",
      count:
        "Nid yw'r cyfrif yn gywir: nid yw'r cyfansymiau wedi'u hamgryptio, dadgryptiad ymddiriedolwr neu'r canlyniad a gyhoeddwyd yn dilyn o'r pleidleisiau sy'n cyfrif.",
    },
    summaryHeading: 'Beth a wiriwyd',
    summary: {
      election: 'Etholiad',
      practice: 'etholiad ymarfer',
      phase: 'Y cam a gyrhaeddwyd',
      events: 'Digwyddiadau ar y bwrdd',
      treeHeads: 'Pennau coeden wedi’u llofnodi',
      trustees: 'Ymddiriedolwyr',
      credentials: 'Cymwysterau pleidleisio',
      ballots: 'Pleidleisiau a fwriwyd',
      counted: "Pleidleisiau sy'n cyfrif",
      superseded: 'Pleidleisiau a ddisodlwyd neu a ddirymwyd',
      amendments: "Diwygiadau i'r gofrestr",
      root: 'Gwreiddyn Merkle terfynol y bwrdd',
      time: 'Amser dilysu',
      ms: (ms: number) => `${(ms / 1000).toLocaleString('cy-GB', { maximumFractionDigits: 1 })} e`,
      number: cyN,
    },
    phases: {
      empty: 'gwag',
      'key-ceremony': 'seremoni allwedd',
      ready: 'yn barod',
      open: 'ar agor i bleidleisio',
      closed: 'wedi cau',
      tallying: 'cyfrif',
      published: "canlyniad wedi'i gyhoeddi",
    },
    checksCaption: 'Gwiriadau a lwyddodd',
    checkColumn: 'Gwiriad',
    countColumn: 'Eitemau',
    checkNames: {
      'events chained, numbered and in the Merkle tree':
        "Digwyddiadau wedi'u cadwyno, eu rhifo ac yn y goeden Merkle",
      'signed tree heads (signature and root)': "Pennau coeden wedi'u llofnodi (llofnod a gwreiddyn)",
      'trustee key proofs': 'Proflenni allwedd yr ymddiriedolwyr',
      'trustee dealings (commitment proofs)': 'Rhanniadau’r ymddiriedolwyr (proflenni ymrwymiad)',
      'ballots (signature, listed credential, every proof)':
        'Pleidleisiau (llofnod, cymhwyster ar y rhestr, pob prawf)',
      'decryption shares (Chaum–Pedersen proofs)': 'Cyfrannau dadgryptio (proflenni Chaum–Pedersen)',
    },
    resultHeading: "Y canlyniad, wedi'i ddilysu",
    resultCaption: (title: string, counted: number) => `${title} (${cyN(counted)} pleidlais wedi'u cyfrif)`,
    candidateColumn: 'Ymgeisydd',
    votesColumn: 'Pleidleisiau',
    shareColumn: 'Cyfran',
    share: (fraction: number) =>
      fraction.toLocaleString('cy-GB', {
        style: 'percent',
        minimumFractionDigits: 1,
        maximumFractionDigits: 1,
      }),
    downloadReport: "Lawrlwytho'r adroddiad (JSON)",
    saveRecord: "Cadw'r cofnod a wiriwyd",
    reportHeading: 'Adroddiad y dilysydd',
    reportHint:
      "Air am air yr hyn y mae “psephos verify” yn ei argraffu ar gyfer y cofnod hwn (dim ond yr amser a gymerodd sy'n wahanol), a'r JSON i'w lawrlwytho yw'r hyn y mae “psephos verify --json” yn ei argraffu.",
    problemHeading: "Nid oedd modd gwirio'r cofnod",
    offline:
      'Nid oedd modd cyrraedd y gweinydd, neu torrodd y lawrlwytho. Gwiriwch eich cysylltiad, yna rhowch gynnig arall arni.',
    notFound: (id: string) =>
      `Nid oes gan y gweinydd hwn gofnod cyhoeddus ar gyfer etholiad o'r enw “${id}”.`,
    refused: (status: number, code: string) =>
      `Gwrthododd y gweinydd anfon y cofnod (${code}, HTTP ${status}).`,
    unreadable:
      'Nid oedd y porwr hwn yn gallu darllen y ffeil (a gafodd ei symud neu ei newid wrth ei darllen?). Dewiswch hi eto.',
    worker:
      'Nid oedd y porwr hwn yn gallu rhedeg y dilysydd (ni ddechreuodd ei weithwyr neu fe wnaethant stopio). Rhowch gynnig ar borwr arall, neu “psephos verify” ar y llinell orchymyn.',
    hashesHeading: 'Stwnshis cyhoeddedig bwndel y bwth',
    hashesIntro:
      "Un bwndel yw'r bwth pleidleisio a'r tudalennau hyn: mae'r dudalen yn llwytho'r ffeiliau isod yn unig, ac mae eich porwr yn gwrthod unrhyw un nad yw ei chynnwys yn cyfateb i'w stwnsh SHA-384 (Cywirdeb Is-adnoddau). Cymharwch y stwnshis hyn â'r rhai a gyhoeddwyd ar gyfer y fersiwn hon o Psephos: os ydynt yn wahanol, nid yw'r gweinydd hwn yn gweini'r bwth a gyhoeddwyd.",
    hashesNone: "Nid oes stwnsh cywirdeb gan y copi hwn o'r tudalennau (nid fersiwn ryddhau mohono).",
    fileColumn: 'Ffeil',
    hashColumn: 'Stwnsh cywirdeb SHA-384',
  },
};
