// site_search's browser part (search_test.py exports the site, serves it
// and runs this): the browser search of the export in Debian's Chromium,
// headless, driven by playwright-core, with the pages' Content-Security-
// Policy in force (axe-core's pages aside: it is injected).
//
//   node search.mjs SITE CONTACT_SITE HTTP_BASE ARTICLES_JSON CONTACT_URL
//
// SITE is opened from file:// and from HTTP_BASE (the same folder served);
// CONTACT_SITE is an export of the same KB with [site] contact_url set.
// ARTICLES_JSON says each article's type, categories, products and fixed_in
// (from the KB's front matter), so the filters' results can be checked.
// Prints every failure with what it found, and the index files each query
// loaded with their bytes; exits 1 when something failed.

import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const axePath = require.resolve('axe-core/axe.min.js');
const chromiumPath = '/usr/bin/chromium';

const [siteArg, contactArg, httpBase, factsPath, contactUrl] = process.argv.slice(2);
if (!siteArg || !contactArg || !httpBase || !factsPath || !contactUrl) {
  console.error('usage: node search.mjs SITE CONTACT_SITE HTTP_BASE ARTICLES_JSON CONTACT_URL');
  process.exit(2);
}
const site = fs.realpathSync(siteArg);
const contactSite = fs.realpathSync(contactArg);
const facts = JSON.parse(fs.readFileSync(factsPath, 'utf8'));
const fileBase = pathToFileURL(site).href + '/';

// The queries: [name, page (language folder), words, the article that must
// come first, words of it that must be in <mark> (folded: lower case, no
// accents), and whether the engine must have corrected a word].
const queries = [
  ['english', '', 'vpn disconnects', 'network/vpn-drops', ['vpn', 'disconnects'], false],
  ['error code', '', '0x800ccc0e', 'email/outlook-0x800ccc0e', ['0x800ccc0e'], false],
  ['typo', '', 'pasword reset', 'accounts/password-reset', ['password'], true],
  ['vietnamese', 'vi/', 'doi mat khau laptop', 'accounts/doi-mat-khau-tai-nha', ['mat', 'khau'], false],
  ['polish', 'pl/', 'zolty toner', 'printers/drukarka-zolty-toner', ['zolty', 'toner'], false],
];
// Two misspelt words: too many to correct, so no result, and close words.
const noResultsQuery = 'printr scannr';

const failures = [];
let checks = 0;
function check(ok, where, text) {
  checks += 1;
  if (!ok) {
    failures.push(`${where}: ${text}`);
    console.log(`FAIL ${where}: ${text}`);
  }
  return ok;
}

function fold(text) {
  return text.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/ł/g, 'l');
}

