// examples/helpdesk exported by the built faqt, searched by the engine as
// the site does, against `faqt search --public --lang en` on the same KB:
// the English queries of tests/relevance/queries.tsv should come first in
// both alike. Skipped without FAQT (the binary) or when the export writes
// no search index.
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const {execFileSync} = require('node:child_process');
const {engine, open} = require('./harness');

const source = path.resolve(__dirname, '../../..');
const faqt = process.env.FAQT;

function englishQueries() {
    const lines = fs.readFileSync(path.join(source, 'tests/relevance/queries.tsv'), 'utf8').split('\n');
    const out = [];
    let english = false;
    for (const line of lines) {
        if (line.startsWith('# ')) {
            english = line.startsWith('# English');
            continue;
        }
        if (english && line.includes('\t')) {
            out.push(line.split('\t')[0]);
        }
    }
    return out;
}

test('the exported index ranks like faqt search --public', {skip: !faqt && 'FAQT is not set'}, async (t) => {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'faqt-search-export-'));
    t.after(() => fs.rmSync(work, {recursive: true, force: true}));
    const kb = path.join(work, 'kb');
    fs.cpSync(path.join(source, 'examples/helpdesk'), kb, {recursive: true, filter: (p) => !p.includes('.faqt')});
    const site = path.join(work, 'site');
    execFileSync(faqt, ['-C', kb, 'export', '--out', site, '-q'], {stdio: ['ignore', 'ignore', 'inherit']});
    const searchDir = path.join(site, 'search');
    if (!fs.existsSync(path.join(searchDir, 'index.js'))) {
        t.skip('this build of faqt export writes no search index');
        return;
    }
    const index = open(engine(), searchDir);
    await index.ready;

    const queries = englishQueries();
    assert.ok(queries.length >= 40, `${queries.length} English queries`);
    let same = 0;
    let sameCorrection = 0;
    let sameTotal = 0;
    const differ = [];
    for (const query of queries) {
        let out;
        try {
            out = execFileSync(faqt, ['-C', kb, 'search', '--public', '--lang', 'en', '--json', '--limit', '3', '--',
                                      query], {encoding: 'utf8'});
        } catch (error) {
            out = error.stdout;  // exit status 1: nothing found
        }
        const cli = JSON.parse(out);
        const found = await index.search(query, {limit: 3});
        const cliFirst = cli.results.length ? cli.results[0].id : '';
        const siteFirst = found.hits.length ? found.hits[0].id : '';
        if (cliFirst === siteFirst) {
            same++;
        } else {
            differ.push(`${query}: faqt search ${cliFirst || '-'}, site ${siteFirst || '-'}`);
        }
        if ((cli.corrected || '') === found.corrected) {
            sameCorrection++;
        } else {
            differ.push(`${query}: faqt search corrects to ${cli.corrected}, site to ${found.corrected}`);
        }
        sameTotal += cli.total === found.total ? 1 : 0;
        for (const hit of found.hits) {
            assert.ok(fs.existsSync(hit.url), `${query}: ${hit.url} is a page of the site`);
        }
    }
    t.diagnostic(`first result the same for ${same} of ${queries.length} queries, ` +
                 `corrections for ${sameCorrection}, totals for ${sameTotal}`);
    differ.forEach((d) => t.diagnostic(d));
    // The site's counts are over its own articles (the command line's over
    // the whole index, every language and internal articles too), its field
    // values rounded, and the command line reorders only its best 100: near
    // ties may part. More than that is a fault.
    const floor = Math.ceil(queries.length * 0.9);
    assert.ok(same >= floor, `${same} of ${queries.length}:\n${differ.join('\n')}`);
    assert.ok(sameCorrection >= floor, `${sameCorrection} of ${queries.length}:\n${differ.join('\n')}`);
    assert.ok(sameTotal >= floor, `${sameTotal} of ${queries.length} totals`);
    // As typed: the suggestions of faqt search --no-correct, and its results.
    for (const query of ['pasword reset', 'vpn disconects', 'priner offline', 'outlook calender']) {
        let out;
        try {
            out = execFileSync(faqt, ['-C', kb, 'search', '--public', '--lang', 'en', '--no-correct', '--json',
                                      '--limit', '3', '--', query], {encoding: 'utf8'});
        } catch (error) {
            out = error.stdout;
        }
        const cli = JSON.parse(out);
        const found = await index.search(query, {limit: 3, correct: false});
        assert.equal(found.corrected, '', query);
        assert.equal(found.didYouMean, cli.did_you_mean || '', query);
        assert.deepEqual(JSON.parse(JSON.stringify(found.suggested)), cli.corrections, query);
        assert.ok(found.suggested.length > 0, `${query}: a suggestion`);
        assert.equal(found.hits.length ? found.hits[0].id : '', cli.results.length ? cli.results[0].id : '', query);
        assert.equal(found.total, cli.total, query);
    }
    // Each file of the index loaded once.
    assert.equal(new Set(index.loaded).size, index.loaded.length);
});
