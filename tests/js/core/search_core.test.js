// The site's search engine (site/theme/assets/search-core.js) on a small
// hand-written index (fixture.js): number lists, each part of the query
// language it supports, the ranking formula of faqt-search(1) against a
// hand computation, spelling, filters, snippets, and which files it loads.
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const {engine, open, numbers, postings, docList, positions, writeIndex, stripped, assets} = require('./harness');
const fixture = require('./fixture');

const dir = fixture.write();
test.after(() => fs.rmSync(dir, {recursive: true, force: true}));

async function fresh() {
    const context = engine();
    const index = open(context, dir);
    await index.ready;
    return {context, index};
}

async function search(query, options) {
    const {index} = await fresh();
    // A copy made in this realm: deepEqual compares prototypes.
    const result = JSON.parse(JSON.stringify(await index.search(query, options)));
    return {index, result, docs: result.hits.map((h) => h.doc)};
}

function idf(df, n = 6) {
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}

function part(weight, df, combined, k1 = 9) {
    return weight * idf(df) * combined * (k1 + 1) / (k1 + combined);
}

function close(actual, expected) {
    assert.ok(Math.abs(actual - expected) < 1e-9 * Math.max(1, Math.abs(expected)),
              `score ${actual}, expected ${expected}`);
}

test('number lists decode as 5-bit groups, little-endian', () => {
    const {FaqtSearch} = engine();
    assert.deepEqual(Array.from(FaqtSearch.decodeNumbers('A')), [0]);
    assert.deepEqual(Array.from(FaqtSearch.decodeNumbers('f')), [31]);
    assert.deepEqual(Array.from(FaqtSearch.decodeNumbers('gB')), [32]);
    assert.deepEqual(Array.from(FaqtSearch.decodeNumbers('_f')), [1023]);
    assert.deepEqual(Array.from(FaqtSearch.decodeNumbers('ggB')), [1024]);
    const list = [0, 1, 31, 32, 1023, 1024, 32767, 32768, 1e6, 2 ** 40];
    assert.equal(numbers([32767]).length, 3);
    assert.deepEqual(Array.from(FaqtSearch.decodeNumbers(numbers(list))), list);
    assert.throws(() => FaqtSearch.decodeNumbers('A!B'));
});

test('without search-text.js the index refuses to open, naming the script', async () => {
    const context = engine({withoutText: true});
    const index = open(context, dir);
    await assert.rejects(index.ready, /search-text\.js/);
    assert.deepEqual(Array.from(index.loaded), []);
});

test('the scripts work the same without their comments and indentation', async () => {
    for (const name of ['search-text.js', 'search-core.js', 'search.js']) {
        const code = fs.readFileSync(path.join(assets, name), 'utf8');
        assert.ok(stripped(code).length < code.length * 0.8, name + ' has comments and indentation to strip');
        assert.doesNotThrow(() => new vm.Script(stripped(code), {filename: name}), name);
    }
    for (const query of ['printer', 'conection lost', '"connection lost" -café', 'wi-fi slow', 'how do i reset']) {
        const results = [];
        for (const strip of [false, true]) {
            const index = open(engine({strip}), dir);
            results.push(JSON.parse(JSON.stringify(await index.search(query))));
        }
        assert.ok(results[0].total > 0 || results[0].closest.length > 0, query);
        assert.deepEqual(results[1], results[0], query);
    }
});

test('version sort keys order like content/version_compare.cpp', () => {
    const {FaqtSearch} = engine();
    const key = FaqtSearch.versionSortKey;
    // tests/unit/content/version_compare_test.cpp's versions, oldest first.
    const versions = ['', '1', '1.0', '1.2', '1.2b', '1.10', '2', '2.0.1', '4.3', '4.3.0', '4.3.1', '4.10', '10',
                      '2024.2'];
    for (let i = 0; i + 1 < versions.length; i++) {
        assert.ok(FaqtSearch.compareKeys(key(versions[i]), key(versions[i + 1])) < 0,
                  `${versions[i]} before ${versions[i + 1]}`);
    }
    assert.equal(key('4.3.1'), '14\x0113\x0111\x01');
    assert.equal(key(''), '');
    assert.equal(key('v4.3'), key('4.3'));
    assert.equal(key('04.3'), key('4.3'));
    assert.equal(key(' 4.3 '), key('4.3'));
    assert.equal(key('7.2B'), key('7.2b'));
    assert.ok(key('4.10') > key('4.9'));
    assert.ok(key('7.2') < key('7.2b'));
    assert.ok(key('2024.2') > key('2023.12'));
});

