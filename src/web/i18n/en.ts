/**
 * English texts of the voter pages. Every sentence a voter reads is here (and in cy.ts, with the same
 * shape); components never hold user-facing text. Plain words: a voter needs no cryptography to vote.
 *
 * @example
 * ```ts
 * const t = messages('en');
 * t.ballot.chooseBetween(1, 3); // 'Choose between 1 and 3.'
 * ```
 */

import * as members from '../console/members/messages.ts';
import * as consolePages from '../console/messages.ts';
import * as explorer from '../explorer/messages.ts';
import * as publicPages from '../public/messages.ts';
import * as trustee from '../trustee/messages.ts';
import * as verifier from '../verifier/messages.ts';

export const en = {
  lang: 'en' as 'en' | 'cy',
  languageName: 'English',
  app: {
    name: 'Psephos',
    tagline: 'Verifiable voting',
    skip: 'Skip to main content',
    languages: 'Language',
    footer: 'Psephos: every ballot can be checked by the person who cast it.',
    stepOf: (step: number, steps: number) => `Step ${step} of ${steps}`,
    loading: 'Loading…',
    working: 'Please wait…',
    problemTitle: 'Something went wrong',
    loadFailed: 'This page could not be loaded. Check your internet connection, then reload the page.',
  },
  home: {
    title: 'Psephos',
    intro:
      'To vote, open the link in the email your organisation sent you. It brings you straight to your ballot.',
    elections: 'Elections',
    none: 'There are no elections to show yet.',
    vote: (title: string) => `Vote: ${title}`,
    check: (title: string) => `Check a receipt: ${title}`,
    page: (title: string) => `Election details: ${title}`,
    results: (title: string) => `Results: ${title}`,
    status: {
      open: 'Voting is open',
      closed: 'Voting has closed',
      other: 'Voting is not open',
    },
  },
  notFound: {
    title: 'Page not found',
    text: 'There is no page at this address. Check the link, or go to the start page.',
    home: 'Go to the start page',
  },
  election: {
    notOpenTitle: 'Voting is not open',
    notYetOpen: 'Voting in this election has not started yet. Please come back when it opens.',
    closed: 'Voting in this election has closed. No more ballots can be cast.',
    checkReceipt: 'Check a receipt for this election',
    fingerprintMismatch:
      'The election details from the server do not match their own fingerprint. Do not vote on this page; tell the organisers.',
  },
  login: {
    title: 'Log in to vote',
    fromLink: 'Logging you in with the link from your email…',
    codeHeading: 'Enter the code from your email',
    codeLabel: 'Login code',
    codeHint: '12 letters and numbers, for example ABCD-EFGH-JKMN.',
    codeButton: 'Log in',
    codeEmpty: 'Enter the login code from your email.',
    emailHeading: 'No email, or has your link expired?',
    emailLabel: 'Your email address',
    emailHint: 'The address your organisation has for you.',
    emailButton: 'Send me a login email',
    emailEmpty: 'Enter your email address.',
    emailSent:
      'If this address is on the list of voters, an email is on its way. Open the link in it, or type its code above.',
  },
  credential: {
    title: 'Enter your voting credential',
    intro:
      'Your voting credential was sent to you separately from your login email. It starts with “vote1”. You can paste it.',
    label: 'Voting credential',
    hint: 'For example: vote1 abcd efgh … (spaces and capital letters do not matter).',
    private: 'Your credential stays on this device. It is never sent to the server.',
    button: 'Continue',
    empty: 'Enter your voting credential.',
    badChecksum:
      'There is a typing mistake in this credential. Check each character against the credential you were sent.',
    badPrefix: 'This is not a voting credential: a voting credential starts with “vote1”.',
    badLength: 'This credential is too short or too long. Check that you copied all of it.',
    scanTitle: 'Or scan the QR code on your letter',
    scanPhoto: 'Photo of the QR code',
    scanned: 'Your credential was read from the QR code. Check it against your letter, then continue.',
    scanNotCredential:
      'This QR code does not hold a voting credential. Scan the QR code next to the credential on your letter.',
  },
  ballot: {
    title: 'Your ballot',
    statement: 'Statement',
    chooseOne: 'Choose one.',
    chooseOneOrBlank: 'Choose one, or leave this question blank.',
    chooseExactly: (n: number) => (n === 1 ? 'Choose 1.' : `Choose ${n}.`),
    chooseUpTo: (max: number) => `Choose up to ${max}. Choosing none leaves this question blank.`,
    chooseBetween: (min: number, max: number) => `Choose between ${min} and ${max}.`,
    blank: 'Leave this question blank',
    errorsTitle: 'Please check your ballot',
    needOne: 'Choose a candidate.',
    needOneOrBlank: 'Choose a candidate, or “Leave this question blank”.',
    tooFew: (min: number) =>
      min === 1 ? 'Choose at least 1 candidate.' : `Choose at least ${min} candidates.`,
    tooMany: (max: number) =>
      max === 1 ? 'Choose at most 1 candidate.' : `Choose at most ${max} candidates.`,
    next: 'Continue to check your choices',
  },
  review: {
    title: 'Check your choices',
    blank: 'Blank: no candidate chosen',
    encryptNote:
      'Next, your ballot is encrypted on this device. Nobody, not even the server, can see your choices.',
    change: 'Change my choices',
    encrypt: 'Encrypt my ballot',
  },
  encrypting: {
    title: 'Encrypting your ballot…',
    text: 'This takes a moment. Please keep this page open.',
  },
  tracker: {
    title: 'Your ballot is encrypted',
    label: 'Your ballot’s tracker',
    keep: 'Note the tracker: it lets you find your ballot on the public board.',
    choice:
      'You can now cast this ballot. Or, if you want to make sure this device encrypted your choices correctly, check the encryption first: a checked ballot is never cast, and you then make a new one.',
    cast: 'Cast my ballot',
    audit: 'Check the encryption first',
  },
  audit: {
    title: 'Check the encryption',
    spoiled: 'This ballot has been set aside: it will never be cast.',
    text: 'Below is everything needed to check that it held your choices. Check it on another device: scan the QR code, or copy or download the check data and give it to this election’s receipt check page there.',
    qrTitle: 'Check it with another phone',
    qrText:
      'Scan the QR code with the camera of another phone or tablet: it opens this election’s check page there, which checks the encryption.',
    qrTextParts: (parts: number) =>
      `The check data takes ${parts} QR codes. Scan the first with the camera of another phone or tablet: it opens this election’s check page there. Then scan the others with that page’s scanner.`,
    qrAlt: (part: number, parts: number) =>
      parts === 1 ? 'QR code of the check data' : `QR code ${part} of ${parts} of the check data`,
    qrCaption: (part: number, parts: number) => `Code ${part} of ${parts}`,
    qrTooLarge:
      'This ballot is too large for QR codes: download the check data and open it on another device, on this election’s receipt check page.',
    trackerLabel: 'Tracker of the checked ballot',
    dataLabel: 'Check data',
    copy: 'Copy',
    copied: 'Copied.',
    copyFailed: 'Copying did not work here: select the text and copy it yourself.',
    download: 'Download',
    again: 'Start again',
    againNote: 'When you start again, your ballot is encrypted afresh, with a new tracker.',
  },
  casting: {
    title: 'Casting your ballot…',
    text: 'Please keep this page open.',
    failedTitle: 'Your ballot is not confirmed',
    retry: 'Try again',
    retrySafe: 'Trying again is safe: the same ballot is sent again, and it can only ever be counted once.',
    loginAgain: 'Log in again',
    credentialAgain: 'Enter my credential again',
    startAgain: 'Start again',
  },
  receipt: {
    title: 'Your vote has been cast',
    trackerLabel: 'Your ballot’s tracker',
    checksTitle: 'Checked on this device',
    signed: 'The election’s board signed this receipt.',
    included: (position: number, size: number) =>
      `Your ballot is in the board’s record, at position ${position} of ${size}.`,
    download: 'Download my receipt',
    keep: 'Keep the receipt file. With it you can check, at any time, that your ballot is still on the board.',
    nextTitle: 'What next',
    invalid:
      'The receipt the server gave for your ballot does not check out, so this page cannot confirm that your ballot was recorded. Please report this to the election’s organisers.',
    checkLink: 'Check a receipt',
    lastCounts: 'You may vote again until voting closes. Only your last ballot counts.',
    single: 'This election accepts one ballot per member, so your vote is final.',
    voteAgain: 'Vote again',
    logout: 'Log out',
    loggedOut: 'You are logged out. You can close this page.',
    replay: 'This ballot had already reached the server; it is counted once.',
    qrTitle: 'Check it from another device',
    qrText:
      'Scan this QR code with the camera of another phone, or keep the link: both open this election’s receipt check with your receipt.',
    qrAlt: (part: number, parts: number) =>
      parts === 1
        ? 'QR code of your receipt: a link to check it'
        : `QR code ${part} of ${parts} of your receipt`,
    qrLink: 'Link to check this receipt',
  },
  check: {
    title: 'Check a receipt',
    intro:
      'Choose the receipt file you downloaded after voting, paste its text, or scan its QR code. The check data of a ballot you set aside to check its encryption is checked here too. The checks run on this device.',
    fileLabel: 'Receipt file',
    pasteLabel: 'Or paste the receipt',
    button: 'Check receipt',
    empty: 'Choose a receipt file or paste a receipt.',
    checking: 'Checking…',
    okTitle: 'Your receipt checks out',
    badTitle: 'This receipt does not check out',
    okSigned: 'The election’s board signed this receipt.',
    okIncluded: (position: number, size: number) =>
      `The receipt places your ballot at position ${position} of the board’s record of ${size}.`,
    okLater: (size: number, time: string) =>
      `The board’s latest signed record (${size} entries, ${time}) still includes your ballot, and nothing recorded before your receipt has changed.`,
    okBallot: 'The ballot at that position has your tracker.',
    tracker: 'Tracker',
    unreadable:
      'This is not a Psephos receipt: its text could not be read. Check that you chose the right file.',
    fileTooLarge: 'This file is too large to be a receipt or check data.',
    malformed: 'This is not a Psephos receipt, or part of it is missing.',
    wrongElection: (election: string) =>
      `This receipt is for another election (“${election}”). Check it on that election’s receipt page.`,
    badSignature:
      'The board’s signature on this receipt is not valid: the receipt has been changed, or it did not come from this election’s board.',
    notIncluded:
      'The receipt’s proof does not place your ballot in the board’s signed record: the receipt has been changed.',
    inconsistent:
      'The board’s current record does not contain the record your receipt was issued under: your ballot may have been removed or changed. Please report this to the election’s organisers and keep the receipt file.',
    missing:
      'The board no longer shows your ballot at the position in the receipt. Please report this to the election’s organisers and keep the receipt file.',
    scanTitle: 'Scan a QR code',
    scanPhoto: 'Photo of the QR code',
    notPsephos: 'This QR code is not a Psephos receipt or check data code.',
    partsRead: (read: number, parts: number) =>
      `${read} of the ${parts} QR codes of this check data read. Scan the others.`,
    partsMismatch: 'These QR codes do not belong together. Start again with the codes of one ballot.',
    auditOkTitle: 'The encryption checks out',
    auditTracker: 'Tracker of the checked ballot',
    auditCompare:
      'Check that this is the tracker the voting page showed before you chose to check the encryption. If it is, that device encrypted these choices correctly.',
    auditChoices: 'The ballot held these choices',
    auditSpoiled: 'This ballot was set aside: it is not cast and is never counted.',
    auditBadTitle: 'This check data does not check out',
    auditBad:
      'The ballot does not hold the choices this check data states, or its proofs do not match them. Do not vote on the device that made it, and tell the election’s organisers.',
    auditMalformed: 'This is not Psephos check data, or part of it is missing.',
    auditWrongElection:
      'This check data is for another election. Check it on that election’s receipt check page.',
    auditNotReady: 'This election has no election key yet, so no check data can be checked.',
    scan: {
      camera: 'Scan with the camera',
      stop: 'Stop the camera',
      preview: 'Camera view',
      cameraHint: 'Hold the QR code inside the camera view.',
      cameraRefused:
        'The camera could not be used. Allow this page to use the camera, or choose a photo of the QR code instead.',
      photoHint: 'A photo or a screenshot. It is read on this device.',
      reading: 'Reading the QR code…',
      notImage: 'This file is not a picture. Choose a photo or a screenshot of the QR code.',
      noCode:
        'No QR code could be read in this picture. Take the photo closer, with the whole code inside it and in focus, then try again.',
    },
  },
  errors: {
    offline: 'The connection to the server was lost. Check your internet connection, then try again.',
    'bad-login-token':
      'This link or code is wrong, already used or out of date. Ask for a new login email below.',
    'too-many-attempts': 'Too many wrong links or codes from here. Please wait a while, then try again.',
    'too-many-logins':
      'Several login emails have already been sent to this address. Please use the latest one, or try again later.',
    'login-required': 'Your login has ended. Please log in again.',
    forbidden: 'You are not logged in to this election. Please log in again.',
    'unknown-election': 'There is no election at this address. Check the link in your email.',
    'election-not-open': 'Voting in this election is not open, so your ballot was not cast.',
    'already-voted':
      'You have already voted in this election, and it accepts only one ballot per member. Your first ballot stands and will be counted.',
    'credential-taken':
      'This credential is already used by another login, or you have already voted with another credential. Your ballot was not cast.',
    'unlisted-credential':
      'This credential is not one of this election’s credentials. Check that you used the credential for this election. Your ballot was not cast.',
    'wrong-election': 'This ballot was made for another election. Please start again.',
    'bad-ballot':
      'The server could not accept this ballot because it failed a check. Nothing was recorded. Please start again; if this happens again, use another device.',
    'rate-limited': 'Too many requests from here. Please wait a minute, then try again.',
    unavailable: 'The server is busy or under maintenance. Please try again in a moment.',
    internal: 'Something went wrong on the server. Please try again in a moment.',
    'bad-reply': 'The server sent a reply this page cannot read. Please try again in a moment.',
    worker:
      'This browser could not encrypt the ballot. Please try again; if this happens again, use another browser or device.',
    other: (code: string) => `The server refused the request (${code}). Please try again.`,
  },
  ...publicPages.en,
  ...explorer.en,
  ...verifier.en,
  ...trustee.en,
  ...consolePages.en,
  ...members.en,
};

/** The shape of every language's texts. */
export type Messages = typeof en;
