/**
 * QR codes in the voter pages, against a real server in Chromium: the compact forms the codes carry
 * (receipt and ballot audit, each back to exactly what it came from, and nothing else accepted); the
 * credential read from a picture of its QR code — one made with the qrcode package and the one the
 * credential letters print — and the plain messages for a picture without a code, a file that is no
 * picture and a code that holds no credential; the camera path (Chromium's fake camera, with a
 * stand-in for the BarcodeDetector that Chromium on Linux lacks); the audit's QR code, decoded here
 * with jsQR, opened as a link on a second device, where the audit is checked and its choices shown,
 * while tampered audit data (a code that states another choice, edited JSON, codes that do not belong
 * together) is refused; an audit that needs two codes, read as a link then a photo, in Welsh at 320 px;
 * and the receipt's QR code, decoded, photographed and opened, accepted by the receipt check.
 * axe-core on every page state; screenshots in test-artifacts/web/qr-*.png.
 *
 * Needs the built pages (`npm run build:web`, or PSEPHOS_WEB_DIST) and /usr/bin/chromium.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import jsQRModule from 'jsqr';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';
import QRCode from 'qrcode';
import { verifyReceipt } from '../../src/board/receipt.ts';
import { credentialQr } from '../../src/cli/credentials.ts';
import type { OpenElection } from '../../src/cli/http-election.ts';
import { api } from '../../src/cli/http-election.ts';
import { formatCredential } from '../../src/crypto/credential.ts';
import { checkAudit, makeAudit } from '../../src/protocol/audit.ts';
import { createBallot } from '../../src/protocol/ballot.ts';
import { canonicalJson } from '../../src/protocol/canonical.ts';
import { ProtocolError } from '../../src/protocol/errors.ts';
import { cy } from '../../src/web/i18n/cy.ts';
import { en } from '../../src/web/i18n/en.ts';
import { auditFromBytes, auditToBytes } from '../../src/web/qr/audit-code.ts';
import { fromBase32, toBase32 } from '../../src/web/qr/base32.ts';
import { addPart, joinParts, MAX_PART_BYTES, parseQrLink, qrLinks } from '../../src/web/qr/links.ts';
import { receiptFromBytes, receiptToBytes } from '../../src/web/qr/receipt-code.ts';
import { WireError } from '../../src/web/qr/wire.ts';
import { castBallot } from '../support/voting.ts';
import {
  assertAccessible,
  CHAIR_QUESTION,
  COUNCIL_QUESTION,
  draftElection,
  group,
  launchChromium,
  loginByEmail,
  openCustomElection,
  openLeaderElection,
  openPage,
  phone,
  requireBuild,
  screenshot,
  startWebServer,
  type WebServer,
  webVoters,
} from './fixtures.ts';

requireBuild();

type JsQr = (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null;
const jsQRExport = jsQRModule as unknown as JsQr | { default: JsQr };
const jsQR: JsQr = typeof jsQRExport === 'function' ? jsQRExport : jsQRExport.default;

const LEADER = 'qr-leader-2026';
const COUNCIL = 'qr-council-2026';
const LEADER_VOTERS = webVoters('qrleader', 3);
const COUNCIL_VOTERS = webVoters('qrcouncil', 1);
const PHONE = phone();

let server: WebServer;
let browser: Browser;
let leader: OpenElection;
let council: OpenElection;

before(async () => {
  server = await startWebServer();
  leader = await openLeaderElection(server, LEADER, LEADER_VOTERS);
  council = await openCustomElection(
    server,
    draftElection({ id: COUNCIL, questions: [CHAIR_QUESTION, COUNCIL_QUESTION], revoting: 'last-counts' }),
    COUNCIL_VOTERS,
  );
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** A new phone (or `options`) context and page in `on`; its page errors and console errors must be none. */
const newPage = (options: Parameters<Browser['newContext']>[0] = PHONE, on: Browser = browser) =>
  openPage(on, options);

const heading = (page: Page, name: string) => page.getByRole('heading', { level: 1, name });

/**
 * Reads the QR code shown by an <img> here, in Node, with jsQR: the page draws the image's SVG at 6
 * pixels a module (the count from its viewBox) and hands over the pixels.
 */
