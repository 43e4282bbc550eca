// Supply-chain exercises and "Audit your own files": real artifacts edited
// in the editor, judged by rampart-supply in the grading worker.
import { test, expect } from '../support/fixtures.js';
import { lessons, lesson } from '../support/course.js';
import { LessonPage } from '../support/pages.js';
import { expectNoViolations } from '../support/axe.js';

/** The first exercise of `kind` in the supply-chain track (optionally matching `where`), with its lesson. */
function firstOfKind(kind, where = () => true) {
  for (const entry of lessons.filter((l) => l.track.id === 'supply-chain')) {
    const doc = lesson(entry.id);
    const ex = doc.exercises.find((e) => e.spec.kind === kind && where(e));
    if (ex) return { lesson: doc, ex, files: ex.spec.spec.files };
  }
  throw new Error(`No ${kind} exercise in the supply-chain track.`);
}

async function open(page, { lesson: doc, ex, files }) {
  const lessonPage = new LessonPage(page);
  await lessonPage.goto(doc.id, doc.title);
  const region = lessonPage.exercise(ex.title);
  await expect(region).toBeVisible();
  const editor = region.getByRole('textbox', { name: `Your file (${files.file})` });
  await expect(editor).toHaveValue(files.starter);
  return { lessonPage, region, editor };
}

test('harden a workflow in the editor: findings at their lines, then a pass that survives a reload', async ({ page }) => {
  const target = firstOfKind('workflow');
  const { lessonPage, region, editor } = await open(page, target);
  const { ex, files } = target;

  await lessonPage.check(ex.title);
  await lessonPage.expectNotYet(ex.title);
  // Every marked line names its rule, and points at a real line of the starter.
  const marked = region.getByRole('list', { name: 'Marked lines' }).getByRole('listitem');
  await expect(marked.first()).toContainText(/^Line \d+: workflow\//);
  const starterLines = files.starter.split('\n');
  for (const text of await marked.allTextContents()) {
    const n = Number(/^Line (\d+):/.exec(text)[1]);
    expect(n, text).toBeGreaterThan(0);
    expect(n, text).toBeLessThanOrEqual(starterLines.length);
    if (text.includes('workflow/unpinned-uses')) expect(starterLines[n - 1], text).toContain('uses:');
  }
  await expect(region.locator('.finding.error').first()).toBeVisible();

  // Deleting the jobs is not hardening: the grader notices the workflow stopped doing its job.
  await editor.fill('on: push\npermissions: {}\njobs: {}\n');
  await lessonPage.check(ex.title);
  await lessonPage.expectNotYet(ex.title);
  await expect(region).toContainText(/workflow\/lost-(job|step|trigger)/);

  await editor.fill(files.solution);
  await lessonPage.check(ex.title);
  await lessonPage.expectPassed(ex.title, ex.points);
  await expectNoViolations(page, `/lesson/${target.lesson.id} with a workflow verdict`);

  await page.reload();
  await expect(editor).toHaveValue(files.solution);
  await expect(region.getByRole('status').filter({ hasText: 'Passed earlier' })).toBeVisible();
});

test('triage a lockfile against its advisories', async ({ page }) => {
  const target = firstOfKind('advisories', (e) => e.spec.spec.mode === 'triage');
  const { lessonPage, region, editor } = await open(page, target);
  const { ex, files } = target;
  // The lockfile and the advisories are there to read, not to edit.
  const lockName = target.ex.spec.spec.lockfile;
  await expect(region.getByRole('group').or(region.locator('details')).filter({ hasText: lockName }).first()).toBeVisible();

  await editor.fill('');
  await lessonPage.check(ex.title);
  await lessonPage.expectNotYet(ex.title);
  await expect(region).toContainText('advisories/missed');

  await editor.fill(files.solution);
  await lessonPage.check(ex.title);
  await lessonPage.expectPassed(ex.title, ex.points);
  await expectNoViolations(page, `/lesson/${target.lesson.id} with an advisories verdict`);
});

test('verify the downloads: a tampered artifact is caught, the right set passes', async ({ page }) => {
  const target = firstOfKind('integrity');
  const { lessonPage, region, editor } = await open(page, target);
  const { ex, files } = target;
  const spec = ex.spec.spec;

  // Installing everything accepts whatever was tampered with.
  await editor.fill(spec.artifacts.join('\n') + '\n');
  await lessonPage.check(ex.title);
  await lessonPage.expectNotYet(ex.title);
  await expect(region).toContainText('integrity/accepted-untrusted');

  await editor.fill(files.solution);
  await lessonPage.check(ex.title);
  await lessonPage.expectPassed(ex.title, ex.points);
});

test.describe('Audit your own files', () => {
  const WORKFLOW = [
    'on: pull_request_target',
    'jobs:',
    '  build:',
    '    runs-on: ubuntu-latest',
    '    steps:',
    '      - uses: actions/checkout@v4',
    '        with:',
    '          ref: ${{ github.event.pull_request.head.sha }}',
    '      - run: echo "${{ github.event.pull_request.title }}"',
    '',
  ].join('\n');

  test('a pasted workflow gets its findings with file, line and rule, by keyboard alone', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('link', { name: 'Audit your files' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Audit your own files');
    await page.getByLabel('What are you checking?').selectOption('workflow');
    await page.getByLabel('Contents (paste, or drop a file here)').fill(WORKFLOW);
    await page.getByLabel('Contents (paste, or drop a file here)').press('Tab');
    // Tab through to the Audit button and press it from the keyboard.
    for (let i = 0; i < 10 && !(await page.getByRole('button', { name: 'Audit', exact: true }).evaluate((b) => b === document.activeElement)); i++) {
      await page.keyboard.press('Tab');
    }
    await page.keyboard.press('Enter');
    const results = page.getByRole('region', { name: /findings? in \.github\/workflows\/ci\.yml/ });
    await expect(results).toBeVisible();
    await expect(results.locator('[data-rule="workflow/unpinned-uses"]')).toContainText('line 6');
    await expect(results.locator('[data-rule="workflow/template-injection"]')).toContainText('line 9');
    await expect(results.locator('[data-rule="workflow/dangerous-trigger"]')).toBeVisible();
    await expectNoViolations(page, 'the audit page with findings');
  });

  test('a lockfile audit asks for advisories, and garbage gets a clear message, not a crash', async ({ page }) => {
    await page.goto('/audit');
    await page.getByLabel('What are you checking?').selectOption('lockfile');
    await page.getByLabel('Contents (paste, or drop a file here)').fill('this is not a lockfile at all');
    await page.getByRole('button', { name: 'Audit', exact: true }).click();
    await expect(page.getByText('Add at least one file under “OSV advisories”.')).toBeVisible();

    await page.getByLabel('Or paste one here').fill('{"id": "X-1", "modified": "2024-01-01T00:00:00Z", "affected": []}');
    await page.getByRole('button', { name: 'Add pasted text' }).click();
    await expect(page.getByRole('list', { name: 'OSV advisories added' })).toContainText('pasted-advisory-1.json');
    await page.getByRole('button', { name: 'Audit', exact: true }).click();
    const results = page.getByRole('region', { name: /finding/ });
    await expect(results.locator('[data-rule="lockfile/unreadable"]')).toBeVisible();
    // The pasted text is still there to fix.
    await expect(page.getByLabel('Contents (paste, or drop a file here)')).toHaveValue('this is not a lockfile at all');
  });
});
