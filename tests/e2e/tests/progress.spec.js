// Progress: kept in localStorage, exported and imported as a file, and
// recovered when what is stored cannot be read.
import { readFile } from 'node:fs/promises';
import { test, expect } from '../support/fixtures.js';
import { correctOptions, exercisesOfKind, lesson } from '../support/course.js';
import { LessonPage, ProgressPage, storageItem } from '../support/pages.js';

const KEY = 'rampart.progress';
const BACKUP = 'rampart.progress.backup';
const MEMORY = lesson('why-memory-safety');
const QUIZ = exercisesOfKind(MEMORY.id, 'quiz')[0];

/** Opens the memory-safety lesson and passes its first quiz. */
async function passFirstQuiz(page) {
  const lessonPage = new LessonPage(page);
  await lessonPage.goto(MEMORY.id, MEMORY.title);
  await lessonPage.passQuiz(QUIZ, correctOptions(QUIZ));
  return lessonPage;
}

test('exported progress imports into a fresh browser profile', async ({ page, newContext }, testInfo) => {
  await passFirstQuiz(page);
  await page.getByRole('link', { name: 'Progress', exact: true }).click();
  const progress = new ProgressPage(page);
  await expect(progress.heading).toBeVisible();
  const file = testInfo.outputPath('rampart-progress.json');
  await progress.exportTo(file);
  const exported = JSON.parse(await readFile(file, 'utf8'));
  expect(exported, 'the export is versioned').toHaveProperty('schema');

  const fresh = await (await newContext()).newPage();
  const freshProgress = new ProgressPage(fresh);
  await freshProgress.goto();
  await freshProgress.importFrom(file);
  await expect(fresh.getByRole('status').filter({ hasText: 'Imported progress' })).toHaveText(
    /Imported progress for 1 exercises?\./,
  );

  const freshLesson = new LessonPage(fresh);
  await freshLesson.goto(MEMORY.id, MEMORY.title);
  await freshLesson.expectPassed(QUIZ.title, QUIZ.points);
});

test('corrupt stored progress is kept aside with a notice, and the app still works', async ({ page }) => {
  await page.goto('/');
  // Once the app runs it has saved what it loaded; corrupt it after that.
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.evaluate((key) => window.localStorage.setItem(key, '{not json'), KEY);
  await page.reload();

  await expect(page.getByRole('alert')).toContainText('could not be read');
  expect(await storageItem(page, BACKUP)).toBe('{not json');

  await passFirstQuiz(page);
  const stored = JSON.parse(await storageItem(page, KEY));
  expect(stored).toHaveProperty('schema');
  expect(await storageItem(page, BACKUP), 'the backup is kept').toBe('{not json');
});

test('a malformed or foreign file is refused and progress is unchanged', async ({ page }) => {
  await passFirstQuiz(page);
  const before = await storageItem(page, KEY);
  expect(before).not.toBeNull();

  const files = [
    { name: 'foreign.json', mimeType: 'application/json', buffer: Buffer.from('{"hello":1}') },
    { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('this is not JSON at all\n') },
  ];
  const progress = new ProgressPage(page);
  for (const file of files) {
    await progress.goto();
    await progress.importFrom(file);
    await expect(page.getByRole('alert').filter({ hasText: 'Could not import' }), file.name).toHaveText(
      /^\s*Could not import/,
    );
    await expect(page.getByRole('status').filter({ hasText: 'Imported progress' })).toHaveCount(0);
    expect(await storageItem(page, KEY), `${file.name} left progress unchanged`).toBe(before);
  }

  const lessonPage = new LessonPage(page);
  await lessonPage.goto(MEMORY.id, MEMORY.title);
  await lessonPage.expectPassed(QUIZ.title, QUIZ.points);
});
