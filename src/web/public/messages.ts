/**
 * The texts of these pages, in English and Welsh (same shape; merged into the pages' messages by
 * src/web/i18n/en.ts and cy.ts, so components read them as `useT().<section>`).
 */

/** The lifecycle phases as the server names them (src/verifier/election-state.ts). */
type PhaseTexts = Record<'key-ceremony' | 'ready' | 'open' | 'closed' | 'tallying' | 'published', string>;

const phaseEn: PhaseTexts = {
  'key-ceremony': 'Key ceremony: the trustees are making the election key. Voting has not opened.',
  ready: 'Ready: everything is in place, but voting has not opened yet.',
  open: 'Open: voting is under way.',
  closed: 'Closed: voting has ended and the ballots are about to be counted.',
  tallying: 'Counting: the encrypted totals are published and the trustees are decrypting them.',
  published: 'Results published: voting and counting are over.',
};

const phaseCy: PhaseTexts = {
  'key-ceremony':
    "Seremoni'r allwedd: mae'r ymddiriedolwyr yn creu allwedd yr etholiad. Nid yw'r pleidleisio wedi agor.",
  ready: "Yn barod: mae popeth yn ei le, ond nid yw'r pleidleisio wedi agor eto.",
  open: "Ar agor: mae'r pleidleisio ar y gweill.",
  closed: "Wedi cau: mae'r pleidleisio wedi dod i ben a bydd y pleidleisiau'n cael eu cyfrif cyn hir.",
  tallying:
    "Cyfrif: mae'r cyfansymiau wedi'u hamgryptio wedi'u cyhoeddi ac mae'r ymddiriedolwyr yn eu dadgryptio.",
  published: "Canlyniadau wedi'u cyhoeddi: mae'r pleidleisio a'r cyfrif ar ben.",
};

