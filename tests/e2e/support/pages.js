// Page objects for the flows several tests repeat. They find things the way
// a person using a screen reader would: by role, name and label.
import { expect } from '@playwright/test';
import { markdownText, textOf } from './course.js';

export class HomePage {
  constructor(page) {
    this.page = page;
    this.heading = page.getByRole('heading', { level: 1 });
  }

  async goto() {
    await this.page.goto('/');
    await expect(this.heading).toBeVisible();
  }

  lessonLink(title) {
    return this.page.getByRole('link', { name: title, exact: true });
  }

  /** The "N of M exercises passed" line of a track. */
  trackProgress(passed, total) {
    return this.page.getByText(`${passed} of ${total} exercises passed`);
  }
}

export class LessonPage {
  constructor(page) {
    this.page = page;
    this.heading = page.getByRole('heading', { level: 1 });
  }

  async goto(lessonId, title) {
    await this.page.goto(`/lesson/${lessonId}`);
    await expect(this.heading).toHaveText(title);
  }

  /** An exercise: a <section> named by its title. */
  exercise(title) {
    return this.page.getByRole('region', { name: title, exact: true });
  }

  /** A quiz option (radio button or checkbox), by its text. */
  option(exerciseTitle, optionText) {
    return this.exercise(exerciseTitle).getByLabel(optionText, { exact: true });
  }

  async answerQuiz(exerciseTitle, optionText) {
    await this.option(exerciseTitle, optionText).check();
  }

  /** A line of a spot exercise's listing. */
  line(exerciseTitle, n) {
    return this.exercise(exerciseTitle).getByLabel(`Line ${n}`, { exact: true });
  }

  async markLines(exerciseTitle, lines) {
    for (const n of lines) await this.line(exerciseTitle, n).check();
  }

  checkButton(exerciseTitle) {
    return this.exercise(exerciseTitle).getByRole('button', { name: 'Check', exact: true });
  }

  async check(exerciseTitle) {
    await this.checkButton(exerciseTitle).click();
  }

  /** The verdict: a status region saying "Passed" or "Not yet". */
  verdict(exerciseTitle) {
    return this.exercise(exerciseTitle).getByRole('status').filter({ hasText: /Passed|Not yet/ });
  }

  async expectPassed(exerciseTitle, points) {
    await expect(this.verdict(exerciseTitle)).toContainText('Passed');
    await expect(this.exercise(exerciseTitle)).toContainText(`Score: ${points} of ${points}`);
  }

  async expectNotYet(exerciseTitle) {
    await expect(this.verdict(exerciseTitle)).toContainText('Not yet');
    await expect(this.verdict(exerciseTitle)).not.toContainText('Passed');
    await expect(this.exercise(exerciseTitle)).toContainText(/Score: \d+ of \d+/);
  }

  /** Feedback text (written in Markdown) shown inside the exercise. */
  feedback(exerciseTitle, markdown) {
    return this.exercise(exerciseTitle).getByText(markdownText(markdown));
  }

  /** A revealed hint; `html` as the bundle holds it. */
  hint(exerciseTitle, html) {
    return this.exercise(exerciseTitle).getByText(markdownText(textOf(html)));
  }

  hintButton(exerciseTitle) {
    return this.exercise(exerciseTitle).getByRole('button', { name: 'Show a hint', exact: true });
  }

  /** Passes the exercise by picking all its correct options. */
  async passQuiz(ex, correct) {
    for (const o of correct) await this.answerQuiz(ex.title, o.label);
    await this.check(ex.title);
    await this.expectPassed(ex.title, ex.points);
  }
}

export class ProgressPage {
  constructor(page) {
    this.page = page;
    this.heading = page.getByRole('heading', { level: 1, name: 'Your progress' });
    this.exportButton = page.getByRole('button', { name: 'Export progress' });
    this.importInput = page.getByLabel('Import progress');
  }

  async goto() {
    await this.page.goto('/progress');
    await expect(this.heading).toBeVisible();
  }

  /** Clicks "Export progress" and saves the download to `file`. */
  async exportTo(file) {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.exportButton.click()]);
    expect(download.suggestedFilename()).toBe('rampart-progress.json');
    await download.saveAs(file);
    return download;
  }

  /** `files`: a path, or `{ name, mimeType, buffer }`. */
  async importFrom(files) {
    await this.importInput.setInputFiles(files);
  }
}

/** The raw localStorage value under `key`, or null. */
export function storageItem(page, key) {
  return page.evaluate((k) => window.localStorage.getItem(k), key);
}