function articleId(href) {
  const match = /\/articles\/(.+)\/index\.html(?:[?#].*)?$/.exec(href);
  return match ? decodeURIComponent(match[1]) : null;
}

// The file of the export a URL of the page names (file:// or the server).
function exportFile(url, base, root) {
  const bare = url.split('#')[0].split('?')[0];
  if (bare.startsWith('file:')) {
    return fileURLToPath(bare);
  }
  if (bare.startsWith(base)) {
    return path.join(root, decodeURIComponent(bare.slice(base.length)));
  }
  return null;
}

function isSearchFile(url) {
  return /\/search\/[^/]+\.js$|\/assets\/search(-[a-z]+)?\.js$/.test(url.split('?')[0]);
}

// --- in the page ---

// The full results of search.html once they are there.
async function settled(page) {
  await page.waitForFunction(() => {
    const results = document.getElementById('search-results');
    return results && results.getAttribute('aria-busy') === 'false';
  }, null, { timeout: 20000 });
  return page.evaluate(() => ({
    hits: [...document.querySelectorAll('#search-results .search-hit')].map((li) => ({
      href: li.querySelector('h2 a').href,
      title: li.querySelector('h2 a').textContent,
      marks: [...li.querySelectorAll('mark')].map((m) => m.textContent),
      badges: [...li.querySelectorAll('.badge')].map((b) => b.className),
    })),
    status: document.getElementById('search-status').textContent,
    statusRole: document.getElementById('search-status').getAttribute('role'),
    correction: (document.querySelector('.search-correction') || {}).textContent || '',
    none: document.getElementById('search-status').textContent ===
      document.querySelector('form[data-s-no-results]').getAttribute('data-s-no-results').replace('{q}', new URLSearchParams(location.search).get('q')),
    closest: [...document.querySelectorAll('#search-results .search-closest a')].map((a) => a.getAttribute('href')),
    ask: [...document.querySelectorAll('#search-results .search-ask a')].map((a) => a.getAttribute('href')),
    search: location.search,
  }));
}

// What the engine itself answers, for the counts and closest words.
async function engine(page, query, options) {
  return page.evaluate(async ([q, o]) => {
    const form = document.querySelector('form.search-form[data-index]');
    const base = new URL(form.getAttribute('data-index'), location.href).href;
    const index = window.FaqtSearch.open(base);
    await index.ready;
    const result = await index.search(q, o);
    return { total: result.total, closest: result.closest || [], first: result.hits.length ? result.hits[0].id : null };
  }, [query, options || {}]);
}

async function popupSettled(page) {
  await page.waitForFunction(() => {
    const popup = document.querySelector('.search-popup');
    return popup && !popup.hidden && popup.getAttribute('aria-busy') === 'false';
  }, null, { timeout: 20000 });
  return page.evaluate(() => {
    const input = document.getElementById('q');
    return {
      options: [...document.querySelectorAll('#search-listbox [role=option]')].map((o) => ({
        id: o.id, href: o.getAttribute('data-href'), selected: o.getAttribute('aria-selected'),
        marks: [...o.querySelectorAll('mark')].map((m) => m.textContent),
      })),
      expanded: input.getAttribute('aria-expanded'),
      role: input.getAttribute('role'),
      controls: input.getAttribute('aria-controls'),
      active: input.getAttribute('aria-activedescendant'),
      live: (document.querySelector('form.search-form [role=status]') || {}).textContent || '',
    };
  });
}

function comboState(page) {
  return page.evaluate(() => {
    const input = document.getElementById('q');
    const popup = document.querySelector('.search-popup');
    return {
      value: input.value,
      expanded: input.getAttribute('aria-expanded'),
      active: input.getAttribute('aria-activedescendant'),
      selected: [...document.querySelectorAll('#search-listbox [aria-selected=true]')].map((o) => o.id),
      hidden: !popup || popup.hidden,
    };
  });
}

// --- the checks ---

function countPattern(total) {
  return new RegExp(`(^|\\D)${total}(\\D|$)`);
}

async function checkQueries(page, base, origin) {
  for (const [name, prefix, words, first, marked, corrected] of queries) {
    const where = `${origin} ${name} (${prefix}search.html?q=${words})`;
    await page.goto(`${base}${prefix}search.html?q=${encodeURIComponent(words)}`);
    const shown = await settled(page);
    check(shown.hits.length > 0, where, `no results (status: ${shown.status})`);
    if (!shown.hits.length) {
      continue;
    }
    check(articleId(shown.hits[0].href) === first, where,
      `first result is ${articleId(shown.hits[0].href)} (${shown.hits[0].title}), not ${first}`);
    check(shown.hits[0].href.startsWith(base + prefix + 'articles/'), where,
      `the first result links to ${shown.hits[0].href}, not to ${base}${prefix}articles/…`);
    const marks = shown.hits.flatMap((h) => h.marks).map(fold);
    for (const w of marked) {
      check(marks.some((m) => m.includes(w)), where, `no <mark> holds '${w}' (marks: ${JSON.stringify(marks.slice(0, 12))})`);
    }
    const answer = await engine(page, words);
    check(shown.statusRole === 'status' && countPattern(answer.total).test(shown.status), where,
      `the live region says '${shown.status}' (role ${shown.statusRole}), not the count ${answer.total}`);
    if (corrected) {
      check(shown.correction.length > 0, where, 'no "Showing results for" note for a misspelt word');
      // "Search instead for": the words as typed, no correction made.
      await page.click('.search-correction a');
      const typed = await settled(page);
      const asTyped = await engine(page, words, { correct: false });
      check(typed.correction === '', `${where} as typed`, `still corrected: '${typed.correction}'`);
      check(asTyped.total !== answer.total && countPattern(asTyped.total).test(typed.status), `${where} as typed`,
        `the live region says '${typed.status}', the words as typed find ${asTyped.total} (corrected ${answer.total})`);
      check((typed.hits.length ? articleId(typed.hits[0].href) : null) === asTyped.first, `${where} as typed`,
        `first result ${typed.hits.length ? articleId(typed.hits[0].href) : 'none'}, the engine's ${asTyped.first}`);
    }
  }
}

function factOf(href, lang) {
  const byLang = facts[articleId(href)] || {};
  return byLang[lang] || byLang.en || Object.values(byLang)[0] || null;
}

async function chooseFilter(page, id, value) {
  if (id === 'search-version') {
    await page.fill('#search-version', value);
  } else {
    await page.selectOption(`#${id}`, value);
  }
  return settled(page);
}

async function checkFilters(page, base, origin) {
  const where = `${origin} filters`;
  const requested = [];
  const onRequest = (request) => requested.push(request.url());
  page.on('request', onRequest);
  await page.goto(`${base}search.html?q=vpn`);
  const all = await settled(page);
  const allTotal = (await engine(page, 'vpn')).total;
  check(all.hits.length >= 3, where, `'vpn' finds only ${all.hits.length} articles: the filters prove nothing`);
  const visible = await page.evaluate(() => !document.getElementById('search-filters').hidden);
  check(visible, where, 'the filters stay hidden on search.html');
  // The filters' choices (facets.js) load when the panel is opened, not
  // for a query alone.
  const facetsLoaded = () => requested.some((u) => /\/search\/facets\.js$/.test(u.split('?')[0]));
  check(!(await facetsLoaded()), where, 'a query without filters loads facets.js');
  check(await page.evaluate(() => !document.getElementById('search-filters').open), where,
    'the filters are open before they are asked for');
  await page.click('#search-filters summary');
  await page.waitForFunction(() => document.querySelectorAll('#search-type option').length > 1, null, { timeout: 20000 });
  check(await facetsLoaded(), where, 'opening the filters filled them without loading facets.js');

  // Type.
  let shown = await chooseFilter(page, 'search-type', 'known-error');
  check(shown.hits.length > 0 && shown.hits.every((h) => factOf(h.href)?.type === 'known-error'), `${where} type`,
    `type=known-error shows ${shown.hits.map((h) => `${articleId(h.href)} (${factOf(h.href)?.type})`).join(', ') || 'nothing'}`);
  check(shown.hits.every((h) => h.badges.some((b) => b.includes('type-known-error'))), `${where} type`,
    'a known error has no known-issue badge');
  check(/[?&]type=known-error(&|$)/.test(shown.search), `${where} type`,
    `the address does not hold the filter: ${shown.search}`);
  const filteredTotal = (await engine(page, 'vpn', { filters: { type: 'known-error' } })).total;
  check(filteredTotal < allTotal, `${where} type`, `the filter left ${filteredTotal} of ${allTotal} results`);

  // Version: known errors fixed at or before it are hidden.
  shown = await chooseFilter(page, 'search-version', '4.3');
  check(shown.hits.some((h) => articleId(h.href) === 'network/vpn-drops'), `${where} version`,
    'version 4.3 hides network/vpn-drops, fixed in 4.3.1');
  shown = await chooseFilter(page, 'search-version', '4.3.1');
  check(!shown.hits.some((h) => articleId(h.href) === 'network/vpn-drops'), `${where} version`,
    'version 4.3.1 still shows network/vpn-drops, fixed in 4.3.1');
  await chooseFilter(page, 'search-version', '');
  await chooseFilter(page, 'search-type', '');

  // Category.
  shown = await chooseFilter(page, 'search-category', 'network/vpn');
  check(shown.hits.length > 0 && shown.hits.every((h) => factOf(h.href)?.categories.includes('network/vpn')), `${where} category`,
    `category=network/vpn shows ${shown.hits.map((h) => articleId(h.href)).join(', ') || 'nothing'}`);
  await chooseFilter(page, 'search-category', '');

  // Product: the option named as the KB names it.
  const product = await page.evaluate(() =>
    [...document.querySelectorAll('#search-product option')].find((o) => o.textContent === 'VPN Client')?.value);
  if (check(!!product, `${where} product`, 'no "VPN Client" among the product filter\'s options')) {
    shown = await chooseFilter(page, 'search-product', product);
    check(shown.hits.length > 0 && shown.hits.every((h) => factOf(h.href)?.products.includes('VPN Client')), `${where} product`,
      `product=VPN Client shows ${shown.hits.map((h) => articleId(h.href)).join(', ') || 'nothing'}`);
  }

  // The filters of the address apply on load.
  await page.goto(`${base}search.html?q=vpn&type=known-error&category=network`);
  shown = await settled(page);
  check(await page.evaluate(() => document.getElementById('search-filters').open), `${where} on load`,
    'the filters of the address are not shown open');
  const controls = await page.evaluate(() => [document.getElementById('search-type').value, document.getElementById('search-category').value]);
  check(controls[0] === 'known-error' && controls[1] === 'network', `${where} on load`, `the controls show ${controls}`);
  check(shown.hits.length > 0 && shown.hits.every((h) => factOf(h.href)?.type === 'known-error' && factOf(h.href)?.categories.includes('network')),
    `${where} on load`, `?type=known-error&category=network shows ${shown.hits.map((h) => articleId(h.href)).join(', ') || 'nothing'}`);
  page.off('request', onRequest);
}

async function checkNoResults(page, base, origin, withContact) {
  const where = `${origin} no results${withContact ? ' (contact_url set)' : ''}`;
  await page.goto(`${base}search.html?q=${noResultsQuery}`);
  const shown = await settled(page);
  check(shown.none && shown.hits.length === 0, where, `'${noResultsQuery}' shows ${shown.hits.length} results, and the status '${shown.status}'`);
  const answer = await engine(page, noResultsQuery);
  check(answer.closest.length > 0, where, `the engine offers no closest words for '${noResultsQuery}'`);
  const expected = answer.closest.map((w) => `search.html?q=${encodeURIComponent(w)}`);
  check(JSON.stringify(shown.closest) === JSON.stringify(expected), where,
    `closest words shown as ${JSON.stringify(shown.closest)}, the engine's are ${JSON.stringify(expected)}`);
  if (withContact) {
    check(shown.ask.length === 1 && shown.ask[0] === contactUrl, where, `the service desk link is ${JSON.stringify(shown.ask)}`);
  } else {
    check(shown.ask.length === 0, where, `a service desk link without contact_url: ${JSON.stringify(shown.ask)}`);
  }
}

async function checkTyping(page, base, origin) {
  const where = `${origin} typing on search.html`;
  await page.goto(`${base}search.html`);
  await page.waitForFunction(() => !document.getElementById('search-filters').hidden);
  await page.focus('#q');
  await page.keyboard.type('printer offline');
  const shown = await settled(page);
  check(shown.hits.some((h) => articleId(h.href) === 'printers/printer-offline'), where,
    `typing 'printer offline' does not show printers/printer-offline (${shown.hits.map((h) => articleId(h.href)).join(', ')})`);
  check(/[?&]q=printer(%20|\+)offline(&|$)/.test(shown.search), where, `the address is not updated: '${shown.search}'`);
  // Arrows go from the box through the results' links; Enter opens one.
  await page.keyboard.press('ArrowDown');
  const firstFocused = await page.evaluate(() => document.activeElement.href || '');
  check(firstFocused === shown.hits[0].href, where, `ArrowDown from the box focuses ${firstFocused || 'nothing'}, not the first result`);
  if (shown.hits.length > 1) {
    await page.keyboard.press('ArrowDown');
    const second = await page.evaluate(() => document.activeElement.href || '');
    check(second === shown.hits[1].href, where, `the second ArrowDown focuses ${second || 'nothing'}, not the second result`);
    await page.keyboard.press('ArrowUp');
  }
  await Promise.all([page.waitForURL((u) => u.href === shown.hits[0].href), page.keyboard.press('Enter')]);
  check(page.url() === shown.hits[0].href, where, `Enter on the first result went to ${page.url()}`);
  // Escape clears the box.
  await page.goto(`${base}search.html?q=vpn`);
  await settled(page);
  await page.focus('#q');
  await page.keyboard.press('Escape');
  const cleared = await settled(page);
  const value = await page.inputValue('#q');
  check(value === '' && cleared.hits.length === 0, where, `Escape leaves '${value}' and ${cleared.hits.length} results`);
}

async function checkDropdown(page, base, origin, loads) {
  const where = `${origin} search box on an article`;
  loads.length = 0;
  await page.goto(`${base}articles/accounts/account-locked/index.html`);
  await page.waitForTimeout(100);
  const early = loads.filter(isSearchFile).filter((u) => !/assets\/search\.js$/.test(u));
  check(early.length === 0, where, `the page loads search files before the box is used: ${early.join(', ')}`);
  await page.focus('#q');
  await page.waitForFunction(() => !!window.FaqtSearch, null, { timeout: 20000 });
  await page.keyboard.type('vpn');
  let state = await popupSettled(page);
  check(state.role === 'combobox' && state.controls === 'search-listbox', where,
    `the box is role=${state.role}, aria-controls=${state.controls}`);
  check(state.options.length >= 3, where, `${state.options.length} options under the box for 'vpn'`);
  check(state.expanded === 'true', where, `aria-expanded is ${state.expanded} with the list open`);
  check(state.options.some((o) => o.marks.some((m) => fold(m).includes('vpn'))), where, 'no option marks "vpn"');
  const answer = await engine(page, 'vpn', { typing: true });
  check(countPattern(answer.total).test(state.live), where, `the live region says '${state.live}', not the count ${answer.total}`);
  if (state.options.length < 3) {
    return;
  }
  await page.keyboard.press('ArrowDown');
  let combo = await comboState(page);
  check(combo.active === state.options[0].id && combo.selected.join() === state.options[0].id, where,
    `ArrowDown: active ${combo.active}, selected ${combo.selected}`);
  await page.keyboard.press('ArrowDown');
  combo = await comboState(page);
  check(combo.active === state.options[1].id, where, `the second ArrowDown: active ${combo.active}`);
  await page.keyboard.press('ArrowUp');
  combo = await comboState(page);
  check(combo.active === state.options[0].id, where, `ArrowUp: active ${combo.active}`);
  await page.keyboard.press('Escape');
  combo = await comboState(page);
  check(combo.hidden && combo.expanded === 'false' && combo.value === 'vpn', where,
    `the first Escape: hidden ${combo.hidden}, expanded ${combo.expanded}, value '${combo.value}'`);
  await page.keyboard.press('Escape');
  combo = await comboState(page);
  check(combo.value === '', where, `the second Escape leaves '${combo.value}' in the box`);
  // Enter opens the active option.
  await page.keyboard.type('vpn');
  state = await popupSettled(page);
  await page.keyboard.press('ArrowDown');
  const target = state.options[0].href;
  await Promise.all([page.waitForURL((u) => u.href === target), page.keyboard.press('Enter')]);
  check(articleId(page.url()) !== null && page.url() === target, where, `Enter went to ${page.url()}, not ${target}`);
  // Enter with no option chosen goes to the full results.
  await page.focus('#q');
  await page.keyboard.type('printer');
  await popupSettled(page);
  await Promise.all([page.waitForURL(/search\.html\?q=printer/), page.keyboard.press('Enter')]);
  const full = await settled(page);
  check(full.hits.length > 0, where, `Enter on 'printer' opened search.html with ${full.hits.length} results`);
}

// The index files each query loads from a fresh page, and their bytes.
async function measure(browser, base, root) {
  const rows = [];
  for (const [name, prefix, words] of [...queries, ['no results', '', noResultsQuery]]) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const loaded = [];
    page.on('requestfinished', (request) => {
      if (isSearchFile(request.url())) {
        loaded.push(request.url());
      }
    });
    await page.goto(`${base}${prefix}search.html?q=${encodeURIComponent(words)}`);
    await settled(page);
    const files = [...new Set(loaded)];
    let bytes = 0;
    const names = [];
    for (const url of files) {
      const file = exportFile(url, base, root);
      if (file && fs.existsSync(file)) {
        bytes += fs.statSync(file).size;
        names.push(path.relative(root, file));
      }
    }
    const index = names.filter((n) => /(^|\/)search\//.test(n));
    const indexBytes = index.reduce((sum, n) => sum + fs.statSync(path.join(root, n)).size, 0);
    rows.push([name, words, bytes, indexBytes, names]);
    await context.close();
  }
  // The same words typed a letter at a time into an article page's box.
  {
    const context = await browser.newContext();
    const page = await context.newPage();
    const loaded = [];
    page.on('requestfinished', (request) => {
      if (isSearchFile(request.url())) {
        loaded.push(request.url());
      }
    });
    await page.goto(`${base}articles/accounts/account-locked/index.html`);
    await page.focus('#q');
    await page.keyboard.type(queries[0][2], { delay: 60 });
    await popupSettled(page);
    const names = [...new Set(loaded)].map((url) => exportFile(url, base, root)).filter((f) => f && fs.existsSync(f));
    const bytes = names.reduce((sum, f) => sum + fs.statSync(f).size, 0);
    const index = names.filter((f) => /(^|\/)search\//.test(path.relative(root, f)));
    const indexBytes = index.reduce((sum, f) => sum + fs.statSync(f).size, 0);
    rows.push(['typed', queries[0][2], bytes, indexBytes, names.map((f) => path.relative(root, f))]);
    await context.close();
  }
  console.log('\nbytes per query (search.html?q=…, a fresh page; the engine\'s scripts and the index files it loaded;');
  console.log('"typed": the words typed into an article page\'s box, a letter every 60 ms, every query on the way):');
  for (const [name, words, bytes, indexBytes, names] of rows) {
    console.log(`  ${name.padEnd(11)} '${words}': ${bytes} bytes in ${names.length} files, of them the index ${indexBytes} bytes: ${names.join(' ')}`);
  }
  const pageRows = rows.filter((r) => r[0] !== 'typed');
  const mean = Math.round(pageRows.reduce((s, r) => s + r[3], 0) / pageRows.length);
  console.log(`  index bytes per search.html query, mean of ${pageRows.length}: ${mean}`);
}

async function axeCheck(page, where) {
  await page.addScriptTag({ path: axePath });
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  const lines = result.violations.map((v) => `  ${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join('; ')}`);
  check(result.violations.length === 0, where, `${result.violations.length} axe-core violations\n${lines.join('\n')}`);
}

async function checkAccessibility(browser, base) {
  for (const scheme of ['light', 'dark']) {
    for (const width of [1280, 320]) {
      const context = await browser.newContext({ viewport: { width, height: 900 }, bypassCSP: true, colorScheme: scheme });
      const page = await context.newPage();
      page.on('pageerror', (error) => check(false, page.url(), `script error: ${error.message}`));
      await page.goto(`${base}search.html?q=vpn`);
      await settled(page);
      await axeCheck(page, `search.html with results ${width}px ${scheme}`);
      const wide = await page.evaluate(() => document.documentElement.scrollWidth);
      check(wide <= width, `search.html ${width}px ${scheme}`, `scrolls sideways: ${wide} px`);
      await page.goto(`${base}articles/network/vpn-drops/index.html`);
      await page.focus('#q');
      await page.keyboard.type('vpn');
      await popupSettled(page);
      await page.keyboard.press('ArrowDown');
      await axeCheck(page, `article with the search list open ${width}px ${scheme}`);
      const wideOpen = await page.evaluate(() => document.documentElement.scrollWidth);
      check(wideOpen <= width, `article with the list open ${width}px ${scheme}`, `scrolls sideways: ${wideOpen} px`);
      await context.close();
    }
  }
}

async function main() {
  const browser = await chromium.launch({ executablePath: chromiumPath });
  try {
    for (const [origin, base, root] of [['file', fileBase, site], ['http', httpBase, site]]) {
      const context = await browser.newContext();
      // Nothing leaves the machine.
      await context.route((url) => !url.href.startsWith(base) && url.protocol !== 'data:', (route) => {
        check(false, origin, `a request outside the site: ${route.request().url()}`);
        return route.abort('blockedbyclient');
      });
      const page = await context.newPage();
      const loads = [];
      page.on('request', (request) => loads.push(request.url()));
      page.on('pageerror', (error) => check(false, `${origin} ${page.url()}`, `script error: ${error.message}`));
      page.on('console', (message) => {
        // A spelling file that does not exist is "no words" (the index format).
        if (message.type() === 'error' && !/Failed to load resource/.test(message.text())) {
          check(false, `${origin} ${page.url()}`, `console error: ${message.text()}`);
        }
      });
      const steps = [
        ['queries', () => checkQueries(page, base, origin)],
        ['filters', () => checkFilters(page, base, origin)],
        ['no results', () => checkNoResults(page, base, origin, false)],
        ['typing', () => checkTyping(page, base, origin)],
        ['search box', () => checkDropdown(page, base, origin, loads)],
      ];
      for (const [name, step] of steps) {
        try {
          await step();
        } catch (error) {
          check(false, `${origin} ${name}`, `stopped: ${error.message.split('\n')[0]}`);
        }
      }
      await context.close();
      void root;
    }
    const contactContext = await browser.newContext();
    const contactPage = await contactContext.newPage();
    try {
      await checkNoResults(contactPage, pathToFileURL(contactSite).href + '/', 'file', true);
    } catch (error) {
      check(false, 'contact_url', `stopped: ${error.message.split('\n')[0]}`);
    }
    await contactContext.close();
    try {
      await checkAccessibility(browser, fileBase);
    } catch (error) {
      check(false, 'axe-core', `stopped: ${error.message.split('\n')[0]}`);
    }
    await measure(browser, httpBase, site);
  } finally {
    await browser.close();
  }
  if (failures.length) {
    console.log(`FAIL: ${failures.length} of ${checks} checks`);
    process.exit(1);
  }
  console.log(`PASS: ${checks} checks, from file:// and ${httpBase}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
