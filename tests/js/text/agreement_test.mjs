// The browser search's word rules (site/theme/assets/search-text.js) give
// what the C++ gives (content/text.cpp, index/terms.cpp, index/rerank.cpp,
// Xapian's English stemmer) on the same strings: README.md here.
//
//   node agreement_test.mjs --dump BUILD/faqt_text_dump --source REPO [--corpus DIR]
//
// Exit 0 when every string and every word agrees, 1 on any mismatch.

import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import vm from "node:vm";

function parseArgs(argv) {
  const args = {};
  for (let i = 0; i < argv.length; i += 2) {
    args[argv[i].replace(/^--/, "")] = argv[i + 1];
  }
  if (!args.dump || !args.source) {
    console.error("usage: node agreement_test.mjs --dump FAQT_TEXT_DUMP --source REPO [--corpus DIR]");
    process.exit(2);
  }
  return args;
}

const args = parseArgs(process.argv.slice(2));
const failures = [];
const MAX_SHOWN = 25;

// Text from files shown on a terminal: control, bidi and other invisible
// characters as escapes.
function shown(value) {
  return JSON.stringify(value).replace(/[\u0000-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]/g, (c) =>
    "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0")
  );
}

function fail(message) {
  failures.push(message);
  if (failures.length <= MAX_SHOWN) {
    console.log("MISMATCH " + message);
  }
}

function dump(mode, lines) {
  const input = lines === null ? "" : lines.join("\n") + "\n";
  const out = execFileSync(args.dump, [mode], { input, maxBuffer: 1 << 30, encoding: "utf8" });
  return out.split("\n").filter((line) => line !== "").map((line) => JSON.parse(line));
}

