// A small help desk's index, written by hand in the export format: six
// articles, three term shards ("", "h", "p"), values already quantised
// (q = 64) so the tests can compute scores by hand.
'use strict';

const {postings, docList, positions, writeIndex} = require('./harness');

const docs = [
    {id: 'accounts/reset-password', u: 'articles/accounts/reset-password/index.html', t: 'How to reset a password',
     y: 'howto', c: ['accounts'], s: 'Reset a forgotten password from the sign-in page.',
     x: 'Open the sign-in page and choose Forgot password. A reset link is sent to your email.'},
    {id: 'network/vpn-drops', u: 'articles/network/vpn-drops/index.html', t: 'VPN drops every 10 minutes',
     y: 'known-error', st: 'investigating', c: ['network/vpn'], pr: ['GlobalProtect'], f: '4.3.2',
     s: 'The VPN connection drops after ten minutes.',
     x: 'GlobalProtect 4.3.1 disconnects every 10 minutes. Upgrade to 4.3.2 when it ships.'},
    {id: 'network/wifi-slow', u: 'articles/network/wifi-slow/index.html', t: 'Wi-Fi is slow', y: 'faq',
     c: ['network'], s: 'Slow wireless connections in the office café.',
     x: 'If the Wi-Fi is slow, move closer to an access point.'},
    {id: 'printing/offline', u: 'articles/printing/offline/index.html', t: 'Printer offline', y: 'howto',
     c: ['printing'], s: 'The printer shows offline.', x: 'Turn the printer off and on. Check the printer cable.'},
    {id: 'network/connection-lost', u: 'articles/network/connection-lost/index.html',
     t: 'Connection lost after sleep', y: 'known-error', c: ['network'], f: '5.0',
     s: 'The network connection is lost after the laptop sleeps.',
     x: 'After sleep the connection is lost; reconnect to restore it.'},
    {id: 'email/outlook-crash', u: 'articles/email/outlook-crash/index.html', t: 'Outlook crashes with 0x80070005',
     y: 'known-error', c: ['email'], pr: ['Outlook'], s: 'Outlook crashes on start.',
     x: 'Filler words about nothing in particular. '.repeat(8) + 'Error 0x80070005 appears and Outlook crashes.'},
];

// Entries: t, S, H, I as [[doc, value]], p as [[doc, [positions]]], b as docs.
const terms = {
    '#cat:accounts': {b: [0]},
    '#cat:email': {b: [5]},
    '#cat:network': {b: [1, 2, 4]},
    '#cat:network/vpn': {b: [1]},
    '#cat:printing': {b: [3]},
    '#fixed': {v: [[1, '14\x0113\x0112\x01'], [4, '15\x0110\x01']]},
    '#prod:globalprotect': {b: [1]},
    '#prod:outlook': {b: [5]},
    '#q:how': {b: [0]},
    '#type:faq': {b: [2]},
    '#type:howto': {b: [0, 3]},
    '#type:known-error': {b: [1, 4, 5]},
    '0x80070005': {t: [[5, 40]], S: [[5, 50]], p: [[5, [4]]]},
    '10': {t: [[1, 30]], S: [[1, 40]], p: [[1, [4]]]},
    a: {t: [[0, 10], [2, 10]], S: [[0, 40]], p: [[0, [4]]]},
    access: {t: [[2, 20]]},
    after: {t: [[1, 10], [4, 30]], S: [[4, 40]], p: [[4, [3]]]},
    cable: {t: [[3, 20]]},
    cafe: {t: [[2, 10]], e: {'café': [[2, 10]]}},
    connect: {c: ['connected', 'connection', 'connections'], S: [[4, 60]], H: [[1, 30], [2, 30], [4, 30]]},
    connected: {s: 'connect', t: [[4, 10]]},
    connection: {s: 'connect', t: [[1, 20], [4, 40]], S: [[4, 60]], p: [[4, [1]]]},
    connections: {s: 'connect', t: [[2, 20]]},
    crash: {c: ['crashes'], S: [[5, 55]]},
    crashes: {s: 'crash', t: [[5, 35]], S: [[5, 55]], p: [[5, [2]]]},
    drop: {c: ['drops'], S: [[1, 45]]},
    drops: {s: 'drop', t: [[1, 25]], S: [[1, 45]], p: [[1, [2]]]},
    every: {t: [[1, 20]], S: [[1, 40]], p: [[1, [3]]]},
    fi: {t: [[2, 30]], S: [[2, 50]], p: [[2, [2]]]},
    how: {t: [[0, 20]], S: [[0, 40]], p: [[0, [1]]]},
    lost: {t: [[4, 30]], S: [[4, 50]], p: [[4, [2]]]},
    minut: {c: ['minutes'], S: [[1, 40]]},
    minutes: {s: 'minut', t: [[1, 20]], S: [[1, 40]], p: [[1, [5]]]},
    network: {t: [[4, 15]]},
    offline: {t: [[3, 30]], S: [[3, 60]], p: [[3, [2]]], I: [[3, 1]]},
    outlook: {t: [[5, 40]], S: [[5, 50]], p: [[5, [1]]]},
    password: {t: [[0, 30]], S: [[0, 50]], p: [[0, [5]]]},
    print: {c: ['printing'], S: [[3, 20]]},
    printer: {t: [[3, 45]], S: [[3, 60]], H: [[3, 30]], p: [[3, [1]]]},
    printing: {s: 'print', t: [[3, 10]]},
    reset: {t: [[0, 25]], S: [[0, 50]], p: [[0, [3]]]},
    sleep: {t: [[4, 20]], S: [[4, 40]], p: [[4, [4]]]},
    slow: {t: [[2, 30]], S: [[2, 50]], p: [[2, [4]]]},
    to: {t: [[0, 20], [1, 10], [2, 10], [3, 10]], S: [[0, 40]], p: [[0, [2]]]},
    vpn: {t: [[1, 40]], S: [[1, 60]], p: [[1, [1]]]},
    wi: {t: [[2, 30]], S: [[2, 50]], p: [[2, [1]]]},
    wifi: {t: [[2, 30]]},
    wireless: {t: [[2, 20]]},
};

