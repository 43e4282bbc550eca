// Reading lessons and answering exercises.
import { test, expect } from '../support/fixtures.js';
import { correctOptions, exercisesOfKind, lesson, lessons, manifest, wrongOptions } from '../support/course.js';
import { HomePage, LessonPage } from '../support/pages.js';

const MEMORY = lesson('why-memory-safety');

test('home lists every track with its progress and lessons', async ({ page }) => {
  const home = new HomePage(page);
  await home.goto();
  await expect(home.heading).toHaveText(manifest.title);
  for (const track of manifest.tracks) {
    await expect(page.getByRole('heading', { level: 2, name: track.title })).toBeVisible();
    const total = track.lessons.reduce((n, l) => n + l.exercises.length, 0);
    await expect(home.trackProgress(0, total)).toBeVisible();
    for (const l of track.lessons) await expect(home.lessonLink(l.title)).toBeVisible();
  }
  await expect(page.getByRole('link', { name: 'Home', exact: true })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Progress', exact: true })).toBeVisible();
});

test('memory safety: a wrong answer gets feedback, a right one passes and survives a reload', async ({ page }) => {
  const quiz = exercisesOfKind(MEMORY.id, 'quiz')[0];
  const [wrong] = wrongOptions(quiz);
  const [right] = correctOptions(quiz);

  const home = new HomePage(page);
  await home.goto();
  await home.lessonLink(MEMORY.title).click();
  const lessonPage = new LessonPage(page);
  await expect(lessonPage.heading).toHaveText(MEMORY.title);
  await expect(page).toHaveURL(new RegExp(`/lesson/${MEMORY.id}$`));

  await lessonPage.answerQuiz(quiz.title, wrong.label);
  await lessonPage.check(quiz.title);
  await lessonPage.expectNotYet(quiz.title);
  await expect(lessonPage.exercise(quiz.title)).toContainText(`Score: 0 of ${quiz.points}`);
  await expect(lessonPage.feedback(quiz.title, wrong.feedback)).toBeVisible();

  await lessonPage.answerQuiz(quiz.title, right.label);
  await expect(lessonPage.option(quiz.title, wrong.label)).not.toBeChecked();
  await lessonPage.check(quiz.title);
  await lessonPage.expectPassed(quiz.title, quiz.points);
  await expect(lessonPage.feedback(quiz.title, right.feedback)).toBeVisible();

  await page.reload();
  await expect(lessonPage.heading).toHaveText(MEMORY.title);
  await lessonPage.expectPassed(quiz.title, quiz.points);
  await expect(lessonPage.option(quiz.title, right.label)).toBeChecked();

  // The home page counts it.
  await page.getByRole('link', { name: 'Home', exact: true }).click();
  const track = manifest.tracks.find((t) => t.lessons.some((l) => l.id === MEMORY.id));
  const total = track.lessons.reduce((n, l) => n + l.exercises.length, 0);
  await expect(home.trackProgress(1, total)).toBeVisible();
});

test('a deep link opens its lesson directly', async ({ page }) => {
  const pin = lessons.find((l) => l.id === 'pin-actions-to-commit-shas');
  await page.goto('/lesson/pin-actions-to-commit-shas');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(pin.title);
});

test('hints are revealed one at a time', async ({ page }) => {
  const quiz = exercisesOfKind(MEMORY.id, 'quiz')[0];
  const lessonPage = new LessonPage(page);
  await lessonPage.goto(MEMORY.id, MEMORY.title);
  const exercise = lessonPage.exercise(quiz.title);
  const button = lessonPage.hintButton(quiz.title);
  const total = quiz.hints.length;
  expect(total, 'this test needs an exercise with at least two hints').toBeGreaterThan(1);

  for (const [i, hint] of quiz.hints.entries()) {
    await expect(exercise.getByText(`Hint ${i + 1} of ${total}`)).toHaveCount(0);
    await button.click();
    await expect(exercise.getByText(`Hint ${i + 1} of ${total}`)).toBeVisible();
    await expect(lessonPage.hint(quiz.title, hint)).toBeVisible();
    // Not the next one yet.
    if (i + 1 < total) await expect(lessonPage.hint(quiz.title, quiz.hints[i + 1])).toHaveCount(0);
  }
  // After the last hint the button is gone or disabled.
  await expect
    .poll(async () => (await button.count()) === 0 || (await button.isDisabled()), {
      message: '"Show a hint" should be disabled or gone after the last hint',
    })
    .toBe(true);
});

test('a spot exercise grades the marked lines', async ({ page }) => {
  const spot = exercisesOfKind(MEMORY.id, 'spot')[0];
  const vulnerable = spot.spec.spec.vulnerable.map((v) => v.line).sort((a, b) => a - b);
  expect(vulnerable.length, 'this test needs at least two vulnerable lines').toBeGreaterThan(1);
  const lessonPage = new LessonPage(page);
  await lessonPage.goto(MEMORY.id, MEMORY.title);
  const lineCount = spot.spec.spec.lines_html.length;
  await expect(lessonPage.exercise(spot.title).getByRole('checkbox')).toHaveCount(lineCount);

  // One line found, one missed: not yet, with the found line's feedback.
  const [first, ...rest] = vulnerable;
  await lessonPage.markLines(spot.title, [first]);
  await lessonPage.check(spot.title);
  await lessonPage.expectNotYet(spot.title);
  await expect(lessonPage.feedback(spot.title, spot.spec.spec.vulnerable.find((v) => v.line === first).feedback)).toBeVisible();

  await lessonPage.markLines(spot.title, rest);
  await lessonPage.check(spot.title);
  await lessonPage.expectPassed(spot.title, spot.points);
  await expect(lessonPage.line(spot.title, first)).toBeChecked();
});

test('an unknown address shows the not-found page', async ({ page }) => {
  await page.goto('/no/such/page');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
  await page.getByRole('link', { name: 'Go to the start' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(manifest.title);
  await expect(page).toHaveURL(/\/$/);
});