export const en = {
  electionPage: {
    practiceBadge: 'Practice',
    unknownElection: 'There is no election at this address. Check the link, or go to the start page.',
    home: 'Go to the start page',
    refreshFailed: (problem: string) => `The latest figures could not be fetched: ${problem}`,
    updated: (time: string) => `Updated at ${time}.`,
    title: 'Election',
    practice:
      'This is a practice election, for members to try voting. Nothing voted here counts, and its result is not a real result.',
    stateHeading: 'Where the election is',
    phase: phaseEn,
    phaseOther: (phase: string) => `State: ${phase}.`,
    opens: 'Voting opens',
    closes: 'Voting closes',
    revoting: 'Voting again',
    revotingSingle: 'One ballot per member: the first ballot cast is final.',
    revotingLastCounts:
      'Members may vote again until voting closes; only their last ballot counts. This protects anyone pressed to vote a certain way.',
    linksHeading: 'What you can do',
    vote: 'Vote in this election',
    checkReceipt: 'Check a receipt',
    board: 'Explore the public board',
    results: 'See the results',
    rollCheck: 'Check that you are on the roll',
    verify: 'Verify the whole election',
    record: 'Download the election record',
    recordHint:
      'The record is everything on the public board, in one file. Anyone can check it with the Psephos verifier.',
    questionsHeading: (n: number): string => (n === 1 ? 'The question' : 'The questions'),
    chooseOne: 'Each member chooses one candidate.',
    chooseOneOrBlank: 'Each member chooses one candidate, or leaves this question blank.',
    chooseBetween: (min: number, max: number) =>
      min === max
        ? `Each member chooses ${max} candidates.`
        : `Each member chooses ${min} to ${max} candidates.`,
    candidates: 'Candidates',
    statement: 'Statement',
    numbersHeading: 'Electorate and ballots',
    credentials: 'Voting credentials issued',
    credentialsNone: 'The voting credentials have not been issued yet.',
    members: 'Members on the committed roll',
    cast: 'Ballots cast',
    counted: 'Ballots that count',
    countedNote: 'A member who voted more than once counts once, with their last ballot.',
    weighted: (max: number) =>
      `Ballots are weighted: a member’s ballot may count up to ${max} times, as the roll sets.`,
    trusteesHeading: 'Trustees and the election key',
    threshold: (t: number, n: number) =>
      n === 1
        ? 'One trustee holds the key that decrypts the result.'
        : `Any ${t} of the ${n} trustees together can decrypt the result; fewer than ${t} cannot decrypt anything.`,
    trusteeWaiting: 'Has not started yet',
    trusteeIdentity: 'Key published; shares not dealt yet',
    trusteeDealt: 'Key published and shares dealt',
    trusteeDisqualified: 'Disqualified: a share they dealt failed its check',
    keyReady: 'The election key is ready: ballots are encrypted under it.',
    keyNotReady: 'The election key is not ready yet.',
    decryption: (shares: number, threshold: number) =>
      `Decryption: ${shares} of the ${threshold} trustees needed have decrypted the totals.`,
    fingerprintHeading: 'Fingerprint',
    fingerprintHint:
      'A summary of every detail of this election. The booth, the trustees and the verifier all check this same fingerprint: if a detail changed, so would the fingerprint.',
  },
  results: {
    title: 'Results',
    practice: 'Practice — not a real result',
    practiceText: 'This was a practice election. Nothing voted in it counts.',
    notYetTitle: 'No results yet',
    notYet: {
      'key-ceremony': (closes: string) =>
        `Voting has not opened yet. The results are published after voting closes (${closes}) and the trustees have decrypted the totals.`,
      ready: (closes: string) =>
        `Voting has not opened yet. The results are published after voting closes (${closes}) and the trustees have decrypted the totals.`,
      open: (closes: string) =>
        `Voting is open until ${closes}. The results are published after it closes and the trustees have decrypted the totals.`,
      closed: (_closes: string) =>
        'Voting has closed. The ballots are about to be counted; the results follow once the trustees have decrypted the totals.',
      tallying: (_closes: string) =>
        'The ballots have been counted in encrypted form. The results are published as soon as enough trustees have decrypted the totals.',
    } as Record<string, (closes: string) => string>,
    notYetOther: 'The results have not been published yet.',
    turnoutHeading: 'Turnout',
    turnout: (counted: number, credentials: number, share: string) =>
      `${counted} of ${credentials} voting credentials were used for a ballot that counts (${share}).`,
    countedBallots: (n: number) => (n === 1 ? '1 ballot counted.' : `${n} ballots counted.`),
    noBallots: 'No ballots were counted.',
    candidate: 'Candidate',
    votes: 'Votes',
    share: 'Share',
    caption: (question: string) => `Votes on “${question}”`,
    mostVotes: 'Most votes',
    tied: 'Tied for most votes',
    blank: 'Blank (no candidate chosen)',
    chartLabel: (question: string, parts: string) => `Bar chart of the votes on “${question}”: ${parts}.`,
    chartPart: (name: string, votes: number, share: string) =>
      `${name}, ${votes === 1 ? '1 vote' : `${votes} votes`} (${share})`,
    chartWinner: (name: string) => `${name} has the most votes`,
    shareOfBallots: 'Shares are of the ballots counted.',
    approvalNote: (max: number) =>
      `Each ballot could choose up to ${max} candidates, so the shares can add up to more than 100%.`,
    weightedNote:
      'Votes are weighted: each ballot counts as many times as its member’s weight. Shares are of all the weighted votes given to candidates.',
    linksHeading: 'Check the result yourself',
    record: 'Download the election record',
    verify: 'Verify the whole election',
    board: 'Explore the public board',
    electionPage: 'About this election',
  },
  rollCheck: {
    title: 'Check that you are on the roll',
    intro:
      'The organisers published a fingerprint of the membership roll, without publishing the roll itself. With your member number and the roll-check code sent with your voting credential, this page checks that you are one of the members in it.',
    private: 'Your member number and code stay on this device: nothing you type here is sent to the server.',
    notCommitted:
      'This election did not publish a fingerprint of its membership roll, so there is nothing to check against.',
    noElectorate: 'The membership roll has not been published yet. Please come back later.',
    memberLabel: 'Your member number',
    memberHint: 'As it appears on your membership card or in the email with your credential.',
    saltLabel: 'Your roll-check code',
    saltHint: '22 letters, digits, “-” or “_”, sent with your voting credential.',
    fileLabel: 'The roll file (optional)',
    fileHint:
      'The public roll file (electorate.json) the organisers published. It is needed unless you were added to the roll later.',
    button: 'Check',
    checking: 'Reading the public board…',
    memberEmpty: 'Enter your member number.',
    saltEmpty: 'Enter your roll-check code.',
    saltBad:
      'This is not a roll-check code: it should be 22 letters, digits, “-” or “_”. Check that you copied all of it.',
    foundTitle: 'You are on the roll',
    found: (members: number) =>
      members === 1
        ? 'You are the one member on the committed roll.'
        : `You are on the roll, as one of ${members} members.`,
    foundAdded: (date: string) =>
      `You were added to the roll on ${date}, after it was first published. The reason given:`,
    foundCorrected: (date: string) =>
      `Your entry on the roll was corrected to this member number on ${date}. The reason given:`,
    removedTitle: 'Not on the roll any more',
    correctedTitle: 'Your member number was corrected',
    boardMismatch:
      'The public board’s records do not check out, so this page cannot tell whether you are on the roll. Please tell the organisers.',
    reading: (read: number, total: number) =>
      `Reading the public board: ${read} of ${total} entries checked.`,
    currentSize: (members: number) => `With every change since, the roll has ${members} members.`,
    notFoundTitle: 'Not found',
    notFound:
      'No member with this number and code is on the roll. Check that you typed your member number and code exactly as they were sent to you. If they are right, please contact the organisers.',
    needFile:
      'You are not among the members added to the roll after it was published. To check against the roll as it was first published, choose the public roll file above, then check again.',
    removed: (date: string) => `You were on the roll, but were removed from it on ${date}. The reason given:`,
    corrected: (date: string) =>
      `Your member number was corrected on ${date}. Check again with your corrected member number. The reason given:`,
    badFileTitle: 'This roll file cannot be used',
    unreadableFile:
      'This file is not a roll file: it could not be read. Check that you chose the right file.',
    wrongFile:
      'This roll file does not match the roll fingerprint on the election’s public board: it is for another election, or it has been changed. Get the file again from the organisers.',
    fileTooLarge: 'This file is too large to be the roll file of this election.',
    howTitle: 'How this check works',
    how: 'Your member number and code are combined into a value that only you can make. The page looks for it in the public board’s record of changes to the roll and, if you chose it, in the roll file — after checking that the file matches the fingerprint on the board.',
  },
};

