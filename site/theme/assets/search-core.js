// The site's search: reads the index faqt export writes under search/
// (the format of the browser search index, version 1) and ranks like
// `faqt search --public`: the same query words become the same terms
// (index/query_parser.cpp), scored with the same BM25F second stage
// (index/rerank.cpp; faqt-search(1), RANKING). Field values come
// pre-normalised and quantised, so the formula needs no field lengths.
//
// A classic ES2017 script: no modules, no fetch, no WASM. Index files are
// scripts that call faqtSearchData(name, data); only the root is read
// first, then the shards the query's words live in, and each file once.
//
// The word rules (fold, lower, find_words, stems, ...) are the global
// FaqtText of search-text.js, which pages load before this file.
//
// Not supported here though the command line has them: AND, OR, NOT,
// parentheses and field prefixes (title:, tag:, ...). Such text is read as
// plain words ("title:vpn" is the words "title" and "vpn"), operators as
// the words they are. Filters come from the page's controls instead.
(function (global) {
    'use strict';

    // ---------------------------------------------------------------------
    // Numbers in strings: base-64 digits, 5-bit groups, little-endian.

    var DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    var DIGIT_VALUE = new Int8Array(128).fill(-1);
    for (var d = 0; d < DIGITS.length; d++) {
        DIGIT_VALUE[DIGITS.charCodeAt(d)] = d;
    }

    function decodeNumbers(s) {
        var out = [];
        var value = 0;
        var scale = 1;
        for (var i = 0; i < s.length; i++) {
            var c = s.charCodeAt(i);
            var v = c < 128 ? DIGIT_VALUE[c] : -1;
            if (v < 0) {
                throw new Error('search index: bad digit in a number list');
            }
            if (v >= 32) {
                value += (v - 32) * scale;
                scale *= 32;
            } else {
                out.push(value + v * scale);
                value = 0;
                scale = 1;
            }
        }
        return out;
    }

    // The first doc number is absolute, each next one the difference to the
    // previous: from 0, every one adds.

    // (doc, value) pairs, docs delta-coded: a Map doc → value.
    function decodePostings(s, map) {
        var numbers = decodeNumbers(s);
        var doc = 0;
        for (var i = 0; i + 1 < numbers.length; i += 2) {
            doc += numbers[i];
            map.set(doc, numbers[i + 1]);
        }
        return map;
    }

    // Doc numbers alone, delta-coded.
    function decodeDocs(s, set) {
        var numbers = decodeNumbers(s);
        var doc = 0;
        for (var i = 0; i < numbers.length; i++) {
            doc += numbers[i];
            set.add(doc);
        }
        return set;
    }

    // (doc, count, pos1, pos2 - pos1, ...), docs delta-coded: Map doc → [positions].
    function decodePositions(s, map) {
        var numbers = decodeNumbers(s);
        var doc = 0;
        var i = 0;
        while (i + 1 < numbers.length) {
            doc += numbers[i];
            var count = numbers[i + 1];
            i += 2;
            var positions = [];
            var p = 0;
            for (var k = 0; k < count && i < numbers.length; k++, i++) {
                p = k === 0 ? numbers[i] : p + numbers[i];
                positions.push(p);
            }
            map.set(doc, positions);
        }
        return map;
    }

    // Keys sort by code point (UTF-8 byte order); JS strings compare UTF-16
    // units, which differs where a surrogate meets U+E000..U+FFFF.
    function compareKeys(a, b) {
        var n = Math.min(a.length, b.length);
        for (var i = 0; i < n; i++) {
            var x = a.charCodeAt(i);
            var y = b.charCodeAt(i);
            if (x !== y) {
                if (x >= 0xd800 && x <= 0xdfff) {
                    x += 0x10000;
                }
                if (y >= 0xd800 && y <= 0xdfff) {
                    y += 0x10000;
                }
                return x < y ? -1 : 1;
            }
        }
        return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
    }

    function utf8Length(s) {
        var n = 0;
        for (var i = 0; i < s.length; i++) {
            var c = s.charCodeAt(i);
            if (c < 0x80) {
                n += 1;
            } else if (c < 0x800) {
                n += 2;
            } else if (c >= 0xd800 && c <= 0xdbff) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }

    // ---------------------------------------------------------------------
    // Word rules live in search-text.js (the global FaqtText, tested against
    // the C++), loaded before this file; open() refuses to work without it.

    function text() {
        return global.FaqtText;
    }

    function fold(s) {
        return text().fold(s);
    }

    function lower(s) {
        return text().lower(s);
    }

    // content's find_words() as [{begin, end}] in UTF-16 units.
    function findWords(s) {
        return text().findWords(s).map(function (w) {
            return {begin: w.offset, end: w.offset + w.length};
        });
    }

    function isStopword(folded) {
        return text().isStopword(folded);
    }

    function codePoints(s) {
        return Array.from(s).length;
    }

    // ---------------------------------------------------------------------
    // content/version_compare.cpp's version_sort_key: byte order of the key
    // is the order of compare_versions.

    function isDigit(c) {
        return c >= '0' && c <= '9';
    }

    function versionSortKey(version) {
        var v = String(version).replace(/^[ \t\n\v\f\r]+|[ \t\n\v\f\r]+$/g, '');
        if (v.length > 1 && (v[0] === 'v' || v[0] === 'V') && isDigit(v[1])) {
            v = v.slice(1);
        }
        if (v === '') {
            return '';
        }
        var key = '';
        var parts = v.split('.');
        for (var p = 0; p < parts.length; p++) {
            var part = parts[p];
            var i = 0;
            while (i < part.length && part[i] === '0' && isDigit(part[i + 1])) {
                i++;
            }
            var number = '';
            while (isDigit(part[i])) {
                number += part[i++];
            }
            key += String.fromCharCode(48 + number.length) + number + text().asciiLower(part.slice(i)) + '\x01';
        }
        return key;
    }

    // ---------------------------------------------------------------------
    // Spelling: Damerau-Levenshtein (adjacent swaps) distance, or more than
    // max when it exceeds max.

    function editDistance(a, b, max) {
        if (Math.abs(a.length - b.length) > max) {
            return max + 1;
        }
        var previous2 = null;
        var previous = [];
        for (var j = 0; j <= b.length; j++) {
            previous.push(j);
        }
        for (var i = 1; i <= a.length; i++) {
            var row = [i];
            var best = i;
            for (j = 1; j <= b.length; j++) {
                var cost = a[i - 1] === b[j - 1] ? 0 : 1;
                var v = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
                    v = Math.min(v, previous2[j - 2] + 1);
                }
                row.push(v);
                best = Math.min(best, v);
            }
            if (best > max) {
                return max + 1;
            }
            previous2 = previous;
            previous = row;
        }
        return previous[b.length];
    }

    // ---------------------------------------------------------------------
    // Loading. Every file calls faqtSearchData(name, data); the oldest
    // request for that name takes it.

    var waiting = Object.create(null);

    function faqtSearchData(name, data) {
        var list = waiting[name];
        if (list && list.length > 0) {
            list.shift()(data);
        }
    }

    function scriptLoader(name, base) {
        return new Promise(function (resolve, reject) {
            var script = global.document.createElement('script');
            script.src = base + name + '.js';
            script.async = true;
            script.onload = function () {
                script.parentNode.removeChild(script);
                resolve();
            };
            script.onerror = function () {
                script.parentNode.removeChild(script);
                reject(new Error('cannot load ' + name));
            };
            (global.document.head || global.document.documentElement).appendChild(script);
        });
    }

    function hasOwn(object, key) {
        return object !== null && typeof object === 'object' && Object.prototype.hasOwnProperty.call(object, key);
    }

    // ---------------------------------------------------------------------
    // The index of one language folder.

    function Index(base, options) {
        options = options || {};
        this.base = base;
        this.loaded = [];
        this._load = options.load || scriptLoader;
        this._files = Object.create(null);  // name → Promise of data (null: none)
        this._data = Object.create(null);   // name → data, once loaded
        this._decoded = new Map();           // key + field → decoded postings
        this.root = null;
        var self = this;
        if (!text()) {
            this.ready = Promise.reject(new Error('search: search-text.js (FaqtText) must load before search-core.js'));
            return;
        }
        this.ready = this._file('index').then(function (root) {
            if (!root || typeof root !== 'object') {
                throw new Error('search index: ' + base + 'index.js did not load');
            }
            self.root = root;
            self._prepare(root);
            return self;
        });
    }

    Index.prototype._file = function (name) {
        if (name in this._files) {
            return this._files[name];
        }
        var self = this;
        this.loaded.push(name);
        var delivered = false;
        var data = null;
        var take = function (value) {
            delivered = true;
            data = value;
        };
        (waiting[name] || (waiting[name] = [])).push(take);
        var promise = Promise.resolve()
            .then(function () {
                return self._load(name, self.base);
            })
            .catch(function () {
                return undefined;  // a missing sp-/ss- file: no words
            })
            .then(function (result) {
                var list = waiting[name];
                var at = list ? list.indexOf(take) : -1;
                if (at >= 0) {
                    list.splice(at, 1);
                }
                if (!delivered && result !== undefined) {
                    data = result;
                }
                self._data[name] = data;
                return data;
            });
        this._files[name] = promise;
        return promise;
    };

    Index.prototype._loadAll = function (names) {
        var self = this;
        return Promise.all(names.map(function (n) {
            return self._file(n);
        }));
    };

    Index.prototype._prepare = function (root) {
        this.n = root.n || 0;
        this.q = root.q;
        // RankingWeights of the C++ side, as the index was written with them.
        this.weights = root.w;
        this.shards = root.shards && root.shards.length ? root.shards : [''];
        // terms::is_stopword's list, the same for every index.
        text().setStopwords(root.stop || []);
        // query_parser.cpp's Synonyms: groups → alternatives → folded words.
        this.synGroups = root.syn || [];
        this.synByFirst = new Map();
        this.synVocabulary = new Set();
        for (var g = 0; g < this.synGroups.length; g++) {
            for (var a = 0; a < this.synGroups[g].length; a++) {
                var alt = this.synGroups[g][a];
                if (!alt.length) {
                    continue;
                }
                if (!this.synByFirst.has(alt[0])) {
                    this.synByFirst.set(alt[0], []);
                }
                this.synByFirst.get(alt[0]).push([g, a]);
                for (var k = 0; k < alt.length; k++) {
                    this.synVocabulary.add(alt[k]);
                }
            }
        }
    };

    // The shard a key belongs to: the last whose first key is ≤ key.
    Index.prototype._shardOf = function (key) {
        var lo = 0;
        var hi = this.shards.length - 1;
        while (lo < hi) {
            var mid = (lo + hi + 1) >> 1;
            if (compareKeys(this.shards[mid], key) <= 0) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    };

    // The entry of a key whose shard is loaded; null when absent.
    // The entry of a key in its "t-" or "x-" shard, once that is loaded;
    // null when absent.
    Index.prototype._entryIn = function (shard, key) {
        var data = this._data[shard + this._shardOf(key)];
        return hasOwn(data, key) ? data[key] : null;
    };

    Index.prototype.entry = function (key) {
        return this._entryIn('t-', key);
    };

    // The fields of a term entry that hold a list, each of which may be
    // split into parts.
    var listFields = ['t', 'S', 'H', 'I', 'p', 'b'];

    // The part names of an entry's split lists: any list field of a term
    // entry, each exact form's list, or a positions entry itself.
    function partsOf(e) {
        var parts = [];
        var add = function (v) {
            if (Array.isArray(v)) {
                v.forEach(function (name) {
                    if (typeof name === 'string') {
                        parts.push(name);
                    }
                });
            }
        };
        add(e);
        if (e && typeof e === 'object' && !Array.isArray(e)) {
            listFields.forEach(function (f) {
                add(e[f]);
            });
            if (e.e && typeof e.e === 'object') {
                Object.keys(e.e).forEach(function (form) {
                    add(e.e[form]);
                });
            }
        }
        return parts;
    }

    // Loads the "t-" (or "x-") shards of keys, then the parts of their split
    // lists.
    Index.prototype._loadKeys = function (keys, shard) {
        shard = shard || 't-';
        var self = this;
        return this._loadAll(unique(keys.map(function (k) {
            return shard + self._shardOf(k);
        }))).then(function () {
            var parts = [];
            keys.forEach(function (k) {
                parts.push.apply(parts, partsOf(self._entryIn(shard, k)));
            });
            return self._loadAll(unique(parts));
        });
    };

    // The stem of a folded word in this index's stemmer; null without one.
    Index.prototype.stemOf = function (folded) {
        if (!this.root.stem) {
            return null;
        }
        var e = this.entry(folded);
        if (e) {
            return typeof e.s === 'string' ? e.s : folded;
        }
        return text().stem(this.root.stem, folded);
    };

    // Loads what the words need: their entries, their stems' entries and
    // the entries of the stems' classes.
    Index.prototype._loadWords = function (words) {
        var self = this;
        words = words.filter(function (w) {
            return w !== '';
        });
        return this._loadKeys(words)
            .then(function () {
                var stems = [];
                words.forEach(function (w) {
                    var s = self.stemOf(w);
                    if (s !== null && s !== w) {
                        stems.push(s);
                    }
                });
                return self._loadKeys(stems);
            })
            .then(function () {
                var forms = [];
                words.forEach(function (w) {
                    var s = self.stemOf(w);
                    var e = s === null ? null : self.entry(s);
                    if (e && Array.isArray(e.c)) {
                        forms.push.apply(forms, e.c);
                    }
                });
                return self._loadKeys(forms);
            });
    };

    // A list (a string, or the names of its parts) decoded into one Map or Set.
    function decodeParts(index, value, decode, into) {
        var strings = Array.isArray(value) ? value.map(function (name) {
            return index._data[name];
        }) : [value];
        strings.forEach(function (s) {
            if (typeof s === 'string') {
                decode(s, into);
            }
        });
        return into;
    }

    // Decoded lists, each decoded once.
    Index.prototype._cached = function (id, make) {
        var value = this._decoded.get(id);
        if (!value) {
            value = make.call(this);
            this._decoded.set(id, value);
        }
        return value;
    };

    // Decoded postings of one field of an entry (t, S, H, I, or e:FORM).
    Index.prototype.postings = function (key, field) {
        return this._cached(key + '\u0000' + field, function () {
            var e = this.entry(key);
            var form = field.slice(0, 2) === 'e:' ? field.slice(2) : null;
            var value = form === null ? e && e[field] : e && hasOwn(e.e, form) ? e.e[form] : null;
            return decodeParts(this, value, decodePostings, new Map());
        });
    };

    // Documents of a # key (b), as a Set.
    Index.prototype.docsOf = function (key) {
        var e = this.entry(key);
        return decodeParts(this, e && e.b, decodeDocs, new Set());
    };

    // The documents of a t or S list of an entry, counted from its parts
    // once they are loaded; until then df or dfS, which are only hints.
    Index.prototype._countPairs = function (e, field) {
        var value = e ? e[field] : undefined;
        if (typeof value === 'string') {
            return decodeNumbers(value).length / 2;
        }
        if (!Array.isArray(value)) {
            return 0;
        }
        var self = this;
        var loaded = value.every(function (name) {
            return hasOwn(self._data, name);
        });
        var hint = field === 't' ? e.df : field === 'S' ? e.dfS : undefined;
        if (!loaded && typeof hint === 'number') {
            return hint;
        }
        return decodeParts(this, value, decodePostings, new Map()).size;
    };

    // Positions of a key (x- shards), loaded beforehand.
    Index.prototype._positions = function (key) {
        return this._cached(key + '\u0000x', function () {
            return decodeParts(this, this._entryIn('x-', key), decodePositions, new Map());
        });
    };

    // Title positions of a key (p), in its term entry.
    Index.prototype._titlePositions = function (key) {
        return this._cached(key + '\u0000p', function () {
            var e = this.entry(key);
            return decodeParts(this, e && e.p, decodePositions, new Map());
        });
    };

    Index.prototype._document = function (doc) {
        var dk = this.root.dk || 1;
        var chunk = this._data['d-' + Math.floor(doc / dk)];
        return Array.isArray(chunk) ? chunk[doc % dk] || {} : {};
    };

    // facets.js, the filters' choices: search.js fills its filter panel from
    // it when the panel is opened, through the engine's one loader and cache.
    Index.prototype.facets = function () {
        return this.ready.then(function (self) {
            return self._file('facets');
        });
    };

    // ---------------------------------------------------------------------
    // Lexing: query_parser.cpp's lex() without operators and fields.

    function isSpace(c) {
        return c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\v';
    }

    function isQuote(c) {
        return c === '"' || c === '\u201c' || c === '\u201d' || c === '\u201e';
    }

    function wordsAt(s, base) {
        var spans = findWords(s);
        var out = [];
        for (var i = 0; i < spans.length; i++) {
            if (out.length > 0) {
                var previousEnd = out[out.length - 1].end - base;
                out[out.length - 1].hyphenAfter = spans[i].begin === previousEnd + 1 && s[previousEnd] === '-';
            }
            out.push({
                raw: s.slice(spans[i].begin, spans[i].end),
                begin: base + spans[i].begin,
                end: base + spans[i].end,
                hyphenAfter: false
            });
        }
        return out;
    }

    var k_max_query_parts = 256;  // index/search.hpp

    // Tokens: {modifier: '' | '+' | '-', phrase, wildcard, words}.
    function lex(s, typing) {
        var tokens = [];
        var i = 0;
        var n = s.length;
        while (i < n && tokens.length < k_max_query_parts) {
            var c = s[i];
            if (isSpace(c) || c === '(' || c === ')') {
                i++;
                continue;
            }
            var modifier = '';
            if ((c === '+' || c === '-') && i + 1 < n && !isSpace(s[i + 1]) && s[i + 1] !== ')' && s[i + 1] !== '+' &&
                s[i + 1] !== '-') {
                modifier = c;
                i++;
            }
            var token = {modifier: modifier, phrase: false, wildcard: false, words: []};
            if (isQuote(s[i])) {
                var start = i + 1;
                var close = start;
                while (close < n && !isQuote(s[close])) {
                    close++;
                }
                token.phrase = true;
                token.words = wordsAt(s.slice(start, close), start);
                i = close < n ? close + 1 : n;
            } else {
                var begin = i;
                while (i < n && !isSpace(s[i]) && s[i] !== '(' && s[i] !== ')' && !isQuote(s[i])) {
                    i++;
                }
                var raw = s.slice(begin, i);
                if (/\*$/.test(raw)) {
                    raw = raw.replace(/\*+$/, '');
                    token.wildcard = true;
                }
                token.words = wordsAt(raw, begin);
            }
            if (token.words.length > 0) {
                tokens.push(token);
            }
        }
        // The word being typed is a prefix, unless a space already ended it.
        if (typing && tokens.length > 0 && !isSpace(s[s.length - 1])) {
            var last = tokens[tokens.length - 1];
            if (!last.phrase && last.modifier !== '-' && last.words[last.words.length - 1].end === s.length) {
                last.wildcard = true;
            }
        }
        return tokens;
    }

    // ---------------------------------------------------------------------
    // Query → rank groups and match clauses, as query_parser.cpp's
    // Converter builds them. Entries of every word must be loaded.

    function Builder(index) {
        this.index = index;
        this.w = index.weights;
        this.groups = [];
        this.sequence = [];
        this.highlight = new Set();
        this.prefixes = [];
        this.collect = true;
        this.words = new Set();  // every folded word whose entries a clause reads
    }

    // The terms of a folded word in each field: word_query's terms.
    Builder.prototype.fieldKeys = function (folded) {
        var keys = [folded];
        var s = this.index.stemOf(folded);
        if (s !== null && s !== folded) {
            keys.push(s);
        }
        return keys;
    };

    // form_set(): the stem (when not the word) and the stem's class.
    Builder.prototype.formSet = function (folded) {
        var forms = [];
        var s = this.index.stemOf(folded);
        if (s === null) {
            return forms;
        }
        if (s !== folded) {
            forms.push(s);
        }
        var e = this.index.entry(s);
        if (e && Array.isArray(e.c)) {
            e.c.forEach(function (f) {
                if (forms.indexOf(f) < 0) {
                    forms.push(f);
                }
            });
        }
        return forms.sort(compareKeys);
    };

    Builder.prototype.addGroup = function (raw, weight, counts) {
        if (!this.collect) {
            return;
        }
        var folded = fold(raw);
        if (folded === '' || utf8Length(folded) > 64) {
            return;
        }
        for (var k = 0; k < this.groups.length; k++) {
            var g = this.groups[k];
            if (g.word === folded) {
                g.weight = Math.max(g.weight, weight);
                g.counts = g.counts || counts;
                this.sequence.push(k);
                return;
            }
        }
        this.sequence.push(this.groups.length);
        var group = {word: folded, weight: weight, counts: counts, text: [], title: [], heading: [], id: folded};
        group.text.push({term: folded, key: folded, field: 't', weight: 1});
        var exact = lower(raw);
        if (exact !== folded) {
            group.text.push({term: exact, key: folded, field: 'e:' + exact, weight: this.w.exact});
        }
        var self = this;
        this.formSet(folded).forEach(function (f) {
            if (f !== folded) {
                group.text.push({term: f, key: f, field: 't', weight: self.w.stem});
            }
        });
        this.fieldKeys(folded).forEach(function (key) {
            group.title.push({key: key, weight: 1});
            group.heading.push({key: key, weight: 1});
        });
        this.groups.push(group);
    };

    Builder.prototype.addForm = function (word, form, weight) {
        for (var k = 0; k < this.groups.length; k++) {
            var g = this.groups[k];
            if (g.word !== word) {
                continue;
            }
            if (!g.text.some(function (t) {
                return t.term === form;
            })) {
                g.text.push({term: form, key: form, field: 't', weight: weight});
                this.fieldKeys(form).forEach(function (key) {
                    g.title.push({key: key, weight: weight});
                    g.heading.push({key: key, weight: weight});
                });
            }
            return;
        }
    };

    Builder.prototype.wordQuery = function (raw) {
        var folded = fold(raw);
        if (folded === '' || utf8Length(folded) > 64) {
            return null;
        }
        this.highlight.add(folded);
        var code = text().isCodeLike(folded) && !text().isPlainNumber(folded);
        this.addGroup(raw, code ? this.w.code : 1, true);
        return {kind: 'word', raw: raw, folded: folded};
    };

    Builder.prototype.phraseQuery = function (raws) {
        if (raws.length === 1) {
            return this.wordQuery(raws[0]);
        }
        var words = [];
        for (var i = 0; i < raws.length; i++) {
            var folded = fold(raws[i]);
            if (folded === '') {
                continue;
            }
            this.highlight.add(folded);
            this.addGroup(raws[i], 1, true);
            words.push(folded);
        }
        return words.length ? {kind: 'phrase', words: words} : null;
    };

    // The longest synonym alternatives that the words at i start with.
    Builder.prototype.synonymsAt = function (folded, i) {
        var index = this.index;
        var best = 0;
        var groups = [];
        (index.synByFirst.get(folded[i]) || []).forEach(function (ga) {
            var alt = index.synGroups[ga[0]][ga[1]];
            if (alt.length < best || i + alt.length > folded.length) {
                return;
            }
            for (var k = 0; k < alt.length; k++) {
                if (alt[k] !== folded[i + k]) {
                    return;
                }
            }
            if (alt.length > best) {
                best = alt.length;
                groups = [];
            }
            if (groups.indexOf(ga[0]) < 0) {
                groups.push(ga[0]);
            }
        });
        return {best: best, groups: groups};
    };

    // run_query(): synonyms (longest first), hyphenated and name+number
    // joins, stopwords ranked but not matched on.
    Builder.prototype.runQuery = function (run, dropStopwords, queryText) {
        var self = this;
        var folded = run.map(function (w) {
            return fold(w.raw);
        });
        var parts = [];
        var i = 0;
        while (i < run.length) {
            var syn = this.synonymsAt(folded, i);
            var best = syn.best;
            if (best === 0 && run[i].hyphenAfter) {
                var raws = [];
                var joined = '';
                var k = i;
                for (; k < run.length; k++) {
                    raws.push(run[k].raw);
                    joined += folded[k];
                    if (!run[k].hyphenAfter) {
                        break;
                    }
                }
                parts.push(or([this.phraseQuery(raws), this.wordQuery(joined)]));
                i = Math.min(k, run.length - 1) + 1;
                continue;
            }
            if (best === 0) {
                if (!(dropStopwords && isStopword(folded[i]))) {
                    parts.push(this.wordQuery(run[i].raw));
                } else {
                    this.addGroup(run[i].raw, this.w.stopword, false);
                }
                if (i + 1 < run.length && run[i].end <= run[i + 1].begin) {
                    var j = text().joinedNameNumber(folded[i], queryText.slice(run[i].end, run[i + 1].begin),
                                                    folded[i + 1]);
                    if (j !== '') {
                        parts.push(this.wordQuery(j));
                    }
                }
                i++;
                continue;
            }
            var alternatives = [];
            var matched = folded.slice(i, i + best);
            if (best === 1) {
                alternatives.push(this.wordQuery(run[i].raw));
            } else {
                var phraseRaws = [];
                for (k = i; k < i + best; k++) {
                    phraseRaws.push(run[k].raw);
                    if (!(dropStopwords && isStopword(folded[k]))) {
                        alternatives.push(this.wordQuery(run[k].raw));
                    }
                }
                alternatives.push(this.phraseQuery(phraseRaws));
            }
            var collect = this.collect;
            this.collect = false;
            syn.groups.forEach(function (g) {
                self.index.synGroups[g].forEach(function (alt) {
                    if (alt.length === matched.length && alt.every(function (x, n) {
                        return x === matched[n];
                    })) {
                        return;
                    }
                    alternatives.push(self.phraseQuery(alt));
                    if (collect && alt.length === 1) {
                        matched.forEach(function (userWord) {
                            self.addForm(userWord, alt[0], self.w.synonym / matched.length);
                        });
                    }
                });
            });
            this.collect = collect;
            parts.push(or(alternatives));
            i += best;
        }
        return or(parts);
    };

    Builder.prototype.wildcardQuery = function (token) {
        var parts = [];
        for (var i = 0; i + 1 < token.words.length; i++) {
            parts.push(this.wordQuery(token.words[i].raw));
        }
        var last = token.words[token.words.length - 1];
        var prefix = fold(last.raw);
        if (codePoints(prefix) < 2) {
            parts.push(this.wordQuery(last.raw));
            return and(parts);
        }
        this.prefixes.push(prefix);
        parts.push({kind: 'prefix', prefix: prefix, words: []});
        return and(parts);
    };

    Builder.prototype.leafQuery = function (token) {
        if (token.wildcard) {
            return this.wildcardQuery(token);
        }
        var raws = token.words.map(function (w) {
            return w.raw;
        });
        if (token.phrase) {
            return this.phraseQuery(raws);
        }
        var self = this;
        return and(raws.map(function (r) {
            return self.wordQuery(r);
        }));
    };

    // seq_query(): the clauses of the whole query.
    Builder.prototype.build = function (tokens, queryText) {
        var self = this;
        function plain(t) {
            return t.modifier === '' && !t.phrase && !t.wildcard;
        }
        var hasContentWord = tokens.some(function (t) {
            return plain(t) && t.words.some(function (w) {
                return !isStopword(fold(w.raw));
            });
        });
        var required = [];
        var optional = [];
        var excluded = [];
        var run = [];
        function flush() {
            if (run.length) {
                optional.push(self.runQuery(run, hasContentWord, queryText));
                run = [];
            }
        }
        tokens.forEach(function (t) {
            if (plain(t)) {
                run.push.apply(run, t.words);
                return;
            }
            flush();
            var q = self.leafQuery(t);
            if (t.modifier === '+') {
                required.push(q);
            } else if (t.modifier === '-') {
                excluded.push(q);
            } else {
                optional.push(q);
            }
        });
        flush();
        var must = and(required);
        var may = or(optional);
        return {match: must || may, excluded: or(excluded)};
    };

    function or(parts) {
        parts = parts.filter(Boolean);
        return parts.length === 0 ? null : parts.length === 1 ? parts[0] : {kind: 'or', parts: parts};
    }

    function and(parts) {
        parts = parts.filter(Boolean);
        return parts.length === 0 ? null : parts.length === 1 ? parts[0] : {kind: 'and', parts: parts};
    }

    // Every folded word a clause reads (entries and stems needed).
    function clauseWords(clause, out) {
        if (!clause) {
            return out;
        }
        if (clause.kind === 'word') {
            out.push(clause.folded);
        } else if (clause.kind === 'phrase' || clause.kind === 'prefix') {
            out.push.apply(out, clause.words);
        } else {
            clause.parts.forEach(function (p) {
                clauseWords(p, out);
            });
        }
        return out;
    }

    // ---------------------------------------------------------------------
    // Search

    Index.prototype.search = function (query, options) {
        var self = this;
        return this.ready.then(function () {
            return self._search(String(query === undefined || query === null ? '' : query), options || {});
        });
    };

    function unique(list) {
        var out = [];
        list.forEach(function (x) {
            if (x !== '' && out.indexOf(x) < 0) {
                out.push(x);
            }
        });
        return out;
    }

    // The words of the query the builder may ask about, so one round of
    // loading serves it: the words, hyphenated and name+number joins, and
    // the synonyms' alternatives of the query's words.
    Index.prototype._queryWords = function (tokens, queryText) {
        var self = this;
        var words = [];
        var all = [];
        tokens.forEach(function (t) {
            var folded = t.words.map(function (w) {
                return fold(w.raw);
            });
            // A prefix of two letters or more stands for the words it begins;
            // a shorter one is a word.
            var count = t.wildcard && codePoints(folded[folded.length - 1]) >= 2 ? folded.length - 1 : folded.length;
            words.push.apply(words, folded.slice(0, count));
            var joined = '';
            for (var i = 0; i < t.words.length; i++) {
                joined += folded[i];
                if (!t.words[i].hyphenAfter) {
                    if (joined !== folded[i]) {
                        words.push(joined);
                    }
                    joined = '';
                }
            }
            all.push.apply(all, folded);
        });
        // The groups of the synonyms the words hold (a whole alternative).
        for (var i = 0; i < all.length; i++) {
            (this.synByFirst.get(all[i]) || []).forEach(function (ga) {
                var alt = self.synGroups[ga[0]][ga[1]];
                if (alt.every(function (x, k) {
                    return all[i + k] === x;
                })) {
                    self.synGroups[ga[0]].forEach(function (other) {
                        words.push.apply(words, other);
                    });
                }
            });
        }
        for (var k = 0; k + 1 < tokens.length; k++) {
            var a = tokens[k].words[tokens[k].words.length - 1];
            var b = tokens[k + 1].words[0];
            var j = text().joinedNameNumber(fold(a.raw), queryText.slice(a.end, b.begin), fold(b.raw));
            if (j !== '') {
                words.push(j);
            }
        }
        return unique(words);
    };

    Index.prototype._search = async function (queryText, options) {
        var filters = options.filters || {};
        var limit = typeof options.limit === 'number' ? options.limit : 10;
        var offset = typeof options.offset === 'number' ? options.offset : 0;
        var result = {query: queryText, corrected: '', corrections: [], suggested: [], didYouMean: '', total: 0,
                      hits: [], closest: [], terms: []};
        // correct: false searches the words as typed and only suggests.
        var correct = options.correct !== false;

        if (text().needsTable(queryText)) {
            await this._foldTable();
        }
        var tokens = lex(queryText, !!options.typing);
        var filterKeys = this._filterKeys(filters);
        var qtype = text().questionTypeOfText(queryText);
        var featureKeys = filterKeys.keys.slice();
        if (qtype !== '') {
            featureKeys.push('#q:' + qtype);
        }
        await Promise.all([this._loadWords(this._queryWords(tokens, queryText)), this._loadKeys(featureKeys)]);

        var corrections = await this._correctSpelling(tokens, correct);
        if (corrections.length) {
            var pairs = corrections.map(function (c) {
                return {from: queryText.slice(c.begin, c.end), to: c.to};
            });
            var corrected = queryText;
            for (var c = corrections.length - 1; c >= 0; c--) {
                corrected = corrected.slice(0, corrections[c].begin) + corrections[c].to +
                            corrected.slice(corrections[c].end);
            }
            if (correct) {
                await this._loadWords(this._queryWords(tokens, queryText));
                result.corrections = pairs;
                result.corrected = corrected;
            } else {
                result.suggested = pairs;
                result.didYouMean = corrected;
            }
        }

        var builder = new Builder(this);
        var built = builder.build(tokens, queryText);
        // Prefixes expand to indexed words before anything is matched.
        var wanted = [];
        var unwanted = [];
        collectPrefixes(built.match, wanted);
        collectPrefixes(built.excluded, unwanted);
        for (var p = 0; p < wanted.length + unwanted.length; p++) {
            var clause = p < wanted.length ? wanted[p] : unwanted[p - wanted.length];
            clause.words = await this._expand(clause.prefix);
            if (p < wanted.length) {
                builder.addPrefixGroup(clause);
            }
        }
        await this._loadWords(unique(clauseWords(built.match, []).concat(clauseWords(built.excluded, []))));

        var empty = !built.match;
        if (empty && !built.excluded && !filterKeys.active) {
            return result;
        }
        var candidates = built.match ? await this._evaluate(built.match) : this._allDocs();
        if (built.excluded) {
            var out = await this._evaluate(built.excluded);
            out.forEach(function (doc) {
                candidates.delete(doc);
            });
        }
        candidates = this._applyFilters(candidates, filterKeys);
        result.total = candidates.size;
        var ranked = this._rank(Array.from(candidates), builder, qtype, built.match !== null);

        var page = ranked.slice(offset, offset + limit);
        var dk = this.root.dk || 1;
        await this._loadAll(unique(page.map(function (r) {
            return 'd-' + Math.floor(r.doc / dk);
        })));
        var highlight = this._highlightTerms(builder);
        result.terms = Array.from(highlight.folded);
        result.prefixes = highlight.prefixes.slice();
        var self = this;
        result.hits = page.map(function (r) {
            var d = self._document(r.doc);
            return {
                doc: r.doc,
                id: d.id || '',
                score: r.score,
                title: d.t || '',
                url: self._url(d.u || ''),
                type: d.y || '',
                status: d.st || '',
                categories: d.c || [],
                products: d.pr || [],
                fixedIn: d.f || '',
                summary: d.s || '',
                snippet: makeSnippet(d.s || '', d.x || '', highlight)
            };
        });
        if (result.total === 0) {
            result.closest = await this._closest(tokens);
        }
        return result;
    };

    function collectPrefixes(clause, out) {
        if (!clause) {
            return;
        }
        if (clause.kind === 'prefix') {
            out.push(clause);
        } else if (clause.parts) {
            clause.parts.forEach(function (p) {
                collectPrefixes(p, out);
            });
        }
    }

    Index.prototype._url = function (u) {
        var base = this.base;
        if (/search\/$/.test(base)) {
            return base.slice(0, base.length - 'search/'.length) + u;
        }
        return base + '../' + u;
    };

    Index.prototype._foldTable = function () {
        return this._file('fold').then(function (table) {
            if (table && typeof table === 'object') {
                text().setFoldTable(table);
            }
        });
    };

    Index.prototype._allDocs = function () {
        var set = new Set();
        for (var d = 0; d < this.n; d++) {
            set.add(d);
        }
        return set;
    };

    // --- filters -----------------------------------------------------------

    function values(v) {
        if (v === undefined || v === null || v === '') {
            return [];
        }
        return (Array.isArray(v) ? v : [v]).map(function (x) {
            return String(x).trim();
        }).filter(function (x) {
            return x !== '';
        });
    }

    function normalizeType(t) {
        t = lower(t);
        if (t === 'known_error' || t === 'knownerror') {
            return 'known-error';
        }
        if (t === 'how-to') {
            return 'howto';
        }
        return t;
    }

    Index.prototype._filterKeys = function (filters) {
        var groups = [];
        groups.push(values(filters.type).map(function (t) {
            return '#type:' + normalizeType(t);
        }));
        groups.push(values(filters.category).map(function (c) {
            return '#cat:' + lower(c).replace(/\/+$/, '');
        }));
        groups.push(values(filters.product).map(function (p) {
            return '#prod:' + fold(p);
        }));
        groups = groups.filter(function (g) {
            return g.length > 0;
        });
        var version = values(filters.version)[0] || '';
        var keys = [];
        groups.forEach(function (g) {
            keys.push.apply(keys, g);
        });
        if (version !== '') {
            keys.push('#type:known-error', '#fixed');
        }
        return {groups: groups, version: version, keys: keys, active: groups.length > 0 || version !== ''};
    };

    Index.prototype._applyFilters = function (candidates, f) {
        var self = this;
        f.groups.forEach(function (group) {
            var allowed = new Set();
            group.forEach(function (key) {
                self.docsOf(key).forEach(function (d) {
                    allowed.add(d);
                });
            });
            candidates.forEach(function (d) {
                if (!allowed.has(d)) {
                    candidates.delete(d);
                }
            });
        });
        if (f.version !== '') {
            // Known errors fixed at or before the reader's version do not concern them.
            var limit = versionSortKey(f.version);
            var knownErrors = this.docsOf('#type:known-error');
            var fixed = this.entry('#fixed');
            (fixed && Array.isArray(fixed.v) ? fixed.v : []).forEach(function (pair) {
                if (knownErrors.has(pair[0]) && compareKeys(pair[1], limit) <= 0) {
                    candidates.delete(pair[0]);
                }
            });
        }
        return candidates;
    };

    // --- matching ----------------------------------------------------------

    // The documents a word_query() matches: any of its terms.
    Index.prototype._wordDocs = function (raw) {
        var self = this;
        var set = new Set();
        function add(key, field) {
            self.postings(key, field).forEach(function (v, d) {
                set.add(d);
            });
        }
        // Its terms are those of its rank group.
        var b = new Builder(this);
        b.addGroup(raw, 1, true);
        var g = b.groups[0];
        g.text.forEach(function (t) {
            add(t.key, t.field);
        });
        g.title.forEach(function (t) {
            add(t.key, 'S');
            add(t.key, 'H');
        });
        add(g.id, 'I');
        return set;
    };

    Index.prototype._evaluate = async function (clause) {
        var self = this;
        if (clause.kind === 'word') {
            return this._wordDocs(clause.raw);
        }
        if (clause.kind === 'prefix') {
            var set = new Set();
            clause.words.forEach(function (w) {
                self.postings(w, 't').forEach(function (v, d) {
                    set.add(d);
                });
                self.postings(w, 'S').forEach(function (v, d) {
                    set.add(d);
                });
            });
            return set;
        }
        if (clause.kind === 'phrase') {
            return this._phraseDocs(clause.words);
        }
        var sets = [];
        for (var i = 0; i < clause.parts.length; i++) {
            sets.push(await this._evaluate(clause.parts[i]));
        }
        var out;
        if (clause.kind === 'or') {
            out = new Set();
            sets.forEach(function (s) {
                s.forEach(function (d) {
                    out.add(d);
                });
            });
        } else {
            out = sets[0];
            sets.slice(1).forEach(function (s) {
                out = new Set(Array.from(out).filter(function (d) {
                    return s.has(d);
                }));
            });
        }
        return out;
    };

    // OP_PHRASE over the folded words: each one position after the last.
    Index.prototype._phraseDocs = async function (words) {
        var self = this;
        var docs = null;
        words.forEach(function (w) {
            var p = self.postings(w, 't');
            docs = docs === null ? Array.from(p.keys()) : docs.filter(function (d) {
                return p.has(d);
            });
        });
        var out = new Set();
        if (!docs || docs.length === 0) {
            return out;
        }
        await this._loadKeys(unique(words), 'x-');
        var positions = words.map(function (w) {
            return self._positions(w);
        });
        docs.forEach(function (d) {
            var first = positions[0].get(d) || [];
            var found = first.some(function (start) {
                for (var k = 1; k < words.length; k++) {
                    var list = positions[k].get(d);
                    if (!list || list.indexOf(start + k) < 0) {
                        return false;
                    }
                }
                return true;
            });
            if (found) {
                out.add(d);
            }
        });
        return out;
    };

    // Typing: the most frequent indexed words the prefix begins, from at
    // most two shards.
    Index.prototype._expand = async function (prefix) {
        var first = this._shardOf(prefix);
        var names = ['t-' + first];
        if (first + 1 < this.shards.length && this.shards[first + 1].indexOf(prefix) === 0) {
            names.push('t-' + (first + 1));
        }
        await this._loadAll(names);
        var self = this;
        // Split lists without a hint are counted from their parts.
        var parts = [];
        names.forEach(function (name) {
            var data = self._data[name];
            if (data && typeof data === 'object') {
                Object.keys(data).forEach(function (key) {
                    var e = data[key];
                    if (key.indexOf(prefix) === 0 && key.charAt(0) !== '#' && e) {
                        if (Array.isArray(e.t) && typeof e.df !== 'number') {
                            parts.push.apply(parts, e.t);
                        }
                        if (Array.isArray(e.S) && typeof e.dfS !== 'number') {
                            parts.push.apply(parts, e.S);
                        }
                    }
                });
            }
        });
        await this._loadAll(unique(parts));
        var found = [];
        names.forEach(function (name) {
            var data = self._data[name];
            if (!data || typeof data !== 'object') {
                return;
            }
            Object.keys(data).forEach(function (key) {
                if (key.indexOf(prefix) === 0 && key.charAt(0) !== '#') {
                    var e = data[key];
                    var df = Math.max(self._countPairs(e, 't'), self._countPairs(e, 'S'));
                    if (df > 0) {
                        found.push({key: key, df: df});
                    }
                }
            });
        });
        found.sort(function (a, b) {
            return b.df - a.df || compareKeys(a.key, b.key);
        });
        return found.slice(0, 50).map(function (f) {
            return f.key;
        });
    };

    // The CLI keeps the first stage's order for a trailing '*'; here the
    // words a prefix stands for weigh as one query word, each form fully.
    Builder.prototype.addPrefixGroup = function (clause) {
        if (!clause.words.length) {
            return;
        }
        var group = {word: clause.prefix, weight: 1, counts: true, text: [], title: [], heading: [], id: ''};
        clause.words.forEach(function (w) {
            group.text.push({term: w, key: w, field: 't', weight: 1});
            group.title.push({key: w, weight: 1});
            group.heading.push({key: w, weight: 1});
        });
        this.sequence.push(this.groups.length);
        this.groups.push(group);
    };

    // --- ranking: rerank.cpp ------------------------------------------------

    Index.prototype._rank = function (docs, builder, qtype, ranked) {
        docs.sort(function (a, b) {
            return a - b;
        });
        var w = this.weights;
        var q = this.q;
        var self = this;
        var groups = builder.groups;
        if (!ranked || groups.length === 0) {
            return docs.map(function (d) {
                return {doc: d, score: 0};
            });
        }
        var N = Math.max(1, this.n);
        var bm25f = new Map();
        var matched = new Map();
        var totalWeight = 0;
        var idfs = [];
        var titlePositions = [];
        docs.forEach(function (d) {
            bm25f.set(d, 0);
            matched.set(d, 0);
        });
        groups.forEach(function (g, gi) {
            var df = 0;
            g.text.forEach(function (t) {
                var n = self.postings(t.key, t.field).size;
                df = Math.max(df, n);
            });
            g.title.forEach(function (t) {
                df = Math.max(df, self.postings(t.key, 'S').size);
            });
            idfs.push(0);
            titlePositions.push(null);
            if (df === 0 && g.id === '') {
                return;  // in no article: it neither scores nor counts
            }
            var idf = Math.log(1 + (N - df + 0.5) / (df + 0.5));
            idfs[gi] = idf;
            if (g.counts) {
                totalWeight += g.weight;
            }
            var text = new Map();
            var title = new Map();
            var heading = new Map();
            g.text.forEach(function (t) {
                self.postings(t.key, t.field).forEach(function (v, d) {
                    text.set(d, (text.get(d) || 0) + t.weight * v / q);
                });
            });
            // A title term is a stem: its forms are one word, counted once.
            g.title.forEach(function (t) {
                self.postings(t.key, 'S').forEach(function (v, d) {
                    title.set(d, Math.max(title.get(d) || 0, t.weight * v / q));
                });
            });
            g.heading.forEach(function (t) {
                self.postings(t.key, 'H').forEach(function (v, d) {
                    heading.set(d, Math.max(heading.get(d) || 0, t.weight * v / q));
                });
            });
            var id = g.id === '' ? new Map() : self.postings(g.id, 'I');
            var positions = new Map();
            titlePositions[gi] = positions;
            docs.forEach(function (d) {
                var ti = title.get(d) || 0;
                if (w.proximity > 0 && ti > 0) {
                    var list = [];
                    g.text.forEach(function (t) {
                        if (t.field !== 't') {
                            return;  // an accented form sits where its folded word does
                        }
                        var p = self._titlePositions(t.key).get(d);
                        if (p) {
                            list.push.apply(list, p);
                        }
                    });
                    positions.set(d, list);
                }
                var combined = w.body * (text.get(d) || 0) + w.title * ti + w.heading * (heading.get(d) || 0) +
                               w.id * (id.get(d) || 0);
                if (combined <= 0) {
                    return;
                }
                bm25f.set(d, bm25f.get(d) + g.weight * idf * combined * (w.k1 + 1) / (w.k1 + combined));
                if (g.counts) {
                    matched.set(d, matched.get(d) + g.weight);
                }
            });
        });
        // Consecutive query words side by side in the title.
        var proximity = new Map();
        if (w.proximity > 0) {
            for (var k = 0; k + 1 < builder.sequence.length; k++) {
                var a = builder.sequence[k];
                var b = builder.sequence[k + 1];
                if (a === b || !titlePositions[a] || !titlePositions[b]) {
                    continue;
                }
                var worth = (groups[a].weight * idfs[a] + groups[b].weight * idfs[b]) / 2;
                titlePositions[a].forEach(function (pa, d) {
                    var pb = titlePositions[b].get(d);
                    if (pb && pa.some(function (p) {
                        return pb.indexOf(p + 1) >= 0;
                    })) {
                        proximity.set(d, (proximity.get(d) || 0) + w.proximity * worth);
                    }
                });
            }
        }
        var sameQuestion = qtype !== '' ? this.docsOf('#q:' + qtype) : new Set();
        var scored = docs.map(function (d) {
            var coordination = totalWeight > 0 ? Math.pow(matched.get(d) / totalWeight, w.coordination) : 1;
            var question = sameQuestion.has(d) ? w.question : 0;
            return {doc: d, score: (bm25f.get(d) + (proximity.get(d) || 0)) * coordination * (1 + question)};
        });
        scored.sort(function (x, y) {
            return y.score - x.score || x.doc - y.doc;
        });
        return scored;
    };

    // --- spelling: correct_spelling() and correction_of() -------------------

    Index.prototype._known = function (folded, exact) {
        var e = this.entry(folded);
        if (e && e.t !== undefined) {
            return true;
        }
        if (exact !== folded && e && hasOwn(e.e, exact)) {
            return true;
        }
        var s = this.stemOf(folded);
        if (s === null) {
            return false;
        }
        var se = this.entry(s);
        return !!se && (se.t !== undefined || (Array.isArray(se.c) && se.c.length > 0));
    };

    // The corrections of the query's unknown words; apply: the tokens then
    // hold the corrected words (else they stay as typed).
    Index.prototype._correctSpelling = async function (tokens, apply) {
        var corrections = [];
        if (!this.root.spell || !this.root.stem) {
            return corrections;
        }
        var unknown = [];
        var found = 0;
        for (var t = 0; t < tokens.length; t++) {
            var token = tokens[t];
            if (token.modifier === '-' || token.wildcard) {
                continue;
            }
            for (var i = 0; i < token.words.length; i++) {
                var word = token.words[i];
                if (text().isCodeLike(word.raw) || text().isAllCaps(word.raw)) {
                    continue;
                }
                var folded = fold(word.raw);
                if (folded.length < 4 || !text().isSpellingWord(folded) || isStopword(folded) ||
                    this.synVocabulary.has(folded)) {
                    continue;
                }
                var exact = lower(word.raw);
                if (this._known(folded, exact)) {
                    found++;
                } else if (exact === folded) {
                    unknown.push({word: word, folded: folded});  // words with accents are never corrected
                }
            }
        }
        // Every found word is of this index's stemmed language.
        if (unknown.length === 0 || unknown.length > found + 1) {
            return corrections;
        }
        for (var u = 0; u < unknown.length; u++) {
            var suggestion = await this._correction(unknown[u].folded);
            if (suggestion === '') {
                continue;
            }
            corrections.push({begin: unknown[u].word.begin, end: unknown[u].word.end, to: suggestion});
            if (apply) {
                unknown[u].word.raw = suggestion;
            }
        }
        corrections.sort(function (a, b) {
            return a.begin - b.begin;
        });
        return corrections;
    };

    function nearer(a, b) {
        return a.distance - b.distance || b.df - a.df || compareKeys(a.word, b.word);
    }

    function spellingFiles(word) {
        return ['sp-' + word.slice(0, 2), 'ss-' + word.slice(-2)];
    }

    // The spelling words near a word (distance ≤ max), nearest first, then
    // the most frequent, then byte order.
    Index.prototype._near = async function (word, max) {
        var names = spellingFiles(word);
        await this._loadAll(names);
        var seen = new Map();
        var self = this;
        names.forEach(function (name) {
            var data = self._data[name];
            if (!data || typeof data !== 'object') {
                return;
            }
            Object.keys(data).forEach(function (candidate) {
                if (candidate === word || seen.has(candidate)) {
                    return;
                }
                var distance = editDistance(word, candidate, max);
                if (distance <= max) {
                    seen.set(candidate, {word: candidate, distance: distance, df: data[candidate]});
                }
            });
        });
        return Array.from(seen.values()).sort(nearer);
    };

    Index.prototype._correction = async function (folded) {
        var near = await this._near(folded, folded.length >= 9 ? 2 : 1);
        return near.length ? near[0].word : '';
    };

    Index.prototype._closest = async function (tokens) {
        if (!this.root.spell) {
            return [];
        }
        var all = [];
        for (var t = 0; t < tokens.length; t++) {
            if (tokens[t].modifier === '-') {
                continue;
            }
            for (var i = 0; i < tokens[t].words.length; i++) {
                var folded = fold(tokens[t].words[i].raw);
                if (text().isSpellingWord(folded) && !isStopword(folded)) {
                    all.push.apply(all, await this._near(folded, 2));
                }
            }
        }
        all.sort(nearer);
        return unique(all.map(function (n) {
            return n.word;
        })).slice(0, 5);
    };

    // --- snippets -----------------------------------------------------------

    // The words a result highlights: the query's folded words, their forms
    // and stems, and the prefixes being typed.
    Index.prototype._highlightTerms = function (builder) {
        var folded = new Set();
        var stems = new Set();
        var self = this;
        builder.highlight.forEach(function (w) {
            folded.add(w);
            builder.formSet(w).forEach(function (f) {
                folded.add(f);
            });
            var s = self.stemOf(w);
            if (s !== null) {
                stems.add(s);
            }
        });
        builder.groups.forEach(function (g) {
            g.text.forEach(function (t) {
                folded.add(t.key);
            });
        });
        var stemmer = this.root.stem;
        return {
            folded: folded,
            prefixes: builder.prefixes.slice(),
            matches: function (f) {
                if (folded.has(f)) {
                    return true;
                }
                for (var i = 0; i < this.prefixes.length; i++) {
                    if (f.indexOf(this.prefixes[i]) === 0) {
                        return true;
                    }
                }
                return stems.size > 0 && stemmer !== '' && stems.has(text().stem(stemmer, f));
            }
        };
    };

    // A word of a result folded for marking. An ASCII query leaves fold.js
    // unloaded; the accents of the result's words are then dropped as
    // Unicode decomposes them, which is the fold of nearly every word an
    // article has, rather than load the table for the marks alone.
    function foldShown(word) {
        if (text().hasFoldTable() || !text().needsTable(word)) {
            return fold(word);
        }
        return fold(word.normalize('NFD').replace(/[\u0300-\u036f]/g, ''));
    }

    var k_snippet_length = 160;
    var k_snippet_context = 40;

    // The window of about 160 characters of summary + " " + text with the
    // most distinct query words (then the most matches, then the earliest),
    // every matching word marked.
    function makeSnippet(summary, body, terms) {
        var all = summary && body ? summary + ' ' + body : summary || body;
        var spans = findWords(all);
        var chainStart = 0;
        spans.forEach(function (s, i) {
            var f = foldShown(all.slice(s.begin, s.end));
            s.folded = f;
            s.key = f !== '' && terms.matches(f) ? f : null;
            var hyphenated = i > 0 && s.begin === spans[i - 1].end + 1 && all[spans[i - 1].end] === '-';
            if (!hyphenated) {
                chainStart = i;
            } else {
                var chain = '';
                for (var k = chainStart; k <= i; k++) {
                    chain += spans[k].folded;
                }
                if (terms.folded.has(chain)) {
                    for (k = chainStart; k <= i; k++) {
                        spans[k].key = chain;
                    }
                }
            }
        });
        var best = {begin: 0, end: Math.min(all.length, k_snippet_length), distinct: 0, matches: 0};
        spans.forEach(function (s, i) {
            if (s.key === null) {
                return;
            }
            var first = i;
            while (first > 0 && s.begin - spans[first - 1].begin <= k_snippet_context) {
                first--;
            }
            var win = {begin: first === 0 ? 0 : spans[first].begin, end: 0, distinct: 0, matches: 0};
            var seen = new Set();
            var j = first;
            for (; j < spans.length && (j === first || spans[j].end - win.begin <= k_snippet_length); j++) {
                if (spans[j].key !== null) {
                    win.matches++;
                    seen.add(spans[j].key);
                }
            }
            win.distinct = seen.size;
            win.end = spans[j - 1].end;
            if (j === spans.length && all.length - win.begin <= k_snippet_length) {
                win.end = all.length;
            }
            if (win.distinct > best.distinct || (win.distinct === best.distinct && win.matches > best.matches)) {
                best = win;
            }
        });
        if (best.distinct === 0) {
            best.begin = 0;
            best.end = all.length;
            if (all.length > k_snippet_length) {
                best.end = 0;
                for (var k = 0; k < spans.length && spans[k].end <= k_snippet_length; k++) {
                    best.end = spans[k].end;
                }
                if (best.end === 0) {
                    best.end = Math.min(all.length, k_snippet_length);
                }
            }
        }
        var out = '';
        var shift = 0;
        if (best.begin > 0) {
            out = '\u2026';
            shift = 1;
        }
        out += all.slice(best.begin, best.end);
        var highlights = [];
        spans.forEach(function (s) {
            if (s.key !== null && s.begin >= best.begin && s.end <= best.end) {
                highlights.push([s.begin - best.begin + shift, s.end - best.begin + shift]);
            }
        });
        if (best.end < all.length) {
            out += '\u2026';
        }
        return {text: out, highlights: highlights};
    }

    // ---------------------------------------------------------------------
    // Exports

    var FaqtSearch = {
        open: function (base, options) {
            return new Index(base, options);
        },
        fold: fold,
        lower: lower,
        findWords: findWords,
        stem: function (lang, word) {
            return text().stem(lang, word);
        },
        setFoldTable: function (table) {
            text().setFoldTable(table);
        },
        // For tests: the parts with rules of their own.
        versionSortKey: versionSortKey,
        compareKeys: compareKeys,
        decodeNumbers: decodeNumbers,
        editDistance: editDistance
    };

    global.faqtSearchData = faqtSearchData;
    global.FaqtSearch = FaqtSearch;
})(typeof globalThis !== 'undefined' ? globalThis : this);