test('keys compare by code point, not UTF-16 unit', () => {
    const {FaqtSearch} = engine();
    assert.ok(FaqtSearch.compareKeys('\uffff', '\u{1f600}') < 0);
    assert.ok(FaqtSearch.compareKeys('ab', 'abc') < 0);
    assert.equal(FaqtSearch.compareKeys('abc', 'abc'), 0);
});

test('Damerau-Levenshtein distance counts a swap as one edit', () => {
    const {FaqtSearch} = engine();
    assert.equal(FaqtSearch.editDistance('pasword', 'password', 2), 1);
    assert.equal(FaqtSearch.editDistance('connectoin', 'connection', 2), 1);
    assert.equal(FaqtSearch.editDistance('conectian', 'connection', 2), 2);
    assert.equal(FaqtSearch.editDistance('slpe', 'sleep', 2), 2);
    assert.ok(FaqtSearch.editDistance('printer', 'vpn', 2) > 2);
});

test('facets.js comes from the engine, only when asked for', async () => {
    const {index} = await fresh();
    assert.deepEqual(Array.from(index.loaded), ['index']);
    const facets = JSON.parse(JSON.stringify(await index.facets()));
    assert.deepEqual(facets.types, ['faq', 'howto', 'known-error']);
    assert.deepEqual(facets.categories, [['network', 'Network']]);
    assert.deepEqual(Array.from(index.loaded), ['index', 'facets']);
});

test('one word: the ranking formula of faqt-search(1) by hand', async () => {
    const {result, index} = await search('printer');
    assert.deepEqual(result.hits.map((h) => h.id), ['printing/offline']);
    // text 45, title 60, heading 30 (quantised by 64); df 1 of 6.
    const combined = 45 / 64 + 6 * 60 / 64 + 1.5 * 30 / 64;
    close(result.hits[0].score, part(1, 1, combined));
    assert.equal(result.total, 1);
    // Only the root, the word's shard and its document's chunk.
    assert.deepEqual(Array.from(index.loaded), ['index', 't-2', 'd-0']);
    const hit = result.hits[0];
    assert.equal(hit.title, 'Printer offline');
    assert.equal(hit.type, 'howto');
    assert.equal(hit.summary, 'The printer shows offline.');
    assert.ok(hit.url.endsWith('articles/printing/offline/index.html'));
    assert.ok(!hit.url.includes('search/'), hit.url);
});

test('stopwords rank but do not match; title pairs and the question bonus count', async () => {
    const {result} = await search('how to reset password');
    assert.deepEqual(result.hits.map((h) => h.doc), [0]);
    // how (stopword, df 1), to (stopword, df 4), reset, password (df 1).
    const how = part(0.2, 1, 20 / 64 + 6 * 40 / 64);
    const to = part(0.2, 4, 20 / 64 + 6 * 40 / 64);
    const reset = part(1, 1, 25 / 64 + 6 * 50 / 64);
    const password = part(1, 1, 30 / 64 + 6 * 50 / 64);
    // "how to" (1, 2) and "to reset" (2, 3) are side by side in the title;
    // "reset password" (3, 5) is not.
    const pairs = 2 * (0.2 * idf(1) + 0.2 * idf(4)) / 2 + 2 * (0.2 * idf(4) + 1 * idf(1)) / 2;
    // Both content words: coordination 1; the title asks "how": × 1.1.
    close(result.hits[0].score, (how + to + reset + password + pairs) * 1.1);

    // "to" alone matches what it is in; next to a content word it matches nothing.
    const alone = await search('to');
    assert.deepEqual(alone.docs, [0, 1, 2, 3]);
    const withWord = await search('to printer');
    assert.deepEqual(withWord.docs, [3]);
});

