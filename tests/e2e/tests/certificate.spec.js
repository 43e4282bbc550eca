// Certificates: finish a track, get a self-issued certificate, verify it in
// a fresh browser profile, catch a one-character edit, print it with its QR
// code; the verify page's error handling; accessibility of the new pages.
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect } from '../support/fixtures.js';
import { expectNoViolations } from '../support/axe.js';
import { ProgressPage } from '../support/pages.js';
import {
  CertificatePage,
  MUST_PASS,
  VerifyPage,
  certificateTrack as TRACK,
  exercisesOf,
  keepArtifact,
  passedTrackExport,
} from '../support/certificate.js';

const EXERCISES = exercisesOf(TRACK);
const NAME = 'Ada Lovelace';

/** Imports a progress file with every exercise of the track passed. */
async function finishTrack(page) {
  const progress = new ProgressPage(page);
  await progress.goto();
  await progress.importFrom({ name: 'finished.json', mimeType: 'application/json', buffer: Buffer.from(passedTrackExport(TRACK)) });
  await expect(page.getByRole('status').filter({ hasText: 'Imported progress' })).toHaveText(
    `Imported progress for ${EXERCISES.length} exercises.`,
  );
}

/** Finishes the track and issues the certificate; returns the certificate page. */
async function issueCertificate(page) {
  await finishTrack(page);
  const certificate = new CertificatePage(page);
  await certificate.goto();
  await certificate.issue(NAME);
  return certificate;
}

test('a finished track gets a certificate that verifies in a fresh profile and catches a one-character edit', async ({
  page,
  context,
  newContext,
}, testInfo) => {
  test.setTimeout(90_000);
  await finishTrack(page);

  // The end of the track offers the certificate...
  const last = TRACK.lessons[TRACK.lessons.length - 1];
  await page.goto(`/lesson/${last.id}`);
  await expect(page.getByRole('link', { name: `Get your certificate for ${TRACK.title}` })).toBeVisible();
  // ...and so does the home page's track card.
  await page.goto('/');
  await page.getByRole('link', { name: `Get your certificate for ${TRACK.title}` }).click();
  const certificate = new CertificatePage(page);
  await expect(certificate.heading).toBeVisible();
  await expect(page.getByText('The name you enter is self-declared')).toBeVisible();
  await certificate.issue(NAME);
  const issued = page.getByRole('region', { name: 'Your certificate' });
  await expect(issued).toContainText(`The name “${NAME}” is self-declared`);
  await expect(issued).toContainText('anyone can re-grade it');

  // The credential: self-issued, every exercise's answer embedded.
  const credentialFile = testInfo.outputPath('credential.json');
  const download = await certificate.download('Download credential (.json)', credentialFile);
  expect(download.suggestedFilename()).toBe(`rampart-${TRACK.id}-credential.json`);
  const credentialText = await readFile(credentialFile, 'utf8');
  const credential = JSON.parse(credentialText);
  expect(credential.type).toContain('OpenBadgeCredential');
  expect(credential.issuer.id).toMatch(/^did:key:z6Mk/);
  expect(credential.credentialSubject.id, 'self-issued').toBe(credential.issuer.id);
  expect(credential.issuer.name).toBe(NAME);
  expect(credential.evidence.map((e) => e.name)).toEqual(EXERCISES.map((e) => e.id));
  expect(credential.evidence.every((e) => e['rampart:submission'].startsWith('u'))).toBe(true);
  // For the CLI to verify what the browser issued (`rampart cert verify`).
  keepArtifact('browser-issued-credential.json', credentialText);

  // The evidence bundle for an institution.
  const bundleFile = testInfo.outputPath('evidence.json');
  await certificate.download('Download evidence for your institution', bundleFile);
  const bundleText = await readFile(bundleFile, 'utf8');
  const bundle = JSON.parse(bundleText);
  expect(bundle.format).toBe('rampart-evidence');
  expect(bundle.track).toBe(TRACK.id);
  expect(bundle.learner).toBe(NAME);
  expect(bundle.exercises.map((e) => e.id)).toEqual(EXERCISES.map((e) => e.id));
  keepArtifact('browser-evidence.json', bundleText);

  // Copy the verification link: a visible confirmation, and the clipboard holds it.
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.getByRole('button', { name: 'Copy verification link' }).click();
  await expect(certificate.status.filter({ hasText: 'copied to the clipboard' })).toBeVisible();
  const link = await certificate.link.inputValue();
  expect(link).toMatch(/\/verify#c=u[A-Za-z0-9_-]+$/);
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);

  // A fresh profile (no key, no progress) verifies the link: nothing fails.
  const fresh = await (await newContext()).newPage();
  await fresh.goto(link);
  const verify = new VerifyPage(fresh);
  await expect(verify.heading).toBeVisible();
  await expect(verify.summary).toContainText('No check failed', { timeout: 30_000 });
  for (const title of MUST_PASS) await expect(verify.result(title), title).toContainText('Pass');
  await expect(verify.report.getByRole('cell', { name: /Fail/ })).toHaveCount(0);
  await expect(verify.details('evidence re-graded by the current graders')).toContainText(
    `${EXERCISES.length} evidence items re-graded; all pass`,
  );
  await expect(fresh.getByRole('status')).toContainText('Verified. No check failed');

  // One character changed in the credential: the signature fails.
  const text = await verify.text.inputValue();
  expect(text).toBe(credentialText);
  const at = text.indexOf(NAME) + 1;
  const edited = text.slice(0, at) + (text[at] === 'd' ? 'e' : 'd') + text.slice(at + 1);
  expect(edited.length).toBe(text.length);
  await verify.verifyText(edited);
  await expect(verify.result('signature')).toContainText('Fail');
  await expect(verify.summary).toContainText('failed (signature)');
  await expect(verify.result('Open Badges 3.0 schema')).toContainText('Pass');

  // The printable certificate, with its QR code.
  await page.getByRole('link', { name: 'Print certificate' }).click();
  await expect(page.getByRole('heading', { level: 1, name: NAME })).toBeVisible();
  await expect(page.getByText(TRACK.title, { exact: true })).toBeVisible();
  const qr = page.getByRole('img', { name: 'QR code: link to verify this certificate' });
  await expect(qr).toBeVisible();
  expect(await qr.evaluate((el) => el.tagName.toLowerCase())).toBe('svg');
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();

  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeHidden();
  await expect(page.getByRole('button', { name: 'Print' })).toBeHidden();
  await expect(qr).toBeVisible();
  // One clean page on A4 and on Letter.
  for (const format of ['A4', 'Letter']) {
    const pdf = (await page.pdf({ format, printBackground: true })).toString('latin1');
    const pages = pdf.match(/\/Type\s*\/Page(?![s\w])/g) ?? [];
    expect(pages.length, `${format}: the certificate prints on one page`).toBe(1);
  }
});

