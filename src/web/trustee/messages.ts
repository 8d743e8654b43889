/**
 * The texts of these pages, in English and Welsh (same shape; merged into the pages' messages by
 * src/web/i18n/en.ts and cy.ts, so components read them as `useT().<section>`).
 */

/** The lifecycle phases as the server names them (src/verifier/election-state.ts). */
type PhaseTexts = Record<'key-ceremony' | 'ready' | 'open' | 'closed' | 'tallying' | 'published', string>;

/** "trustee 2", "trustees 1 and 3", "trustees 1, 2 and 3". */
function trusteesEn(list: readonly number[]): string {
  if (list.length === 1) return `trustee ${list[0]}`;
  return `trustees ${list.slice(0, -1).join(', ')} and ${list.at(-1)}`;
}

/** "ymddiriedolwr 2", "ymddiriedolwyr 1 a 3" ("ac" before a number read with a vowel: 1, 8, 11, 18, 80–89). */
function trusteesCy(list: readonly number[]): string {
  if (list.length === 1) return `ymddiriedolwr ${list[0]}`;
  const last = list.at(-1)!;
  const and = /^(?:1|8|11|18|8\d)$/.test(String(last)) ? 'ac' : 'a';
  return `ymddiriedolwyr ${list.slice(0, -1).join(', ')} ${and} ${last}`;
}

const phaseEn: PhaseTexts = {
  'key-ceremony': 'The key ceremony is under way: the trustees are making the election key.',
  ready: 'The election key is made. Voting has not opened yet.',
  open: 'Voting is open.',
  closed: 'Voting has closed. The votes have not been counted yet.',
  tallying: 'The votes are counted into encrypted totals; the trustees are decrypting them.',
  published: 'The result is published.',
};

const phaseCy: PhaseTexts = {
  'key-ceremony': "Mae seremoni'r allwedd ar y gweill: mae'r ymddiriedolwyr yn creu allwedd yr etholiad.",
  ready: "Mae allwedd yr etholiad wedi'i chreu. Nid yw'r pleidleisio wedi agor eto.",
  open: "Mae'r pleidleisio ar agor.",
  closed: "Mae'r pleidleisio wedi cau. Nid yw'r pleidleisiau wedi'u cyfrif eto.",
  tallying:
    "Mae'r pleidleisiau wedi'u cyfrif yn gyfansymiau wedi'u hamgryptio; mae'r ymddiriedolwyr yn eu dadgryptio.",
  published: "Mae'r canlyniad wedi'i gyhoeddi.",
};