test('coordination: the share of the query words a document has', async () => {
    const {result} = await search('reset printer');
    assert.deepEqual(result.hits.map((h) => h.doc).sort(), [0, 3]);
    const byDoc = Object.fromEntries(result.hits.map((h) => [h.doc, h.score]));
    close(byDoc[3], part(1, 1, 45 / 64 + 6 * 60 / 64 + 1.5 * 30 / 64) * Math.pow(0.5, 0.1));
    close(byDoc[0], part(1, 1, 25 / 64 + 6 * 50 / 64) * Math.pow(0.5, 0.1));
    assert.equal(result.hits[0].doc, 3);
});

test('codes weigh six times a word', async () => {
    const {result} = await search('0x80070005');
    assert.deepEqual(result.hits.map((h) => h.doc), [5]);
    close(result.hits[0].score, part(6, 1, 40 / 64 + 6 * 50 / 64));
});

test('a word not in the index finds its stem class', async () => {
    const {result} = await search('connecting');
    // connection (1, 4), connections (2), connected (4), the stem's title and heading terms.
    assert.deepEqual(result.hits.map((h) => h.doc).sort(), [1, 2, 4]);
    // Forms weigh 0.6; the stem's title term counts fully; idf from the most frequent form (df 2).
    const doc4 = 0.6 * (40 + 10) / 64 + 6 * 60 / 64 + 1.5 * 30 / 64;
    const byDoc = Object.fromEntries(result.hits.map((h) => [h.doc, h.score]));
    close(byDoc[4], part(1, 2, doc4));
    assert.equal(result.hits[0].doc, 4);
    assert.ok(result.terms.includes('connection'));
});

test('an accented word: the folded word and its exact form', async () => {
    const plain = await search('cafe');
    const accented = await search('café');
    assert.deepEqual(plain.docs, [2]);
    assert.deepEqual(accented.docs, [2]);
    assert.ok(accented.index.loaded.includes('fold'));
    assert.ok(!plain.index.loaded.includes('fold'));
    close(plain.result.hits[0].score, part(1, 1, 10 / 64));
    close(accented.result.hits[0].score, part(1, 1, (10 + 0.6 * 10) / 64));
    for (const found of [plain, accented]) {
        const snippet = found.result.hits[0].snippet;
        assert.deepEqual(snippet.highlights.map(([b, e]) => snippet.text.slice(b, e)), ['café']);
    }
});

test('synonyms: a one-word alternative counts for the word at 0.7', async () => {
    const {result} = await search('wifi');
    assert.deepEqual(result.hits.map((h) => h.doc), [2]);
    close(result.hits[0].score, part(1, 1, (30 + 0.7 * 20) / 64));
    assert.ok(result.terms.includes('wireless'));
});

test('synonyms: words said another way share the credit out', async () => {
    const {result, index} = await search('virtual private network');
    assert.deepEqual(result.hits.map((h) => h.doc), [1, 4]);
    // "vpn" stands for the three words: each has it at 0.7 / 3, in text and title.
    const vpn = (0.7 / 3) * 40 / 64 + 6 * (0.7 / 3) * 60 / 64;
    close(result.hits[0].score, 3 * part(1, 1, vpn));
    // The article with only "network" has a third of the words.
    close(result.hits[1].score, part(1, 1, 15 / 64) * Math.pow(1 / 3, 0.1));
    assert.ok(index.loaded.includes('t-1') && index.loaded.includes('t-2'));
});

test('hyphenated words: as a phrase or joined', async () => {
    const {result, index} = await search('wi-fi');
    assert.deepEqual(result.hits.map((h) => h.doc), [2]);
    assert.ok(index.loaded.includes('x-0') && index.loaded.includes('x-2'), index.loaded.join(' '));
});

test('phrases match words in order, one after the other', async () => {
    assert.deepEqual((await search('"connection lost"')).docs, [4]);
    assert.deepEqual((await search('"lost connection"')).docs, []);
    assert.deepEqual((await search('“connection lost”')).docs, [4]);
    // Words alone match both documents with "connection".
    assert.deepEqual((await search('connection lost')).docs.sort(), [1, 2, 4]);
});

