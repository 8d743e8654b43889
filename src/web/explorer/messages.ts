/**
 * The texts of these pages, in English and Welsh (same shape; merged into the pages' messages by
 * src/web/i18n/en.ts and cy.ts, so components read them as `useT().<section>`).
 */

const count = (n: number, locale: string) => n.toLocaleString(locale);
/** English plural: "1 ballot", "2 ballots". */
const enCount = (n: number, one: string, many: string) => `${count(n, 'en-GB')} ${n === 1 ? one : many}`;
/** Welsh counts with the singular noun ("3 pleidlais"). */
const cyCount = (n: number, noun: string) => `${count(n, 'cy-GB')} ${noun}`;

export const en = {
  explorer: {
    title: 'Public board',
    intro:
      'Everything that happens in this election is written on its public board, in order, and the board signs what it holds. This page reads the board and checks the board’s signatures and proofs on this device.',
    links: 'About this election',
    electionPage: 'The election page',
    record: 'Download the election record',
    recordNote: '(the whole board as one file, which the verifier checks)',
    verifier: 'Check the whole record with the verifier',
    loadFailed: 'The board could not be shown.',
    fingerprintMismatch:
      'The election’s details from the server do not match their own fingerprint, so this board cannot be trusted. Please tell the election’s organisers.',
    retry: 'Try again',
    home: 'Go to the first page',
    live: {
      heading: 'The board now',
      status: 'Voting',
      phases: {
        'key-ceremony': 'not open yet (the trustees are making the election key)',
        ready: 'not open yet',
        open: 'open',
        closed: 'closed',
        tallying: 'closed; the votes are being counted',
        published: 'closed; the result is published',
      } as Record<string, string>,
      phaseOther: (phase: string) => `in the phase “${phase}”`,
      ballots: 'Ballots cast',
      size: 'Entries on the board',
      headHeading: 'Latest signed tree head',
      headIntro:
        'The board signs a “tree head” every few seconds: a short digest (the root) of every entry it holds so far. Once signed, the board cannot take back or change any of those entries without it showing.',
      headSize: 'Entries it covers',
      headRoot: 'Root',
      headTime: 'Signed at',
      signatureOk: 'Signature checked on this device: the board’s key in the election definition signed it.',
      extendsOk: (size: number) =>
        `Checked on this device: it extends the tree head of ${enCount(size, 'entry', 'entries')} shown before (nothing was removed or changed).`,
      checkedAt: (time: string) =>
        `Last checked at ${time}. This page checks again every 5 seconds while it is open.`,
      announce: (ballots: number, size: number) =>
        `${enCount(ballots, 'ballot', 'ballots')} cast; ${enCount(size, 'entry', 'entries')} on the board.`,
      loading: 'Reading the board…',
      offline:
        'The connection to the server was lost: the figures below may be out of date. This page keeps trying every 5 seconds.',
      badHeadTitle: 'Warning: a tree head that is not the board’s',
      badHead: (time: string) =>
        `At ${time} the server sent a tree head whose signature is not made with the board’s key from the election definition. Someone may be tampering with the board or with your connection. Do not rely on what this page shows. Please download the election record and tell the election’s organisers.`,
      inconsistentTitle: 'Warning: the board’s history has changed',
      inconsistent: (older: number, newer: number, time: string) =>
        `At ${time} the board showed a signed tree head that does not extend the one before: its first ${enCount(older, 'entry', 'entries')} are not the same in its tree head of ${enCount(newer, 'entry', 'entries')}. Entries may have been removed or changed. Please download the election record now and tell the election’s organisers.`,
      lastGood: 'The tree head below is the last one that passed every check.',
    },
    search: {
      heading: 'Find a ballot',
      intro:
        'Type the tracker the booth showed when the ballot was made, to see that the ballot is on the board. The proof is checked on this device.',
      label: 'Tracker',
      hint: '16 letters and digits, for example K3F9-2QXM-7TBD-W1CE (spaces, dashes and capitals do not matter), or the long form from a receipt file.',
      button: 'Find',
      empty: 'Type a tracker.',
      length: (n: number) =>
        `A tracker has 16 letters and digits, in four groups of four; this one has ${enCount(n, 'character', 'characters')}. Check it against the tracker you noted.`,
      character: (c: string) =>
        `“${c}” cannot be part of a tracker (trackers use the digits 0 to 9 and the letters A to Z except I, L, O and U). Check it against the tracker you noted.`,
      fullForm:
        'This looks like the long form of a tracker, but it is not one: a character is wrong. Copy it again from the receipt file.',
      searching: 'Searching the board…',
      progress: (done: number, total: number) =>
        `Looked at ${enCount(done, 'entry', 'entries')} of ${count(total, 'en-GB')}…`,
      foundTitle: 'This ballot is on the board',
      found: (position: number, size: number) =>
        `Found at position ${count(position, 'en-GB')} of ${count(size, 'en-GB')}, proof checked on this device.`,
      foundSigned: (time: string) =>
        `The proof places the ballot in the tree head the board signed at ${time}, and the signature is the board’s.`,
      foundBallot: 'The entry at that position is a ballot with this tracker.',
      tracker: 'Tracker',
      notFoundTitle: 'Not found',
      notFound: 'No ballot with this tracker is on the board. Check the tracker against the one you noted.',
      failedTitle: 'The board’s answer does not check out',
      badProof:
        'The board’s proof does not place this ballot in its signed tree head. The board may have been changed. Please tell the election’s organisers.',
      badSignature:
        'The tree head the board gave with this ballot is not signed with the board’s key. Please tell the election’s organisers.',
      wrongBallot:
        'The board answered with another entry than a ballot with this tracker. Please tell the election’s organisers.',
      inconsistent:
        'The tree head the board gave with this ballot does not extend the one shown above. Please tell the election’s organisers.',
      noProof:
        'The board lists a ballot with this tracker but does not give its proof. Please try again; if this happens again, tell the election’s organisers.',
    },
    events: {
      heading: 'Everything on the board',
      order: 'Oldest first: position 1 is the election’s setup. Open an entry to see it in full.',
      range: (first: number, last: number, size: number) =>
        `Entries ${count(first, 'en-GB')} to ${count(last, 'en-GB')} of ${count(size, 'en-GB')}`,
      none: 'The board is empty.',
      pages: 'Pages of entries',
      first: 'First',
      previous: 'Previous',
      next: 'Next',
      last: 'Last',
      jumpLabel: (size: number) => `Go to position (1 to ${count(size, 'en-GB')})`,
      jump: 'Show',
      jumpInvalid: (size: number) => `Type a whole number from 1 to ${count(size, 'en-GB')}.`,
      loading: 'Reading entries…',
      position: (n: number) => `No. ${count(n, 'en-GB')}`,
      json: 'As recorded (canonical JSON)',
      truncated: (more: number) =>
        `… and ${enCount(more, 'more character', 'more characters')}: download the election record for all of it.`,
      setup: (title: string) => `Election set up: “${title}”`,
      trusteeIdentity: (n: number) => `Trustee ${n} published their public key`,
      trusteeDealing: (n: number, shares: number) =>
        `Trustee ${n} dealt their part of the election key (${enCount(shares, 'share', 'shares')} for the other trustees)`,
      trusteeComplaint: (recipient: number, dealer: number) =>
        `Trustee ${recipient} complained about the share from trustee ${dealer}`,
      electionKey: (qualified: number) =>
        `Election key published (made by ${enCount(qualified, 'trustee', 'trustees')})`,
      electorate: (credentials: number) =>
        `Electorate published: ${enCount(credentials, 'voting credential', 'voting credentials')}`,
      electorateMembers: (credentials: number, members: number) =>
        `Electorate published: ${enCount(credentials, 'voting credential', 'voting credentials')}; roll of ${enCount(members, 'member', 'members')} committed`,
      amendment: {
        add: (reason: string) => `Roll amendment: a voting credential added (“${reason}”)`,
        remove: (reason: string) => `Roll amendment: a voting credential removed (“${reason}”)`,
        correct: (reason: string) => `Roll amendment: a member’s entry corrected (“${reason}”)`,
      },
      open: 'Voting opened',
      ballot: (code: string) => `Ballot, tracker ${code}`,
      close: 'Voting closed',
      tally: (counted: number) => `Tally: ${enCount(counted, 'ballot', 'ballots')} added up, still encrypted`,
      decryptionShare: (n: number) => `Trustee ${n} published their part of the decryption`,
      result: (counted: number, trustees: readonly number[]) =>
        `Result published: ${enCount(counted, 'ballot', 'ballots')} counted, decrypted by trustee${trustees.length === 1 ? '' : 's'} ${trustees.join(', ')}`,
      unknown: (type: string) => `An entry of type “${type}”`,
      malformed: (type: string) => `An entry of type “${type}” that is not in the expected form`,
    },
  },
};

