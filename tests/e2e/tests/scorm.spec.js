// SCORM: the packages `rampart export scorm` wrote (.artifacts/rampart-scorm12.zip
// and rampart-scorm2004.zip, made by the xtask pipeline from the built site)
// run inside a pretend LMS whose SCORM runtime is scorm-again, framed as
// Moodle would frame them.
// The app finds `window.API` in its parent, reports "incomplete" and a
// score, and "passed" with 100 once the last exercise of the packaged track
// passes; leaving the page finishes the session. Opened without an LMS,
// the package says so politely.
import { cpSync, existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect } from '../support/fixtures.js';
import { artifactsDir, solutionOf } from '../support/certificate.js';
import { correctOptions } from '../support/course.js';
import { LessonPage } from '../support/pages.js';
import { unzip } from '../support/unzip.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const PACKAGE = path.join(artifactsDir, 'rampart-scorm12.zip');
const PACKAGE_2004 = path.join(artifactsDir, 'rampart-scorm2004.zip');
const LMS_DIR = path.join(artifactsDir, 'lms');
const UNPACKED = path.join(LMS_DIR, 'scorm12');
const UNPACKED_2004 = path.join(LMS_DIR, 'scorm2004');
const HOST = '/lms/host.html?package=scorm12&version=1.2';
const KEY = 'rampart.progress';

/** The packaged site's settings, course manifest and lesson documents. */
function packaged(dir = UNPACKED) {
  const index = readFileSync(path.join(dir, 'index.html'), 'utf8');
  const open = '<script type="application/json" id="rampart-site">';
  const line = index.split('\n').find((l) => l.trim().startsWith(open));
  if (!line) throw new Error(`${dir}/index.html has no rampart-site data block`);
  const site = JSON.parse(line.trim().slice(open.length, -'</script>'.length));
  const manifest = JSON.parse(readFileSync(path.join(dir, 'course', 'manifest.json'), 'utf8'));
  const tracks = manifest.tracks.filter((t) => !site.tracks || site.tracks.includes(t.id));
  const lessonDoc = (entry) => JSON.parse(readFileSync(path.join(dir, 'course', entry.path), 'utf8'));
  const exercises = tracks.flatMap((t) =>
    t.lessons.flatMap((entry) => lessonDoc(entry).exercises.map((ex) => ({ ...ex, lesson: entry }))),
  );
  return { index, site, manifest, exercises };
}

/** Stored progress (schema 1) with every exercise in `passed` passed by its reference solution. */
function progressWith(passed, version) {
  const exercises = {};
  for (const ex of passed) {
    const answer = solutionOf(ex);
    exercises[ex.id] = {
      attempts: 1,
      passed: true,
      best_score: ex.points,
      max_score: ex.points,
      hints_used: 0,
      last: answer,
      passing: answer,
      passed_in: version,
    };
  }
  return JSON.stringify({ schema: 1, exercises });
}

/** What the pretend LMS recorded (see fixtures/lms/host.js). */
const recorded = (page) => page.evaluate(() => JSON.parse(JSON.stringify(window.lms)));
const value = async (page, element) => (await recorded(page)).values[element];

test.describe.configure({ mode: 'serial' });

test.beforeAll(() => {
  if (!existsSync(PACKAGE)) {
    throw new Error(
      `${PACKAGE} is missing: the pipeline makes it with \`rampart export scorm --site <built site> --track supply-chain --out ${PACKAGE}\` before the browser tests.`,
    );
  }
  rmSync(LMS_DIR, { recursive: true, force: true });
  const names = unzip(PACKAGE, UNPACKED);
  expect(names).toContain('imsmanifest.xml');
  expect(names, 'no service worker or 404 page inside an LMS').not.toContain('sw.js');
  expect(names).not.toContain('404.html');
  if (!existsSync(PACKAGE_2004)) throw new Error(`${PACKAGE_2004} is missing: see above, with --scorm 2004`);
  expect(unzip(PACKAGE_2004, UNPACKED_2004)).toContain('imsmanifest.xml');
  for (const file of ['host.html', 'host.js']) {
    cpSync(path.join(here, '..', 'fixtures', 'lms', file), path.join(LMS_DIR, file));
  }
});

test('the package is a SCORM 1.2 content package the browser parses', async ({ page }) => {
  const { index, site } = packaged();
  expect(index).toContain('<base href="./">');
  expect(site.lms).toBe('scorm12');
  expect(site.offline).toBe(false);

  // As the LMS fetches it on import, parsed by the browser's own XML parser.
  const response = await page.request.get('/lms/scorm12/imsmanifest.xml');
  expect(response.ok()).toBe(true);
  const text = await response.text();
  await page.setContent('<!doctype html><title>Parse</title><link rel="icon" href="data:,">');
  const manifest = await page.evaluate((text) => {
    const xml = new DOMParser().parseFromString(text, 'application/xml');
    const error = xml.querySelector('parsererror');
    const ns = 'http://www.adlnet.org/xsd/adlcp_rootv1p2';
    const resource = xml.getElementsByTagName('resource')[0];
    return {
      error: error?.textContent ?? null,
      schemaversion: xml.getElementsByTagName('schemaversion')[0]?.textContent,
      scormtype: resource?.getAttributeNS(ns, 'scormtype'),
      href: resource?.getAttribute('href'),
      files: [...xml.getElementsByTagName('file')].map((f) => f.getAttribute('href')),
    };
  }, text);
  expect(manifest.error).toBeNull();
  expect(manifest.schemaversion).toBe('1.2');
  expect(manifest.scormtype).toBe('sco');
  expect(manifest.href).toBe('index.html');
  expect(manifest.files).toContain('index.html');
  expect(manifest.files).toContain('course/manifest.json');
});