test('excluded words take documents out', async () => {
    assert.deepEqual((await search('connection -sleep')).docs.sort(), [1, 2]);
    assert.deepEqual((await search('connection -"connection lost"')).docs.sort(), [1, 2]);
    assert.deepEqual((await search('connection -sle*')).docs.sort(), [1, 2]);
    // Only exclusions: every other document, by number.
    assert.deepEqual((await search('-connection')).docs, [0, 3, 5]);
});

test('required words: +word must be there', async () => {
    assert.deepEqual((await search('printer +offline')).docs, [3]);
    assert.deepEqual((await search('reset +offline')).docs, [3]);
});

test('filters: type, category, product', async () => {
    assert.deepEqual((await search('connection', {filters: {type: 'known-error'}})).docs.sort(), [1, 4]);
    assert.deepEqual((await search('connection', {filters: {type: 'Known_Error'}})).docs.sort(), [1, 4]);
    assert.deepEqual((await search('connection', {filters: {category: 'network/vpn'}})).docs, [1]);
    assert.deepEqual((await search('connection', {filters: {category: 'Network/'}})).docs.sort(), [1, 2, 4]);
    assert.deepEqual((await search('connection', {filters: {product: ' GlobalProtect '}})).docs, [1]);
    assert.deepEqual((await search('connection', {filters: {type: 'faq', product: 'GlobalProtect'}})).docs, []);
    // Filters alone list the documents by number.
    assert.deepEqual((await search('', {filters: {type: 'known-error'}})).docs, [1, 4, 5]);
    // Nothing at all: nothing.
    assert.equal((await search('')).result.total, 0);
});

test('version: known errors fixed at or before it are hidden', async () => {
    assert.deepEqual((await search('connection', {filters: {version: '4.3.1'}})).docs.sort(), [1, 2, 4]);
    assert.deepEqual((await search('connection', {filters: {version: '4.3.2'}})).docs.sort(), [2, 4]);
    assert.deepEqual((await search('connection', {filters: {version: 'v4.10'}})).docs.sort(), [2, 4]);
    assert.deepEqual((await search('connection', {filters: {version: '5.0.1'}})).docs.sort(), [2]);
});

test('typing: the last word is a prefix of indexed words', async () => {
    const typed = await search('pri', {typing: true});
    assert.deepEqual(typed.docs, [3]);
    const snippet = typed.result.hits[0].snippet;
    assert.deepEqual(snippet.highlights.map(([b, e]) => snippet.text.slice(b, e)), ['printer', 'printer', 'printer']);
    // A space ends the word; without typing it is a word of its own.
    assert.deepEqual((await search('pri ', {typing: true})).docs, []);
    assert.deepEqual((await search('pri')).docs, []);
    assert.deepEqual((await search('pri*')).docs, [3]);
    // With other words: those are words, the last a prefix.
    assert.deepEqual((await search('reset pas', {typing: true})).docs, [0]);
    // One letter is too short to stand for words.
    assert.deepEqual((await search('p', {typing: true})).docs, []);
});

test('spelling: an unknown word is corrected to the nearest, most frequent word', async () => {
    const one = await search('pasword');
    assert.deepEqual(one.docs, [0]);
    assert.deepEqual(one.result.corrections.map((c) => [c.from, c.to]), [['pasword', 'password']]);
    assert.equal(one.result.corrected, 'password');
    assert.ok(one.index.loaded.includes('sp-pa') && one.index.loaded.includes('ss-rd'));

    const swapped = await search('reset connectoin');
    assert.equal(swapped.result.corrected, 'reset connection');

    // Distance 2 only from nine letters.
    assert.equal((await search('conectian')).result.corrected, 'connection');
    assert.equal((await search('conectin')).result.corrected, '');

    // Two unknown words and no known one: another language, left alone.
    const two = await search('pasword printr');
    assert.deepEqual(two.result.corrections, []);
    // Codes and ALL-CAPS words are never corrected.
    assert.deepEqual((await search('PASWORD')).result.corrections, []);
});

