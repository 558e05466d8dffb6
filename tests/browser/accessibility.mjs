// site_accessibility's browser part (accessibility_test.py exports the site
// and runs this): Debian's Chromium, headless, driven by playwright-core, on
// a few pages of an export opened from file://.
//
//   node accessibility.mjs SITE SCREENSHOTS
//
// On each page, in light and dark colour schemes, 1280 and 320 px wide:
// axe-core reports no violation, and a full-page screenshot goes to
// SCREENSHOTS/<page>-<width>-<scheme>.png. At 320 px no page of the export
// scrolls sideways (those and every other page). On each page at 1280 px: the first Tab reaches a visible skip
// link to an id of the page, and it and the next Tab stops show their focus
// (an outline or a box-shadow). An article printed shows no navigation and
// no search box, and still its heading and text.
//
// Prints every failure with what it found; exits 1 when there is one.

import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const axePath = require.resolve('axe-core/axe.min.js');
const chromiumPath = '/usr/bin/chromium';

// The pages checked: [name, path in the export, required].
const pages = [
  ['home', 'index.html', true],
  ['article', 'articles/accounts/account-locked/index.html', true],
  ['known-error', 'articles/network/vpn-drops/index.html', true],
  ['faq', 'faq/index.html', true],
  ['known-issues', 'known-issues/index.html', true],
  ['category', 'categories/network/vpn/index.html', true],
  ['404', '404.html', true],
  ['translation', 'vi/articles/network/vpn-drops/index.html', false],
];
const articles = ['article', 'known-error'];
const widths = [1280, 320];
const schemes = ['light', 'dark'];
const tabStops = 8;

const [site, screenshots] = process.argv.slice(2);
if (!site || !screenshots) {
  console.error('usage: node accessibility.mjs SITE SCREENSHOTS');
  process.exit(2);
}

const failures = [];
function fail(where, text) {
  failures.push(`${where}: ${text}`);
  console.log(`FAIL ${where}: ${text}`);
}

function describeViolations(violations) {
  const lines = [];
  for (const v of violations) {
    lines.push(`  ${v.id} (${v.impact}): ${v.help} [${v.helpUrl}]`);
    for (const node of v.nodes) {
      lines.push(`    at ${node.target.join(' ')}`);
      lines.push(`       ${node.html.replace(/\s+/g, ' ').slice(0, 240)}`);
      for (const summary of (node.failureSummary || '').split('\n').slice(1)) {
        lines.push(`       ${summary.trim()}`);
      }
    }
  }
  return lines.join('\n');
}

// What makes a narrow viewport scroll sideways: the outermost elements whose
// right edge passes it and that no scrolling or clipping ancestor holds in
// (an absolutely positioned one can escape an ancestor that is not
// positioned, as a visually hidden label inside a scrolling table can).
function widestElements(width) {
  const held = (el) => {
    const escapes = ['absolute', 'fixed'].includes(getComputedStyle(el).position);
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      const style = getComputedStyle(a);
      if (style.overflowX !== 'visible' && (!escapes || style.position !== 'static')) {
        return true;
      }
    }
    return false;
  };
  const passes = (el) => el.getBoundingClientRect().right > width + 0.5 && !held(el);
  const found = [];
  for (const el of document.body.querySelectorAll('*')) {
    const rect = el.getBoundingClientRect();
    if (rect.width > 0 && passes(el) && !passes(el.parentElement)) {
      const name = el.tagName.toLowerCase() + (el.id ? `#${el.id}` : '') +
        (el.classList.length ? `.${[...el.classList].join('.')}` : '');
      const position = getComputedStyle(el).position;
      found.push(`${name}${position === 'static' ? '' : ` (${position})`} at ${Math.round(rect.left)}–${Math.round(rect.right)} px`);
    }
  }
  const shown = [...new Set(found)];
  return shown.length > 6 ? [...shown.slice(0, 6), `${shown.length - 6} more`] : shown;
}

