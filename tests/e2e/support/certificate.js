// Certificates: a finished track's progress built from the course bundle's
// reference solutions, and page objects for the certificate, print and
// verify pages. The bench (bench/grading.mjs) uses the same helpers.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from '@playwright/test';
import { lesson, manifest } from './course.js';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Where tests leave files for later steps (gitignored), e.g. for `rampart cert verify`. */
export const artifactsDir = path.resolve(here, '..', '.artifacts');

/** Writes `text` to `.artifacts/<name>` and returns the path. */
export function keepArtifact(name, text) {
  mkdirSync(artifactsDir, { recursive: true });
  const file = path.join(artifactsDir, name);
  writeFileSync(file, text);
  return file;
}

/** The reference solution of an exercise, as the app submits it (see rampart_grade::solution). */
export function solutionOf(ex) {
  const { kind, spec } = ex.spec;
  switch (kind) {
    case 'quiz':
      return { kind: 'quiz', selected: spec.options.filter((o) => o.correct).map((o) => o.id) };
    case 'spot':
      return { kind: 'spot', lines: spec.vulnerable.map((v) => v.line) };
    case 'c':
      return { kind: 'files', files: { [spec.file]: spec.solution } };
    default:
      // Every supply-chain kind edits one artifact file.
      return { kind: 'files', files: { [spec.files.file]: spec.files.solution } };
  }
}

/** Every exercise of `track` (a manifest track), in course order, with its lesson id. */
export function exercisesOf(track) {
  return track.lessons.flatMap((entry) => lesson(entry.id).exercises.map((ex) => ({ ...ex, lesson: entry.id })));
}

/** A progress export (as the Progress page writes it) with every exercise of `track` passed. */
export function passedTrackExport(track) {
  const exercises = {};
  for (const ex of exercisesOf(track)) {
    const answer = solutionOf(ex);
    exercises[ex.id] = {
      attempts: 1,
      passed: true,
      best_score: ex.points,
      max_score: ex.points,
      hints_used: 0,
      last: answer,
      passing: answer,
      passed_in: manifest.version,
    };
  }
  return JSON.stringify({ format: 'rampart-progress', schema: 1, course: manifest.version, progress: { schema: 1, exercises } }, null, 2);
}

/** The track used by certificate tests and the bench: the first one. */
export const certificateTrack = manifest.tracks[0];

export class CertificatePage {
  constructor(page, track = certificateTrack) {
    this.page = page;
    this.track = track;
    this.heading = page.getByRole('heading', { level: 1, name: `Certificate: ${track.title}` });
    this.name = page.getByLabel('Name to show on the certificate');
    this.getButton = page.getByRole('button', { name: 'Get my certificate' });
    this.link = page.getByLabel('Verification link');
    this.status = page.getByRole('status');
  }

  async goto() {
    await this.page.goto(`/certificate/${this.track.id}`);
    await expect(this.heading).toBeVisible();
  }

  /** Enters `name` and issues the certificate. */
  async issue(name) {
    await this.name.fill(name);
    await this.getButton.click();
    await expect(this.status.filter({ hasText: 'Your certificate is ready' })).toBeVisible();
  }

  /** Clicks the button named `name` and returns the download saved as text. */
  async download(name, file) {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.page.getByRole('button', { name }).click()]);
    await download.saveAs(file);
    return download;
  }
}

export class VerifyPage {
  constructor(page) {
    this.page = page;
    this.heading = page.getByRole('heading', { level: 1, name: 'Verify a certificate' });
    this.text = page.getByLabel('Credential (JSON)');
    this.file = page.getByLabel('Open a credential file');
    this.verifyButton = page.getByRole('button', { name: 'Verify', exact: true });
    this.report = page.getByRole('region', { name: 'Result' });
    this.summary = this.report.locator('.report-summary');
  }

  async goto(fragment = '') {
    await this.page.goto(`/verify${fragment}`);
    await expect(this.heading).toBeVisible();
  }

  /** The result cell ("Pass", "Fail", "Not checked") of the check titled `title`. */
  result(title) {
    return this.report
      .getByRole('row')
      .filter({ has: this.page.getByRole('rowheader', { name: title, exact: true }) })
      .getByRole('cell')
      .first();
  }

  /** The details cell of the check titled `title`. */
  details(title) {
    return this.report
      .getByRole('row')
      .filter({ has: this.page.getByRole('rowheader', { name: title, exact: true }) })
      .getByRole('cell')
      .nth(1);
  }

  async verifyText(text) {
    await this.text.fill(text);
    await this.verifyButton.click();
  }
}

/** Check titles that must pass for a self-issued credential (cert-spec decision 2). */
export const MUST_PASS = [
  'well-formed',
  'Open Badges 3.0 schema',
  'signature',
  'key belongs to issuer',
  'validity dates',
  'course version known',
  'evidence re-graded by the current graders',
];
