// node axe-check.mjs PAGE.html...  -> JSON on stdout: the axe-core violations of each page
// (WCAG 2.0 and 2.1, levels A and AA), checked in headless Chromium.
// The pages forbid scripts (CSP); only this run bypasses the policy, to inject axe itself.
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { fileUrl, openContext } from './browser.mjs';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: node axe-check.mjs PAGE.html...');
  process.exit(2);
}
const { context, close } = await openContext({ bypassCSP: true });
const results = [];
try {
  for (const [index, file] of files.entries()) {
    // Each page twice: as on a desktop and as on a phone (the tables reflow there).
    for (const width of [1280, 390]) {
      const page = await context.newPage();
      await page.setViewportSize({ width, height: 900 });
      await page.goto(fileUrl(resolve(file)), { waitUntil: 'load' });
      await page.addScriptTag({ path: axePath });
      const outcome = await page.evaluate(async (tags) => {
        const run = await window.axe.run(document, { runOnly: { type: 'tag', values: tags } });
        return {
          passes: run.passes.length,
          incomplete: run.incomplete.map((rule) => rule.id),
          violations: run.violations.map((rule) => ({
            id: rule.id,
            impact: rule.impact,
            help: rule.help,
            nodes: rule.nodes.map((node) => ({ target: node.target, summary: node.failureSummary })),
          })),
        };
      }, TAGS);
      results.push({ file: files[index], width, axe: await page.evaluate(() => window.axe.version), ...outcome });
      await page.close();
    }
  }
} finally {
  await close();
}
process.stdout.write(JSON.stringify({ tags: TAGS, pages: results }, null, 2) + '\n');
