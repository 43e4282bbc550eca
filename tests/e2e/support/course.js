// The course as the site ships it (dist/course, written by
// `rampart course build`), so tests assert on the real titles, option texts,
// feedback and hints instead of copies that drift from the content.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const bundle = path.resolve(here, '..', '..', '..', 'dist', 'course');

function readJson(relative) {
  const file = path.join(bundle, relative);
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`Could not read ${file} (${error.message}): build the site with \`cargo xtask dist\` first.`);
  }
}

export const manifest = readJson('manifest.json');

/** Every lesson entry in course order, each with its track. */
export const lessons = manifest.tracks.flatMap((track) => track.lessons.map((entry) => ({ ...entry, track })));

/** The full lesson document (with its exercises) for `id`. */
export function lesson(id) {
  const entry = lessons.find((l) => l.id === id);
  if (!entry) throw new Error(`No lesson \`${id}\` in the course manifest.`);
  return readJson(entry.path);
}

/** The exercise `id` of lesson `lessonId`, with `title`, `hints`, and `spec`. */
export function exercise(lessonId, id) {
  const found = lesson(lessonId).exercises.find((e) => e.id === id);
  if (!found) throw new Error(`No exercise \`${id}\` in lesson \`${lessonId}\`.`);
  return found;
}

/** Text of rendered inline HTML, as a browser would compute an accessible name. */
export function textOf(html) {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * A pattern for text written in Markdown (feedback, hints), matching it
 * whether the app renders inline code or shows the backticks.
 */
export function markdownText(markdown) {
  const escaped = markdown
    .trim()
    .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    .replace(/`/g, '`?')
    .replace(/\s+/g, '\\s+');
  return new RegExp(escaped);
}

/** Option `id` of a quiz exercise, with its visible `label`. */
export function option(ex, id) {
  const found = ex.spec.spec.options.find((o) => o.id === id);
  if (!found) throw new Error(`No option \`${id}\` in exercise \`${ex.id}\`.`);
  return { ...found, label: textOf(found.text_html) };
}

export const correctOptions = (ex) => ex.spec.spec.options.filter((o) => o.correct).map((o) => option(ex, o.id));
export const wrongOptions = (ex) => ex.spec.spec.options.filter((o) => !o.correct).map((o) => option(ex, o.id));

/** Exercises of a lesson of one kind (`quiz` or `spot`), in lesson order. */
export const exercisesOfKind = (lessonId, kind) => lesson(lessonId).exercises.filter((e) => e.spec.kind === kind);
