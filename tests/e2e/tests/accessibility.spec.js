// Accessibility: axe-core finds no WCAG 2.1 A/AA violations, and the main
// flows work from the keyboard alone.
import { test, expect } from '../support/fixtures.js';
import { correctOptions, exercisesOfKind, lesson, lessons, manifest } from '../support/course.js';
import { HomePage, LessonPage, ProgressPage } from '../support/pages.js';
import { expectNoViolations } from '../support/axe.js';

test.describe('axe finds no violations', () => {
  test('on the home page', async ({ page }) => {
    await new HomePage(page).goto();
    await expectNoViolations(page, 'the home page');
  });

  for (const entry of lessons) {
    test(`on the lesson "${entry.title}"`, async ({ page }) => {
      await new LessonPage(page).goto(entry.id, entry.title);
      await expectNoViolations(page, `/lesson/${entry.id}`);
    });
  }

  test('on the progress page', async ({ page }) => {
    await new ProgressPage(page).goto();
    await expectNoViolations(page, 'the progress page');
  });

  test('on the not-found page', async ({ page }) => {
    await page.goto('/no-such-page');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
    await expectNoViolations(page, 'the not-found page');
  });

  for (const scheme of ['light', 'dark']) {
    test(`on a lesson with verdicts and hints shown (${scheme} colour scheme)`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: scheme });
      const memory = lesson('why-memory-safety');
      const lessonPage = new LessonPage(page);
      await lessonPage.goto(memory.id, memory.title);
      const [passed, failed] = exercisesOfKind(memory.id, 'quiz');
      await lessonPage.passQuiz(passed, correctOptions(passed));
      await lessonPage.answerQuiz(failed.title, correctOptions(failed)[0].label);
      await lessonPage.check(failed.title);
      await lessonPage.expectNotYet(failed.title);
      for (let i = 0; i < failed.hints.length; i++) {
        await lessonPage.hintButton(failed.title).click();
        await expect(lessonPage.exercise(failed.title).getByText(`Hint ${i + 1} of ${failed.hints.length}`)).toBeVisible();
      }
      await expectNoViolations(page, `/lesson/${memory.id} with a verdict and hints (${scheme})`);
    });
  }
});

/** Presses Tab until `target` has focus; fails after `limit` presses. */
async function tabTo(page, target, limit = 60) {
  for (let i = 0; i < limit; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  await expect(target, `reachable with at most ${limit} presses of Tab`).toBeFocused();
}

test('the keyboard alone reaches a lesson and answers its exercises', async ({ page }) => {
  const memory = lesson('why-memory-safety');
  const home = new HomePage(page);
  await home.goto();
  await expect(home.heading).toHaveText(manifest.title);

  // The skip link comes first.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();

  // The lesson link is reachable with Tab and follows with Enter.
  await tabTo(page, home.lessonLink(memory.title));
  await page.keyboard.press('Enter');
  const lessonPage = new LessonPage(page);
  await expect(lessonPage.heading).toHaveText(memory.title);

  // Single answer: Space picks the focused radio button, arrow keys move the choice.
  const [single, multiple] = exercisesOfKind(memory.id, 'quiz');
  const radios = lessonPage.exercise(single.title).getByRole('radio');
  const count = await radios.count();
  expect(count).toBe(single.spec.spec.options.length);
  await radios.first().focus();
  await page.keyboard.press('Space');
  await expect(radios.first()).toBeChecked();
  const right = lessonPage.option(single.title, correctOptions(single)[0].label);
  for (let i = 0; i < count && !(await right.isChecked()); i++) await page.keyboard.press('ArrowDown');
  await expect(right).toBeChecked();
  await expect(lessonPage.exercise(single.title).getByRole('radio', { checked: true })).toHaveCount(1);

  // Tab leaves the group; Enter on Check grades.
  await tabTo(page, lessonPage.checkButton(single.title), 10);
  await page.keyboard.press('Enter');
  await lessonPage.expectPassed(single.title, single.points);

  // Multiple answers: Space toggles each checkbox.
  for (const o of correctOptions(multiple)) {
    const box = lessonPage.option(multiple.title, o.label);
    await box.focus();
    await page.keyboard.press('Space');
    await expect(box).toBeChecked();
  }
  await tabTo(page, lessonPage.checkButton(multiple.title), 15);
  await page.keyboard.press('Enter');
  await lessonPage.expectPassed(multiple.title, multiple.points);
});
