// Loads search-text.js and search-core.js into a fresh context, as a page
// would, and writes hand-made indexes in the format faqt export writes.
'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const vm = require('node:vm');

const assets = path.resolve(__dirname, '../../../site/theme/assets');
const textScript = path.join(assets, 'search-text.js');
const coreScript = path.join(assets, 'search-core.js');

// A script as the site may embed it: full-line // comments and leading
// whitespace gone. Safe only while no string or regex spans lines.
function stripped(code) {
    return code.split('\n').map((line) => line.trimStart()).filter((line) => !line.startsWith('//')).join('\n');
}

// The word rules first, as the pages load them; withoutText leaves them
// out to see the engine refuse to work, strip runs both scripts stripped.
function engine({withoutText = false, strip = false} = {}) {
    const context = vm.createContext({console});
    const run = (file) => {
        const code = fs.readFileSync(file, 'utf8');
        vm.runInContext(strip ? stripped(code) : code, context, {filename: file});
    };
    if (!withoutText) {
        run(textScript);
    }
    run(coreScript);
    return context;
}

// Opens the index in dir with a loader that runs its files in the context.
function open(context, dir) {
    const load = (name, base) =>
        fs.promises.readFile(path.join(base, name + '.js'), 'utf8').then((code) => {
            vm.runInContext(code, context);
        });
    return context.FaqtSearch.open(dir + path.sep, {load});
}

// The number alphabet of the format, written here apart from the engine's.
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function numbers(list) {
    let out = '';
    for (let n of list) {
        while (n >= 32) {
            out += ALPHABET[32 + (n % 32)];
            n = Math.floor(n / 32);
        }
        out += ALPHABET[n];
    }
    return out;
}

// [[doc, value], ...] → a posting string.
function postings(pairs) {
    const out = [];
    let previous = 0;
    pairs.forEach(([doc, value], i) => {
        out.push(i === 0 ? doc : doc - previous, value);
        previous = doc;
    });
    return numbers(out);
}

function docList(docs) {
    return numbers(docs.map((d, i) => (i === 0 ? d : d - docs[i - 1])));
}

// [[doc, [pos, ...]], ...] → a positions string.
function positions(list) {
    const out = [];
    let previous = 0;
    list.forEach(([doc, ps], i) => {
        out.push(i === 0 ? doc : doc - previous, ps.length);
        ps.forEach((p, k) => out.push(k === 0 ? p : p - ps[k - 1]));
        previous = doc;
    });
    return numbers(out);
}

function script(name, data) {
    const json = JSON.stringify(data).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029').replace(/<\//g, '<\\/');
    return 'faqtSearchData(' + JSON.stringify(name) + ', ' + json + ');\n';
}

// Writes files {NAME: DATA} into a new temporary folder.
function writeIndex(files) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'faqt-search-core-'));
    for (const [name, data] of Object.entries(files)) {
        fs.writeFileSync(path.join(dir, name + '.js'), script(name, data));
    }
    return dir;
}

module.exports = {engine, open, numbers, postings, docList, positions, writeIndex, textScript, stripped, assets};