// Where focus is, whether it shows, and for a link to #id whether the id exists.
function focusState() {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) {
    return null;
  }
  const style = getComputedStyle(el);
  const rect = el.getBoundingClientRect();
  const href = el.getAttribute('href') || '';
  const onScreen = rect.width >= 1 && rect.height >= 1 && rect.right > 0 && rect.bottom > 0 &&
    rect.left < innerWidth && rect.top < innerHeight;
  const clipped = style.clip === 'rect(0px, 0px, 0px, 0px)' || style.clipPath === 'inset(50%)';
  return {
    html: el.outerHTML.replace(/\s+/g, ' ').slice(0, 160),
    tag: el.tagName.toLowerCase(),
    href,
    target: href.startsWith('#') && href.length > 1 ? !!document.getElementById(decodeURIComponent(href.slice(1))) : false,
    visible: onScreen && !clipped && el.checkVisibility({ opacityProperty: true, visibilityProperty: true }),
    outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0,
    boxShadow: style.boxShadow !== 'none',
  };
}

// The navigation and search elements, and whether each is displayed.
function navigationShown() {
  const selector = 'nav, [role="navigation"], [role="search"], form, input[type="search"]';
  return [...document.querySelectorAll(selector)].map((el) => ({
    html: el.outerHTML.replace(/\s+/g, ' ').slice(0, 120),
    shown: el.checkVisibility({ visibilityProperty: true }),
  }));
}

function contentShown() {
  const h1 = document.querySelector('main h1, h1');
  const main = document.querySelector('main');
  return {
    h1: !!h1 && h1.checkVisibility({ visibilityProperty: true }),
    main: !!main && main.checkVisibility({ visibilityProperty: true }) && main.innerText.trim().length > 0,
  };
}

async function keyboard(page, name) {
  const where = `${name} keyboard`;
  const first = await (async () => {
    await page.keyboard.press('Tab');
    return page.evaluate(focusState);
  })();
  if (!first) {
    fail(where, 'the first Tab focused nothing');
    return;
  }
  if (!(first.tag === 'a' && first.href.startsWith('#') && first.target)) {
    fail(where, `the first Tab stop is not a skip link to an id of the page: ${first.html}`);
  }
  if (!first.visible) {
    fail(where, `the skip link is not visible when focused: ${first.html}`);
  }
  if (name === 'home') {
    await page.screenshot({ path: path.join(screenshots, 'home-skip-link-focused.png') });
  }
  const stops = [first];
  for (let i = 1; i < tabStops; i++) {
    await page.keyboard.press('Tab');
    const state = await page.evaluate(focusState);
    if (!state) {
      break;
    }
    stops.push(state);
  }
  for (const stop of stops) {
    if (!stop.outline && !stop.boxShadow) {
      fail(where, `focus does not show (no outline, no box-shadow) on ${stop.html}`);
    }
  }
  if (stops.length < 3) {
    fail(where, `only ${stops.length} Tab stops from the top: the navigation cannot be reached by keyboard`);
  }
  // Enter on the skip link goes to its target.
  await page.keyboard.press('Shift+Tab');
  for (let i = stops.length - 1; i > 1; i--) {
    await page.keyboard.press('Shift+Tab');
  }
  const back = await page.evaluate(focusState);
  if (back && back.href === first.href && first.target) {
    await page.keyboard.press('Enter');
    const hash = await page.evaluate(() => location.hash);
    if (hash !== first.href) {
      fail(where, `Enter on the skip link did not go to ${first.href} (location.hash is '${hash}')`);
    }
  }
}

async function print(page, name, url) {
  const where = `${name} print`;
  await page.emulateMedia({ media: 'screen', colorScheme: 'light' });
  await page.goto(url, { waitUntil: 'load' });
  const screen = await page.evaluate(navigationShown);
  if (!screen.some((e) => e.shown)) {
    fail(where, 'no navigation or search box shown on screen, so printing proves nothing');
  }
  await page.emulateMedia({ media: 'print', colorScheme: 'light' });
  for (const e of await page.evaluate(navigationShown)) {
    if (e.shown) {
      fail(where, `printed, the page still shows ${e.html}`);
    }
  }
  const content = await page.evaluate(contentShown);
  if (!content.h1 || !content.main) {
    fail(where, `printed, the article's heading or text is gone (h1 shown: ${content.h1}, main shown: ${content.main})`);
  }
  await page.screenshot({ path: path.join(screenshots, `${name}-print.png`), fullPage: true });
  await page.emulateMedia({ media: 'screen' });
}

function htmlFiles(folder) {
  const found = [];
  for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) {
      found.push(...htmlFiles(full));
    } else if (/\.html?$/i.test(entry.name)) {
      found.push(full);
    }
  }
  return found.sort();
}

