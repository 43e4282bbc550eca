// Hosting: a university's own site under a sub-path, the Content-Security-
// Policy, and offline use through the service worker. The university's site
// is built by `cargo xtask test` (step e2e-sites) from
// tests/fixtures/custom-course/rampart.toml and served under /northbridge/
// the way GitHub Pages serves a project site: unknown paths get 404.html.
import { cpSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect } from '../support/fixtures.js';
import { correctOptions, exercise, exercisesOfKind, lessons } from '../support/course.js';
import { LessonPage } from '../support/pages.js';
import { VerifyPage } from '../support/certificate.js';
import { expectNoViolations } from '../support/axe.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const NORTHBRIDGE = path.resolve(here, '..', '..', '..', 'target', 'e2e-sites', 'northbridge');

/** A JSON file of the university's built site. */
function northbridge(relative) {
  const file = path.join(NORTHBRIDGE, relative);
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`Could not read ${file} (${error.message}): run \`cargo xtask test --only e2e-sites\` first.`);
  }
}

/** The lesson `id` of the university's site, with its exercises. */
function northbridgeLesson(id) {
  const manifest = northbridge('course/manifest.json');
  const entry = manifest.tracks.flatMap((t) => t.lessons).find((l) => l.id === id);
  return northbridge(`course/${entry.path}`);
}

// The service worker is part of what is tested here.
test.use({ serviceWorkers: 'allow' });

/**
 * Chromium logs the 404 status of a page answered by 404.html as a console
 * error. That is how GitHub Pages serves deep links, so those lines (and only
 * those: a route, not a file) are expected here.
 */
function forgivePages404(problems) {
  const page404 = /status of 404 \(Not Found\) http:\/\/[^ ]+\/northbridge\/[a-z0-9/-]*$/;
  problems.splice(0, problems.length, ...problems.filter((p) => !page404.test(p)));
}