// search-text.js as the page runs it: a classic script in a fresh global.
function loadText() {
  const file = path.join(args.source, "site", "theme", "assets", "search-text.js");
  const source = fs.readFileSync(file, "utf8");
  // ASCII, so it reads the same whatever charset the page is served with;
  // and no ES2018 regular expressions (Unicode properties, lookbehind,
  // named groups), which an ES2017 browser refuses.
  if (/[^\x00-\x7f]/.test(source)) {
    fail("search-text.js holds a character beyond ASCII");
  }
  if (/\\[pP]\{|\(\?<[=!a-zA-Z]/.test(source)) {
    fail("search-text.js uses an ES2018 regular expression");
  }
  const context = vm.createContext({});
  const before = new Set(Object.getOwnPropertyNames(context));
  vm.runInContext(source, context, { filename: file });
  const added = Object.getOwnPropertyNames(context).filter((name) => !before.has(name));
  if (added.join(",") !== "FaqtText") {
    fail("search-text.js defines the globals " + shown(added) + ", not only FaqtText");
  }
  return context.FaqtText;
}

const T = loadText();

// ---- Rules that need no C++: the ASCII paths and a missing table.

function expectEqual(what, got, expected) {
  if (JSON.stringify(got) !== JSON.stringify(expected)) {
    fail(what + ": " + shown(got) + " instead of " + shown(expected));
  }
}

expectEqual("needsTable ASCII", T.needsTable("VPN 0x80070005 ERR_CONN_RESET"), false);
expectEqual("needsTable é", T.needsTable("caf\u00e9"), true);
expectEqual("needsTable emoji", T.needsTable("\u{1F600}"), true);
// Without the table a character with case is a letter folded by
// toLowerCase(); one without case is no word character.
expectEqual("no table: fold", T.fold("\u0531B"), "\u0561b");
expectEqual("no table: words", T.splitWords("\u0531b\u2014c"), ["\u0531b", "c"]);
expectEqual("stem, other stemmer", T.stem("french", "connections"), "connections");
expectEqual("stem, code-like", T.stem("english", "connections_2"), "connections_2");
expectEqual("stem, language code", T.stem("en", "connections"), "connect");
expectEqual("isStopword before setStopwords", T.isStopword("the"), false);

// ---- The fixture, through both sides.

const fixture = fs
  .readFileSync(path.join(args.source, "tests", "js", "text", "strings.jsonl"), "utf8")
  .split("\n")
  .filter((line) => line !== "")
  .map((line) => JSON.parse(line));
if (fixture.length < 10000) {
  fail("the fixture has " + fixture.length + " strings, fewer than 10,000");
}
const strings = fixture.filter((s) => !s.includes("\n"));

const table = dump("table", strings)[0];
T.setFoldTable(table);
const stopwords = dump("stopwords", null)[0];
T.setStopwords(stopwords);

for (const c of ["\u00e9", "\u0110", "\u0301", "\ufb01", "\uff21", "\u03a3", "\u0416", "\u1ec5", "\u2014"]) {
  if (!Object.prototype.hasOwnProperty.call(table, c)) {
    fail("the fold table lacks " + shown(c));
  }
}
if (Object.keys(table).some((c) => c.codePointAt(0) < 0x80)) {
  fail("the fold table holds ASCII");
}
// Greek sigma: whole-text lower-casing would give a final ς, the index's
// per-character fold gives σ everywhere.
expectEqual("fold final sigma", T.fold("\u039f\u0394\u039f\u03a3 \u03bf\u03b4\u03bf\u03c2"), "\u03bf\u03b4\u03bf\u03c3 \u03bf\u03b4\u03bf\u03c3");
expectEqual("isStopword", [T.isStopword("the"), T.isStopword("vpn")], [true, false]);

function jsView(text) {
  const spans = T.findWords(text);
  const words = spans.map((s) => text.substr(s.offset, s.length));
  const folded = words.map((w) => T.fold(w));
  const joins = [];
  for (let i = 0; i + 1 < spans.length; i++) {
    const between = text.slice(spans[i].offset + spans[i].length, spans[i + 1].offset);
    joins.push([T.joinsNameNumber(folded[i], between, folded[i + 1]), T.joinedNameNumber(folded[i], between, folded[i + 1])]);
  }
  return {
    fold: T.fold(text),
    lower: T.lower(text),
    spans: spans.map((s) => [s.offset, s.length]),
    words: T.splitWords(text),
    folded,
    exact: words.map((w) => T.lower(w)),
    caps: words.map((w) => T.isAllCaps(w)),
    code: folded.map((w) => T.isCodeLike(w)),
    plain: folded.map((w) => T.isPlainNumber(w)),
    stop: folded.map((w) => T.isStopword(w)),
    spell: folded.map((w) => T.isSpellingWord(w)),
    compound: folded.map((w) => T.compoundParts(w)),
    number: folded.map((w) => T.numberParts(w)),
    split: folded.map((w) => T.nameNumberSplit(w)),
    joins,
    stems: folded.map((w) => T.stem("english", w)),
    question: T.questionTypeOfText(text),
    ticket: T.ticketKey(text),
  };
}

const expected = dump("strings", strings);
if (expected.length !== strings.length) {
  fail("the dump gave " + expected.length + " lines for " + strings.length + " strings");
}
let stringMismatches = 0;
const vocabulary = new Map();
for (let i = 0; i < Math.min(expected.length, strings.length); i++) {
  const cpp = expected[i];
  const js = jsView(strings[i]);
  let bad = false;
  for (const field of Object.keys(cpp)) {
    if (JSON.stringify(js[field]) !== JSON.stringify(cpp[field])) {
      fail("string " + (i + 1) + " " + shown(strings[i]) + " " + field + ": JS " + shown(js[field]) + ", C++ " + shown(cpp[field]));
      bad = true;
    }
  }
  if (Object.keys(js).length !== Object.keys(cpp).length) {
    fail("the dump and the test compare different fields");
  }
  stringMismatches += bad ? 1 : 0;
  cpp.folded.forEach((word, k) => vocabulary.set(word, cpp.stems[k]));
}

// ---- The stemmer on every word: the fixture's, examples/helpdesk's, the
// officedocs corpus's when it is here, and words made to reach every rule.

function textFiles(folder) {
  const out = [];
  for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory() && !entry.name.startsWith(".")) {
      out.push(...textFiles(full));
    } else if (entry.isFile() && /\.(md|toml|yml|yaml|txt)$/.test(entry.name)) {
      out.push(full);
    }
  }
  return out.sort();
}