test('correct: false searches the words as typed and suggests the correction', async () => {
    const typed = await search('pasword', {correct: false});
    assert.deepEqual(typed.docs, []);
    assert.equal(typed.result.corrected, '');
    assert.deepEqual(typed.result.corrections, []);
    assert.deepEqual(typed.result.suggested, [{from: 'pasword', to: 'password'}]);
    assert.equal(typed.result.didYouMean, 'password');

    const mixed = await search('reset connectoin', {correct: false});
    assert.equal(mixed.result.didYouMean, 'reset connection');
    assert.deepEqual(mixed.result.terms.includes('connection'), false);
    // Corrected, the same query finds what the suggestion would.
    const corrected = await search('reset connectoin');
    assert.deepEqual(corrected.result.suggested, []);
    assert.equal(corrected.result.didYouMean, '');
    assert.ok(corrected.result.terms.includes('connection'));
});

test('no results: the closest spelling words', async () => {
    const {result, index} = await search('slpe');
    assert.equal(result.total, 0);
    assert.deepEqual(Array.from(result.closest), ['sleep', 'slow']);
    // A missing spelling file is no words, not an error.
    const none = await search('zzzz');
    assert.deepEqual(Array.from(none.result.closest), []);
    assert.ok(none.index.loaded.includes('sp-zz'));
    assert.ok(index.loaded.includes('ss-pe'));
});

test('snippets: the window with the query words, each marked', async () => {
    const {result} = await search('printer');
    const snippet = result.hits[0].snippet;
    assert.equal(snippet.text,
                 'The printer shows offline. Turn the printer off and on. Check the printer cable.');
    assert.deepEqual(snippet.highlights, [[4, 11], [36, 43], [66, 73]]);

    const code = (await search('0x80070005')).result.hits[0].snippet;
    assert.ok(code.text.startsWith('\u2026'), code.text);
    assert.ok(code.text.length <= 162, code.text.length);
    assert.deepEqual(code.highlights.map(([b, e]) => code.text.slice(b, e)), ['0x80070005']);

    // Other forms of the word are marked too.
    const forms = (await search('connecting')).result.hits.find((h) => h.doc === 4).snippet;
    assert.deepEqual(forms.highlights.map(([b, e]) => forms.text.slice(b, e)), ['connection', 'connection']);
});

test('each file loads once, and only what a query needs', async () => {
    const {index} = await fresh();
    await index.search('printer');
    await index.search('printer offline');
    await index.search('reset');
    const loaded = Array.from(index.loaded);
    assert.equal(new Set(loaded).size, loaded.length);
    assert.deepEqual(loaded, ['index', 't-2', 'd-0', 't-1']);
    // Phrases read positions; words do not.
    assert.ok(!loaded.some((n) => n.startsWith('x-')));
    await index.search('"connection lost"');
    assert.deepEqual(Array.from(index.loaded).filter((n) => n.startsWith('x-')), ['x-0', 'x-1']);
});

test('paging: offset and limit over the ranked list', async () => {
    const all = (await search('connection')).result;
    const second = (await search('connection', {offset: 1, limit: 1})).result;
    assert.equal(second.total, 3);
    assert.deepEqual(second.hits.map((h) => h.doc), [all.hits[1].doc]);
});

test('a missing root rejects ready', async () => {
    const context = engine();
    const index = open(context, dir + '-missing');
    await assert.rejects(index.ready);
});

test('the default loader: a script element per file, a failed one is no data', async () => {
    const context = engine();
    const added = [];
    // Just enough of a page: appending a script runs its file, or fails.
    const head = {
        appendChild(script) {
            added.push(script.src);
            setImmediate(() => {
                let code;
                try {
                    code = fs.readFileSync(script.src, 'utf8');
                } catch (e) {
                    script.onerror();
                    return;
                }
                vm.runInContext(code, context);
                script.onload();
            });
        },
    };
    context.document = {head, createElement: () => ({parentNode: {removeChild() {}}})};
    const index = context.FaqtSearch.open(dir + path.sep);
    await index.ready;
    const result = await index.search('slpe');
    assert.deepEqual(Array.from(result.closest), ['sleep', 'slow']);
    assert.ok(added.includes(path.join(dir, 'index.js')));
    assert.ok(added.every((src) => src.startsWith(dir + path.sep) && src.endsWith('.js')));
    assert.equal(new Set(added).size, added.length);
    // sp-sl exists; ss-pe does not and counts as no words.
    assert.ok(added.includes(path.join(dir, 'ss-pe.js')));
});

