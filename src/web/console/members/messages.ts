/**
 * The texts of the console's roll import and voter invitation pages, in English and Welsh (same shape;
 * merged into the pages' messages by src/web/i18n/en.ts and cy.ts, read as `useT().roll` and
 * `useT().invitations`).
 */

/** A refusal's words: fixed, or built around the server's own message (which names the row or column). */
export type Refusal = string | ((message: string) => string);

const rollErrorsEn: Record<string, Refusal> = {
  'no-roll': 'No roll file has been uploaded yet.',
  'no-audit': 'The roll has not been checked yet, or its last check failed: check it first.',
  'roll-used': 'This roll is already the election’s login list: it cannot change now.',
  'roll-busy': 'Another upload or change of this roll is under way. Wait a moment, then reload the page.',
  'audit-running': 'The roll is being checked already: wait for that check to end.',
  'roll-too-large': (m) => `The file is too large: ${m}.`,
  'not-csv': 'The file could not be sent as a roll. Choose the CSV file again.',
  'voters-exist': (m) => `The roll cannot become the login list: ${m}.`,
  'roll-changed': 'The stored file is not the one that was checked. Check the roll again.',
  'unknown-finding': 'The audit has no such finding any more. Reload the page.',
  'wrong-status': 'The election’s electorate is published: its roll can no longer change.',
  'unsupported-encoding': (m) => `The file’s encoding cannot be read: ${m}.`,
  'not-text': 'This is not a text file. Export the roll from the membership system as CSV.',
  'empty-file': 'The file is empty.',
  'no-delimiter':
    'The first line has no comma, semicolon, tab or bar between column names: this is not a roll CSV.',
  'line-too-long': 'The first line is extremely long: this does not look like a roll exported as CSV.',
  'duplicate-column': (m) => `Two columns have the same name: ${m}.`,
  'missing-column': (m) => `A column is missing: ${m}.`,
  'no-members': 'The file has a header but no member rows.',
  'invalid-mapping': (m) => `The column choices cannot be used: ${m}.`,
  'invalid-rules': (m) => `The rules cannot be used: ${m}.`,
  'rule-needs-column': (m) => `A rule needs a column the roll does not have: ${m}.`,
  'invalid-rows': 'Some rows have errors, listed below with their lines. Nothing was imported.',
  'out-of-phase':
    'The electorate cannot be published yet: set up the election and start the key ceremony first (on the election’s page).',
  'bad-electorate': (m) => `The credential authority’s file was refused: ${m}.`,
  malformed: (m) => `The server could not read this request: ${m}.`,
};

const rollErrorsCy: Record<string, Refusal> = {
  'no-roll': 'Nid oes ffeil gofrestr wedi’i llwytho i fyny eto.',
  'no-audit': 'Nid yw’r gofrestr wedi’i gwirio eto, neu methodd ei gwiriad diwethaf: gwiriwch hi yn gyntaf.',
  'roll-used': 'Y gofrestr hon yw rhestr fewngofnodi’r etholiad eisoes: ni all newid nawr.',
  'roll-busy':
    'Mae llwytho neu newid arall ar y gofrestr hon ar y gweill. Arhoswch eiliad, yna ail-lwythwch y dudalen.',
  'audit-running': 'Mae’r gofrestr yn cael ei gwirio eisoes: arhoswch i’r gwiriad hwnnw orffen.',
  'roll-too-large': (m) => `Mae’r ffeil yn rhy fawr: ${m}.`,
  'not-csv': 'Nid oedd modd anfon y ffeil fel cofrestr. Dewiswch y ffeil CSV eto.',
  'voters-exist': (m) => `Ni all y gofrestr ddod yn rhestr fewngofnodi: ${m}.`,
  'roll-changed': 'Nid y ffeil a storiwyd yw’r un a wiriwyd. Gwiriwch y gofrestr eto.',
  'unknown-finding': 'Nid oes gan yr archwiliad y canfyddiad hwn mwyach. Ail-lwythwch y dudalen.',
  'wrong-status': 'Mae etholaeth yr etholiad wedi’i chyhoeddi: ni all ei chofrestr newid mwyach.',
  'unsupported-encoding': (m) => `Ni ellir darllen amgodiad y ffeil: ${m}.`,
  'not-text': 'Nid ffeil destun yw hon. Allforiwch y gofrestr o’r system aelodaeth fel CSV.',
  'empty-file': 'Mae’r ffeil yn wag.',
  'no-delimiter':
    'Nid oes coma, hanner colon, tab na bar rhwng enwau’r colofnau ar y llinell gyntaf: nid CSV cofrestr yw hwn.',
  'line-too-long':
    'Mae’r llinell gyntaf yn hir iawn: nid yw hyn yn edrych fel cofrestr wedi’i hallforio fel CSV.',
  'duplicate-column': (m) => `Mae gan ddwy golofn yr un enw: ${m}.`,
  'missing-column': (m) => `Mae colofn ar goll: ${m}.`,
  'no-members': 'Mae gan y ffeil bennawd ond dim rhesi aelodau.',
  'invalid-mapping': (m) => `Ni ellir defnyddio’r dewisiadau colofn: ${m}.`,
  'invalid-rules': (m) => `Ni ellir defnyddio’r rheolau: ${m}.`,
  'rule-needs-column': (m) => `Mae angen colofn nad yw yn y gofrestr ar reol: ${m}.`,
  'invalid-rows': 'Mae gwallau mewn rhai rhesi, a restrir isod gyda’u llinellau. Ni fewnforiwyd dim.',
  'out-of-phase':
    'Ni ellir cyhoeddi’r etholaeth eto: gosodwch yr etholiad a dechrau’r seremoni allweddi yn gyntaf (ar dudalen yr etholiad).',
  'bad-electorate': (m) => `Gwrthodwyd ffeil yr awdurdod cymwysterau: ${m}.`,
  malformed: (m) => `Nid oedd y gweinydd yn gallu darllen y cais hwn: ${m}.`,
};

const invitationErrorsEn: Record<string, Refusal> = {
  'nothing-to-send': (m) => `Nothing to send: ${m}.`,
  'mail-job-running': 'Emails are being sent already: wait for that sending to end.',
  'mail-unavailable': 'This server has no mail server to send through. Ask whoever runs it to set one up.',
  'not-open': 'Reminders go out only while voting is open.',
  'wrong-status': (m) => `Emails cannot go out now: ${m}.`,
  'election-closed': 'The election’s closing time has passed: a login link would no longer work.',
  'unknown-voter': 'No voter of this election has this member id or email address.',
  'no-voters': 'The election has no members on its login list yet: import the membership roll first.',
  'not-set-up': 'The election has no title and voting times yet: finish its draft first.',
  malformed: (m) => `The server could not read this request: ${m}.`,
};

