// scripts/bench --search's browser part: the bytes a cold query loads.
//
//   node measure.mjs ORIGIN PAGE < QUERIES > RESULTS
//
// ORIGIN: the http:// address a server gives the exported site at (the
// bench runs python3 -m http.server); PAGE: the page's path with "{q}"
// where the query goes, e.g. "search.html?q={q}" for faqt or
// "pagefind-bench.html?q={q}" for Pagefind. QUERIES: one query a line.
// RESULTS: one JSON object a line: {"q", "files": [[path, bytes], ...],
// "results": N or null}.
//
// Each query gets a new browser context (an empty cache: a cold query) in
// Debian's Chromium, headless, with service workers blocked. Every response
// the page receives is counted with its body's length as served (raw: the
// server does not compress), in the order it arrived. The page is done when
// it sets document.documentElement.dataset.benchDone, or else (faqt's page
// says nothing) when no request has been in flight for a second, after the
// load event; requests after that would not be counted, so the quiet time
// is long against a local server.

import readline from 'node:readline';
import { chromium } from 'playwright-core';

const [origin, pageTemplate] = process.argv.slice(2);
if (!origin || !pageTemplate || !pageTemplate.includes('{q}')) {
  console.error('usage: node measure.mjs ORIGIN PAGE_WITH_{q} < QUERIES');
  process.exit(2);
}
const quietMs = 1000;

async function measure(browser, query) {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  const files = [];
  const pending = new Set();
  let lastActivity = Date.now();
  const bodies = [];
  page.on('request', (request) => {
    pending.add(request);
    lastActivity = Date.now();
  });
  const settle = (request) => {
    pending.delete(request);
    lastActivity = Date.now();
  };
  page.on('requestfailed', settle);
  page.on('requestfinished', settle);
  page.on('response', (response) => {
    const url = new URL(response.url());
    bodies.push(
      response
        .body()
        .then((body) => files.push([decodeURIComponent(url.pathname), body.length, response.status()]))
        .catch(() => files.push([decodeURIComponent(url.pathname), 0, response.status()])),
    );
  });
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  const url = origin.replace(/\/$/, '') + '/' + pageTemplate.replace('{q}', encodeURIComponent(query));
  await page.goto(url, { waitUntil: 'load' });
  let results = null;
  const deadline = Date.now() + 60000;
  for (;;) {
    const done = await page.evaluate(() => document.documentElement.dataset.benchDone || null);
    if (done !== null) {
      results = Number(done);
      break;
    }
    if (pending.size === 0 && Date.now() - lastActivity >= quietMs) {
      break;
    }
    if (Date.now() > deadline) {
      errors.push('no quiet second in 60 s');
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  // A done page may still be receiving a file it asked for (a fragment):
  // wait for what is in flight.
  while (pending.size && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await Promise.all(bodies);
  await context.close();
  return { q: query, files, results, errors };
}

async function main() {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
  try {
    const input = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
    for await (const line of input) {
      if (line.trim()) {
        process.stdout.write(JSON.stringify(await measure(browser, line.trim())) + '\n');
      }
    }
  } finally {
    await browser.close();
  }
}

main().catch((error) => {
  console.error(`measure.mjs: ${(error && error.stack) || error}`);
  process.exit(1);
});