test.describe('a university site under a sub-path', () => {
  test('a deep link loads the app from 404.html with the host name, logo, colours and contact', async ({ page, problems }) => {
    const welcome = northbridgeLesson('northbridge-welcome');
    // GitHub Pages answers an unknown path with 404.html and status 404.
    const response = await page.goto('/northbridge/lesson/northbridge-welcome');
    expect(response.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(welcome.title);
    await expect(page).toHaveTitle(`${welcome.title} · Northbridge Secure Coding`);

    const brand = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Northbridge Secure Coding' });
    await expect(brand).toBeVisible();
    await expect(brand.locator('img')).toHaveAttribute('src', /\/northbridge\/logo-[0-9a-f]{16}\.svg$/);
    expect(await brand.locator('img').evaluate((img) => img.naturalWidth)).toBeGreaterThan(0);
    // Links take the host's accent colour (#7a1f3d).
    const link = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Progress' });
    await expect(link).toHaveCSS('color', 'rgb(122, 31, 61)');
    await expect(page.getByRole('contentinfo')).toContainText('Secure Coding Team');
    await expect(page.getByRole('link', { name: 'secure-coding@northbridge.example' })).toHaveAttribute(
      'href',
      'mailto:secure-coding@northbridge.example',
    );
    await expectNoViolations(page, 'a lesson of the university site');
    forgivePages404(problems);
  });

  test('navigation stays under the sub-path; only the chosen tracks show; grading works there', async ({ page, problems }) => {
    await page.goto('/northbridge/');
    await expect(page).toHaveTitle('Northbridge Secure Coding');
    const main = page.getByRole('main');
    await expect(main.getByRole('heading', { name: 'Northbridge essentials' })).toBeVisible();
    await expect(main.getByRole('heading', { name: 'Software supply chain' })).toBeVisible();
    await expect(main.getByRole('heading', { name: 'Memory safety', exact: true })).toHaveCount(0);

    const welcome = northbridgeLesson('northbridge-welcome');
    await main.getByRole('link', { name: welcome.title, exact: true }).click();
    await expect(page).toHaveURL(/\/northbridge\/lesson\/northbridge-welcome$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(welcome.title);

    // The C exercise grades in the worker, loaded from under the sub-path.
    const ex = welcome.exercises.find((e) => e.id === 'room-code-copy-fix');
    const lessonPage = new LessonPage(page);
    await lessonPage.exercise(ex.title).getByRole('textbox', { name: /Your program/ }).fill(ex.spec.spec.solution);
    await lessonPage.check(ex.title);
    await lessonPage.expectPassed(ex.title, ex.points);

    // A reload keeps the route and the progress.
    await page.reload();
    await expect(page).toHaveURL(/\/northbridge\/lesson\/northbridge-welcome$/);
    await expect(lessonPage.exercise(ex.title).getByRole('status').filter({ hasText: 'Passed earlier' })).toBeVisible();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Progress' }).click();
    await expect(page).toHaveURL(/\/northbridge\/progress$/);
    forgivePages404(problems);
  });
});

test.describe('Content-Security-Policy', () => {
  /** Collects CSP violation reports of every document the page opens. */
  async function watchViolations(page) {
    await page.addInitScript(() => {
      window.__violations = [];
      document.addEventListener('securitypolicyviolation', (e) =>
        window.__violations.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`),
      );
    });
    return () => page.evaluate(() => window.__violations);
  }

  test('the site runs with no violation: lessons, grading, the audit and verify pages', async ({ page }) => {
    const violations = await watchViolations(page);
    const ex = exercise('stack-buffer-overflows', 'greeting-stack-overflow-fix');
    const lessonPage = new LessonPage(page);
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    expect(await violations()).toEqual([]);

    await page.goto('/lesson/stack-buffer-overflows');
    await lessonPage.exercise(ex.title).getByRole('textbox', { name: /Your program/ }).fill(ex.spec.spec.solution);
    await lessonPage.check(ex.title);
    await lessonPage.expectPassed(ex.title, ex.points);
    expect(await violations()).toEqual([]);

    for (const route of ['/audit', '/verify', '/progress', '/certificate/memory-safety']) {
      await page.goto(route);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      expect(await violations(), route).toEqual([]);
    }
  });

  test('an injected inline script does not run and is reported', async ({ page, problems }) => {
    const violations = await watchViolations(page);
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.__injected = true;';
      document.body.append(script);
      const img = document.createElement('img');
      img.src = 'data:,';
      img.setAttribute('onerror', 'window.__handler = true');
      document.body.append(img);
    });
    await expect.poll(violations).toContainEqual(expect.stringMatching(/^script-src-(elem|attr) blocked inline/));
    expect(await page.evaluate(() => window.__injected)).toBeUndefined();
    expect(await page.evaluate(() => window.__handler)).toBeUndefined();
    // Chromium logs each refusal as a console error; those are the point here.
    const refusals = problems.filter((p) => /Content Security Policy/.test(p));
    expect(refusals.length).toBeGreaterThan(0);
    problems.splice(0, problems.length, ...problems.filter((p) => !/Content Security Policy/.test(p)));
  });

  test('every script and stylesheet carries Subresource Integrity', async ({ page }) => {
    await page.goto('/');
    const missing = await page.evaluate(() =>
      [...document.querySelectorAll('script[src], link[rel=stylesheet], link[rel=modulepreload]')]
        .filter((e) => !/^sha384-/.test(e.integrity))
        .map((e) => e.outerHTML),
    );
    expect(missing).toEqual([]);
    expect(await page.locator('script:not([src]):not([type="application/json"])').count()).toBe(0);
  });
});

test.describe('offline', () => {
  test('after the first visit, with the network cut, a lesson loads, an exercise grades, a certificate verifies', async ({
    page,
    context,
    problems,
  }) => {
    const ex = exercise('stack-buffer-overflows', 'greeting-stack-overflow-fix');
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    // The service worker is active once it has cached every file.
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });

    await context.setOffline(true);
    // A deep link, typed in: nothing of it was fetched before.
    await page.goto('/lesson/stack-buffer-overflows');
    const lessonPage = new LessonPage(page);
    await expect(lessonPage.exercise(ex.title)).toBeVisible();
    await lessonPage.exercise(ex.title).getByRole('textbox', { name: /Your program/ }).fill(ex.spec.spec.solution);
    await lessonPage.check(ex.title);
    await lessonPage.expectPassed(ex.title, ex.points);

    // Another lesson, typed in.
    await page.goto('/lesson/use-after-free');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

    // Verification runs in the cached worker; what needs the network says so.
    const credentialText = readFileSync(path.resolve(here, '..', 'fixtures', 'cli-issued', 'credential.json'), 'utf8');
    const statusUrl = JSON.parse(credentialText).credentialStatus.statusListCredential;
    const verify = new VerifyPage(page);
    await verify.goto();
    await verify.verifyText(credentialText);
    await expect(verify.result('signature')).toContainText('Pass', { timeout: 30_000 });
    await expect(verify.result('key belongs to issuer')).toContainText('Pass');
    await expect(verify.result('revocation')).toContainText('Not checked');
    await context.setOffline(false);
    // Chromium logs the failed fetch of the issuer's status list: expected offline.
    const offline = (p) => p.includes('ERR_INTERNET_DISCONNECTED') && p.includes(statusUrl);
    problems.splice(0, problems.length, ...problems.filter((p) => !offline(p)));
  });
});

test.describe('a new version', () => {
  const SITES = path.resolve(here, '..', '..', '..', 'target', 'e2e-sites');
  const DEPLOYED = path.resolve(here, '..', '.artifacts', 'update-site');

  /** Replaces what the server has under /update/ with a built site. */
  function deploy(version) {
    rmSync(DEPLOYED, { recursive: true, force: true });
    cpSync(path.join(SITES, version), DEPLOYED, { recursive: true });
  }

  test('is picked up on the next visit without losing progress, and then works offline', async ({ page, context }) => {
    const first = lessons[0];
    const quiz = exercisesOfKind(first.id, 'quiz')[0];
    const [right] = correctOptions(quiz);
    deploy('update-v1');
    await page.goto(`/update/lesson/${first.id}`);
    await expect(page).toHaveTitle(`${first.title} · Rampart`);
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    const lessonPage = new LessonPage(page);
    await lessonPage.answerQuiz(quiz.title, right.label);
    await lessonPage.check(quiz.title);
    await lessonPage.expectPassed(quiz.title, quiz.points);

    deploy('update-v2');
    const version = readFileSync(path.join(DEPLOYED, 'sw.js'), 'utf8').match(/const VERSION = '([0-9a-f]+)'/)[1];
    await page.reload();
    await expect(page).toHaveTitle(`${first.title} · Rampart, updated`);
    await lessonPage.expectPassed(quiz.title, quiz.points);
    await expect(lessonPage.option(quiz.title, right.label)).toBeChecked();
    // The new service worker replaces the old version's cache with its own…
    await expect
      .poll(() => page.evaluate(async () => (await caches.keys()).join(' ')), { timeout: 15_000 })
      .toBe(`rampart-${version}`);
    // …so offline, the new version is what loads.
    await context.setOffline(true);
    await page.goto('/update/progress');
    await expect(page).toHaveTitle('Your progress · Rampart, updated');
    await context.setOffline(false);
  });
});