const invitationErrorsCy: Record<string, Refusal> = {
  'nothing-to-send': (m) => `Dim i’w anfon: ${m}.`,
  'mail-job-running': 'Mae negeseuon e-bost yn cael eu hanfon eisoes: arhoswch i’r anfon hwnnw orffen.',
  'mail-unavailable':
    'Nid oes gweinydd post gan y gweinydd hwn i anfon drwyddo. Gofynnwch i’r sawl sy’n ei redeg osod un.',
  'not-open': 'Dim ond tra bo’r bleidlais ar agor yr anfonir nodiadau atgoffa.',
  'wrong-status': (m) => `Ni ellir anfon negeseuon e-bost nawr: ${m}.`,
  'election-closed':
    'Mae amser cau’r etholiad wedi mynd heibio: ni fyddai dolen fewngofnodi’n gweithio mwyach.',
  'unknown-voter':
    'Nid oes gan unrhyw bleidleisiwr yn yr etholiad hwn y rhif aelod neu’r cyfeiriad e-bost hwn.',
  'no-voters':
    'Nid oes aelodau ar restr fewngofnodi’r etholiad eto: mewnforiwch y gofrestr aelodaeth yn gyntaf.',
  'not-set-up':
    'Nid oes teitl nac amseroedd pleidleisio gan yr etholiad eto: gorffennwch ei ddrafft yn gyntaf.',
  malformed: (m) => `Nid oedd y gweinydd yn gallu darllen y cais hwn: ${m}.`,
};