test('the LMS records an incomplete status and score, then passed with 100 when the last exercise passes', async ({ page }) => {
  test.setTimeout(90_000);
  const { manifest, exercises } = packaged();
  const total = exercises.length;
  // Left for the learner to pass in the page: the track's last quiz.
  const last = exercises.filter((ex) => ex.spec.kind === 'quiz').at(-1);
  expect(last, 'the packaged track has a quiz').toBeTruthy();

  // A fresh learner: initialised, incomplete, score 0.
  await page.goto(HOST);
  await expect.poll(() => value(page, 'cmi.core.lesson_status')).toBe('incomplete');
  expect(await value(page, 'cmi.core.score.raw')).toBe('0');
  expect((await recorded(page)).calls.slice(0, 2)).toEqual(['initialize', 'commit']);
  expect(await page.evaluate(() => window.API.cmi.core.lesson_status), 'scorm-again accepted it').toBe('incomplete');

  // Every exercise but one passed (same origin: the package's storage is the host's).
  const others = exercises.filter((ex) => ex.id !== last.id);
  await page.evaluate(([key, value]) => localStorage.setItem(key, value), [KEY, progressWith(others, manifest.version)]);
  await page.reload();
  const partial = String(Math.floor(((total - 1) * 100) / total));
  await expect.poll(() => value(page, 'cmi.core.score.raw')).toBe(partial);
  expect(await value(page, 'cmi.core.lesson_status')).toBe('incomplete');
  expect(await value(page, 'cmi.core.score.max')).toBe('100');

  // The last one, through the app inside the LMS's frame.
  const frame = page.frameLocator('iframe[title="Course"]');
  await frame.getByRole('link', { name: last.lesson.title, exact: true }).first().click();
  const lesson = new LessonPage(frame);
  await expect(frame.getByRole('heading', { level: 1 })).toHaveText(last.lesson.title);
  await lesson.passQuiz(last, correctOptions(last));

  await expect.poll(() => value(page, 'cmi.core.lesson_status')).toBe('passed');
  expect(await value(page, 'cmi.core.score.raw')).toBe('100');
  const { commits } = await recorded(page);
  expect(commits.at(-1)['cmi.core.score.raw'], 'committed, not only set').toBe('100');
  expect(await page.evaluate(() => window.API.cmi.core.score.raw)).toBe('100');

  // Leaving the course (the LMS removes the frame) finishes the session.
  await page.evaluate(() => document.querySelector('iframe[title="Course"]').remove());
  await expect.poll(async () => (await recorded(page)).calls.at(-1)).toBe('finish');
  const ended = await recorded(page);
  expect(ended.values['cmi.core.exit'], 'finished, so not suspended').toBe('');
  expect(ended.values['cmi.core.session_time']).toMatch(/^\d{4}:\d{2}:\d{2}\.\d{2}$/);
});

test('a SCORM 2004 LMS records completion, success and a scaled score', async ({ page }) => {
  test.setTimeout(90_000);
  const { site, manifest, exercises } = packaged(UNPACKED_2004);
  expect(site.lms).toBe('scorm2004');
  const manifestXml = readFileSync(path.join(UNPACKED_2004, 'imsmanifest.xml'), 'utf8');
  expect(manifestXml).toContain('<schemaversion>2004 4th Edition</schemaversion>');
  const total = exercises.length;
  const last = exercises.filter((ex) => ex.spec.kind === 'quiz').at(-1);

  await page.goto('/lms/host.html?package=scorm2004&version=2004');
  await expect.poll(() => value(page, 'cmi.completion_status')).toBe('incomplete');
  expect(await value(page, 'cmi.success_status')).toBe('unknown');
  expect(await value(page, 'cmi.score.scaled')).toBe('0');

  const others = exercises.filter((ex) => ex.id !== last.id);
  await page.evaluate(([key, value]) => localStorage.setItem(key, value), [KEY, progressWith(others, manifest.version)]);
  await page.reload();
  await expect.poll(() => value(page, 'cmi.score.raw')).toBe(String(Math.floor(((total - 1) * 100) / total)));
  expect(Number(await value(page, 'cmi.score.scaled'))).toBeCloseTo((total - 1) / total, 3);
  expect(await value(page, 'cmi.completion_status')).toBe('incomplete');

  const frame = page.frameLocator('iframe[title="Course"]');
  await frame.getByRole('link', { name: last.lesson.title, exact: true }).first().click();
  await new LessonPage(frame).passQuiz(last, correctOptions(last));
  await expect.poll(() => value(page, 'cmi.completion_status')).toBe('completed');
  expect(await value(page, 'cmi.success_status')).toBe('passed');
  expect(await value(page, 'cmi.score.scaled')).toBe('1');
  expect(await page.evaluate(() => window.API_1484_11.cmi.completion_status), 'scorm-again accepted it').toBe('completed');
  expect((await recorded(page)).commits.at(-1)['cmi.success_status'], 'committed, not only set').toBe('passed');
});

test('opened without an LMS, the package says so politely and still works', async ({ page }) => {
  await page.goto('/lms/scorm12/index.html');
  await expect(page.getByText('Your LMS did not respond; your progress is saved in this browser.')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
});