async function qrTextOf(image: Locator): Promise<string> {
  const src = (await image.getAttribute('src')) ?? '';
  const modules = Number(/viewBox="0 0 (\d+) /.exec(decodeURIComponent(src))?.[1]);
  assert.ok(modules > 20, 'the image is an SVG QR code');
  const size = modules * 6;
  const red = await image.evaluate(async (element, side) => {
    const img = element as HTMLImageElement;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = side;
    canvas.height = side;
    const context = canvas.getContext('2d')!;
    context.fillStyle = '#fff';
    context.fillRect(0, 0, side, side);
    context.imageSmoothingEnabled = false;
    context.drawImage(img, 0, 0, side, side);
    const rgba = context.getImageData(0, 0, side, side).data;
    let bytes = '';
    for (let i = 0; i < rgba.length; i += 4) bytes += String.fromCharCode(rgba[i]!);
    return btoa(bytes);
  }, size);
  const grey = Buffer.from(red, 'base64');
  const rgba = new Uint8ClampedArray(size * size * 4);
  for (const [i, v] of grey.entries()) rgba.set([v, v, v, 255], i * 4);
  const found = jsQR(rgba, size, size);
  assert.ok(found, 'the QR code shown decodes');
  return found.data;
}

/** A PNG of a QR code made by the qrcode package in Node, as a file for an <input type=file>. */
async function qrPng(name: string, content: string | QRCode.QRCodeSegment[]) {
  const buffer = await QRCode.toBuffer(content, { type: 'png', errorCorrectionLevel: 'M', scale: 6 });
  return { name, mimeType: 'image/png', buffer };
}

/** A link's QR code as the booth draws it (byte-mode link, alphanumeric data). */
function segments(link: { prefix: string; payload: string }): QRCode.QRCodeSegment[] {
  return [
    { data: new TextEncoder().encode(link.prefix), mode: 'byte' },
    { data: link.payload, mode: 'alphanumeric' },
  ];
}

async function loginToCredential(page: Page, email: string, election: string): Promise<void> {
  await api(server.baseUrl, 'POST', `/api/elections/${election}/login`, undefined, { email });
  const { link } = await server.nextLogin(email);
  await page.goto(link);
  await heading(page, en.credential.title).waitFor();
}

describe('the compact forms in the QR codes', () => {
  test('a receipt from the server, back from its compact form exactly; damaged bytes are refused', async () => {
    const voter = LEADER_VOTERS[2]!;
    const token = await loginByEmail(server, LEADER, voter.email);
    const { receipt } = await castBallot(
      server.baseUrl,
      group,
      LEADER,
      token,
      leader.ballotElection,
      leader.credentials[2]!,
      [[0]],
    );
    const checked = verifyReceipt(leader.definition.boardKey, receipt, LEADER);
    const bytes = receiptToBytes(checked);
    assert.ok(bytes);
    assert.ok(bytes.length < canonicalJson(receipt).length * 0.7, 'smaller than the JSON');
    const back = receiptFromBytes(bytes, LEADER);
    assert.equal(canonicalJson(back), canonicalJson(receipt));
    verifyReceipt(leader.definition.boardKey, back, LEADER);

    // A changed signature byte still decodes, and the board's signature check refuses it.
    const forged = bytes.slice();
    forged[forged.length - 1 - 32 * checked.inclusion.length - 1 - 10]! ^= 1;
    assert.throws(() => verifyReceipt(leader.definition.boardKey, receiptFromBytes(forged, LEADER), LEADER));
    assert.throws(() => receiptFromBytes(bytes.subarray(0, bytes.length - 1), LEADER), WireError);
    assert.throws(() => receiptFromBytes(Uint8Array.of(...bytes, 0), LEADER), WireError);
    assert.throws(() => receiptFromBytes(Uint8Array.of(2, ...bytes.subarray(1)), LEADER), WireError);
  });

  test('an audit, back from its compact form with its ciphertexts recomputed; a changed choice fails', () => {
    const election = council.ballotElection;
    const { ballot, secrets, choices } = createBallot(group, election, council.credentials[0]!, [
      [1],
      [0, 2],
    ]);
    const audit = makeAudit(ballot, choices, secrets);
    const bytes = auditToBytes(audit, election.definition);
    assert.ok(bytes);
    assert.ok(bytes.length < JSON.stringify(audit).length / 2, 'less than half the JSON');
    assert.equal(canonicalJson(auditFromBytes(group, election, bytes)), canonicalJson(audit));
    assert.deepEqual(checkAudit(group, election, auditFromBytes(group, election, bytes)).chosen, [
      ['ben'],
      ['cat', 'efa'],
    ]);

    // Question 2's choice bits sit after the version, credential, signature, question 1 (1 byte of bits,
    // 2 × 160 bytes, 2 range branches).
    const q2 = 1 + 32 + 64 + 1 + 2 * 160 + 2 * 64;
    assert.equal(bytes[q2], 0b101);
    const otherChoice = bytes.slice();
    otherChoice[q2] = 0b011; // "cat and dai" with efa's randomness: the proofs no longer fit.
    // The signature covers the ciphertexts, so it is the first check to fail.
    assert.throws(
      () => checkAudit(group, election, auditFromBytes(group, election, otherChoice)),
      (e: unknown) => e instanceof ProtocolError && e.code === 'bad-signature',
    );
    const spareBit = bytes.slice();
    spareBit[q2] = 0b1101;
    assert.throws(() => auditFromBytes(group, election, spareBit), WireError);
    assert.throws(() => auditFromBytes(group, election, bytes.subarray(0, 200)), WireError);
    assert.throws(() => auditFromBytes(group, leader.ballotElection, bytes), WireError, 'another shape');
  });

  test('links: cut into parts, read back, joined; strangers and mixed sets are refused', () => {
    assert.equal(toBase32(Uint8Array.of(0, 1, 2, 254, 255)), 'AAAQF7X7');
    assert.deepEqual(fromBase32('AAAQF7X7'), Uint8Array.of(0, 1, 2, 254, 255));
    assert.throws(() => fromBase32('AAAQF7X8'), 'not in the alphabet');
    assert.throws(() => fromBase32('74A'), 'an impossible length');
    assert.throws(() => fromBase32('75'), 'spare bits set');

    const data = Uint8Array.from({ length: 2 * MAX_PART_BYTES + 5 }, (_, i) => (i * 7) % 256);
    const links = qrLinks('https://vote.example.org', LEADER, 'audit', data)!;
    assert.equal(links.length, 3);
    assert.match(
      links[0]!.text,
      /^https:\/\/vote\.example\.org\/vote\/qr-leader-2026\/receipt#audit=1-3-[A-Z2-7]{8}-/,
    );
    for (const link of links) assert.match(link.payload, /^[0-9A-Z-]+$/, 'alphanumeric mode only');
    const [a, b, c] = links.map((l) => parseQrLink(l.text)!);
    let collected = addPart(undefined, c!);
    collected = addPart(collected, a!);
    assert.equal(joinParts(collected), undefined, 'not yet complete');
    assert.deepEqual(joinParts(addPart(collected, b!)), data);

    const other = parseQrLink(qrLinks('https://x', LEADER, 'audit', data.subarray(1))![1]!.text)!;
    assert.equal(addPart(collected, other).data.size, 1, 'a part of another set starts again');
    const forged = { ...b!, data: b!.data.map((v, i) => (i === 0 ? v ^ 1 : v)) };
    assert.throws(() => joinParts(addPart(collected, forged)), WireError);
    assert.equal(qrLinks('https://x', LEADER, 'audit', new Uint8Array(9 * MAX_PART_BYTES)), undefined);
    for (const text of [
      'vote1abc',
      'https://x/vote/a/receipt#audit=1-1-AAAAAAAA-a',
      'https://x/vote/a#audit=1-1-AAAAAAAA-AA',
    ])
      assert.equal(parseQrLink(text), undefined, text);
  });
});

describe('QR codes in Chromium', () => {
  test('the credential from pictures of QR codes: the qrcode package’s, the letter’s; clear messages otherwise', async () => {
    const { context, page, problems } = await newPage();
    await loginToCredential(page, LEADER_VOTERS[0]!.email, LEADER);
    const field = page.getByLabel(en.credential.label);
    const photo = page.getByLabel(en.credential.scanPhoto);
    assert.equal(
      await page.getByRole('button', { name: en.check.scan.camera }).count(),
      0,
      'no detector here',
    );
    await assertAccessible(page, 'the credential page with its scanner');
    await screenshot(page, 'qr-01-credential');

    // A picture with no QR code in it.
    const noCode = await page.getByRole('heading', { level: 1 }).screenshot();
    await photo.setInputFiles({ name: 'heading.png', mimeType: 'image/png', buffer: noCode });
    await page.getByText(en.check.scan.noCode).waitFor();
    await assertAccessible(page, 'a picture without a QR code');
    await screenshot(page, 'qr-02-credential-no-code');
    // A file that is no picture.
    await photo.setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('vote1') });
    await page.getByText(en.check.scan.notImage).waitFor();
    // A QR code that holds something else.
    await photo.setInputFiles(await qrPng('other.png', 'https://example.org/'));
    await page.getByText(en.credential.scanNotCredential).waitFor();
    assert.equal(await field.getAttribute('aria-invalid'), 'true');

    // The credential's QR code made with the qrcode package in Node: it fills the field.
    const credential = leader.credentials[0]!;
    await photo.setInputFiles(await qrPng('credential.png', credential));
    await page.getByText(en.credential.scanned).waitFor();
    assert.equal(await field.inputValue(), formatCredential(credential));
    assert.equal(await field.getAttribute('aria-invalid'), null);
    await assertAccessible(page, 'a credential read from a QR code');
    await screenshot(page, 'qr-03-credential-scanned');

    // The QR code the credential letters print (src/cli/credentials.ts), photographed.
    await field.fill('');
    const letterContext = await browser.newContext();
    const letter = await letterContext.newPage();
    await letter.setContent(`<!doctype html><body>${await credentialQr(credential)}</body>`);
    await letter.locator('svg').evaluate((svg) => svg.setAttribute('width', '300'));
    const letterPhoto = await letter.locator('svg').screenshot();
    await letterContext.close();
    await photo.setInputFiles({ name: 'letter.png', mimeType: 'image/png', buffer: letterPhoto });
    await page.getByText(en.credential.scanned).waitFor();
    assert.equal(await field.inputValue(), formatCredential(credential));
    await page.getByRole('button', { name: en.credential.button }).click();
    await heading(page, en.ballot.title).waitFor();
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('the camera: Chromium’s fake camera and a stand-in BarcodeDetector fill the credential', async () => {
    const cameraBrowser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--use-fake-device-for-media-stream',
        '--use-fake-ui-for-media-stream',
      ],
    });
    try {
      const { context, page, problems } = await newPage({ ...PHONE, permissions: ['camera'] }, cameraBrowser);
      const credential = leader.credentials[1]!;
      // The stand-in answers only for a playing video, as the real detector reads frames of the camera.
      await context.addInitScript((code: string) => {
        let calls = 0;
        (window as unknown as { BarcodeDetector: unknown }).BarcodeDetector = class {
          async detect(source: unknown) {
            const video = source as HTMLVideoElement;
            if (!(video instanceof HTMLVideoElement) || video.readyState < 2 || !video.srcObject) return [];
            calls++;
            return calls >= 3 ? [{ rawValue: code }] : [];
          }
        };
      }, credential);
      await loginToCredential(page, LEADER_VOTERS[1]!.email, LEADER);
      await page.getByRole('button', { name: en.check.scan.camera }).click();
      await page.getByRole('button', { name: en.check.scan.stop }).waitFor();
      await page.getByLabel(en.check.scan.preview).waitFor();
      await assertAccessible(page, 'the camera view');
      await screenshot(page, 'qr-04-camera');
      await page.getByText(en.credential.scanned).waitFor();
      assert.equal(await page.getByLabel(en.credential.label).inputValue(), formatCredential(credential));
      assert.equal(await page.locator('video').count(), 0, 'the camera is off once the code is read');
      await page.getByRole('button', { name: en.check.scan.camera }).waitFor();
      assert.deepEqual(problems, []);
      await context.close();
    } finally {
      await cameraBrowser.close();
    }
  });

  test('audit and receipt QR codes: decoded, opened and photographed on a second device; tampering refused', async () => {
    const { context, page, problems } = await newPage();
    await loginToCredential(page, LEADER_VOTERS[0]!.email, LEADER);
    await page.getByLabel(en.credential.label).fill(leader.credentials[0]!);
    await page.getByRole('button', { name: en.credential.button }).click();
    await page.getByLabel('Candidate 2').check();
    await page.getByRole('button', { name: en.ballot.next }).click();
    await page.getByRole('button', { name: en.review.encrypt }).click();
    await heading(page, en.tracker.title).waitFor();
    const tracker = (await page.getByTestId('tracker').textContent())!;
    await page.getByRole('button', { name: en.tracker.audit }).click();
    await heading(page, en.audit.title).waitFor();
    const auditImage = page.getByRole('img', { name: en.audit.qrAlt(1, 1) });
    await auditImage.waitFor();
    await page.getByText(en.audit.qrText).waitFor();
    await assertAccessible(page, 'the audit page with its QR code');
    await screenshot(page, 'qr-05-audit');
    const auditLink = await qrTextOf(auditImage);
    assert.ok(auditLink.startsWith(`${server.baseUrl}/vote/${LEADER}/receipt#audit=1-1-`), auditLink);
    const auditJson = await page.getByLabel(en.audit.dataLabel).inputValue();

    // The second device: a phone's camera opens the link.
    const second = await newPage();
    await second.page.goto(auditLink);
    await second.page.getByTestId('audit-ok').waitFor();
    assert.equal(await second.page.getByTestId('audit-tracker').textContent(), tracker);
    await second.page.getByTestId('audit-ok').getByText('Candidate 2').waitFor();
    assert.equal(await second.page.getByTestId('audit-ok').getByText('Candidate 1').count(), 0);
    assert.equal(new URL(second.page.url()).hash, '', 'the audit data left the address at once');
    await assertAccessible(second.page, 'a checked audit');
    await screenshot(second.page, 'qr-06-audit-checked');

    // A booth that says "Candidate 1" about the same ballot: the codes are well formed, the check fails.
    const part = parseQrLink(auditLink)!;
    const lying = part.data.slice();
    const bits = 1 + 32 + 64;
    assert.equal(lying[bits], 0b010);
    lying[bits] = 0b001;
    const lyingLink = qrLinks(server.baseUrl, LEADER, 'audit', lying)![0]!;
    await second.page.goto(`${server.baseUrl}/vote/${LEADER}/receipt`);
    await heading(second.page, en.check.title).waitFor();
    await second.page
      .getByLabel(en.check.scanPhoto)
      .setInputFiles(await qrPng('audit.png', segments(lyingLink)));
    await second.page.getByTestId('check-bad').getByText(en.check.auditBad).waitFor();
    await assertAccessible(second.page, 'refused audit data');
    await screenshot(second.page, 'qr-07-audit-refused');
    // The same lie in the JSON.
    const edited = JSON.parse(auditJson) as { choices: number[][] };
    edited.choices = [[1, 0, 0]];
    await second.page.getByLabel(en.check.pasteLabel).fill(JSON.stringify(edited));
    await second.page.getByRole('button', { name: en.check.button }).click();
    await second.page.getByTestId('check-bad').getByText(en.check.auditBad).waitFor();
    // The untouched JSON passes.
    await second.page.getByLabel(en.check.pasteLabel).fill(auditJson);
    await second.page.getByRole('button', { name: en.check.button }).click();
    await second.page.getByTestId('audit-ok').waitFor();
    // A code whose data does not match its set: refused before any check.
    const broken = auditLink.replace(
      /-([A-Z2-7])([A-Z2-7]*)$/,
      (_, first: string, rest: string) => `-${first === 'A' ? 'B' : 'A'}${rest}`,
    );
    await second.page.goto(broken);
    await second.page.getByTestId('check-bad').getByText(en.check.partsMismatch).waitFor();
    // A QR code that is nothing of Psephos.
    await second.page.getByLabel(en.check.scanPhoto).setInputFiles(await qrPng('other.png', 'hello'));
    await second.page.getByTestId('check-bad').getByText(en.check.notPsephos).waitFor();

    // Back on the voting phone: a fresh encryption, cast; the receipt's QR code.
    await page.getByRole('button', { name: en.audit.again }).click();
    await page.getByRole('button', { name: en.ballot.next }).click();
    await page.getByRole('button', { name: en.review.encrypt }).click();
    await page.getByRole('button', { name: en.tracker.cast }).click();
    await heading(page, en.receipt.title).waitFor();
    const receiptImage = page.getByRole('img', { name: en.receipt.qrAlt(1, 1) });
    await receiptImage.waitFor();
    await assertAccessible(page, 'the receipt page with its QR code');
    await screenshot(page, 'qr-08-receipt');
    const receiptLink = await qrTextOf(receiptImage);
    assert.equal(receiptLink, await page.getByTestId('receipt-link').getAttribute('href'));
    assert.match(receiptLink, new RegExp(`^${server.baseUrl}/vote/${LEADER}/receipt#receipt=1-1-`));
    const receiptPhoto = await receiptImage.screenshot();

    // The receipt check, from a photo of the code, then from the link.
    await second.page.goto(`${server.baseUrl}/vote/${LEADER}/receipt`);
    await heading(second.page, en.check.title).waitFor();
    await second.page
      .getByLabel(en.check.scanPhoto)
      .setInputFiles({ name: 'receipt.png', mimeType: 'image/png', buffer: receiptPhoto });
    await second.page.getByTestId('check-ok').waitFor();
    await second.page.getByText(en.check.okBallot).waitFor();
    await assertAccessible(second.page, 'a receipt checked from a photo of its QR code');
    await screenshot(second.page, 'qr-09-receipt-checked');
    await second.page.goto('about:blank');
    await second.page.goto(receiptLink);
    await second.page.getByTestId('check-ok').waitFor();
    const shownTracker = await page.getByTestId('receipt-tracker').textContent();
    await second.page.getByTestId('check-ok').getByText(shownTracker!).waitFor();
    // The same code scanned on another election's check page.
    await second.page.goto(`${server.baseUrl}/vote/${COUNCIL}/receipt`);
    await heading(second.page, en.check.title).waitFor();
    await second.page
      .getByLabel(en.check.scanPhoto)
      .setInputFiles({ name: 'receipt.png', mimeType: 'image/png', buffer: receiptPhoto });
    await second.page.getByTestId('check-bad').getByText(en.check.wrongElection(LEADER)).waitFor();

    assert.deepEqual(second.problems, []);
    await second.context.close();
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('an audit in two QR codes: the first opened as a link, the second photographed; in Welsh, 320 px', async () => {
    const { context, page, problems } = await newPage();
    await loginToCredential(page, COUNCIL_VOTERS[0]!.email, COUNCIL);
    await page.getByLabel(en.credential.label).fill(council.credentials[0]!);
    await page.getByRole('button', { name: en.credential.button }).click();
    await page.getByLabel('Ben Jones').check();
    await page.getByLabel('Cat Evans').check();
    await page.getByLabel('Efa Morgan').check();
    await page.getByRole('button', { name: en.ballot.next }).click();
    await page.getByRole('button', { name: en.review.encrypt }).click();
    await page.getByRole('button', { name: en.tracker.audit }).click();
    await heading(page, en.audit.title).waitFor();
    const codes = [1, 2].map((n) => page.getByRole('img', { name: en.audit.qrAlt(n, 2) }));
    await codes[1]!.waitFor();
    await page.getByText(en.audit.qrTextParts(2)).waitFor();
    await page.getByText(en.audit.qrCaption(2, 2)).waitFor();
    await assertAccessible(page, 'an audit in two QR codes');
    await screenshot(page, 'qr-10-audit-two-codes');
    const first = await qrTextOf(codes[0]!);
    const secondPhoto = await codes[1]!.screenshot();
    const tracker = await page.locator('output.tracker').textContent();

    const small = await newPage({
      viewport: { width: 320, height: 640 },
      deviceScaleFactor: 2,
      isMobile: true,
    });
    await small.context.addInitScript(() => localStorage.setItem('psephos-lang', 'cy'));
    await small.page.goto(first);
    await small.page.getByTestId('check-parts').getByText(cy.check.partsRead(1, 2)).waitFor();
    await assertAccessible(small.page, 'one of two codes read, in Welsh');
    await screenshot(small.page, 'qr-11-one-of-two-cy');
    await small.page
      .getByLabel(cy.check.scanPhoto)
      .setInputFiles({ name: 'code-2.png', mimeType: 'image/png', buffer: secondPhoto });
    const ok = small.page.getByTestId('audit-ok');
    await ok.getByText(cy.check.auditOkTitle).waitFor();
    assert.equal(await small.page.getByTestId('audit-tracker').textContent(), tracker);
    for (const name of ['Ben Jones', 'Cat Evans', 'Efa Morgan']) await ok.getByText(name).waitFor();
    assert.equal(await ok.getByText('Dai Hughes').count(), 0);
    const width = await small.page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 320, `nothing wider than the screen (scroll width ${width})`);
    await assertAccessible(small.page, 'a two-code audit checked, in Welsh');
    await screenshot(small.page, 'qr-12-audit-checked-cy');
    assert.deepEqual(small.problems, []);
    await small.context.close();
    assert.deepEqual(problems, []);
    await context.close();
  });
});