// Every other page of the export at the narrow width: none scrolls sideways.
// A fault of the theme shows on many pages: the first few are named.
async function narrowEverywhere(page, width, done) {
  const wide = [];
  const urls = htmlFiles(site).map((file) => pathToFileURL(file).href).filter((url) => !done.includes(url));
  for (const url of urls) {
    await page.emulateMedia({ media: 'screen', colorScheme: 'light' });
    await page.goto(url, { waitUntil: 'load' });
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    if (scrollWidth > width) {
      wide.push([url, scrollWidth, await page.evaluate(widestElements, width)]);
    }
  }
  for (const [url, scrollWidth, widest] of wide.slice(0, 5)) {
    fail(`${path.relative(site, fileURLToPath(url))} ${width}px`,
      `scrolls sideways: scrollWidth ${scrollWidth} > ${width}; wider: ${widest.join(', ')}`);
  }
  if (wide.length > 5) {
    const rest = wide.slice(5).map(([url]) => path.relative(site, fileURLToPath(url)));
    fail(`${rest.length} more pages`, `scroll sideways at ${width}px: ${rest.join(', ')}`);
  }
  console.log(`${urls.length} more pages at ${width}px: ${wide.length} scroll sideways`);
}

async function main() {
  fs.mkdirSync(screenshots, { recursive: true });
  for (const file of fs.readdirSync(screenshots)) {
    if (file.endsWith('.png')) {
      fs.rmSync(path.join(screenshots, file));
    }
  }
  const checked = [];
  for (const [name, file, required] of pages) {
    const full = path.join(site, file);
    if (fs.existsSync(full)) {
      checked.push([name, pathToFileURL(full).href]);
    } else if (required) {
      fail(name, `${file} is not in the export`);
    }
  }

  const browser = await chromium.launch({ executablePath: chromiumPath });
  try {
    for (const width of widths) {
      // The pages' Content-Security-Policy forbids inline scripts, axe-core's
      // too; site_no_external_requests loads them with it in force.
      const context = await browser.newContext({ viewport: { width, height: 900 }, bypassCSP: true });
      // Nothing leaves the machine: the pages are checked as they look
      // offline (site_no_external_requests reports what they ask for).
      await context.route(/^(?!file:|data:|blob:)/, (route) => route.abort('blockedbyclient'));
      const page = await context.newPage();
      page.on('pageerror', (error) => fail(`${page.url()}`, `script error: ${error.message}`));
      for (const [name, url] of checked) {
        for (const scheme of schemes) {
          const where = `${name} ${width}px ${scheme}`;
          await page.emulateMedia({ media: 'screen', colorScheme: scheme });
          await page.goto(url, { waitUntil: 'load' });
          await page.addScriptTag({ path: axePath });
          const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
          if (result.violations.length) {
            fail(where, `${result.violations.length} axe-core violations\n${describeViolations(result.violations)}`);
          }
          if (width <= 320) {
            const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
            if (scrollWidth > width) {
              const widest = await page.evaluate(widestElements, width);
              fail(where, `scrolls sideways: scrollWidth ${scrollWidth} > ${width}; wider: ${widest.join(', ')}`);
            }
          }
          await page.screenshot({ path: path.join(screenshots, `${name}-${width}-${scheme}.png`), fullPage: true });
        }
        if (width === widths[0]) {
          await page.emulateMedia({ media: 'screen', colorScheme: 'light' });
          await page.goto(url, { waitUntil: 'load' });
          await keyboard(page, name);
          if (articles.includes(name)) {
            await print(page, name, url);
          }
        }
      }
      if (width <= 320) {
        await narrowEverywhere(page, width, checked.map(([, url]) => url));
      }
      await context.close();
    }
  } finally {
    await browser.close();
  }
  console.log(`\nscreenshots: ${path.resolve(screenshots)} (<page>-<width>-<scheme>.png, <article>-print.png)`);
  if (failures.length) {
    console.log(`FAIL: ${failures.length} failures on ${checked.length} pages`);
    process.exit(1);
  }
  console.log(`PASS: ${checked.length} pages (${checked.map(([name]) => name).join(', ')}), ` +
    `${widths.length} widths, ${schemes.length} colour schemes: 0 violations`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
