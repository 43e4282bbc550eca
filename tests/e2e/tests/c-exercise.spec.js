// Executed C exercises: the editor, the grading worker, reports, limits, Cancel.
import { test, expect } from '../support/fixtures.js';
import { exercise } from '../support/course.js';
import { LessonPage } from '../support/pages.js';
import { expectNoViolations } from '../support/axe.js';

const LESSON = 'stack-buffer-overflows';
const EX = exercise(LESSON, 'greeting-stack-overflow-fix');
const C = EX.spec.spec;

/** The starter's line that overflows: the first strcat. */
const OVERFLOW_LINE = C.starter.split('\n').findIndex((l) => l.includes('strcat(out, name)')) + 1;

async function open(page) {
  const lessonPage = new LessonPage(page);
  await page.goto(`/lesson/${LESSON}`);
  const region = lessonPage.exercise(EX.title);
  await expect(region).toBeVisible();
  const editor = region.getByRole('textbox', { name: /Your program/ });
  return { lessonPage, region, editor };
}

test('the starter gets a memory report at its line; a fix passes and survives a reload', async ({ page }) => {
  const { lessonPage, region, editor } = await open(page);
  await expect(editor).toHaveValue(C.starter);

  await lessonPage.check(EX.title);
  await lessonPage.expectNotYet(EX.title);
  await expect(region).toContainText('stack-buffer-overflow');
  await expect(region).toContainText(/On the (example|hidden case|attack input) /);
  // The report's line is marked in the editor and listed as text for screen readers.
  await expect(region.getByRole("list", { name: "Marked lines" }).getByText(new RegExp(`^Line ${OVERFLOW_LINE}: `))).toBeVisible();
  await expect(region.locator('.editor-gutter .marker', { hasText: String(OVERFLOW_LINE) })).toBeVisible();

  await editor.fill(C.solution);
  await lessonPage.check(EX.title);
  await lessonPage.expectPassed(EX.title, EX.points);
  await expect(region).toContainText('cases passed');

  await page.reload();
  await expect(editor).toHaveValue(C.solution);
  await expect(region.getByRole('status').filter({ hasText: 'Passed earlier' })).toBeVisible();
});

test('an infinite loop ends with the limit message and the page stays responsive', async ({ page }) => {
  const { lessonPage, region, editor } = await open(page);
  await editor.fill('int main(void) {\n    for (;;) {\n    }\n}\n');
  await lessonPage.check(EX.title);
  // While it runs, the page still answers: a hint can be revealed.
  await lessonPage.hintButton(EX.title).click();
  await expect(region.getByText('Hint 1 of')).toBeVisible();
  await lessonPage.expectNotYet(EX.title);
  await expect(region).toContainText('limit-exceeded');
  await expect(region).toContainText('infinite loop');
});

test('Cancel stops a long run at once and the next check works', async ({ page }) => {
  const { lessonPage, region, editor } = await open(page);
  // Correct output, but slow: every case burns most of its step budget first.
  const slow = C.solution.replace('int main(void)\n{', 'int main(void)\n{\n    for (volatile long i = 0; i < 1500000; i++) { }');
  expect(slow).not.toEqual(C.solution);
  await editor.fill(slow);
  await lessonPage.check(EX.title);
  const cancel = region.getByRole('button', { name: 'Cancel', exact: true });
  await expect(cancel).toBeVisible();
  await cancel.click();
  await expect(region.getByRole('alert')).toContainText('cancelled');
  await expect(lessonPage.checkButton(EX.title)).toBeEnabled();

  await editor.fill(C.solution);
  await lessonPage.check(EX.title);
  await lessonPage.expectPassed(EX.title, EX.points);
});

test('axe finds no violations with the editor, the progress bar and a report shown', async ({ page }) => {
  const { lessonPage, region, editor } = await open(page);
  await lessonPage.check(EX.title);
  await lessonPage.expectNotYet(EX.title);
  await expectNoViolations(page, 'a C exercise showing a memory report');

  const slow = C.solution.replace('int main(void)\n{', 'int main(void)\n{\n    for (volatile long i = 0; i < 1500000; i++) { }');
  await editor.fill(slow);
  await lessonPage.check(EX.title);
  await expect(region.getByRole('progressbar', { name: 'Cases run' })).toBeVisible();
  await expectNoViolations(page, 'a C exercise while grading');
});