export const cy: typeof en = {
  explorer: {
    title: 'Bwrdd cyhoeddus',
    intro:
      "Mae popeth sy'n digwydd yn yr etholiad hwn yn cael ei ysgrifennu ar ei fwrdd cyhoeddus, yn ei drefn, ac mae'r bwrdd yn llofnodi'r hyn sydd ganddo. Mae'r dudalen hon yn darllen y bwrdd ac yn gwirio llofnodion a phroflenni'r bwrdd ar y ddyfais hon.",
    links: 'Am yr etholiad hwn',
    electionPage: 'Tudalen yr etholiad',
    record: 'Lawrlwytho cofnod yr etholiad',
    recordNote: "(y bwrdd cyfan mewn un ffeil, y mae'r dilysydd yn ei gwirio)",
    verifier: "Gwirio'r cofnod cyfan gyda'r dilysydd",
    loadFailed: 'Nid oedd modd dangos y bwrdd.',
    fingerprintMismatch:
      "Nid yw manylion yr etholiad gan y gweinydd yn cyfateb i'w holion bysedd eu hunain, felly ni ellir ymddiried yn y bwrdd hwn. Rhowch wybod i drefnwyr yr etholiad.",
    retry: 'Rhoi cynnig arall arni',
    home: "Mynd i'r dudalen gyntaf",
    live: {
      heading: 'Y bwrdd nawr',
      status: 'Pleidleisio',
      phases: {
        'key-ceremony': "heb agor eto (mae'r ymddiriedolwyr yn gwneud allwedd yr etholiad)",
        ready: 'heb agor eto',
        open: 'ar agor',
        closed: 'wedi cau',
        tallying: "wedi cau; mae'r pleidleisiau'n cael eu cyfrif",
        published: "wedi cau; mae'r canlyniad wedi'i gyhoeddi",
      } as Record<string, string>,
      phaseOther: (phase: string) => `yn y cam “${phase}”`,
      ballots: 'Pleidleisiau a fwriwyd',
      size: 'Cofnodion ar y bwrdd',
      headHeading: 'Pen coeden diweddaraf wedi’i lofnodi',
      headIntro:
        "Mae'r bwrdd yn llofnodi “pen coeden” bob ychydig eiliadau: crynodeb byr (y gwreiddyn) o bob cofnod sydd ganddo hyd yma. Ar ôl ei lofnodi, ni all y bwrdd dynnu'n ôl na newid yr un o'r cofnodion hynny heb i hynny ddangos.",
      headSize: "Cofnodion y mae'n eu cwmpasu",
      headRoot: 'Gwreiddyn',
      headTime: "Wedi'i lofnodi am",
      signatureOk:
        "Llofnod wedi'i wirio ar y ddyfais hon: allwedd y bwrdd yn niffiniad yr etholiad a'i llofnododd.",
      extendsOk: (size: number) =>
        `Wedi'i wirio ar y ddyfais hon: mae'n estyn pen coeden ${cyCount(size, 'cofnod')} a ddangoswyd o'r blaen (ni thynnwyd na newidiwyd dim).`,
      checkedAt: (time: string) =>
        `Gwiriwyd ddiwethaf am ${time}. Mae'r dudalen hon yn gwirio eto bob 5 eiliad tra bydd ar agor.`,
      announce: (ballots: number, size: number) =>
        `${cyCount(ballots, 'pleidlais')} wedi'u bwrw; ${cyCount(size, 'cofnod')} ar y bwrdd.`,
      loading: "Wrthi'n darllen y bwrdd…",
      offline:
        "Collwyd y cysylltiad â'r gweinydd: efallai fod y ffigurau isod wedi dyddio. Mae'r dudalen hon yn dal i geisio bob 5 eiliad.",
      badHeadTitle: 'Rhybudd: pen coeden nad yw’n eiddo i’r bwrdd',
      badHead: (time: string) =>
        `Am ${time} anfonodd y gweinydd ben coeden nad yw ei lofnod wedi'i wneud ag allwedd y bwrdd o ddiffiniad yr etholiad. Efallai fod rhywun yn ymyrryd â'r bwrdd neu â'ch cysylltiad. Peidiwch â dibynnu ar yr hyn y mae'r dudalen hon yn ei ddangos. Lawrlwythwch gofnod yr etholiad a rhowch wybod i drefnwyr yr etholiad.`,
      inconsistentTitle: 'Rhybudd: mae hanes y bwrdd wedi newid',
      inconsistent: (older: number, newer: number, time: string) =>
        `Am ${time} dangosodd y bwrdd ben coeden wedi'i lofnodi nad yw'n estyn yr un blaenorol: nid yw ei ${cyCount(older, 'cofnod')} cyntaf yr un fath yn ei ben coeden o ${cyCount(newer, 'cofnod')}. Efallai fod cofnodion wedi'u tynnu neu eu newid. Lawrlwythwch gofnod yr etholiad nawr a rhowch wybod i drefnwyr yr etholiad.`,
      lastGood: "Y pen coeden isod yw'r un olaf a basiodd bob gwiriad.",
    },
    search: {
      heading: 'Dod o hyd i bleidlais',
      intro:
        'Teipiwch yr olrheiniwr a ddangosodd y bwth pan wnaed y bleidlais, i weld bod y bleidlais ar y bwrdd. Caiff y prawf ei wirio ar y ddyfais hon.',
      label: 'Olrheiniwr',
      hint: "16 llythyren a digid, er enghraifft K3F9-2QXM-7TBD-W1CE (nid yw bylchau, llinellau toriad na phriflythrennau o bwys), neu'r ffurf hir o ffeil derbynneb.",
      button: 'Chwilio',
      empty: 'Teipiwch olrheiniwr.',
      length: (n: number) =>
        `Mae gan olrheiniwr 16 llythyren a digid, mewn pedwar grŵp o bedwar; mae gan hwn ${cyCount(n, 'nod')}. Gwiriwch ef yn erbyn yr olrheiniwr a nodwyd gennych.`,
      character: (c: string) =>
        `Ni all “${c}” fod yn rhan o olrheiniwr (mae olrheinwyr yn defnyddio'r digidau 0 i 9 a'r llythrennau A i Z ac eithrio I, L, O ac U). Gwiriwch ef yn erbyn yr olrheiniwr a nodwyd gennych.`,
      fullForm:
        "Mae hwn yn edrych fel ffurf hir olrheiniwr, ond nid yw'n un: mae nod yn anghywir. Copïwch ef eto o ffeil y dderbynneb.",
      searching: "Wrthi'n chwilio'r bwrdd…",
      progress: (done: number, total: number) =>
        `Wedi edrych ar ${cyCount(done, 'cofnod')} o ${count(total, 'cy-GB')}…`,
      foundTitle: "Mae'r bleidlais hon ar y bwrdd",
      found: (position: number, size: number) =>
        `Wedi'i chanfod yn safle ${count(position, 'cy-GB')} o ${count(size, 'cy-GB')}, prawf wedi'i wirio ar y ddyfais hon.`,
      foundSigned: (time: string) =>
        `Mae'r prawf yn gosod y bleidlais yn y pen coeden a lofnododd y bwrdd am ${time}, a llofnod y bwrdd yw'r llofnod.`,
      foundBallot: "Mae'r cofnod yn y safle hwnnw yn bleidlais gyda'r olrheiniwr hwn.",
      tracker: 'Olrheiniwr',
      notFoundTitle: 'Heb ddod o hyd iddi',
      notFound:
        "Nid oes pleidlais gyda'r olrheiniwr hwn ar y bwrdd. Gwiriwch yr olrheiniwr yn erbyn yr un a nodwyd gennych.",
      failedTitle: 'Nid yw ateb y bwrdd yn gywir',
      badProof:
        "Nid yw prawf y bwrdd yn gosod y bleidlais hon yn ei ben coeden wedi'i lofnodi. Efallai fod y bwrdd wedi'i newid. Rhowch wybod i drefnwyr yr etholiad.",
      badSignature:
        "Nid yw'r pen coeden a roddodd y bwrdd gyda'r bleidlais hon wedi'i lofnodi ag allwedd y bwrdd. Rhowch wybod i drefnwyr yr etholiad.",
      wrongBallot:
        "Atebodd y bwrdd gyda chofnod arall yn lle pleidlais gyda'r olrheiniwr hwn. Rhowch wybod i drefnwyr yr etholiad.",
      inconsistent:
        "Nid yw'r pen coeden a roddodd y bwrdd gyda'r bleidlais hon yn estyn yr un a ddangosir uchod. Rhowch wybod i drefnwyr yr etholiad.",
      noProof:
        "Mae'r bwrdd yn rhestru pleidlais gyda'r olrheiniwr hwn ond nid yw'n rhoi ei phrawf. Rhowch gynnig arall arni; os bydd hyn yn digwydd eto, rhowch wybod i drefnwyr yr etholiad.",
    },
    events: {
      heading: 'Popeth ar y bwrdd',
      order: "Yr hynaf yn gyntaf: safle 1 yw gosod yr etholiad. Agorwch gofnod i'w weld yn llawn.",
      range: (first: number, last: number, size: number) =>
        `Cofnodion ${count(first, 'cy-GB')} i ${count(last, 'cy-GB')} o ${count(size, 'cy-GB')}`,
      none: "Mae'r bwrdd yn wag.",
      pages: 'Tudalennau o gofnodion',
      first: 'Cyntaf',
      previous: 'Blaenorol',
      next: 'Nesaf',
      last: 'Olaf',
      jumpLabel: (size: number) => `Mynd i safle (1 i ${count(size, 'cy-GB')})`,
      jump: 'Dangos',
      jumpInvalid: (size: number) => `Teipiwch rif cyfan o 1 i ${count(size, 'cy-GB')}.`,
      loading: "Wrthi'n darllen cofnodion…",
      position: (n: number) => `Rhif ${count(n, 'cy-GB')}`,
      json: "Fel y'i cofnodwyd (JSON canonaidd)",
      truncated: (more: number) =>
        `… a ${cyCount(more, 'nod')} arall: lawrlwythwch gofnod yr etholiad i'w weld i gyd.`,
      setup: (title: string) => `Gosodwyd yr etholiad: “${title}”`,
      trusteeIdentity: (n: number) => `Cyhoeddodd ymddiriedolwr ${n} ei allwedd gyhoeddus`,
      trusteeDealing: (n: number, shares: number) =>
        `Rhannodd ymddiriedolwr ${n} ei ran o allwedd yr etholiad (${cyCount(shares, 'cyfran')} i'r ymddiriedolwyr eraill)`,
      trusteeComplaint: (recipient: number, dealer: number) =>
        `Cwynodd ymddiriedolwr ${recipient} am y gyfran gan ymddiriedolwr ${dealer}`,
      electionKey: (qualified: number) =>
        `Cyhoeddwyd allwedd yr etholiad (wedi'i gwneud gan ${cyCount(qualified, 'ymddiriedolwr')})`,
      electorate: (credentials: number) =>
        `Cyhoeddwyd yr etholaeth: ${cyCount(credentials, 'cymhwyster pleidleisio')}`,
      electorateMembers: (credentials: number, members: number) =>
        `Cyhoeddwyd yr etholaeth: ${cyCount(credentials, 'cymhwyster pleidleisio')}; ymrwymwyd i gofrestr o ${cyCount(members, 'aelod')}`,
      amendment: {
        add: (reason: string) => `Diwygio'r gofrestr: ychwanegwyd cymhwyster pleidleisio (“${reason}”)`,
        remove: (reason: string) => `Diwygio'r gofrestr: tynnwyd cymhwyster pleidleisio (“${reason}”)`,
        correct: (reason: string) => `Diwygio'r gofrestr: cywirwyd cofnod aelod (“${reason}”)`,
      },
      open: 'Agorodd y pleidleisio',
      ballot: (code: string) => `Pleidlais, olrheiniwr ${code}`,
      close: 'Caeodd y pleidleisio',
      tally: (counted: number) => `Cyfrif: adiwyd ${cyCount(counted, 'pleidlais')}, wedi'u hamgryptio o hyd`,
      decryptionShare: (n: number) => `Cyhoeddodd ymddiriedolwr ${n} ei ran o'r dadgryptio`,
      result: (counted: number, trustees: readonly number[]) =>
        `Cyhoeddwyd y canlyniad: cyfrifwyd ${cyCount(counted, 'pleidlais')}, wedi'u dadgryptio gan ymddiriedolwr ${trustees.join(', ')}`,
      unknown: (type: string) => `Cofnod o'r math “${type}”`,
      malformed: (type: string) => `Cofnod o'r math “${type}” nad yw yn y ffurf ddisgwyliedig`,
    },
  },
};