// Every position of a word (x- shards), for phrases.
const where = {
    connection: [[1, [105]], [4, [1, 120]]],
    fi: [[2, [2, 210]]],
    lost: [[4, [2, 124]]],
    sleep: [[4, [4, 119]]],
    wi: [[2, [1, 209]]],
};

const shards = ['', 'h', 'p'];

function shardOf(key) {
    let i = 0;
    while (i + 1 < shards.length && shards[i + 1] <= key) {
        i++;
    }
    return i;
}

function encodeEntry(e) {
    const out = {};
    for (const [field, value] of Object.entries(e)) {
        if (field === 't' || field === 'S' || field === 'H' || field === 'I') {
            out[field] = postings(value);
        } else if (field === 'p') {
            out[field] = positions(value);
        } else if (field === 'b') {
            out[field] = docList(value);
        } else if (field === 'e') {
            out.e = {};
            for (const [form, pairs] of Object.entries(value)) {
                out.e[form] = postings(pairs);
            }
        } else {
            out[field] = value;
        }
    }
    return out;
}

function files(overrides) {
    const out = {
        index: {
            v: 1, lang: 'en', stem: 'english', n: docs.length, q: 64,
            w: {title: 6, heading: 1.5, body: 1, exact: 0.6, stem: 0.6, synonym: 0.7, id: 3, code: 6, phrase: 1,
                k1: 9, stopword: 0.2, coordination: 0.1, proximity: 2, question: 0.1},
            shards, dk: 4, spell: true,
            syn: [[['vpn'], ['virtual', 'private', 'network']], [['wifi'], ['wireless']]],
            stop: ['a', 'an', 'and', 'do', 'how', 'i', 'is', 'my', 'the', 'to', 'what', 'with'],
            contact: '', ascii: false,
        },
        'd-0': docs.slice(0, 4),
        'd-1': docs.slice(4),
        fold: {'é': ['e', 'é', 1]},
        facets: {types: ['faq', 'howto', 'known-error'], categories: [['network', 'Network']], products: []},
    };
    const keys = Object.keys(terms).sort();
    shards.forEach((first, i) => {
        out['t-' + i] = {};
        out['x-' + i] = {};
    });
    for (const key of keys) {
        out['t-' + shardOf(key)][key] = encodeEntry(terms[key]);
    }
    for (const [key, list] of Object.entries(where)) {
        out['x-' + shardOf(key)][key] = positions(list);
    }
    // Spelling words: 3-32 letters a-z, with their document counts.
    for (const key of keys) {
        if (!/^[a-z]{3,32}$/.test(key) || !terms[key].t) {
            continue;
        }
        for (const name of ['sp-' + key.slice(0, 2), 'ss-' + key.slice(-2)]) {
            out[name] = out[name] || {};
            out[name][key] = terms[key].t.length;
        }
    }
    return Object.assign(out, overrides || {});
}

function write(overrides) {
    return writeIndex(files(overrides));
}

module.exports = {docs, terms, write, files};