export const cy: typeof en = {
  electionPage: {
    practiceBadge: 'Ymarfer',
    unknownElection: "Nid oes etholiad yn y cyfeiriad hwn. Gwiriwch y ddolen, neu ewch i'r dudalen gyntaf.",
    home: "Mynd i'r dudalen gyntaf",
    refreshFailed: (problem: string) => `Ni fu modd nôl y ffigurau diweddaraf: ${problem}`,
    updated: (time: string) => `Diweddarwyd am ${time}.`,
    title: 'Etholiad',
    practice:
      'Etholiad ymarfer yw hwn, i aelodau roi cynnig ar bleidleisio. Nid oes dim a bleidleisir yma yn cyfrif, ac nid yw ei ganlyniad yn ganlyniad go iawn.',
    stateHeading: 'Cyflwr yr etholiad',
    phase: phaseCy,
    phaseOther: (phase: string) => `Cyflwr: ${phase}.`,
    opens: "Mae'r pleidleisio'n agor",
    closes: "Mae'r pleidleisio'n cau",
    revoting: 'Pleidleisio eto',
    revotingSingle: 'Un bleidlais gan bob aelod: mae’r bleidlais gyntaf a fwrir yn derfynol.',
    revotingLastCounts:
      "Caiff aelodau bleidleisio eto nes i'r pleidleisio gau; dim ond eu pleidlais olaf sy'n cyfrif. Mae hyn yn diogelu unrhyw un sydd dan bwysau i bleidleisio mewn ffordd benodol.",
    linksHeading: 'Beth allwch chi ei wneud',
    vote: 'Pleidleisio yn yr etholiad hwn',
    checkReceipt: 'Gwirio derbynneb',
    board: "Archwilio'r bwrdd cyhoeddus",
    results: 'Gweld y canlyniadau',
    rollCheck: 'Gwirio eich bod ar y gofrestr',
    verify: "Dilysu'r etholiad cyfan",
    record: 'Lawrlwytho cofnod yr etholiad',
    recordHint:
      'Y cofnod yw popeth sydd ar y bwrdd cyhoeddus, mewn un ffeil. Gall unrhyw un ei wirio gyda dilysydd Psephos.',
    questionsHeading: (n: number) => (n === 1 ? 'Y cwestiwn' : 'Y cwestiynau'),
    chooseOne: 'Mae pob aelod yn dewis un ymgeisydd.',
    chooseOneOrBlank: "Mae pob aelod yn dewis un ymgeisydd, neu'n gadael y cwestiwn hwn yn wag.",
    chooseBetween: (min: number, max: number) =>
      min === max
        ? `Mae pob aelod yn dewis ${max} ymgeisydd.`
        : `Mae pob aelod yn dewis rhwng ${min} a ${max} ymgeisydd.`,
    candidates: 'Ymgeiswyr',
    statement: 'Datganiad',
    numbersHeading: "Yr etholwyr a'r pleidleisiau",
    credentials: 'Cymwysterau pleidleisio a gyhoeddwyd',
    credentialsNone: "Nid yw'r cymwysterau pleidleisio wedi'u cyhoeddi eto.",
    members: 'Aelodau ar y gofrestr a ymrwymwyd',
    cast: 'Pleidleisiau a fwriwyd',
    counted: "Pleidleisiau sy'n cyfrif",
    countedNote: "Mae aelod a bleidleisiodd fwy nag unwaith yn cyfrif unwaith, gyda'i bleidlais olaf.",
    weighted: (max: number) =>
      `Mae pwysau i'r pleidleisiau: gall pleidlais aelod gyfrif hyd at ${max} gwaith, fel y mae'r gofrestr yn ei bennu.`,
    trusteesHeading: 'Yr ymddiriedolwyr ac allwedd yr etholiad',
    threshold: (t: number, n: number) =>
      n === 1
        ? "Mae un ymddiriedolwr yn dal yr allwedd sy'n dadgryptio'r canlyniad."
        : `Gall unrhyw ${t} o'r ${n} ymddiriedolwr gyda'i gilydd ddadgryptio'r canlyniad; ni all llai na ${t} ddadgryptio dim.`,
    trusteeWaiting: 'Heb ddechrau eto',
    trusteeIdentity: "Allwedd wedi'i chyhoeddi; cyfrannau heb eu dosbarthu eto",
    trusteeDealt: "Allwedd wedi'i chyhoeddi a chyfrannau wedi'u dosbarthu",
    trusteeDisqualified: 'Wedi’i ddiarddel: methodd cyfran a ddosbarthodd ei gwiriad',
    keyReady: 'Mae allwedd yr etholiad yn barod: caiff pleidleisiau eu hamgryptio â hi.',
    keyNotReady: 'Nid yw allwedd yr etholiad yn barod eto.',
    decryption: (shares: number, threshold: number) =>
      `Dadgryptio: mae ${shares} o'r ${threshold} ymddiriedolwr sydd eu hangen wedi dadgryptio'r cyfansymiau.`,
    fingerprintHeading: 'Ôl bys',
    fingerprintHint:
      "Crynodeb o bob manylyn o'r etholiad hwn. Mae'r bwth pleidleisio, yr ymddiriedolwyr a'r dilysydd i gyd yn gwirio'r un ôl bys: pe bai manylyn yn newid, byddai'r ôl bys yn newid hefyd.",
  },
  results: {
    title: 'Canlyniadau',
    practice: 'Ymarfer — nid canlyniad go iawn',
    practiceText: 'Etholiad ymarfer oedd hwn. Nid oes dim a bleidleisiwyd ynddo yn cyfrif.',
    notYetTitle: 'Dim canlyniadau eto',
    notYet: {
      'key-ceremony': (closes: string) =>
        `Nid yw'r pleidleisio wedi agor eto. Caiff y canlyniadau eu cyhoeddi ar ôl i'r pleidleisio gau (${closes}) ac i'r ymddiriedolwyr ddadgryptio'r cyfansymiau.`,
      ready: (closes: string) =>
        `Nid yw'r pleidleisio wedi agor eto. Caiff y canlyniadau eu cyhoeddi ar ôl i'r pleidleisio gau (${closes}) ac i'r ymddiriedolwyr ddadgryptio'r cyfansymiau.`,
      open: (closes: string) =>
        `Mae'r pleidleisio ar agor tan ${closes}. Caiff y canlyniadau eu cyhoeddi ar ôl iddo gau ac i'r ymddiriedolwyr ddadgryptio'r cyfansymiau.`,
      closed: (_closes: string) =>
        "Mae'r pleidleisio wedi cau. Bydd y pleidleisiau'n cael eu cyfrif cyn hir; daw'r canlyniadau wedi i'r ymddiriedolwyr ddadgryptio'r cyfansymiau.",
      tallying: (_closes: string) =>
        "Mae'r pleidleisiau wedi'u cyfrif ar ffurf wedi'i hamgryptio. Caiff y canlyniadau eu cyhoeddi cyn gynted ag y bydd digon o ymddiriedolwyr wedi dadgryptio'r cyfansymiau.",
    } as Record<string, (closes: string) => string>,
    notYetOther: "Nid yw'r canlyniadau wedi'u cyhoeddi eto.",
    turnoutHeading: 'Y nifer a bleidleisiodd',
    turnout: (counted: number, credentials: number, share: string) =>
      `Defnyddiwyd ${counted} o'r ${credentials} cymhwyster pleidleisio ar gyfer pleidlais sy'n cyfrif (${share}).`,
    countedBallots: (n: number) => (n === 1 ? 'Cyfrifwyd un bleidlais.' : `Cyfrifwyd ${n} pleidlais.`),
    noBallots: 'Ni chyfrifwyd unrhyw bleidlais.',
    candidate: 'Ymgeisydd',
    votes: 'Pleidleisiau',
    share: 'Cyfran',
    caption: (question: string) => `Pleidleisiau ar “${question}”`,
    mostVotes: 'Y nifer fwyaf o bleidleisiau',
    tied: 'Yn gyfartal am y nifer fwyaf o bleidleisiau',
    blank: 'Gwag (dim ymgeisydd wedi’i ddewis)',
    chartLabel: (question: string, parts: string) => `Siart bar o'r pleidleisiau ar “${question}”: ${parts}.`,
    chartPart: (name: string, votes: number, share: string) => `${name}, ${votes} pleidlais (${share})`,
    chartWinner: (name: string) => `${name} sydd â'r nifer fwyaf o bleidleisiau`,
    shareOfBallots: "Mae'r cyfrannau o'r pleidleisiau a gyfrifwyd.",
    approvalNote: (max: number) =>
      `Gallai pob pleidlais ddewis hyd at ${max} ymgeisydd, felly gall y cyfrannau adio i fwy na 100%.`,
    weightedNote:
      "Mae pwysau i'r pleidleisiau: mae pob pleidlais yn cyfrif cynifer o weithiau â phwysau ei haelod. Mae'r cyfrannau o'r holl bleidleisiau â phwysau a roddwyd i ymgeiswyr.",
    linksHeading: "Gwirio'r canlyniad eich hun",
    record: 'Lawrlwytho cofnod yr etholiad',
    verify: "Dilysu'r etholiad cyfan",
    board: "Archwilio'r bwrdd cyhoeddus",
    electionPage: 'Am yr etholiad hwn',
  },
  rollCheck: {
    title: 'Gwirio eich bod ar y gofrestr',
    intro:
      "Cyhoeddodd y trefnwyr ôl bys o gofrestr yr aelodau, heb gyhoeddi'r gofrestr ei hun. Gyda rhif eich aelodaeth a'r cod gwirio cofrestr a anfonwyd gyda'ch cymhwyster pleidleisio, mae'r dudalen hon yn gwirio eich bod yn un o'r aelodau ynddi.",
    private:
      "Mae rhif eich aelodaeth a'ch cod yn aros ar y ddyfais hon: nid oes dim a deipiwch yma yn cael ei anfon i'r gweinydd.",
    notCommitted:
      'Ni chyhoeddodd yr etholiad hwn ôl bys o gofrestr ei aelodau, felly nid oes dim i wirio yn ei erbyn.',
    noElectorate: "Nid yw cofrestr yr aelodau wedi'i chyhoeddi eto. Dewch yn ôl nes ymlaen.",
    memberLabel: 'Rhif eich aelodaeth',
    memberHint: "Fel y mae ar eich cerdyn aelodaeth neu yn yr e-bost gyda'ch cymhwyster.",
    saltLabel: 'Eich cod gwirio cofrestr',
    saltHint: "22 o lythrennau, digidau, “-” neu “_”, a anfonwyd gyda'ch cymhwyster pleidleisio.",
    fileLabel: 'Ffeil y gofrestr (dewisol)',
    fileHint:
      'Y ffeil gofrestr gyhoeddus (electorate.json) a gyhoeddodd y trefnwyr. Mae ei hangen oni bai i chi gael eich ychwanegu at y gofrestr yn nes ymlaen.',
    button: 'Gwirio',
    checking: "Wrthi'n darllen y bwrdd cyhoeddus…",
    memberEmpty: 'Rhowch rif eich aelodaeth.',
    saltEmpty: 'Rhowch eich cod gwirio cofrestr.',
    saltBad:
      "Nid cod gwirio cofrestr yw hwn: dylai fod yn 22 o lythrennau, digidau, “-” neu “_”. Gwiriwch eich bod wedi'i gopïo i gyd.",
    foundTitle: 'Rydych ar y gofrestr',
    found: (members: number) =>
      members === 1
        ? "Chi yw'r unig aelod ar y gofrestr a ymrwymwyd."
        : `Rydych ar y gofrestr, yn un o ${members} aelod.`,
    foundAdded: (date: string) =>
      `Cawsoch eich ychwanegu at y gofrestr ar ${date}, ar ôl iddi gael ei chyhoeddi gyntaf. Y rheswm a roddwyd:`,
    foundCorrected: (date: string) =>
      `Cywirwyd eich cofnod ar y gofrestr i'r rhif aelodaeth hwn ar ${date}. Y rheswm a roddwyd:`,
    removedTitle: 'Nid ydych ar y gofrestr mwyach',
    correctedTitle: 'Cywirwyd rhif eich aelodaeth',
    boardMismatch:
      "Nid yw cofnodion y bwrdd cyhoeddus yn gywir, felly ni all y dudalen hon ddweud a ydych ar y gofrestr. Rhowch wybod i'r trefnwyr.",
    reading: (read: number, total: number) =>
      `Wrthi'n darllen y bwrdd cyhoeddus: ${read} o ${total} cofnod wedi'u gwirio.`,
    currentSize: (members: number) => `Gyda phob newid ers hynny, mae ${members} aelod ar y gofrestr.`,
    notFoundTitle: 'Heb ddod o hyd i chi',
    notFound:
      "Nid oes aelod gyda'r rhif a'r cod hwn ar y gofrestr. Gwiriwch eich bod wedi teipio rhif eich aelodaeth a'ch cod yn union fel y'u hanfonwyd atoch. Os ydynt yn gywir, cysylltwch â'r trefnwyr.",
    needFile:
      "Nid ydych ymhlith yr aelodau a ychwanegwyd at y gofrestr ar ôl ei chyhoeddi. I wirio yn erbyn y gofrestr fel y'i cyhoeddwyd gyntaf, dewiswch y ffeil gofrestr gyhoeddus uchod, yna gwiriwch eto.",
    removed: (date: string) =>
      `Roeddech ar y gofrestr, ond cawsoch eich tynnu oddi arni ar ${date}. Y rheswm a roddwyd:`,
    corrected: (date: string) =>
      `Cywirwyd rhif eich aelodaeth ar ${date}. Gwiriwch eto gyda'ch rhif aelodaeth cywir. Y rheswm a roddwyd:`,
    badFileTitle: "Ni ellir defnyddio'r ffeil gofrestr hon",
    unreadableFile:
      'Nid ffeil gofrestr yw hon: ni ellid ei darllen. Gwiriwch eich bod wedi dewis y ffeil gywir.',
    wrongFile:
      "Nid yw'r ffeil gofrestr hon yn cyfateb i ôl bys y gofrestr ar fwrdd cyhoeddus yr etholiad: mae ar gyfer etholiad arall, neu mae wedi'i newid. Gofynnwch i'r trefnwyr am y ffeil eto.",
    fileTooLarge: "Mae'r ffeil hon yn rhy fawr i fod yn ffeil gofrestr yr etholiad hwn.",
    howTitle: "Sut mae'r gwiriad hwn yn gweithio",
    how: "Caiff rhif eich aelodaeth a'ch cod eu cyfuno'n werth na all neb ond chi ei gyfrifo. Mae'r dudalen yn chwilio amdano yng nghofnod y bwrdd cyhoeddus o newidiadau i'r gofrestr ac, os dewisoch hi, yn y ffeil gofrestr — ar ôl gwirio bod y ffeil yn cyfateb i'r ôl bys ar y bwrdd.",
  },
};