export const en = {
  roll: {
    title: 'Membership roll',
    intro:
      'Import the membership list, check who may vote, settle what the audit finds, and turn the roll into the list of members who can log in.',
    back: 'Back to the election',
    errors: rollErrorsEn,
    upload: {
      title: '1. Upload the membership file',
      intro:
        'Export the roll from your membership system as a CSV file (UTF-8 or Windows-1252; commas, semicolons, tabs or bars between columns), with one row per member and their names in the first line.',
      label: 'Membership file (CSV)',
      labelAgain: 'Upload a different file instead',
      limit: (mb: number) =>
        `At most ${mb} MB (about 250 000 members). A larger file is refused before it is sent.`,
      none: 'Choose the membership file first.',
      tooLarge: (size: string, limit: number) =>
        `This file is ${size}; the most a roll may be is ${limit} MB. Export only the columns the roll needs, then try again. Nothing was sent.`,
      sending: (percent: number) => `Sending the file: ${percent} %`,
      button: 'Upload',
      current: (name: string, size: string, when: string) =>
        `Current file: ${name} (${size}), uploaded ${when}.`,
      used: 'This roll is the election’s login list: it can no longer be replaced.',
      published: 'The electorate of this election is published: its roll can no longer change.',
    },
    read: {
      title: '2. Check what was read',
      file: 'File',
      size: 'Size',
      encoding: 'Encoding',
      encodings: { 'utf-8': 'UTF-8', 'windows-1252': 'Windows-1252 (Western European)' },
      delimiter: 'Between columns',
      delimiters: { ',': 'commas', ';': 'semicolons', '\t': 'tabs', '|': 'bars (|)' },
      columns: 'Columns',
      sampleLabel: 'The first rows of the file (scrolls sideways)',
      sample: (n: number) => `The first ${n} ${n === 1 ? 'row' : 'rows'} of the file`,
      blankHeader: '(no name)',
    },
    map: {
      title: '3. Match the columns and set the rules',
      titleDone: '3. Columns read',
      read: (field: string, header: string) => `${field}: column “${header}”`,
      columnsLegend: 'Which column holds what',
      columnsHint:
        'Columns with their usual names are chosen already. Member id and join date are needed; the rest help the audit and the rules.',
      more: 'More columns (optional)',
      fields: {
        memberId: 'Member id',
        name: 'Name',
        email: 'Email address',
        phone: 'Phone',
        postcode: 'Postcode',
        country: 'Country of residence',
        joinDate: 'Join date',
        dues: 'Dues status',
        address: 'Address',
        nationality: 'Nationality',
        dateOfBirth: 'Date of birth',
        suspended: 'Suspended',
        paymentReference: 'Payment reference',
      },
      required: '(needed)',
      byName: 'Not chosen: found by its usual name, if any',
      missing: (field: string) => `Choose the column with the ${field.toLowerCase()}.`,
      dateFormat: 'How dates are written',
      dateFormats: {
        iso: '2026-10-01 (year-month-day)',
        dmy: '01/10/2026 (day/month/year)',
        mdy: '10/01/2026 (month/day/year)',
      },
      defaultCountry: 'Country of phone numbers without a +',
      defaultCountryHint: 'Two letters, such as GB. Used for members with no country of residence.',
      fix: 'Some choices need correcting: see the messages next to them.',
      check: 'Check the roll',
      checkAgain: 'Check the roll again',
      rules: {
        legend: 'Who may vote',
        hint: 'A member may vote when every rule given holds. Leave a rule empty to not use it.',
        fromDefinition: 'These start from the rules in the election’s definition.',
        joinedOnOrBefore: 'Joined on or before',
        minimumAge: 'Minimum age (years)',
        asOf: 'Age counted on',
        unknownAge: 'A member with no date of birth',
        unknownAgeIneligible: 'may not vote',
        unknownAgeEligible: 'may vote (age was checked on joining)',
        residency: 'Resident in',
        nationality: 'Nationality',
        countriesHint: 'Country codes separated by commas, such as GB, IE. Leave empty for no such rule.',
        duesPaid: 'Dues paid (or exempt)',
        excludeSuspended: 'Suspended members may not vote',
        differs: 'These rules differ from those in the election’s definition, which voters can read.',
        ageInvalid: 'Write the age as a whole number of years.',
        asOfMissing: 'Give the date the age is counted on.',
        countriesInvalid: 'Write two-letter country codes, such as GB.',
      },
    },
    check: {
      progress: (percent: number) => `Checking the roll: ${percent} %`,
      stalled: 'The check stopped (the server was restarted). Check the roll again.',
      failed: (error: string) => `The check could not finish: ${error}`,
      refused: 'The roll was not imported',
      rowErrors: (n: number) => `${n} ${n === 1 ? 'row has an error' : 'rows have errors'}:`,
      rowErrorsLabel: 'Rows with errors (scrolls sideways)',
      rowErrorsCaption: 'Rows with errors, by line of the file',
      line: 'Line',
      problem: 'Problem',
      more: (n: number) => `… and ${n} more (in the download).`,
      download: 'Download every row error (CSV)',
      nothingImported:
        'Nothing was imported. Correct the file in the membership system, export it again and upload it.',
    },
    audit: {
      title: '4. The audit',
      intro:
        'Before credentials go out, the audit looks for members who may not be genuine or cannot be reached. Every finding is only a proposal: you decide.',
      members: 'Members on the roll',
      eligible: 'Eligible under the rules',
      ineligible: 'Not eligible',
      flagged: 'Named by a finding',
      noEmail: 'Email address missing, malformed or doubtful (a likely typo in the domain counts here)',
      open: 'Findings to decide',
      whyIneligible: 'Why members are not eligible',
      reason: (text: string, n: string) => `${text}: ${n}`,
      reasons: {
        'joined-after-cutoff': 'joined after the cut-off date',
        'dues-unpaid': 'dues not paid',
        'dues-unknown': 'dues status blank',
        'under-age': 'under the minimum age',
        'age-unknown': 'date of birth blank',
        'not-resident': 'resident in a country the rules exclude',
        'residency-unknown': 'country of residence blank',
        'nationality-excluded': 'a nationality the rules exclude',
        'nationality-unknown': 'nationality blank',
        suspended: 'suspended',
      },
      stale: (n: number) =>
        `${n} earlier ${n === 1 ? 'decision is' : 'decisions are'} on findings this audit no longer makes (the roll changed); the report keeps them.`,
      reportIntro: 'The full report lists every member and decision; print it for the scrutineers to sign.',
      reportHtml: 'Download the full audit report (to print)',
      reportJson: 'Download it as JSON',
      findings: 'Findings',
      none: 'The audit found nothing to decide.',
      decideIntro:
        'For each finding, keep its members on the roll (it is not a problem) or exclude them. Undecided findings keep their members on the roll.',
      decidedIntro: 'The decisions taken when the roll was used:',
      kindTitle: (title: string, n: number) => `${title} (${n})`,
      kinds: {
        duplicate: {
          title: 'Possible duplicates',
          help: 'The same person may be on the roll more than once: the same address, phone, similar name with the same postcode, or the same birth date and postcode.',
        },
        'bulk-signup': {
          title: 'Bulk sign-ups',
          help: 'Many members joined in a short time from one address, email domain, block of phone numbers or payment.',
        },
        'join-spike': {
          title: 'Late joiners: a spike before the cut-off',
          help: 'Far more members than usual joined in the days before the cut-off date.',
        },
        'disposable-email': {
          title: 'Disposable email addresses',
          help: 'Addresses at services that hand out throwaway mailboxes.',
        },
        'missing-email': {
          title: 'No email address',
          help: 'These members cannot receive an invitation or log in by email, so they cannot be on the login list.',
        },
        'invalid-email': {
          title: 'Email addresses that look wrong',
          help: 'Addresses that are not addresses cannot be on the login list; an address one letter away from a big provider (gmial.com) is kept unless you exclude it.',
        },
        'invalid-phone': {
          title: 'Phone numbers that are not numbers',
          help: 'Phone numbers the audit cannot read. Phones are not used to log in.',
        },
      },
      showMore: (n: number, title: string) => `Show ${n} more: ${title.toLowerCase()}`,
      statusOpen: 'Not decided',
      statusExcluded: 'Excluded',
      statusKept: 'Kept',
      chooseFirst: 'Choose keep or exclude first.',
      findingTitle: (number: number, members: number) =>
        `Finding ${number}: ${members} ${members === 1 ? 'member' : 'members'}`,
      signals: {
        'same-email': 'Same email address',
        'same-phone': 'Same phone number',
        'similar-name': 'Similar name, same postcode',
        'same-birth-date-and-postcode': 'Same date of birth and postcode',
        address: 'Same address',
        'email-domain': 'Same email domain',
        'phone-prefix': 'Neighbouring phone numbers',
        'payment-reference': 'Same payment',
        'daily-joins': 'Joins per day',
        'disposable-domain': 'Disposable email service',
        blank: 'No address',
        syntax: 'Not an address',
        'domain-typo': 'Likely typing mistake',
        'not-a-number': 'Not a phone number',
      },
      sampleLabel: (n: number, kind: string) =>
        `Rows of finding ${n}, ${kind.toLowerCase()} (scrolls sideways)`,
      sampleCaption: 'Its rows in the file',
      columns: {
        line: 'Line',
        memberId: 'Member id',
        name: 'Name',
        email: 'Email',
        phone: 'Phone',
        postcode: 'Postcode',
        joined: 'Joined',
      },
      moreMembers: (n: number) =>
        `… and ${n} more ${n === 1 ? 'member' : 'members'} (all in the full report).`,
      note: (text: string) => `Note: ${text}`,
      decision: 'Decision',
      keep: 'Keep them on the roll (not a problem)',
      excludeCopies: (line: number) => `Exclude the copies (keep the first row, line ${line})`,
      exclude: (n: number) => `Exclude ${n === 1 ? 'this member' : `these ${n} members`}`,
      noteLabel: 'Why (what was checked, with whom)',
      save: 'Save the decision',
      saved: 'Decision saved.',
    },
    use: {
      title: '5. Use this roll',
      intro: (n: string) => `Using the roll makes ${n} members the election’s login list:`,
      done: (n: string, when: string) => `The login list has ${n} members (since ${when}).`,
      eligible: (n: string) => `${n} eligible under the rules;`,
      excluded: (n: string) => `${n} of them excluded by your decisions;`,
      noEmail: (n: string) =>
        `${n} with no email address that can be sent to (missing or malformed), who cannot log in (correct their address in the membership system and import again; a doubtful address is still invited unless you exclude it);`,
      open: (n: string) => `${n} findings not decided: the members they name stay on.`,
      votersThere: (n: string) =>
        `The election already has ${n} voters. The roll can be used only if they are all on it (an earlier use that was interrupted).`,
      using: 'Making the login list…',
      button: (n: string) => `Use this roll (${n} members)`,
    },
    handOff: {
      title: '6. Hand over to the credential authority',
      why: 'Each member votes with a secret voting credential. The credential authority — an independent scrutineer, or your office on an offline computer — makes one credential per member from the voter list and delivers it to them.',
      never:
        'This is a separate step on purpose: this server never sees a credential, only its public half. So nobody who runs the server, and no one who breaks into it, can vote in a member’s name.',
      download: 'Download the voter list and give it to the credential authority.',
      downloadHint:
        'A CSV with member_id, email and name: exactly what the credential authority’s tool reads.',
      downloadButton: (n: string) => `Download the voter list (${n} members)`,
      run: 'The credential authority runs, on its own computer:',
      runHint:
        'It writes the public credentials to upload here, a private file of credentials and letters to deliver, and can email each member their credential.',
      commitment:
        'The same command also commits to the electorate: it publishes the number of members and a fingerprint of the list (a Merkle root over each member id with a secret salt). Each member receives their salt with their credential and can check they are on the roll, without the list being published. The salts stay with the credential authority; this server never sees them.',
      upload: 'Upload the credential authority’s public-credentials.json to publish the electorate.',
      none: 'Choose the public-credentials.json file first.',
      notJson: 'This file is not JSON: choose public-credentials.json.',
      notCredentials: 'This file has no list of credentials: choose public-credentials.json.',
      wrongCount: (found: string, expected: string) =>
        `This file lists ${found} credentials, but the login list has ${expected} members: it was made from another voter list. Nothing was published.`,
      published: (credentials: string, members: string | null) =>
        members === null
          ? `The electorate is published: ${credentials} credentials.`
          : `The electorate is published: ${credentials} credentials, and the commitment to ${members} members.`,
      alreadyPublished: 'The electorate is published.',
      next: 'Next: send the members their invitations',
      setUpFirst:
        'The election must be set up (its key ceremony started) before the electorate can be published: do that on the election’s page.',
      fileLabel: 'public-credentials.json',
      publish: 'Publish the electorate',
    },
  },
  invitations: {
    title: 'Invitations',
    intro:
      'Each member on the login list gets an email with their own login link and code, which work until voting closes.',
    back: 'Back to the election',
    errors: invitationErrorsEn,
    counts: {
      total: 'On the login list',
      invited: 'Invitation sent',
      failed: 'Last email failed',
      voted: 'Have voted',
    },
    noMailer: 'This server has no mail server to send through: emails cannot go out.',
    noVoters: 'The election has no members on its login list yet.',
    toRoll: 'Import the membership roll',
    draft:
      'Invitations go out once the election is set up: its closing time is then fixed, and the links work until it.',
    over: 'Voting is over: no more emails go out.',
    compose: {
      title: 'The email',
      kind: 'Which email',
      invitation: 'Invitation',
      reminder: 'Reminder to members who have not voted',
      invitationHint: 'Goes to every member who has not been sent an invitation yet, so nobody gets two.',
      reminderHint:
        'Goes only to members who have not voted. It says that they have not voted yet, and nothing else about them, with a fresh link.',
      languages: 'Language',
      languageChoice: {
        en: 'English',
        cy: 'Welsh',
        'cy-en': 'Welsh and English, in one email (Welsh first)',
      },
      introLabel: { en: 'Your paragraph in English', cy: 'Your paragraph in Welsh' },
      introHint: (max: number) =>
        `Plain text, at most ${max} characters; a blank line starts a new paragraph. The link, the code and the voting times are added for you.`,
      preview: 'Show the email',
      previewTitle: 'The email as a member gets it',
      subject: 'Subject:',
      previewHint: 'Each member gets their own link and code in place of these samples.',
      downloadHtml: 'Download the HTML version',
      sendInvitations: (n: string) => `Send invitations (${n} members)`,
      sendReminders: (n: string) => `Send reminders (${n} members)`,
      allInvited:
        'Every member has been sent an invitation. Resend to one member below, or retry the failures.',
      sendHint: 'Emails go out in batches in the background; this page shows how far it has got.',
      remindWhenOpen: 'Reminders can go out once voting is open.',
      remindHint: 'Reminders go out in batches in the background; this page shows how far it has got.',
    },
    progress: (percent: number) => `Sending: ${percent} %`,
    result: {
      invite: (sent: string, failed: string) => `Invitations sent: ${sent}. Failed: ${failed}.`,
      remind: (sent: string, failed: string) => `Reminders sent: ${sent}. Failed: ${failed}.`,
      retry: (sent: string, failed: string) => `Sent again: ${sent}. Still failing: ${failed}.`,
    },
    jobFailed: (error: string) => `The sending stopped: ${error}`,
    stalled: 'The sending stopped (the server was restarted). Send again: it goes on where it stopped.',
    failures: {
      title: (n: string) => `Emails that failed (${n})`,
      intro: 'The mail server did not accept these. Check the addresses in the membership system.',
      tableLabel: 'Emails that failed (scrolls sideways)',
      caption: 'Members whose last email failed, and what the mail server said',
      memberId: 'Member id',
      name: 'Name',
      email: 'Email',
      kind: 'Which email',
      error: 'What the mail server said',
      kinds: { invitation: 'Invitation', reminder: 'Reminder' },
      more: 'Show more',
      download: 'Download the list (CSV)',
      retry: (n: string) => `Send these again (${n})`,
      retryHint:
        'Each gets the email that failed, with a new link; the language and paragraph of the last sending are used.',
    },
    resend: {
      title: 'Send one member a new invitation',
      intro:
        'For a member who lost their email or changed their address. Their earlier invitation link stops working.',
      label: 'Member id or email address',
      button: 'Send a new invitation',
      empty: 'Give the member id or the email address.',
      sent: (id: string, email: string) => `A new invitation went to member ${id} at ${email}.`,
      failed: (id: string, email: string, error: string) =>
        `The mail server did not accept the invitation to member ${id} at ${email}: ${error}`,
    },
  },
};

