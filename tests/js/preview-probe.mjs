// node preview-probe.mjs URL  -> opens URL in headless Chromium, then answers commands, one JSON object a
// line on stdin, with one JSON line each on stdout (so the test can edit files between them):
//   {"wait": TEXT, "timeout": MS}   until the page's text contains TEXT (reloads are followed)
//   {"gone": TEXT, "timeout": MS}   until it no longer does
//        -> {"ok": bool, "ms": time taken, "title", "text"}
//   {"state": true}   -> {"title", "text", "scripts", "loads", "csp", "console", "errors", "requests"}
//   {"shot": PATH, "width": W, "height": H, "full": bool}   a screenshot -> {"ok": true, "path"}
//   {"quit": true}    closes the browser and ends.
// Nothing here bypasses the page's policy: the reload script the preview adds must pass it.
import { createInterface } from 'node:readline';
import { openContext } from './browser.mjs';

const [url] = process.argv.slice(2);
if (!url) {
  console.error('usage: node preview-probe.mjs URL   (commands on stdin)');
  process.exit(2);
}

function recordViolations() {
  window.__csp = [];
  document.addEventListener('securitypolicyviolation', (event) => {
    window.__csp.push({ directive: event.violatedDirective, blocked: event.blockedURI });
  });
}

const sleep = (ms) => new Promise((done) => setTimeout(done, ms));
const { context, close } = await openContext();
const page = await context.newPage();
const seen = { loads: 0, console: [], errors: [], requests: [], csp: [] };
page.on('load', () => { seen.loads += 1; });
page.on('console', (message) => seen.console.push(`${message.type()}: ${message.text()}`));
page.on('pageerror', (error) => seen.errors.push(String(error)));
page.on('request', (request) => seen.requests.push(request.url()));
await context.addInitScript(recordViolations);

// The page reloads itself: between a navigation and the next load there is no page to read.
async function read() {
  try {
    return await page.evaluate(() => {
      return {
        title: document.title,
        text: document.body ? document.body.innerText : '',
        scripts: document.scripts.length,
        csp: window.__csp || [],
      };
    });
  } catch {
    return null;
  }
}

async function waitFor(text, present, timeout) {
  const start = Date.now();
  let last = null;
  for (;;) {
    const now = await read();
    if (now) last = now;
    if (now && now.text.includes(text) === present) {
      return { ok: true, ms: Date.now() - start, title: now.title, text: now.text };
    }
    if (Date.now() - start > timeout) {
      return { ok: false, ms: Date.now() - start, title: last?.title ?? null, text: last?.text ?? null };
    }
    await sleep(50);
  }
}

async function answer(command) {
  if ('wait' in command) return waitFor(command.wait, true, command.timeout ?? 2000);
  if ('gone' in command) return waitFor(command.gone, false, command.timeout ?? 2000);
  if ('state' in command) {
    const now = (await read()) ?? {};
    return { ...now, loads: seen.loads, console: seen.console, errors: seen.errors, requests: seen.requests };
  }
  if ('shot' in command) {
    await page.setViewportSize({ width: command.width ?? 1280, height: command.height ?? 900 });
    await page.screenshot({ path: command.shot, fullPage: Boolean(command.full) });
    return { ok: true, path: command.shot };
  }
  return { ok: false, error: `unknown command ${JSON.stringify(command)}` };
}

const say = (object) => process.stdout.write(JSON.stringify(object) + '\n');
try {
  await page.goto(url, { waitUntil: 'load' });
  say({ ok: true, url });
  for await (const line of createInterface({ input: process.stdin })) {
    if (!line.trim()) continue;
    const command = JSON.parse(line);
    if (command.quit) break;
    say(await answer(command));
  }
} finally {
  await close();
}
