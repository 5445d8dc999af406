// Launches Debian's Chromium headless through playwright-core, in a fresh profile of its own.
// Nothing here downloads a browser: the executable is the system one (CCM_CHROMIUM overrides).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.CCM_CHROMIUM || '/usr/bin/chromium';
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'];

/** Open a browser context in a new temporary --user-data-dir; `close()` removes the profile. */
export async function openContext(options = {}) {
  const profile = mkdtempSync(join(tmpdir(), 'ccm-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true, // playwright adds --headless
    args: FLAGS,
    viewport: { width: 1280, height: 900 },
    ...options,
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export function fileUrl(path) {
  return pathToFileURL(path).href;
}