export const cy: typeof en = {
  roll: {
    title: 'Cofrestr aelodaeth',
    intro:
      'Mewnforiwch y rhestr aelodau, gwiriwch pwy gaiff bleidleisio, penderfynwch ar yr hyn a ganfu’r archwiliad, a throi’r gofrestr yn rhestr yr aelodau sy’n gallu mewngofnodi.',
    back: 'Yn ôl i’r etholiad',
    errors: rollErrorsCy,
    upload: {
      title: '1. Llwytho’r ffeil aelodaeth i fyny',
      intro:
        'Allforiwch y gofrestr o’ch system aelodaeth fel ffeil CSV (UTF-8 neu Windows-1252; comas, hanner colonau, tabiau neu farrau rhwng colofnau), gydag un rhes i bob aelod ac enwau’r colofnau ar y llinell gyntaf.',
      label: 'Ffeil aelodaeth (CSV)',
      labelAgain: 'Llwytho ffeil wahanol i fyny yn lle hynny',
      limit: (mb: number) =>
        `Dim mwy na ${mb} MB (tua 250 000 o aelodau). Gwrthodir ffeil fwy cyn iddi gael ei hanfon.`,
      none: 'Dewiswch y ffeil aelodaeth yn gyntaf.',
      tooLarge: (size: string, limit: number) =>
        `Mae’r ffeil hon yn ${size}; ${limit} MB yw’r mwyaf y caiff cofrestr fod. Allforiwch dim ond y colofnau sydd eu hangen ar y gofrestr, yna rhowch gynnig arall arni. Ni anfonwyd dim.`,
      sending: (percent: number) => `Yn anfon y ffeil: ${percent} %`,
      button: 'Llwytho i fyny',
      current: (name: string, size: string, when: string) =>
        `Y ffeil bresennol: ${name} (${size}), wedi’i llwytho i fyny ${when}.`,
      used: 'Y gofrestr hon yw rhestr fewngofnodi’r etholiad: ni ellir rhoi un arall yn ei lle mwyach.',
      published: 'Mae etholaeth yr etholiad hwn wedi’i chyhoeddi: ni all ei chofrestr newid mwyach.',
    },
    read: {
      title: '2. Gwirio’r hyn a ddarllenwyd',
      file: 'Ffeil',
      size: 'Maint',
      encoding: 'Amgodiad',
      encodings: { 'utf-8': 'UTF-8', 'windows-1252': 'Windows-1252 (Gorllewin Ewrop)' },
      delimiter: 'Rhwng colofnau',
      delimiters: { ',': 'comas', ';': 'hanner colonau', '\t': 'tabiau', '|': 'barrau (|)' },
      columns: 'Colofnau',
      sampleLabel: 'Rhesi cyntaf y ffeil (yn sgrolio i’r ochr)',
      sample: (n: number) => (n === 1 ? 'Rhes gyntaf y ffeil' : `${n} rhes gyntaf y ffeil`),
      blankHeader: '(dim enw)',
    },
    map: {
      title: '3. Paru’r colofnau a gosod y rheolau',
      titleDone: '3. Y colofnau a ddarllenwyd',
      read: (field: string, header: string) => `${field}: colofn “${header}”`,
      columnsLegend: 'Pa golofn sy’n dal beth',
      columnsHint:
        'Mae colofnau â’u henwau arferol wedi’u dewis eisoes. Mae angen rhif aelod a dyddiad ymuno; mae’r gweddill yn helpu’r archwiliad a’r rheolau.',
      more: 'Rhagor o golofnau (dewisol)',
      fields: {
        memberId: 'Rhif aelod',
        name: 'Enw',
        email: 'Cyfeiriad e-bost',
        phone: 'Ffôn',
        postcode: 'Cod post',
        country: 'Gwlad breswyl',
        joinDate: 'Dyddiad ymuno',
        dues: 'Statws tâl aelodaeth',
        address: 'Cyfeiriad',
        nationality: 'Cenedligrwydd',
        dateOfBirth: 'Dyddiad geni',
        suspended: 'Wedi’i atal',
        paymentReference: 'Cyfeirnod talu',
      },
      required: '(angenrheidiol)',
      byName: 'Heb ei ddewis: wedi’i ganfod wrth ei enw arferol, os oes un',
      missing: (field: string) => `Dewiswch y golofn sy’n dal: ${field.toLowerCase()}.`,
      dateFormat: 'Sut yr ysgrifennir dyddiadau',
      dateFormats: {
        iso: '2026-10-01 (blwyddyn-mis-diwrnod)',
        dmy: '01/10/2026 (diwrnod/mis/blwyddyn)',
        mdy: '10/01/2026 (mis/diwrnod/blwyddyn)',
      },
      defaultCountry: 'Gwlad rhifau ffôn heb +',
      defaultCountryHint: 'Dwy lythyren, fel GB. Fe’i defnyddir ar gyfer aelodau heb wlad breswyl.',
      fix: 'Mae angen cywiro rhai dewisiadau: gweler y negeseuon wrth eu hymyl.',
      check: 'Gwirio’r gofrestr',
      checkAgain: 'Gwirio’r gofrestr eto',
      rules: {
        legend: 'Pwy gaiff bleidleisio',
        hint: 'Caiff aelod bleidleisio pan fo pob rheol a roddir yn wir. Gadewch reol yn wag i beidio â’i defnyddio.',
        fromDefinition: 'Mae’r rhain yn dechrau o’r rheolau yn niffiniad yr etholiad.',
        joinedOnOrBefore: 'Wedi ymuno ar neu cyn',
        minimumAge: 'Isafswm oedran (blynyddoedd)',
        asOf: 'Oedran wedi’i gyfrif ar',
        unknownAge: 'Aelod heb ddyddiad geni',
        unknownAgeIneligible: 'ni chaiff bleidleisio',
        unknownAgeEligible: 'caiff bleidleisio (gwiriwyd yr oedran wrth ymuno)',
        residency: 'Yn byw yn',
        nationality: 'Cenedligrwydd',
        countriesHint:
          'Codau gwlad wedi’u gwahanu gan gomas, fel GB, IE. Gadewch yn wag os nad oes rheol o’r fath.',
        duesPaid: 'Tâl aelodaeth wedi’i dalu (neu wedi’i eithrio)',
        excludeSuspended: 'Ni chaiff aelodau sydd wedi’u hatal bleidleisio',
        differs:
          'Mae’r rheolau hyn yn wahanol i’r rhai yn niffiniad yr etholiad, y gall pleidleiswyr eu darllen.',
        ageInvalid: 'Ysgrifennwch yr oedran fel nifer cyfan o flynyddoedd.',
        asOfMissing: 'Rhowch y dyddiad y cyfrifir yr oedran arno.',
        countriesInvalid: 'Ysgrifennwch godau gwlad dwy lythyren, fel GB.',
      },
    },
    check: {
      progress: (percent: number) => `Yn gwirio’r gofrestr: ${percent} %`,
      stalled: 'Daeth y gwiriad i ben (ailgychwynnwyd y gweinydd). Gwiriwch y gofrestr eto.',
      failed: (error: string) => `Nid oedd modd gorffen y gwiriad: ${error}`,
      refused: 'Ni fewnforiwyd y gofrestr',
      rowErrors: (n: number) => (n === 1 ? 'Mae gwall mewn 1 rhes:' : `Mae gwallau mewn ${n} rhes:`),
      rowErrorsLabel: 'Rhesi â gwallau (yn sgrolio i’r ochr)',
      rowErrorsCaption: 'Rhesi â gwallau, fesul llinell y ffeil',
      line: 'Llinell',
      problem: 'Problem',
      more: (n: number) => `… a ${n} arall (yn y ffeil i’w llwytho i lawr).`,
      download: 'Llwytho pob gwall rhes i lawr (CSV)',
      nothingImported:
        'Ni fewnforiwyd dim. Cywirwch y ffeil yn y system aelodaeth, allforiwch hi eto a’i llwytho i fyny.',
    },
    audit: {
      title: '4. Yr archwiliad',
      intro:
        'Cyn i’r cymwysterau fynd allan, mae’r archwiliad yn chwilio am aelodau a allai fod yn ffug neu na ellir eu cyrraedd. Cynnig yn unig yw pob canfyddiad: chi sy’n penderfynu.',
      members: 'Aelodau ar y gofrestr',
      eligible: 'Yn gymwys dan y rheolau',
      ineligible: 'Ddim yn gymwys',
      flagged: 'Wedi’u henwi gan ganfyddiad',
      noEmail:
        'Cyfeiriad e-bost ar goll, wedi’i ffurfio’n anghywir neu’n amheus (mae camgymeriad tebygol yn y parth yn cyfrif yma)',
      open: 'Canfyddiadau i benderfynu arnynt',
      whyIneligible: 'Pam nad yw aelodau’n gymwys',
      reason: (text: string, n: string) => `${text}: ${n}`,
      reasons: {
        'joined-after-cutoff': 'wedi ymuno ar ôl y dyddiad terfyn',
        'dues-unpaid': 'tâl aelodaeth heb ei dalu',
        'dues-unknown': 'statws tâl aelodaeth yn wag',
        'under-age': 'o dan yr isafswm oedran',
        'age-unknown': 'dyddiad geni yn wag',
        'not-resident': 'yn byw mewn gwlad nad yw’r rheolau’n ei chynnwys',
        'residency-unknown': 'gwlad breswyl yn wag',
        'nationality-excluded': 'cenedligrwydd nad yw’r rheolau’n ei gynnwys',
        'nationality-unknown': 'cenedligrwydd yn wag',
        suspended: 'wedi’i atal',
      },
      stale: (n: number) =>
        `Mae ${n} penderfyniad cynharach ar ganfyddiadau nad yw’r archwiliad hwn yn eu gwneud mwyach (newidiodd y gofrestr); mae’r adroddiad yn eu cadw.`,
      reportIntro:
        'Mae’r adroddiad llawn yn rhestru pob aelod a phenderfyniad; argraffwch ef i’r craffwyr ei lofnodi.',
      reportHtml: 'Llwytho’r adroddiad archwilio llawn i lawr (i’w argraffu)',
      reportJson: 'Ei lwytho i lawr fel JSON',
      findings: 'Canfyddiadau',
      none: 'Ni chanfu’r archwiliad ddim i benderfynu arno.',
      decideIntro:
        'Ar gyfer pob canfyddiad, cadwch ei aelodau ar y gofrestr (nid yw’n broblem) neu eu heithrio. Mae canfyddiadau heb benderfyniad yn cadw eu haelodau ar y gofrestr.',
      decidedIntro: 'Y penderfyniadau a wnaed pan ddefnyddiwyd y gofrestr:',
      kindTitle: (title: string, n: number) => `${title} (${n})`,
      kinds: {
        duplicate: {
          title: 'Dyblygiadau posibl',
          help: 'Efallai fod yr un person ar y gofrestr fwy nag unwaith: yr un cyfeiriad e-bost, ffôn, enw tebyg gyda’r un cod post, neu’r un dyddiad geni a chod post.',
        },
        'bulk-signup': {
          title: 'Ymuno torfol',
          help: 'Ymunodd llawer o aelodau mewn amser byr o un cyfeiriad, parth e-bost, bloc o rifau ffôn neu daliad.',
        },
        'join-spike': {
          title: 'Ymunwyr hwyr: cynnydd sydyn cyn y dyddiad terfyn',
          help: 'Ymunodd llawer mwy o aelodau nag arfer yn y dyddiau cyn y dyddiad terfyn.',
        },
        'disposable-email': {
          title: 'Cyfeiriadau e-bost tafladwy',
          help: 'Cyfeiriadau gan wasanaethau sy’n rhoi blychau post tafladwy.',
        },
        'missing-email': {
          title: 'Dim cyfeiriad e-bost',
          help: 'Ni all yr aelodau hyn dderbyn gwahoddiad na mewngofnodi drwy e-bost, felly ni allant fod ar y rhestr fewngofnodi.',
        },
        'invalid-email': {
          title: 'Cyfeiriadau e-bost sy’n edrych yn anghywir',
          help: 'Ni all rhywbeth nad yw’n gyfeiriad fod ar y rhestr fewngofnodi; cedwir cyfeiriad un llythyren i ffwrdd o ddarparwr mawr (gmial.com) oni bai eich bod yn ei eithrio.',
        },
        'invalid-phone': {
          title: 'Rhifau ffôn nad ydynt yn rhifau',
          help: 'Rhifau ffôn na all yr archwiliad eu darllen. Ni ddefnyddir ffonau i fewngofnodi.',
        },
      },
      showMore: (n: number, title: string) => `Dangos ${n} arall: ${title.toLowerCase()}`,
      statusOpen: 'Heb benderfynu',
      statusExcluded: 'Wedi’u heithrio',
      statusKept: 'Wedi’u cadw',
      chooseFirst: 'Dewiswch gadw neu eithrio yn gyntaf.',
      findingTitle: (number: number, members: number) => `Canfyddiad ${number}: ${members} aelod`,
      signals: {
        'same-email': 'Yr un cyfeiriad e-bost',
        'same-phone': 'Yr un rhif ffôn',
        'similar-name': 'Enw tebyg, yr un cod post',
        'same-birth-date-and-postcode': 'Yr un dyddiad geni a chod post',
        address: 'Yr un cyfeiriad',
        'email-domain': 'Yr un parth e-bost',
        'phone-prefix': 'Rhifau ffôn cyfagos',
        'payment-reference': 'Yr un taliad',
        'daily-joins': 'Ymuno bob dydd',
        'disposable-domain': 'Gwasanaeth e-bost tafladwy',
        blank: 'Dim cyfeiriad',
        syntax: 'Nid yw’n gyfeiriad',
        'domain-typo': 'Camgymeriad teipio tebygol',
        'not-a-number': 'Nid yw’n rhif ffôn',
      },
      sampleLabel: (n: number, kind: string) =>
        `Rhesi canfyddiad ${n}, ${kind.toLowerCase()} (yn sgrolio i’r ochr)`,
      sampleCaption: 'Ei resi yn y ffeil',
      columns: {
        line: 'Llinell',
        memberId: 'Rhif aelod',
        name: 'Enw',
        email: 'E-bost',
        phone: 'Ffôn',
        postcode: 'Cod post',
        joined: 'Ymunodd',
      },
      moreMembers: (n: number) => `… ac ${n} aelod arall (pob un yn yr adroddiad llawn).`,
      note: (text: string) => `Nodyn: ${text}`,
      decision: 'Penderfyniad',
      keep: 'Eu cadw ar y gofrestr (nid yw’n broblem)',
      excludeCopies: (line: number) => `Eithrio’r copïau (cadw’r rhes gyntaf, llinell ${line})`,
      exclude: (n: number) => (n === 1 ? 'Eithrio’r aelod hwn' : `Eithrio’r ${n} aelod hyn`),
      noteLabel: 'Pam (beth a wiriwyd, gyda phwy)',
      save: 'Cadw’r penderfyniad',
      saved: 'Cadwyd y penderfyniad.',
    },
    use: {
      title: '5. Defnyddio’r gofrestr hon',
      intro: (n: string) => `Mae defnyddio’r gofrestr yn gwneud ${n} aelod yn rhestr fewngofnodi’r etholiad:`,
      done: (n: string, when: string) => `Mae ${n} aelod ar y rhestr fewngofnodi (ers ${when}).`,
      eligible: (n: string) => `${n} yn gymwys dan y rheolau;`,
      excluded: (n: string) => `${n} ohonynt wedi’u heithrio gan eich penderfyniadau;`,
      noEmail: (n: string) =>
        `${n} heb gyfeiriad e-bost y gellir anfon ato (ar goll neu wedi’i ffurfio’n anghywir), na allant fewngofnodi (cywirwch eu cyfeiriad yn y system aelodaeth a mewnforio eto; gwahoddir cyfeiriad amheus oni bai eich bod yn ei eithrio);`,
      open: (n: string) => `${n} canfyddiad heb benderfyniad: mae’r aelodau a enwir ynddynt yn aros.`,
      votersThere: (n: string) =>
        `Mae gan yr etholiad ${n} pleidleisiwr eisoes. Dim ond os ydynt i gyd arni y gellir defnyddio’r gofrestr (defnydd cynharach a dorrwyd ar ei draws).`,
      using: 'Yn gwneud y rhestr fewngofnodi…',
      button: (n: string) => `Defnyddio’r gofrestr hon (${n} aelod)`,
    },
    handOff: {
      title: '6. Trosglwyddo i’r awdurdod cymwysterau',
      why: 'Mae pob aelod yn pleidleisio gyda chymhwyster pleidleisio cyfrinachol. Mae’r awdurdod cymwysterau — craffwr annibynnol, neu eich swyddfa ar gyfrifiadur all-lein — yn gwneud un cymhwyster i bob aelod o’r rhestr pleidleiswyr ac yn ei ddanfon atynt.',
      never:
        'Cam ar wahân yw hwn yn fwriadol: nid yw’r gweinydd hwn byth yn gweld cymhwyster, dim ond ei hanner cyhoeddus. Felly ni all neb sy’n rhedeg y gweinydd, na neb sy’n torri i mewn iddo, bleidleisio yn enw aelod.',
      download: 'Llwythwch y rhestr pleidleiswyr i lawr a’i rhoi i’r awdurdod cymwysterau.',
      downloadHint:
        'CSV gyda member_id, email a name: yn union yr hyn y mae offeryn yr awdurdod cymwysterau yn ei ddarllen.',
      downloadButton: (n: string) => `Llwytho’r rhestr pleidleiswyr i lawr (${n} aelod)`,
      run: 'Mae’r awdurdod cymwysterau yn rhedeg, ar ei gyfrifiadur ei hun:',
      runHint:
        'Mae’n ysgrifennu’r cymwysterau cyhoeddus i’w llwytho i fyny yma, ffeil breifat o gymwysterau a llythyrau i’w danfon, a gall anfon ei gymhwyster at bob aelod drwy e-bost.',
      commitment:
        'Mae’r un gorchymyn hefyd yn ymrwymo i’r etholaeth: mae’n cyhoeddi nifer yr aelodau ac olion bysedd y rhestr (gwreiddyn Merkle dros bob rhif aelod gyda halen cyfrinachol). Mae pob aelod yn derbyn ei halen gyda’i gymhwyster a gall wirio ei fod ar y gofrestr, heb i’r rhestr gael ei chyhoeddi. Mae’r halwynau’n aros gyda’r awdurdod cymwysterau; nid yw’r gweinydd hwn byth yn eu gweld.',
      upload: 'Llwythwch public-credentials.json yr awdurdod cymwysterau i fyny i gyhoeddi’r etholaeth.',
      none: 'Dewiswch y ffeil public-credentials.json yn gyntaf.',
      notJson: 'Nid JSON yw’r ffeil hon: dewiswch public-credentials.json.',
      notCredentials: 'Nid oes rhestr gymwysterau yn y ffeil hon: dewiswch public-credentials.json.',
      wrongCount: (found: string, expected: string) =>
        `Mae’r ffeil hon yn rhestru ${found} cymhwyster, ond mae ${expected} aelod ar y rhestr fewngofnodi: fe’i gwnaed o restr pleidleiswyr arall. Ni chyhoeddwyd dim.`,
      published: (credentials: string, members: string | null) =>
        members === null
          ? `Mae’r etholaeth wedi’i chyhoeddi: ${credentials} cymhwyster.`
          : `Mae’r etholaeth wedi’i chyhoeddi: ${credentials} cymhwyster, a’r ymrwymiad i ${members} aelod.`,
      alreadyPublished: 'Mae’r etholaeth wedi’i chyhoeddi.',
      next: 'Nesaf: anfon eu gwahoddiadau at yr aelodau',
      setUpFirst:
        'Rhaid gosod yr etholiad (dechrau ei seremoni allweddi) cyn y gellir cyhoeddi’r etholaeth: gwnewch hynny ar dudalen yr etholiad.',
      fileLabel: 'public-credentials.json',
      publish: 'Cyhoeddi’r etholaeth',
    },
  },
  invitations: {
    title: 'Gwahoddiadau',
    intro:
      'Mae pob aelod ar y rhestr fewngofnodi yn cael e-bost gyda’i ddolen fewngofnodi a’i god ei hun, sy’n gweithio nes i’r bleidlais gau.',
    back: 'Yn ôl i’r etholiad',
    errors: invitationErrorsCy,
    counts: {
      total: 'Ar y rhestr fewngofnodi',
      invited: 'Gwahoddiad wedi’i anfon',
      failed: 'E-bost diwethaf wedi methu',
      voted: 'Wedi pleidleisio',
    },
    noMailer: 'Nid oes gweinydd post gan y gweinydd hwn i anfon drwyddo: ni all negeseuon e-bost fynd allan.',
    noVoters: 'Nid oes aelodau ar restr fewngofnodi’r etholiad eto.',
    toRoll: 'Mewnforio’r gofrestr aelodaeth',
    draft:
      'Mae gwahoddiadau’n mynd allan unwaith y bydd yr etholiad wedi’i osod: mae ei amser cau wedyn yn sefydlog, ac mae’r dolenni’n gweithio tan hynny.',
    over: 'Mae’r bleidlais ar ben: nid oes rhagor o negeseuon e-bost yn mynd allan.',
    compose: {
      title: 'Yr e-bost',
      kind: 'Pa e-bost',
      invitation: 'Gwahoddiad',
      reminder: 'Nodyn atgoffa i aelodau nad ydynt wedi pleidleisio',
      invitationHint: 'Yn mynd at bob aelod nad yw wedi cael gwahoddiad eto, felly nid oes neb yn cael dau.',
      reminderHint:
        'Yn mynd dim ond at aelodau nad ydynt wedi pleidleisio. Mae’n dweud nad ydynt wedi pleidleisio eto, a dim byd arall amdanynt, gyda dolen newydd.',
      languages: 'Iaith',
      languageChoice: {
        en: 'Saesneg',
        cy: 'Cymraeg',
        'cy-en': 'Cymraeg a Saesneg, mewn un e-bost (Cymraeg yn gyntaf)',
      },
      introLabel: { en: 'Eich paragraff yn Saesneg', cy: 'Eich paragraff yn Gymraeg' },
      introHint: (max: number) =>
        `Testun plaen, dim mwy na ${max} nod; mae llinell wag yn dechrau paragraff newydd. Ychwanegir y ddolen, y cod a’r amseroedd pleidleisio i chi.`,
      preview: 'Dangos yr e-bost',
      previewTitle: 'Yr e-bost fel y mae aelod yn ei gael',
      subject: 'Pwnc:',
      previewHint: 'Mae pob aelod yn cael ei ddolen a’i god ei hun yn lle’r enghreifftiau hyn.',
      downloadHtml: 'Llwytho’r fersiwn HTML i lawr',
      sendInvitations: (n: string) => `Anfon gwahoddiadau (${n} aelod)`,
      sendReminders: (n: string) => `Anfon nodiadau atgoffa (${n} aelod)`,
      allInvited:
        'Mae gwahoddiad wedi’i anfon at bob aelod. Anfonwch eto at un aelod isod, neu rhowch gynnig arall ar y methiannau.',
      sendHint:
        'Mae negeseuon e-bost yn mynd allan mewn sypiau yn y cefndir; mae’r dudalen hon yn dangos pa mor bell yr aeth.',
      remindWhenOpen: 'Gall nodiadau atgoffa fynd allan unwaith y bydd y bleidlais ar agor.',
      remindHint:
        'Mae nodiadau atgoffa’n mynd allan mewn sypiau yn y cefndir; mae’r dudalen hon yn dangos pa mor bell yr aeth.',
    },
    progress: (percent: number) => `Yn anfon: ${percent} %`,
    result: {
      invite: (sent: string, failed: string) => `Gwahoddiadau wedi’u hanfon: ${sent}. Wedi methu: ${failed}.`,
      remind: (sent: string, failed: string) =>
        `Nodiadau atgoffa wedi’u hanfon: ${sent}. Wedi methu: ${failed}.`,
      retry: (sent: string, failed: string) => `Wedi’u hanfon eto: ${sent}. Yn dal i fethu: ${failed}.`,
    },
    jobFailed: (error: string) => `Daeth yr anfon i ben: ${error}`,
    stalled:
      'Daeth yr anfon i ben (ailgychwynnwyd y gweinydd). Anfonwch eto: mae’n parhau o’r man lle stopiodd.',
    failures: {
      title: (n: string) => `Negeseuon e-bost a fethodd (${n})`,
      intro: 'Ni dderbyniodd y gweinydd post y rhain. Gwiriwch y cyfeiriadau yn y system aelodaeth.',
      tableLabel: 'Negeseuon e-bost a fethodd (yn sgrolio i’r ochr)',
      caption: 'Aelodau y methodd eu e-bost diwethaf, a’r hyn a ddywedodd y gweinydd post',
      memberId: 'Rhif aelod',
      name: 'Enw',
      email: 'E-bost',
      kind: 'Pa e-bost',
      error: 'Yr hyn a ddywedodd y gweinydd post',
      kinds: { invitation: 'Gwahoddiad', reminder: 'Nodyn atgoffa' },
      more: 'Dangos rhagor',
      download: 'Llwytho’r rhestr i lawr (CSV)',
      retry: (n: string) => `Anfon y rhain eto (${n})`,
      retryHint:
        'Mae pob un yn cael yr e-bost a fethodd, gyda dolen newydd; defnyddir iaith a pharagraff yr anfon diwethaf.',
    },
    resend: {
      title: 'Anfon gwahoddiad newydd at un aelod',
      intro:
        'Ar gyfer aelod a gollodd ei e-bost neu a newidiodd ei gyfeiriad. Mae ei ddolen wahoddiad gynharach yn peidio â gweithio.',
      label: 'Rhif aelod neu gyfeiriad e-bost',
      button: 'Anfon gwahoddiad newydd',
      empty: 'Rhowch y rhif aelod neu’r cyfeiriad e-bost.',
      sent: (id: string, email: string) => `Aeth gwahoddiad newydd at aelod ${id} yn ${email}.`,
      failed: (id: string, email: string, error: string) =>
        `Ni dderbyniodd y gweinydd post y gwahoddiad at aelod ${id} yn ${email}: ${error}`,
    },
  },
};