export const en = {
  trustee: {
    title: 'Trustee console',
    loading: 'Loading the key ceremony…',
    you: (n: number, of: number, t: number) =>
      `You are trustee ${n} of ${of}. Any ${t} of the trustees together can decrypt the result; fewer cannot.`,
    fingerprintLabel: 'Election fingerprint',
    fingerprintHint:
      'Compare it with the fingerprint the organiser gave you. If they differ, stop here and tell the organiser.',
    memory:
      'While this page is open it holds your secret key in its memory only: it is never stored by the browser, and never sent to the server. If you reload or close the page, you will need your key file and its passphrase again.',
    link: {
      missingTitle: 'Open the link from your invitation',
      missing:
        'This page needs the link from the email that made you a trustee of this election. Please open that link (it keeps working in this browser tab until you close it).',
      badTitle: 'This trustee link does not work',
      bad: 'The link is wrong, or has expired. Ask the organiser for a new trustee link.',
      otherElection:
        'This link is a trustee link for another election. Open the link from your invitation for this election.',
    },
    makeKey: {
      title: 'Step 1: make your trustee key',
      text: 'Your key is made here, in this browser. Only its public part is published. Its secret part goes in a key file, locked with a passphrase you choose now.',
      passphraseLabel: 'Choose a passphrase',
      passphraseHint: (min: number) =>
        `At least ${min} characters. Four or more unrelated words are easy to remember and hard to guess. Nobody can recover it for you: without it, your key file is useless.`,
      confirmLabel: 'Type the passphrase again',
      strength: {
        short: (n: number, min: number) => `${n} characters: too short (at least ${min}).`,
        weak: 'Too predictable: use more different characters or words.',
        fair: 'Long enough. A longer passphrase is stronger.',
        strong: 'Strong.',
      },
      emptyError: 'Choose a passphrase.',
      shortError: (min: number) => `The passphrase must have at least ${min} characters.`,
      mismatchError: 'The two passphrases are different. Type the same passphrase twice.',
      button: 'Make my key',
      busy: 'Making your key and locking it with your passphrase…',
      haveFileTitle: 'Made your key already?',
      haveFileText: 'If you made your key before and have its key file, open it instead.',
    },
    publishIdentity: {
      title: 'Step 2: save your key file and publish your key',
      text: 'Download your key file now and keep it safe, with its passphrase: you need both to decrypt the result. Then your public key is published.',
      saveAndPublish: 'Download the key file and publish my key',
      publish: 'Publish my key',
    },
    openKey: {
      title: 'Open your key file',
      text: 'To go on, open your newest key file and type its passphrase. The file is read here, in your browser: neither the file nor the passphrase is sent anywhere.',
      fileLabel: 'Key file',
      fileHint: (name: string) => `The newest file you downloaded, named like ${name}.`,
      passphraseLabel: 'Passphrase',
      button: 'Open the key file',
      busy: 'Unlocking your key file…',
      noFile: 'Choose your key file.',
      noPassphrase: 'Enter the passphrase of the key file.',
    },
    waitKeys: {
      title: "Waiting for the other trustees' keys",
      text: (list: string) => `Waiting for ${list} to publish their keys.`,
    },
    deal: {
      title: 'Step 3: deal your shares',
      text: 'Every trustee has published a key. Now your browser deals a share of a new secret to each other trustee, locked so that only that trustee can open it. This changes your key file: the new one is downloaded, then your shares are published.',
      button: 'Deal, download the new key file, and publish',
    },
    waitDealings: {
      title: "Waiting for the other trustees' shares",
      text: (list: string) => `Waiting for ${list} to deal their shares.`,
    },
    check: {
      title: 'Step 4: check the shares dealt to you',
      text: 'Every trustee has dealt. Your browser opens the shares dealt to you and checks each against what its trustee published. If one is wrong, a complaint is published with a proof, so anyone can see who is at fault. This changes your key file: the new one is downloaded.',
      button: 'Check, and download the new key file',
      valid: (list: string, n: number) =>
        n === 1 ? `The share from ${list} is correct.` : `The shares from ${list} are correct.`,
      complaint: (list: string, n: number) =>
        n === 1
          ? `The share from ${list} is wrong: a complaint has been published, so that anyone can check it.`
          : `The shares from ${list} are wrong: complaints have been published, so that anyone can check them.`,
    },
    complaint: {
      title: 'Your complaint',
      pending: (list: string) =>
        `Your key file records a complaint about ${list}, whom the board has not left out. If the complaint was not sent, send it now.`,
      send: 'Send the complaint',
      notUpheld: (list: string) =>
        `Your complaint about ${list} was not upheld, so your share of the key cannot be used. Please tell the organiser.`,
    },
    waitTally: {
      title: 'Your part of the key ceremony is done',
      text: 'Keep your newest key file and its passphrase safe. When voting has closed and the votes are counted, come back with the link from your email to decrypt the result.',
      verificationKey: 'Your public verification key',
    },
    decrypt: {
      title: 'Step 5: decrypt the result',
      text: (t: number) =>
        `The votes are counted into encrypted totals. Your browser now computes your share of their decryption, with proofs that anyone can check. Only the totals are decrypted, never a single ballot. The shares of ${t} trustees are needed.`,
      button: 'Decrypt, and publish my share',
      busy: 'Computing your decryption share…',
    },
    done: {
      title: 'Thank you: your decryption share is published',
      text: (have: number, need: number) =>
        `${have} of the ${need} shares needed are published. The organiser publishes the result once there are enough.`,
    },
    published: {
      title: 'The result is published',
      text: 'Your work as a trustee of this election is finished. Thank you.',
      link: 'See the result',
    },
    tooLate: {
      title: 'The key ceremony is over',
      text: 'The key ceremony ended without your key, so there is nothing for you to do in this election. If this is unexpected, please tell the organiser.',
    },
    saved: (name: string) =>
      `Downloaded: ${name}. Keep the newest key file; an older one may lack what you need to decrypt.`,
    downloadAgain: 'Download the key file again',
    retry: 'Try again',
    polling: 'This page checks for news every few seconds while it is open.',
    status: {
      title: 'Progress of the ceremony',
      phase: phaseEn,
      phaseOther: (phase: string) => `State: ${phase}.`,
      electionKey: 'The election key is published.',
      noElectionKey: 'The election key is not published yet.',
      caption: 'Who has done what',
      key: 'Key',
      dealt: 'Shares dealt',
      decryption: 'Decryption',
      you: (name: string) => `${name} (you)`,
      done: 'Done',
      notYet: 'Not yet',
      excluded: 'Left out',
      later: 'Later',
      refreshFailed: 'The latest progress could not be fetched; the page will try again.',
    },
    problems: {
      'bad-identity': (list: string) =>
        `The key published for ${list} fails its check. Stop here, and tell the organiser.`,
      'bad-commitments': (list: string) =>
        `What ${list} published fails its check. Stop here, and tell the organiser.`,
      'identity-mismatch':
        'This key file holds another key than the one published for you. Open the key file you made for this election.',
      'dealing-mismatch':
        'This key file is older than the shares you have published. Open the newest key file you downloaded.',
      'complaint-not-upheld': (list: string) =>
        `Your complaint about ${list} was not upheld, so your share cannot be made. Please tell the organiser.`,
      'missing-share':
        'The shares in this key file do not match what is published. Open the newest key file you downloaded, or tell the organiser.',
      'share-mismatch':
        'The shares in this key file do not match what is published. Open the newest key file you downloaded, or tell the organiser.',
      'other-election': 'This key file is for another election.',
      'other-trustee': (list: string) => `This key file belongs to ${list}, not to you.`,
      'other-definition':
        'This key file was made for another version of this election. Please tell the organiser.',
      malformed: 'This file is not a Psephos trustee key file.',
      'wrong-passphrase':
        'This passphrase does not open this key file (or the file has been changed). Check the passphrase, and that you chose your key file.',
      worker: 'Your browser could not compute the decryption share. Try again, or use another browser.',
      internal:
        'Something went wrong in this page. Reload it and try again; if it happens again, tell the organiser.',
    },
    refusals: {
      'out-of-phase':
        'The election is not at this step (any more, or yet), so the server refused. The page shows where things stand now.',
      'bad-trustee-proof': 'The server refused your key: its check failed. Please tell the organiser.',
      'bad-dealing': 'The server refused your shares: their check failed. Please tell the organiser.',
      'bad-complaint': 'The server refused the complaint: its check failed. Please tell the organiser.',
      'bad-decryption-share':
        'The server refused your decryption share: its proof failed. Make sure you opened your newest key file.',
      'login-required':
        'Your trustee link is no longer valid (it may have expired). Ask the organiser for a new one.',
      forbidden: 'Your trustee link does not allow this. Open the link from your own invitation.',
    },
    trustees: trusteesEn,
  },
};

