// node page-probe.mjs OUT_DIR PAGE.html...  -> JSON on stdout, one entry per page:
//   requests      every URL the page asked for (the file itself should be the only one)
//   csp           Content-Security-Policy violations the page triggered (there should be none)
//   title, pwned  document.title and window.__pwned after load (injected scripts set them)
//   text          the text a reader sees (document.body.innerText)
//   probe         true when this script's own init script ran (so `pwned` is a real reading)
//   dom           what could run or load: scripts, images, frames, on* and style attributes, hrefs
//   widths        at 1280 and 390 px: document scroll width, a screenshot (OUT_DIR/NAME-W.png) and
//                 the names Chromium's accessibility tree gives every table and figure (what a
//                 screen reader announces), as [role, name]; and how each caption is laid out:
//                 the title's top against the label's bottom, both weights, the comma's width,
//                 the caption's bottom against the top of what it names
//   print         in print media: what follows each link (::after), thead display, row breaks
//   pdf           the page printed to A4 (OUT_DIR/NAME.pdf)
// The policy of the page is left on: nothing here bypasses it.
import { mkdirSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { fileUrl, openContext } from './browser.mjs';

const [outDir, ...files] = process.argv.slice(2);
if (!outDir || files.length === 0) {
  console.error('usage: node page-probe.mjs OUT_DIR PAGE.html...');
  process.exit(2);
}
mkdirSync(outDir, { recursive: true });

// Runs before any script of the page, through the DevTools protocol (not subject to the CSP).
function recordViolations() {
  window.__probe = true;
  window.__csp = [];
  document.addEventListener('securitypolicyviolation', (event) => {
    window.__csp.push({ directive: event.violatedDirective, blocked: event.blockedURI, sample: event.sample });
  });
}

function inspectPrint() {
  const distinct = (selector, property) =>
    [...new Set([...document.querySelectorAll(selector)].map((element) => getComputedStyle(element)[property]))];
  return {
    links: [...document.querySelectorAll('a[href]')].map((link) => ({
      href: link.getAttribute('href'),
      after: getComputedStyle(link, '::after').content,
    })),
    thead: distinct('thead', 'display'),
    rows: distinct('tr', 'breakInside'),
  };
}

function inspectDom() {
  const all = [...document.querySelectorAll('*')];
  const attributes = (test) => all.flatMap((element) =>
    [...element.attributes].filter(test).map((attr) => `${element.localName}[${attr.name}]`));
  return {
    scripts: document.scripts.length,
    images: document.images.length,
    embedded: document.querySelectorAll('iframe, frame, object, embed, video, audio, source, link, base, form').length,
    handlers: attributes((attr) => attr.name.startsWith('on')),
    styles: attributes((attr) => attr.name === 'style').filter((name) => name !== 'col[style]'),
    hrefs: [...document.querySelectorAll('[href]')].map((element) => element.getAttribute('href')),
  };
}

function captionLayout() {
  return [...document.querySelectorAll('caption, figcaption')].map((caption) => {
    const part = (name) => caption.querySelector(`.caption-${name}`);
    const box = (element) => element.getBoundingClientRect();
    const named = caption.localName === 'caption' ? caption.parentElement.querySelector('tbody')
      : caption.nextElementSibling;
    return {
      id: caption.id,
      labelBottom: box(part('label')).bottom,
      titleTop: box(part('title')).top,
      labelWeight: getComputedStyle(part('label')).fontWeight,
      titleWeight: getComputedStyle(part('title')).fontWeight,
      commaWidth: box(part('comma')).width,
      captionBottom: box(caption).bottom,
      namedTop: box(named).top,
    };
  });
}

// The browser's own accessible names (not a script's guess at them), read through the DevTools protocol.
async function accessibleNames(page) {
  const session = await page.context().newCDPSession(page);
  try {
    const { nodes } = await session.send('Accessibility.getFullAXTree');
    return nodes.filter((node) => !node.ignored && ['table', 'figure'].includes(node.role?.value))
      .map((node) => [node.role.value, node.name?.value ?? '']);
  } finally {
    await session.detach();
  }
}

const { context, close } = await openContext();
const pages = [];
try {
  await context.addInitScript(recordViolations);
  for (const file of files) {
    const name = basename(file).replace(/\.html?$/, '');
    const url = fileUrl(resolve(file));
    const page = await context.newPage();
    const requests = [];
    const console_ = [];
    const errors = [];
    page.on('request', (request) => requests.push(request.url()));
    page.on('console', (message) => console_.push(`${message.type()}: ${message.text()}`));
    page.on('pageerror', (error) => errors.push(String(error)));
    const entry = { file, url, widths: {} };
    for (const [width, height] of [[1280, 1600], [390, 1400]]) {
      await page.setViewportSize({ width, height });
      await page.goto(url, { waitUntil: 'load' });
      await page.waitForLoadState('networkidle');
      const png = join(outDir, `${name}-${width}.png`);
      await page.screenshot({ path: png });
      const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
      entry.widths[width] = {
        png, scrollWidth, names: await accessibleNames(page), captions: await page.evaluate(captionLayout),
      };
    }
    Object.assign(entry, await page.evaluate(() => ({
      title: document.title,
      pwned: window.__pwned === undefined ? null : String(window.__pwned),
      probe: window.__probe === true,
      text: document.body.innerText,
      csp: window.__csp || [],
    })));
    entry.dom = await page.evaluate(inspectDom);
    await page.emulateMedia({ media: 'print' });
    entry.print = await page.evaluate(inspectPrint);
    await page.emulateMedia({ media: null });
    entry.pdf = join(outDir, `${name}.pdf`);
    await page.pdf({ path: entry.pdf, format: 'A4', preferCSSPageSize: true, printBackground: true });
    entry.requests = requests;
    entry.console = console_;
    entry.errors = errors;
    pages.push(entry);
    await page.close();
  }
} finally {
  await close();
}
process.stdout.write(JSON.stringify({ pages }, null, 2) + '\n');