test('a split posting list is read from its parts, each from an absolute doc number', async () => {
    const files = fixture.files();
    files['t-2'].printer.t = ['t-2a', 't-2b'];
    files['t-2'].printer.df = 2;
    files['t-2a'] = postings([[1, 5]]);
    files['t-2b'] = postings([[3, 45]]);
    const split = writeIndex(files);
    try {
        const index = open(engine(), split);
        const result = JSON.parse(JSON.stringify(await index.search('printer')));
        assert.deepEqual(result.hits.map((h) => h.doc), [3, 1]);
        close(result.hits[1].score, part(1, 2, 5 / 64));
        assert.deepEqual(Array.from(index.loaded).slice(0, 4), ['index', 't-2', 't-2a', 't-2b']);
    } finally {
        fs.rmSync(split, {recursive: true, force: true});
    }
});

// Every list field of a term entry may be split into parts, each part a list
// from an absolute doc number, parts in doc order; df and dfS are hints only.
test('any list field split into parts answers as the whole list', async (t) => {
    const encode = {t: postings, S: postings, H: postings, I: postings, e: postings, p: positions, b: docList};
    const cases = [
        {key: 'connection', field: 't', query: 'connection'},
        {key: 'to', field: 't', query: 'reset to', hint: 99},  // a stale hint: the parts count
        {key: 'connection', field: 't', query: 'conn', options: {typing: true}},
        {key: 'printer', field: 'S', query: 'printer', hint: 7},
        {key: 'connect', field: 'H', query: 'connection'},
        {key: 'offline', field: 'I', query: 'offline'},
        {key: 'drops', field: 'p', query: 'vpn drops'},
        {key: '#type:known-error', field: 'b', query: 'connection', options: {filters: {type: 'known-error'}}},
        {key: 'cafe', field: 'e', form: 'café', query: 'café'},
    ];
    const shardOf = (key) => (key >= 'p' ? 2 : key >= 'h' ? 1 : 0);
    const answer = async (files, c) => {
        const dir = writeIndex(files);
        try {
            const index = open(engine(), dir);
            const r = JSON.parse(JSON.stringify(await index.search(c.query, c.options || {})));
            return {r: {total: r.total, hits: r.hits.map((h) => [h.doc, h.score]), terms: r.terms},
                    loaded: Array.from(index.loaded)};
        } finally {
            fs.rmSync(dir, {recursive: true, force: true});
        }
    };
    for (const c of cases) {
        await t.test(`${c.key} ${c.field}${c.form ? ' ' + c.form : ''}`, async () => {
            const whole = await answer(fixture.files(), c);
            // The field matters to the query: without it the answer differs.
            const without = fixture.files();
            const entryOf = (files) => files['t-' + shardOf(c.key)][c.key];
            if (c.form) {
                delete entryOf(without).e[c.form];
            } else {
                delete entryOf(without)[c.field];
            }
            assert.notDeepEqual((await answer(without, c)).r, whole.r);

            const raw = c.form ? fixture.terms[c.key].e[c.form] : fixture.terms[c.key][c.field];
            const half = Math.ceil(raw.length / 2);
            const pieces = raw.length > 1 ? [raw.slice(0, half), raw.slice(half)] : [raw];
            const names = pieces.map((_, i) => `t-${shardOf(c.key)}-${c.field}${i}`);
            const split = fixture.files();
            names.forEach((name, i) => {
                split[name] = encode[c.field](pieces[i]);
            });
            if (c.form) {
                entryOf(split).e[c.form] = names;
            } else {
                entryOf(split)[c.field] = names;
            }
            if (c.hint !== undefined) {
                entryOf(split)[c.field === 'S' ? 'dfS' : 'df'] = c.hint;
            }
            const parted = await answer(split, c);
            assert.deepEqual(parted.r, whole.r);
            names.forEach((name) => assert.ok(parted.loaded.includes(name), `${name} loaded`));
        });
    }
});
