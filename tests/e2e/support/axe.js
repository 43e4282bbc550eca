// axe-core, run on the page as it is, failing with a readable list.
import AxeBuilder from '@axe-core/playwright';
import { expect } from './fixtures.js';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21aa'];

/** Runs axe on the page as it is now and fails with a readable list of violations. */
export async function expectNoViolations(page, what) {
  const { violations } = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  // The first few nodes of each violation are enough to find the cause.
  const readable = violations.map((v) => {
    const nodes = v.nodes.slice(0, 5).map((n) => `  ${n.target.join(' ')}: ${n.failureSummary.replace(/\s+/g, ' ')}`);
    if (v.nodes.length > 5) nodes.push(`  …and ${v.nodes.length - 5} more`);
    return `${v.id} (${v.impact}): ${v.help}\n${nodes.join('\n')}`;
  });
  expect(readable, `axe violations on ${what}`).toEqual([]);
}