test('the certificate page lists what remains, with links, until the track is passed', async ({ page }) => {
  const certificate = new CertificatePage(page);
  await certificate.goto();
  await expect(page.getByText(`You have passed 0 of ${EXERCISES.length} exercises`)).toBeVisible();
  await expect(certificate.getButton).toHaveCount(0);
  const first = EXERCISES[0];
  const link = page.getByRole('list').getByRole('link', { name: first.title, exact: true });
  await expect(link).toHaveAttribute('href', `/lesson/${first.lesson}#exercise-${first.id}`);
  await link.click();
  await expect(page).toHaveURL(new RegExp(`/lesson/${first.lesson}#exercise-${first.id}$`));
  await expect(page.getByRole('region', { name: first.title, exact: true })).toBeVisible();

  await page.goto(`/certificate/${TRACK.id}/print`);
  await expect(page.getByRole('heading', { level: 1, name: 'No certificate yet' })).toBeVisible();
});

test('the key and the certificate survive an export and import into another profile', async ({ page, newContext }, testInfo) => {
  test.setTimeout(60_000);
  await issueCertificate(page);
  const did = JSON.parse(await page.evaluate(() => localStorage.getItem('rampart.key'))).controller;
  expect(did).toMatch(/^did:key:z6Mk/);
  const progress = new ProgressPage(page);
  await progress.goto();
  const file = testInfo.outputPath('progress.json');
  await progress.exportTo(file);
  expect(JSON.parse(await readFile(file, 'utf8')).key.controller).toBe(did);

  const fresh = await (await newContext()).newPage();
  const freshProgress = new ProgressPage(fresh);
  await freshProgress.goto();
  await freshProgress.importFrom(file);
  await expect(fresh.getByRole('status').filter({ hasText: 'Imported progress' })).toContainText(
    'Your certificate signing key was restored too.',
  );
  // A certificate issued there is signed by the same key.
  const again = new CertificatePage(fresh);
  await again.goto();
  await again.issue('A. Lovelace');
  const link = await again.link.inputValue();
  expect(link).toContain('#c=');
  const [download] = await Promise.all([fresh.waitForEvent('download'), fresh.getByRole('button', { name: 'Download credential (.json)' }).click()]);
  const path = testInfo.outputPath('again.json');
  await download.saveAs(path);
  expect(JSON.parse(await readFile(path, 'utf8')).issuer.id).toBe(did);
});

