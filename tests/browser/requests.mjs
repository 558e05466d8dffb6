// site_no_external_requests's browser part (requests_test.py runs it after
// its static checks): every page of an export opened from file:// in Debian's
// Chromium, headless, with its Content-Security-Policy in force.
//
//   node requests.mjs SITE
//
// Every request the pages make is intercepted: one for anything but an
// existing file inside SITE (another host, a file outside the export, a
// missing file) is aborted and is a failure; so are WebSockets, script
// errors and console errors (a resource the page's own policy refuses, a
// file that does not load). Exits 1 when there is one.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const chromiumPath = '/usr/bin/chromium';

const [siteArg] = process.argv.slice(2);
if (!siteArg) {
  console.error('usage: node requests.mjs SITE');
  process.exit(2);
}
const site = fs.realpathSync(siteArg);

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

// Why url may not be loaded, or null when it is a file of the export.
function refusal(url) {
  if (url.startsWith('data:') || url.startsWith('blob:') || url === 'about:blank') {
    return null;
  }
  if (!url.startsWith('file:')) {
    return 'leaves the export';
  }
  let file;
  try {
    file = fileURLToPath(url.split('#')[0].split('?')[0]);
  } catch {
    return 'is not a file path';
  }
  const relative = path.relative(site, path.resolve(file));
  if (relative.startsWith('..') || path.isAbsolute(relative)) {
    return 'is a file outside the export';
  }
  if (!fs.existsSync(file)) {
    return 'is not a file of the export (missing)';
  }
  return null;
}

const failures = [];
let current = '';
function fail(text) {
  const where = path.relative(site, fileURLToPath(current)) || current;
  failures.push(`${where}: ${text}`);
  console.log(`FAIL ${where}: ${text}`);
}

async function main() {
  const pages = htmlFiles(site);
  if (!pages.length) {
    console.log(`FAIL: no .html file in ${site}`);
    process.exit(1);
  }
  const browser = await chromium.launch({ executablePath: chromiumPath });
  let requests = 0;
  try {
    const context = await browser.newContext({ serviceWorkers: 'block' });
    await context.route('**/*', async (route) => {
      const url = route.request().url();
      requests += 1;
      const why = refusal(url);
      if (why) {
        fail(`requests ${url} (${route.request().resourceType()}), which ${why}`);
        await route.abort('blockedbyclient');
      } else {
        await route.continue();
      }
    });
    const page = await context.newPage();
    page.on('websocket', (ws) => fail(`opens a WebSocket to ${ws.url()}`));
    page.on('pageerror', (error) => fail(`script error: ${error.message}`));
    page.on('console', (message) => {
      // The requests aborted above are reported already.
      if (message.type() === 'error' && !message.text().includes('ERR_BLOCKED_BY_CLIENT')) {
        fail(`console error: ${message.text()}`);
      }
    });
    for (const file of pages) {
      current = pathToFileURL(file).href;
      try {
        await page.goto(current, { waitUntil: 'load' });
        // Let scripts that run right after load make their requests (a
        // redirect page may be gone by then).
        await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 0)));
      } catch (error) {
        if (!/context was destroyed|navigation/i.test(error.message)) {
          fail(`does not load: ${error.message.split('\n')[0]}`);
        }
      }
    }
    await page.waitForTimeout(500);
    await context.close();
  } finally {
    await browser.close();
  }
  if (failures.length) {
    console.log(`FAIL: ${failures.length} failures on ${pages.length} pages (paths in ${site})`);
    process.exit(1);
  }
  console.log(`PASS: ${pages.length} pages loaded from file://, ${requests} requests, all to files of the export`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
