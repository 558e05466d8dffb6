// site_troubleshooter's browser part (troubleshooter_test.py exports the
// site and runs this): Debian's Chromium, headless, driven by
// playwright-core, on a flow's page opened from file://.
//
//   node troubleshooter.mjs PAGE
//
// With JavaScript: axe-core reports no violation on the first step and on
// "contact support"; only step 1 shows at first; answering shows one step at
// a time, to a fix article's page, and to "contact support", whose mailto:
// body holds the answers given, which stay visible above it. Without
// JavaScript: the same answers lead to the same steps and ends, and the
// mailto: names the flow.
//
// Prints every failure with what it found; exits 1 when there is one.

import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const axePath = require.resolve('axe-core/axe.min.js');

const [pagePath] = process.argv.slice(2);
if (!pagePath) {
  console.error('usage: node troubleshooter.mjs PAGE');
  process.exit(2);
}
const url = pathToFileURL(pagePath).href;
const failures = [];
function fail(where, text) {
  failures.push(`${where}: ${text}`);
  console.log(`FAIL ${where}: ${text}`);
}

// The ids of the troubleshooter's steps and ends that show.
function shown() {
  return [...document.querySelectorAll('.troubleshooter .flow-step')]
    .filter((el) => el.checkVisibility())
    .map((el) => el.id);
}

async function axe(page, where) {
  await page.addScriptTag({ path: axePath });
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  for (const v of result.violations) {
    fail(where, `axe ${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  }
}

async function answer(page, step, text) {
  await page.locator(`#${step} .flow-answers a`, { hasText: text }).first().click();
  await page.waitForTimeout(50);
}

async function expectShown(page, where, ids) {
  const got = await page.evaluate(shown);
  if (JSON.stringify(got) !== JSON.stringify(ids)) {
    fail(where, `shows ${JSON.stringify(got)}, expected ${JSON.stringify(ids)}`);
  }
}

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
try {
  for (const javaScript of [true, false]) {
    const mode = javaScript ? 'with JavaScript' : 'without JavaScript';
    const context = await browser.newContext({ javaScriptEnabled: javaScript, bypassCSP: true });
    const page = await context.newPage();
    await page.goto(url, { waitUntil: 'load' });
    if (javaScript) {
      await axe(page, `${mode}, step 1`);
    }
    await expectShown(page, `${mode}, at first`, ['step-1']);
    // Step 1 "yes" leads to step 2; its error leads to contact support.
    await answer(page, 'step-1', 'yes');
    await expectShown(page, `${mode}, after step 1 yes`, ['step-2']);
    await answer(page, 'step-2', 'error');
    await expectShown(page, `${mode}, after step 2 error`, ['contact']);
    const href = await page.locator('#contact a.flow-contact').getAttribute('href');
    const body = decodeURIComponent((href.split('body=')[1] || '').replace(/\+/g, ' '));
    if (!href.startsWith('mailto:servicedesk@northwind.example?subject=')) {
      fail(mode, `contact href ${href}`);
    }
    if (!body.includes('Printer not printing')) {
      fail(mode, `the mailto: body does not name the flow: ${body}`);
    }
    if (javaScript) {
      if (!body.includes('yes') || !body.includes('error') || !body.includes('Ready')) {
        fail(mode, `the mailto: body does not hold the path: ${body}`);
      }
      const path = await page.locator('.flow-path li').allTextContents();
      if (path.length !== 2 || !(await page.locator('.flow-path').isVisible())) {
        fail(mode, `the answers given do not show above the current step: ${JSON.stringify(path)}`);
      }
      await axe(page, `${mode}, contact`);
    }
    // Back to the start, then to a fix article.
    await page.goto(url, { waitUntil: 'load' });
    await answer(page, 'step-1', 'badge');
    if (!page.url().includes('follow-me-badge')) {
      fail(mode, `the fix answer leads to ${page.url()}`);
    }
    await context.close();
  }
} finally {
  await browser.close();
}
if (failures.length) {
  console.log(`${failures.length} failure(s)`);
  process.exit(1);
}
console.log('troubleshooter: all checks passed');