test('the verify page reports unreadable credentials as not well-formed, and nothing crashes', async ({ page }) => {
  const verify = new VerifyPage(page);
  await verify.goto();
  const cases = [
    ['this is not JSON', /not strict JSON/],
    ['{"issuer": "a", "issuer": "b"}', /duplicate key "issuer"/],
    ['[1, 2, 3]', /expected a JSON object, found an array/],
  ];
  for (const [text, message] of cases) {
    await verify.verifyText(text);
    await expect(verify.result('well-formed'), text).toContainText('Fail');
    await expect(verify.details('well-formed'), text).toContainText(message);
    await expect(verify.result('signature')).toContainText('Not checked');
  }
  // 10 MB uploaded.
  const big = `{"junk": "${'x'.repeat(10 * 1024 * 1024)}"}`;
  await verify.file.setInputFiles({ name: 'huge.json', mimeType: 'application/json', buffer: Buffer.from(big) });
  // The previous case's result also says Fail: wait for this file's own message.
  await expect(verify.details('well-formed')).toContainText('more than the limit', { timeout: 20_000 });
  await expect(verify.result('well-formed')).toContainText('Fail');
  // A damaged link says so (opened on this page: only the fragment changes).
  await verify.goto('#c=u!!!');
  await expect(page.getByRole('alert')).toContainText('The link\'s credential is damaged');
  // An empty form asks for a credential.
  await verify.goto();
  await verify.verifyButton.click();
  await expect(page.getByRole('alert')).toContainText('Paste a credential');
});

test('a printed QR code that names the credential by hash asks for the file and checks it', async ({ page, newContext }, testInfo) => {
  test.setTimeout(60_000);
  const certificate = await issueCertificate(page);
  const file = testInfo.outputPath('credential.json');
  await certificate.download('Download credential (.json)', file);
  const text = await readFile(file, 'utf8');
  await page.getByRole('link', { name: 'Print certificate' }).click();
  const fingerprint = /SHA-256 ([0-9a-f]{64})/.exec(await page.locator('.sheet-facts').innerText())[1];

  const fresh = await (await newContext()).newPage();
  const verify = new VerifyPage(fresh);
  await verify.goto(`#h=${fingerprint}`);
  await expect(fresh.getByText(`fingerprint (SHA-256 ${fingerprint})`)).toBeVisible();
  await verify.verifyText(text.replace(NAME, 'Someone Else'));
  await expect(fresh.getByRole('alert')).toContainText('This is not the certificate the link names');
  await expect(verify.report).toHaveCount(0);
  await verify.file.setInputFiles(file);
  await expect(verify.summary).toContainText('No check failed', { timeout: 30_000 });
});

const CLI_ISSUED = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'cli-issued');