export const cy: typeof en = {
  trustee: {
    title: 'Consol yr ymddiriedolwr',
    loading: "Wrthi'n llwytho seremoni'r allwedd…",
    you: (n: number, of: number, t: number) =>
      `Chi yw ymddiriedolwr ${n} o ${of}. Gall unrhyw ${t} o'r ymddiriedolwyr gyda'i gilydd ddadgryptio'r canlyniad; ni all llai.`,
    fingerprintLabel: 'Ôl bys yr etholiad',
    fingerprintHint:
      "Cymharwch ef â'r ôl bys a roddodd y trefnydd i chi. Os ydynt yn wahanol, stopiwch yma a rhowch wybod i'r trefnydd.",
    memory:
      "Tra bo'r dudalen hon ar agor, mae'n cadw eich allwedd gyfrinachol yn ei chof yn unig: nid yw'r porwr byth yn ei storio, ac nid yw byth yn cael ei hanfon i'r gweinydd. Os byddwch yn ail-lwytho neu'n cau'r dudalen, bydd angen eich ffeil allwedd a'i chyfrinymadrodd arnoch eto.",
    link: {
      missingTitle: "Agorwch y ddolen o'ch gwahoddiad",
      missing:
        "Mae angen y ddolen o'r e-bost a'ch gwnaeth yn ymddiriedolwr yr etholiad hwn ar y dudalen hon. Agorwch y ddolen honno (mae'n dal i weithio yn y tab hwn nes i chi ei gau).",
      badTitle: "Nid yw'r ddolen ymddiriedolwr hon yn gweithio",
      bad: "Mae'r ddolen yn anghywir, neu wedi dod i ben. Gofynnwch i'r trefnydd am ddolen ymddiriedolwr newydd.",
      otherElection:
        "Dolen ymddiriedolwr ar gyfer etholiad arall yw hon. Agorwch y ddolen o'ch gwahoddiad ar gyfer yr etholiad hwn.",
    },
    makeKey: {
      title: 'Cam 1: creu eich allwedd ymddiriedolwr',
      text: "Mae eich allwedd yn cael ei chreu yma, yn y porwr hwn. Dim ond ei rhan gyhoeddus sy'n cael ei chyhoeddi. Mae ei rhan gyfrinachol yn mynd i ffeil allwedd, wedi'i chloi â chyfrinymadrodd rydych yn ei ddewis nawr.",
      passphraseLabel: 'Dewiswch gyfrinymadrodd',
      passphraseHint: (min: number) =>
        `O leiaf ${min} nod. Mae pedwar gair neu fwy nad ydynt yn perthyn i'w gilydd yn hawdd eu cofio ac yn anodd eu dyfalu. Ni all neb ei adfer i chi: hebddo, mae eich ffeil allwedd yn ddiwerth.`,
      confirmLabel: 'Teipiwch y cyfrinymadrodd eto',
      strength: {
        short: (n: number, min: number) => `${n} nod: rhy fyr (o leiaf ${min}).`,
        weak: 'Rhy hawdd ei ddyfalu: defnyddiwch fwy o nodau neu eiriau gwahanol.',
        fair: 'Digon hir. Mae cyfrinymadrodd hirach yn gryfach.',
        strong: 'Cryf.',
      },
      emptyError: 'Dewiswch gyfrinymadrodd.',
      shortError: (min: number) => `Rhaid i'r cyfrinymadrodd fod ag o leiaf ${min} nod.`,
      mismatchError: "Mae'r ddau gyfrinymadrodd yn wahanol. Teipiwch yr un cyfrinymadrodd ddwywaith.",
      button: 'Creu fy allwedd',
      busy: "Wrthi'n creu eich allwedd a'i chloi â'ch cyfrinymadrodd…",
      haveFileTitle: 'Wedi creu eich allwedd yn barod?',
      haveFileText:
        "Os gwnaethoch greu eich allwedd o'r blaen a bod gennych ei ffeil allwedd, agorwch honno yn lle hynny.",
    },
    publishIdentity: {
      title: 'Cam 2: cadw eich ffeil allwedd a chyhoeddi eich allwedd',
      text: "Lawrlwythwch eich ffeil allwedd nawr a'i chadw'n ddiogel, gyda'i chyfrinymadrodd: mae angen y ddau arnoch i ddadgryptio'r canlyniad. Yna mae eich allwedd gyhoeddus yn cael ei chyhoeddi.",
      saveAndPublish: "Lawrlwytho'r ffeil allwedd a chyhoeddi fy allwedd",
      publish: 'Cyhoeddi fy allwedd',
    },
    openKey: {
      title: 'Agor eich ffeil allwedd',
      text: "I fynd ymlaen, agorwch eich ffeil allwedd fwyaf diweddar a theipiwch ei chyfrinymadrodd. Mae'r ffeil yn cael ei darllen yma, yn eich porwr: nid yw'r ffeil na'r cyfrinymadrodd yn cael eu hanfon i unman.",
      fileLabel: 'Ffeil allwedd',
      fileHint: (name: string) => `Y ffeil ddiweddaraf a lawrlwythwyd gennych, ag enw fel ${name}.`,
      passphraseLabel: 'Cyfrinymadrodd',
      button: 'Agor y ffeil allwedd',
      busy: "Wrthi'n datgloi eich ffeil allwedd…",
      noFile: 'Dewiswch eich ffeil allwedd.',
      noPassphrase: 'Rhowch gyfrinymadrodd y ffeil allwedd.',
    },
    waitKeys: {
      title: "Yn aros am allweddi'r ymddiriedolwyr eraill",
      text: (list: string) => `Yn aros i ${list} gyhoeddi eu hallweddi.`,
    },
    deal: {
      title: 'Cam 3: dosbarthu eich cyfrannau',
      text: "Mae pob ymddiriedolwr wedi cyhoeddi allwedd. Nawr mae eich porwr yn dosbarthu cyfran o gyfrinach newydd i bob ymddiriedolwr arall, wedi'i chloi fel mai dim ond yr ymddiriedolwr hwnnw all ei hagor. Mae hyn yn newid eich ffeil allwedd: mae'r un newydd yn cael ei lawrlwytho, yna mae eich cyfrannau'n cael eu cyhoeddi.",
      button: "Dosbarthu, lawrlwytho'r ffeil allwedd newydd, a chyhoeddi",
    },
    waitDealings: {
      title: "Yn aros am gyfrannau'r ymddiriedolwyr eraill",
      text: (list: string) => `Yn aros i ${list} ddosbarthu eu cyfrannau.`,
    },
    check: {
      title: "Cam 4: gwirio'r cyfrannau a ddosbarthwyd i chi",
      text: "Mae pob ymddiriedolwr wedi dosbarthu. Mae eich porwr yn agor y cyfrannau a ddosbarthwyd i chi ac yn gwirio pob un yn erbyn yr hyn a gyhoeddodd ei ymddiriedolwr. Os yw un yn anghywir, mae cwyn yn cael ei chyhoeddi gyda phrawf, fel y gall unrhyw un weld pwy sydd ar fai. Mae hyn yn newid eich ffeil allwedd: mae'r un newydd yn cael ei lawrlwytho.",
      button: "Gwirio, a lawrlwytho'r ffeil allwedd newydd",
      valid: (list: string, n: number) =>
        n === 1 ? `Mae'r gyfran gan ${list} yn gywir.` : `Mae'r cyfrannau gan ${list} yn gywir.`,
      complaint: (list: string, n: number) =>
        n === 1
          ? `Mae'r gyfran gan ${list} yn anghywir: mae cwyn wedi'i chyhoeddi, fel y gall unrhyw un ei gwirio.`
          : `Mae'r cyfrannau gan ${list} yn anghywir: mae cwynion wedi'u cyhoeddi, fel y gall unrhyw un eu gwirio.`,
    },
    complaint: {
      title: 'Eich cwyn',
      pending: (list: string) =>
        `Mae eich ffeil allwedd yn cofnodi cwyn am ${list}, nad yw'r bwrdd wedi'i adael allan. Os na anfonwyd y gŵyn, anfonwch hi nawr.`,
      send: 'Anfon y gŵyn',
      notUpheld: (list: string) =>
        `Ni chadarnhawyd eich cwyn am ${list}, felly ni ellir defnyddio eich cyfran o'r allwedd. Rhowch wybod i'r trefnydd.`,
    },
    waitTally: {
      title: "Mae eich rhan chi o seremoni'r allwedd wedi'i gwneud",
      text: "Cadwch eich ffeil allwedd fwyaf diweddar a'i chyfrinymadrodd yn ddiogel. Pan fydd y pleidleisio wedi cau a'r pleidleisiau wedi'u cyfrif, dewch yn ôl gyda'r ddolen o'ch e-bost i ddadgryptio'r canlyniad.",
      verificationKey: 'Eich allwedd wirio gyhoeddus',
    },
    decrypt: {
      title: "Cam 5: dadgryptio'r canlyniad",
      text: (t: number) =>
        `Mae'r pleidleisiau wedi'u cyfrif yn gyfansymiau wedi'u hamgryptio. Nawr mae eich porwr yn cyfrifo eich cyfran chi o'u dadgryptio, gyda phroflenni y gall unrhyw un eu gwirio. Dim ond y cyfansymiau sy'n cael eu dadgryptio, byth un bleidlais unigol. Mae angen cyfrannau ${t} ymddiriedolwr.`,
      button: 'Dadgryptio, a chyhoeddi fy nghyfran',
      busy: "Wrthi'n cyfrifo eich cyfran ddadgryptio…",
    },
    done: {
      title: "Diolch: mae eich cyfran ddadgryptio wedi'i chyhoeddi",
      text: (have: number, need: number) =>
        `Mae ${have} o'r ${need} cyfran sydd eu hangen wedi'u cyhoeddi. Mae'r trefnydd yn cyhoeddi'r canlyniad pan fydd digon.`,
    },
    published: {
      title: "Mae'r canlyniad wedi'i gyhoeddi",
      text: 'Mae eich gwaith fel ymddiriedolwr yr etholiad hwn ar ben. Diolch.',
      link: 'Gweld y canlyniad',
    },
    tooLate: {
      title: "Mae seremoni'r allwedd ar ben",
      text: "Daeth seremoni'r allwedd i ben heb eich allwedd chi, felly nid oes dim i chi ei wneud yn yr etholiad hwn. Os yw hyn yn annisgwyl, rhowch wybod i'r trefnydd.",
    },
    saved: (name: string) =>
      `Wedi'i lawrlwytho: ${name}. Cadwch y ffeil allwedd fwyaf diweddar; efallai nad oes gan un hŷn yr hyn sydd ei angen arnoch i ddadgryptio.`,
    downloadAgain: "Lawrlwytho'r ffeil allwedd eto",
    retry: 'Rhoi cynnig arall arni',
    polling: "Mae'r dudalen hon yn gwirio am newyddion bob ychydig eiliadau tra bydd ar agor.",
    status: {
      title: 'Hynt y seremoni',
      phase: phaseCy,
      phaseOther: (phase: string) => `Cyflwr: ${phase}.`,
      electionKey: "Mae allwedd yr etholiad wedi'i chyhoeddi.",
      noElectionKey: "Nid yw allwedd yr etholiad wedi'i chyhoeddi eto.",
      caption: 'Pwy sydd wedi gwneud beth',
      key: 'Allwedd',
      dealt: "Cyfrannau wedi'u dosbarthu",
      decryption: 'Dadgryptio',
      you: (name: string) => `${name} (chi)`,
      done: "Wedi'i wneud",
      notYet: 'Ddim eto',
      excluded: "Wedi'i adael allan",
      later: 'Yn nes ymlaen',
      refreshFailed: 'Ni ellid nôl yr hynt ddiweddaraf; bydd y dudalen yn rhoi cynnig arall arni.',
    },
    problems: {
      'bad-identity': (list: string) =>
        `Mae'r allwedd a gyhoeddwyd ar gyfer ${list} yn methu ei gwiriad. Stopiwch yma, a rhowch wybod i'r trefnydd.`,
      'bad-commitments': (list: string) =>
        `Mae'r hyn a gyhoeddodd ${list} yn methu ei wiriad. Stopiwch yma, a rhowch wybod i'r trefnydd.`,
      'identity-mismatch':
        "Mae gan y ffeil allwedd hon allwedd wahanol i'r un a gyhoeddwyd ar eich cyfer. Agorwch y ffeil allwedd a greoch ar gyfer yr etholiad hwn.",
      'dealing-mismatch':
        "Mae'r ffeil allwedd hon yn hŷn na'r cyfrannau rydych wedi'u cyhoeddi. Agorwch y ffeil allwedd ddiweddaraf a lawrlwythwyd gennych.",
      'complaint-not-upheld': (list: string) =>
        `Ni chadarnhawyd eich cwyn am ${list}, felly ni ellir gwneud eich cyfran. Rhowch wybod i'r trefnydd.`,
      'missing-share':
        "Nid yw'r cyfrannau yn y ffeil allwedd hon yn cyfateb i'r hyn a gyhoeddwyd. Agorwch y ffeil allwedd ddiweddaraf a lawrlwythwyd gennych, neu rhowch wybod i'r trefnydd.",
      'share-mismatch':
        "Nid yw'r cyfrannau yn y ffeil allwedd hon yn cyfateb i'r hyn a gyhoeddwyd. Agorwch y ffeil allwedd ddiweddaraf a lawrlwythwyd gennych, neu rhowch wybod i'r trefnydd.",
      'other-election': "Mae'r ffeil allwedd hon ar gyfer etholiad arall.",
      'other-trustee': (list: string) => `Mae'r ffeil allwedd hon yn perthyn i ${list}, nid i chi.`,
      'other-definition':
        "Crëwyd y ffeil allwedd hon ar gyfer fersiwn arall o'r etholiad hwn. Rhowch wybod i'r trefnydd.",
      malformed: "Nid yw'r ffeil hon yn ffeil allwedd ymddiriedolwr Psephos.",
      'wrong-passphrase':
        "Nid yw'r cyfrinymadrodd hwn yn agor y ffeil allwedd hon (neu mae'r ffeil wedi'i newid). Gwiriwch y cyfrinymadrodd, a'ch bod wedi dewis eich ffeil allwedd.",
      worker:
        "Ni allai eich porwr gyfrifo'r gyfran ddadgryptio. Rhowch gynnig arall arni, neu defnyddiwch borwr arall.",
      internal:
        "Aeth rhywbeth o'i le ar y dudalen hon. Ail-lwythwch hi a rhowch gynnig arall arni; os bydd yn digwydd eto, rhowch wybod i'r trefnydd.",
    },
    refusals: {
      'out-of-phase':
        "Nid yw'r etholiad ar y cam hwn (mwyach, neu eto), felly gwrthododd y gweinydd. Mae'r dudalen yn dangos ble mae pethau nawr.",
      'bad-trustee-proof':
        "Gwrthododd y gweinydd eich allwedd: methodd ei gwiriad. Rhowch wybod i'r trefnydd.",
      'bad-dealing': "Gwrthododd y gweinydd eich cyfrannau: methodd eu gwiriad. Rhowch wybod i'r trefnydd.",
      'bad-complaint': "Gwrthododd y gweinydd y gŵyn: methodd ei gwiriad. Rhowch wybod i'r trefnydd.",
      'bad-decryption-share':
        'Gwrthododd y gweinydd eich cyfran ddadgryptio: methodd ei phrawf. Gwnewch yn siŵr eich bod wedi agor eich ffeil allwedd ddiweddaraf.',
      'login-required':
        "Nid yw eich dolen ymddiriedolwr yn ddilys mwyach (efallai ei bod wedi dod i ben). Gofynnwch i'r trefnydd am un newydd.",
      forbidden:
        "Nid yw eich dolen ymddiriedolwr yn caniatáu hyn. Agorwch y ddolen o'ch gwahoddiad eich hun.",
    },
    trustees: trusteesCy,
  },
};