function addVocabulary(files, source) {
  const lines = [];
  for (const file of files) {
    lines.push(...fs.readFileSync(file, "utf8").split("\n"));
  }
  const pairs = dump("vocabulary", lines);
  for (const [word, stem] of pairs) {
    vocabulary.set(word, stem);
  }
  console.log(source + ": " + files.length + " files, " + pairs.length + " distinct words");
}

addVocabulary(textFiles(path.join(args.source, "examples", "helpdesk")), "examples/helpdesk");

function findCorpus() {
  const candidates = [args.corpus, process.env.FAQT_OFFICEDOCS && path.dirname(process.env.FAQT_OFFICEDOCS),
    path.join(args.source, "..", "shared", "corpus"), "/work/shared/corpus"];
  return candidates.find((dir) => dir && fs.existsSync(path.join(dir, "officedocs-support")));
}
const corpus = findCorpus();
if (corpus) {
  addVocabulary(textFiles(path.join(corpus, "officedocs-support")), "officedocs-support");
} else {
  console.log("officedocs-support corpus not found: its vocabulary is not checked");
}

// Words built to reach each rule of the algorithm: stems of every shape
// (y after vowels, the gener/commun/arsen starts, short syllables, non-ASCII
// letters) with every suffix and pairs of suffixes. A fixed linear
// congruential sequence (32-bit) keeps the set the same on every run.
function madeWords() {
  const suffixes = ["", "s", "es", "ies", "ied", "sses", "us", "ss", "ed", "eed", "eedly", "edly", "ing", "ingly", "y",
    "li", "ogi", "logi", "tional", "enci", "anci", "abli", "entli", "izer", "ization", "ational", "ation", "ator",
    "alism", "aliti", "alli", "fulness", "ousli", "ousness", "iveness", "iviti", "biliti", "bli", "fulli", "lessli",
    "alize", "icate", "iciti", "ical", "ful", "ness", "ative", "al", "ance", "ence", "er", "ic", "able", "ible", "ant",
    "ement", "ment", "ent", "ism", "ate", "iti", "ous", "ive", "ize", "ion", "sion", "tion", "e", "l", "ll", "at", "bl",
    "iz", "bb", "tt", "cli", "'s", "'", "'s'"];
  const starts = ["", "", "", "y", "gener", "commun", "arsen", "'", "ski", "sky", "\u00e9", "\u4e2d"];
  const letters = "aeiouybcdglnrstwxpmhk\u00ef\u00f1";
  let seed = 12345;
  const next = (n) => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return (seed >>> 16) % n;
  };
  const words = new Set(["skis", "skies", "dying", "lying", "tying", "idly", "gently", "ugly", "early", "only", "singly",
    "sky", "news", "howe", "atlas", "cosmos", "bias", "andes", "inning", "innings", "outing", "canning", "herring",
    "earring", "proceed", "proceeds", "exceed", "succeeded", "ay", "yy", "yyy", "ayyy", "\u{1F600}ing", "x\u{1F600}ies"]);
  while (words.size < 40000) {
    let w = starts[next(starts.length)];
    const n = next(7);
    for (let i = 0; i < n; i++) {
      w += letters[next(letters.length)];
    }
    w += suffixes[next(suffixes.length)];
    if (next(3) === 0) {
      w += suffixes[next(suffixes.length)];
    }
    if (w !== "") {
      words.add(w);
    }
  }
  return [...words];
}
const made = madeWords();
for (const [word, stem] of dump("stems", made)) {
  vocabulary.set(word, stem);
}

let stemMismatches = 0;
for (const [word, stem] of vocabulary) {
  const js = T.stem("english", word);
  if (js !== stem) {
    stemMismatches++;
    fail("stem " + shown(word) + ": JS " + shown(js) + ", Xapian " + shown(stem));
  }
}

console.log(
  "strings: " + strings.length + ", string mismatches: " + stringMismatches + "; table: " + Object.keys(table).length +
    " characters; words stemmed: " + vocabulary.size + " (" + made.length + " made), stem mismatches: " + stemMismatches
);
if (failures.length > 0) {
  console.log(failures.length + " failures");
  process.exit(1);
}
console.log("ok");