test('the browser verifies a certificate the CLI issued, and sees its revocation', async ({ page }) => {
  test.skip(!existsSync(path.join(CLI_ISSUED, 'credential.json')), 'no CLI-issued fixture in fixtures/cli-issued');
  const read = (name) => readFileSync(path.join(CLI_ISSUED, name), 'utf8');
  const credential = read('credential.json');
  const parsed = JSON.parse(credential);
  const statusUrl = parsed.credentialStatus.statusListCredential;
  // This site trusts the fixture's issuer and knows its course version.
  await page.route('**/issuers.json', (route) => route.fulfill({ contentType: 'application/json', body: read('issuers.json') }));
  await page.route('**/course-versions.json', (route) =>
    route.fulfill({ contentType: 'application/json', body: JSON.stringify([parsed.credentialSubject.achievement.version]) }),
  );
  let list = read('status-list.json');
  await page.route(statusUrl, (route) =>
    route.fulfill({ contentType: 'application/json', headers: { 'Access-Control-Allow-Origin': '*' }, body: list }),
  );

  const verify = new VerifyPage(page);
  await verify.goto();
  await verify.verifyText(credential);
  await expect(verify.summary).toContainText('No check failed', { timeout: 30_000 });
  for (const title of MUST_PASS.filter((t) => !t.startsWith('evidence'))) await expect(verify.result(title), title).toContainText('Pass');
  await expect(verify.result("issuer on this site's trust list")).toContainText('Pass');
  await expect(verify.details("issuer on this site's trust list")).toContainText('Example University');
  await expect(verify.result('revocation')).toContainText('Pass');
  // Institution-issued: hashes only, re-graded by the issuer (cert-spec decision 1).
  await expect(verify.result('evidence re-graded by the current graders')).toContainText('Not checked');

  list = read('status-list-revoked.json');
  await verify.verifyButton.click();
  await expect(verify.result('revocation')).toContainText('Fail');
  await expect(verify.details('revocation')).toContainText('revoked');
  await expect(verify.summary).toContainText('failed (revocation)');
});

test.describe('certificate pages are accessible', () => {
  for (const scheme of ['light', 'dark']) {
    test(`axe finds no violations (${scheme} colour scheme)`, async ({ page }) => {
      test.setTimeout(90_000);
      await page.emulateMedia({ colorScheme: scheme });
      const certificate = new CertificatePage(page);
      await certificate.goto();
      await expectNoViolations(page, `the certificate page with exercises remaining (${scheme})`);

      await issueCertificate(page);
      await page.getByRole('button', { name: 'Check it now' }).click();
      await expect(page.getByRole('region', { name: 'Checked in this browser' })).toContainText('No check failed', { timeout: 30_000 });
      await expectNoViolations(page, `the certificate page with a certificate and its check (${scheme})`);
      const link = await certificate.link.inputValue();

      await page.getByRole('link', { name: 'Print certificate' }).click();
      await expect(page.getByRole('img', { name: /QR code/ })).toBeVisible();
      await expectNoViolations(page, `the printable certificate (${scheme})`);

      const verify = new VerifyPage(page);
      await verify.goto();
      await expectNoViolations(page, `the empty verify page (${scheme})`);
      await page.goto(link);
      await expect(verify.summary).toContainText('No check failed', { timeout: 30_000 });
      await verify.verifyText('{"a": 1, "a": 2}');
      await expect(verify.result('well-formed')).toContainText('Fail');
      await expectNoViolations(page, `the verify page with a failed report (${scheme})`);
    });
  }

  test('the keyboard alone issues a certificate and verifies a pasted one', async ({ page }) => {
    test.setTimeout(60_000);
    await finishTrack(page);
    const certificate = new CertificatePage(page);
    await certificate.goto();
    await certificate.name.focus();
    await page.keyboard.type(NAME);
    await page.keyboard.press('Enter');
    await expect(certificate.status.filter({ hasText: 'Your certificate is ready' })).toBeVisible();
    // Tab reaches the actions, Enter uses them.
    const copy = page.getByRole('button', { name: 'Copy verification link' });
    await page.getByRole('button', { name: 'Download credential (.json)' }).focus();
    await page.keyboard.press('Tab');
    await expect(copy).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(page.getByRole('link', { name: 'Print certificate' })).toBeFocused();
    const credential = await page.evaluate(() => Object.values(JSON.parse(localStorage.getItem('rampart.certificates')))[0]);

    const verify = new VerifyPage(page);
    await verify.goto();
    await verify.text.focus();
    await page.keyboard.insertText(credential);
    await page.keyboard.press('Tab');
    await expect(verify.verifyButton).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(verify.summary).toContainText('No check failed', { timeout: 30_000 });
  });
});
