// The word rules of faqt's search, for the browser: the same words, folds,
// codes and stems as the C++ that builds the index (content/text.cpp,
// index/terms.cpp, index/rerank.cpp), so a query typed in the page becomes
// the terms the index holds. tests/js/text/ checks every function here
// against the C++ on the same strings.
//
// Characters beyond ASCII come from the index's character table (fold.js,
// content/fold_table.hpp): what fold(), lower() and char_class() make of each
// one. ASCII is handled here exactly as the C++ fast paths do.
//
// A classic ES2017 script: defines the global FaqtText and nothing else.
(function (global) {
  "use strict";

  var CLASS_OTHER = 0;
  var CLASS_LETTER = 1;
  var CLASS_DIGIT = 2;
  var CLASS_MARK = 3;

  var hasOwn = Object.prototype.hasOwnProperty;
  var foldTable = null;
  var stopwordSet = null;

  // The table of fold.js: {"\u00e9": ["e", "\u00e9", 1], ...} (e acute).
  function setFoldTable(table) {
    foldTable = table || null;
  }

  function hasFoldTable() {
    return foldTable !== null;
  }

  // The root's "stop" list (terms::is_stopword's words).
  function setStopwords(words) {
    stopwordSet = Object.create(null);
    for (var i = 0; i < (words || []).length; i++) {
      stopwordSet[words[i]] = true;
    }
  }

  function isAscii(text) {
    for (var i = 0; i < text.length; i++) {
      if (text.charCodeAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  // Whether text needs the character table: it has a character beyond ASCII.
  function needsTable(text) {
    return !isAscii(text);
  }

  function asciiLower(text) {
    var out = "";
    var start = 0;
    for (var i = 0; i < text.length; i++) {
      var c = text.charCodeAt(i);
      if (c >= 0x41 && c <= 0x5a) {
        out += text.slice(start, i) + String.fromCharCode(c + 32);
        start = i + 1;
      }
    }
    return start === 0 ? text : out + text.slice(start);
  }

  // The code point at text[i] (a lone surrogate reads as U+FFFD, as invalid
  // UTF-8 does in the C++).
  function codePointAt(text, i) {
    var c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      var d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        return (c - 0xd800) * 0x400 + (d - 0xdc00) + 0x10000;
      }
    }
    if (c >= 0xd800 && c <= 0xdfff) {
      return -1;
    }
    return c;
  }

  var REPLACEMENT = "\ufffd";

  // [fold, lower, class] of one character beyond ASCII. A character missing
  // from the table is taken as a letter when it has case (fold and lower =
  // toLowerCase()), else as no word character that stays as it is.
  function entryOf(ch) {
    if (foldTable !== null && hasOwn.call(foldTable, ch)) {
      return foldTable[ch];
    }
    var lowerCased = ch.toLowerCase();
    if (lowerCased !== ch.toUpperCase()) {
      return [lowerCased, lowerCased, CLASS_LETTER];
    }
    return [ch, ch, CLASS_OTHER];
  }

  var REPLACEMENT_ENTRY = [REPLACEMENT, REPLACEMENT, CLASS_OTHER];

  function entryAt(cp) {
    return cp < 0 ? REPLACEMENT_ENTRY : entryOf(String.fromCodePoint(cp));
  }

  function asciiClass(c) {
    if (c >= 0x30 && c <= 0x39) {
      return CLASS_DIGIT;
    }
    return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) ? CLASS_LETTER : CLASS_OTHER;
  }

  // content's char_class(): 1 letter, 2 decimal digit, 3 mark, 0 other.
  function charClass(cp) {
    return cp >= 0 && cp < 0x80 ? asciiClass(cp) : entryAt(cp)[2];
  }

  function mapText(text, field) {
    if (isAscii(text)) {
      return asciiLower(text);
    }
    var out = "";
    for (var i = 0; i < text.length; ) {
      var cp = codePointAt(text, i);
      var width = cp > 0xffff ? 2 : 1;
      if (cp >= 0 && cp < 0x80) {
        out += cp >= 0x41 && cp <= 0x5a ? String.fromCharCode(cp + 32) : text[i];
      } else {
        out += entryAt(cp)[field];
      }
      i += width;
    }
    return out;
  }

  // content's fold(): accents and marks dropped, lower-cased, d with stroke to d, sharp s to ss...
  // The C++ folds a whole text at once; folding it character by character
  // gives the same (content/fold_table.hpp says why, the tests check it).
  function fold(text) {
    return mapText(text, 0);
  }

  // content's lower(): case folded, accents kept.
  function lower(text) {
    return mapText(text, 1);
  }

  // content's find_words(): [{offset, length}] in UTF-16 code units. Runs of
  // letters, digits and marks; '_' between letters or digits and '.' between
  // digits stay in the word.
  function findWords(text) {
    var words = [];
    var n = text.length;
    var i = 0;
    var start = -1;
    var previous = CLASS_OTHER;
    while (i < n) {
      var here = i;
      var c = text.charCodeAt(i);
      var cls;
      if (c < 0x80) {
        i += 1;
        cls = asciiClass(c);
      } else {
        var cp = codePointAt(text, i);
        i += cp > 0xffff ? 2 : 1;
        cls = charClass(cp);
      }
      if (cls !== CLASS_OTHER) {
        if (start < 0) {
          start = here;
        }
        previous = cls;
        continue;
      }
      if (start >= 0 && (c === 0x5f || c === 0x2e) && i < n) {
        var next = charClass(codePointAt(text, i));
        var joins =
          c === 0x5f
            ? (previous === CLASS_LETTER || previous === CLASS_DIGIT) && (next === CLASS_LETTER || next === CLASS_DIGIT)
            : previous === CLASS_DIGIT && next === CLASS_DIGIT;
        if (joins) {
          previous = CLASS_OTHER;
          continue;
        }
      }
      if (start >= 0) {
        words.push({ offset: start, length: here - start });
        start = -1;
      }
      previous = CLASS_OTHER;
    }
    if (start >= 0) {
      words.push({ offset: start, length: n - start });
    }
    return words;
  }

  // content's split_words(): the words of findWords() as strings.
  function splitWords(text) {
    return findWords(text).map(function (span) {
      return text.substr(span.offset, span.length);
    });
  }

  // terms::is_code_like(): a digit 0-9, '_' or '.' in the word.
  function isCodeLike(word) {
    return /[0-9_.]/.test(word);
  }

  // terms::is_all_caps(): two or more letters A-Z and none a-z.
  function isAllCaps(word) {
    var letters = 0;
    for (var i = 0; i < word.length; i++) {
      var c = word.charCodeAt(i);
      if (c >= 0x61 && c <= 0x7a) {
        return false;
      }
      if (c >= 0x41 && c <= 0x5a) {
        letters++;
      }
    }
    return letters >= 2;
  }

  // terms::is_plain_number(): at most four digits 0-9 ("" too, as in the C++).
  function isPlainNumber(word) {
    return word.length < 5 && /^[0-9]*$/.test(word);
  }

  function isDigits(text) {
    return text.length > 0 && /^[0-9]+$/.test(text);
  }

  function countLetters(folded) {
    var n = 0;
    while (n < folded.length && folded.charCodeAt(n) >= 0x61 && folded.charCodeAt(n) <= 0x7a) {
      n++;
    }
    return n;
  }

  // content's name_number_split(): where the letters of "covid19" end, -1
  // when the word is not two or more letters a-z then digits 0-9.
  function nameNumberSplit(folded) {
    var letters = countLetters(folded);
    if (letters < 2 || !isDigits(folded.slice(letters))) {
      return -1;
    }
    return letters;
  }

  // content's joins_name_number(): "covid" " " "19".
  function joinsNameNumber(folded, between, nextFolded) {
    return (
      between === " " && folded.length >= 2 && countLetters(folded) === folded.length && isDigits(nextFolded)
    );
  }

  // terms::is_stopword(); the list comes from the index (setStopwords).
  function isStopword(folded) {
    return stopwordSet !== null && stopwordSet[folded] === true;
  }

  // terms::joined_name_number(): "covid19", or "" when the words do not join.
  function joinedNameNumber(folded, between, nextFolded) {
    if (!joinsNameNumber(folded, between, nextFolded) || isStopword(folded)) {
      return "";
    }
    return folded + nextFolded;
  }

  // terms::number_parts(): ["covid", "19"] or [].
  function numberParts(folded) {
    var split = nameNumberSplit(folded);
    return split < 0 ? [] : [folded.slice(0, split), folded.slice(split)];
  }

  // terms::compound_parts(): "err_conn_reset" gives ["err", "conn", "reset"];
  // [] without '_', with fewer than two parts or with only digits.
  function compoundParts(folded) {
    if (folded.indexOf("_") < 0) {
      return [];
    }
    var parts = folded.split("_").filter(function (part) {
      return part.length > 0;
    });
    var hasLetter = /[^0-9_]/.test(folded);
    return hasLetter && parts.length >= 2 ? parts : [];
  }

  // terms::is_spelling_word(): 3-32 letters a-z.
  function isSpellingWord(term) {
    return /^[a-z]{3,32}$/.test(term);
  }

  // terms::ticket_key(): the folded words joined, without '_' and '.'.
  function ticketKey(text) {
    return splitWords(text)
      .map(function (word) {
        return fold(word).replace(/[_.]/g, "");
      })
      .join("");
  }

  // index/rerank.cpp's question_type(): the kind of question the first
  // words ask, "" when none.
  var HOW_LONG = { long: 1, many: 1, much: 1, often: 1, far: 1, old: 1 };
  var YES_NO = {
    can: 1, could: 1, may: 1, should: 1, is: 1, are: 1, does: 1, do: 1, did: 1, will: 1, would: 1,
    was: 1, were: 1, has: 1, have: 1
  };

  function questionType(words) {
    var n = Math.min(words.length, 3);
    for (var i = 0; i < n; i++) {
      var w = words[i];
      if (w === "how") {
        if (i + 1 < words.length && hasOwn.call(HOW_LONG, words[i + 1])) {
          return "how-long";
        }
        return "how";
      }
      if (w === "what" || w === "which" || w === "whats" || w === "what's") {
        return "what";
      }
      if (w === "where" || w === "why" || w === "when" || w === "who") {
        return w;
      }
      if (i === 0 && hasOwn.call(YES_NO, w)) {
        return "yes-no";
      }
    }
    return "";
  }

  function questionTypeOfText(text) {
    var words = [];
    var spans = findWords(text);
    for (var i = 0; i < spans.length && words.length < 4; i++) {
      words.push(fold(text.substr(spans[i].offset, spans[i].length)));
    }
    return questionType(words);
  }

  // ---- The English stemmer: Snowball's English (Porter2) as Xapian 1.4
  // runs it, on folded words. Only a-z, y, Y and ' mean anything to it;
  // every other character is a consonant that is never changed.

  var EXCEPTIONS = {
    skis: "ski", skies: "sky", dying: "die", lying: "lie", tying: "tie", idly: "idl", gently: "gentl",
    ugly: "ugli", early: "earli", only: "onli", singly: "singl", sky: "sky", news: "news", howe: "howe",
    atlas: "atlas", cosmos: "cosmos", bias: "bias", andes: "andes"
  };
  // Words left as they are after the first step.
  var INVARIANT_AFTER_1A = {
    inning: 1, outing: 1, canning: 1, herring: 1, earring: 1, proceed: 1, exceed: 1, succeed: 1
  };

  function isVowel(ch) {
    return ch === "a" || ch === "e" || ch === "i" || ch === "o" || ch === "u" || ch === "y";
  }

  // The word as an array of characters (code points), so lengths and
  // positions count what the C++ counts.
  function Word(chars, p1, p2) {
    this.c = chars;
    this.p1 = p1;
    this.p2 = p2;
  }

  Word.prototype.endsWith = function (suffix) {
    var n = this.c.length;
    var m = suffix.length;
    if (m > n) {
      return false;
    }
    for (var i = 0; i < m; i++) {
      if (this.c[n - m + i] !== suffix[i]) {
        return false;
      }
    }
    return true;
  };

  // The longest of suffixes the word ends with, or null.
  Word.prototype.longest = function (suffixes) {
    var best = null;
    for (var i = 0; i < suffixes.length; i++) {
      if ((best === null || suffixes[i].length > best.length) && this.endsWith(suffixes[i])) {
        best = suffixes[i];
      }
    }
    return best;
  };

  Word.prototype.replace = function (suffix, by) {
    this.c.length -= suffix.length;
    for (var i = 0; i < by.length; i++) {
      this.c.push(by[i]);
    }
  };

  Word.prototype.at = function (i) {
    return i >= 0 && i < this.c.length ? this.c[i] : "";
  };

  // A short syllable ends at position end (exclusive): consonant (not w, x
  // or Y), vowel, consonant; or, at the start of the word, vowel, consonant.
  Word.prototype.shortSyllableBefore = function (end) {
    if (end >= 3) {
      var last = this.c[end - 1];
      if (
        !isVowel(last) &&
        last !== "w" &&
        last !== "x" &&
        last !== "Y" &&
        isVowel(this.c[end - 2]) &&
        !isVowel(this.c[end - 3])
      ) {
        return true;
      }
    }
    return end === 2 && !isVowel(this.c[1]) && isVowel(this.c[0]);
  };

  function markRegions(c) {
    var n = c.length;
    var p1 = n;
    var p2 = n;
    var i = -1;
    var prefixes = ["gener", "commun", "arsen"];
    for (var k = 0; k < prefixes.length; k++) {
      if (c.slice(0, prefixes[k].length).join("") === prefixes[k]) {
        i = prefixes[k].length;
      }
    }
    if (i < 0) {
      i = pastVowelConsonant(c, 0);
    }
    if (i < 0) {
      return [p1, p2];
    }
    p1 = i;
    var j = pastVowelConsonant(c, i);
    if (j >= 0) {
      p2 = j;
    }
    return [p1, p2];
  }

  // The position after the first consonant that follows a vowel, from start;
  // -1 when there is none.
  function pastVowelConsonant(c, start) {
    var i = start;
    while (i < c.length && !isVowel(c[i])) {
      i++;
    }
    if (i >= c.length) {
      return -1;
    }
    i++;
    while (i < c.length && isVowel(c[i])) {
      i++;
    }
    return i < c.length ? i + 1 : -1;
  }

  function step1a(w) {
    var apostrophe = w.longest(["'", "'s", "'s'"]);
    if (apostrophe !== null) {
      w.replace(apostrophe, "");
    }
    var suffix = w.longest(["sses", "ied", "ies", "s", "us", "ss"]);
    if (suffix === "sses") {
      w.replace(suffix, "ss");
    } else if (suffix === "ied" || suffix === "ies") {
      w.replace(suffix, w.c.length - suffix.length >= 2 ? "i" : "ie");
    } else if (suffix === "s") {
      // Deleted when a vowel comes before the letter before the 's'.
      for (var i = 0; i < w.c.length - 2; i++) {
        if (isVowel(w.c[i])) {
          w.replace("s", "");
          break;
        }
      }
    }
  }

  function step1b(w) {
    var suffix = w.longest(["eed", "eedly", "ed", "edly", "ing", "ingly"]);
    if (suffix === null) {
      return;
    }
    var start = w.c.length - suffix.length;
    if (suffix === "eed" || suffix === "eedly") {
      if (start >= w.p1) {
        w.replace(suffix, "ee");
      }
      return;
    }
    var vowel = false;
    for (var i = 0; i < start; i++) {
      if (isVowel(w.c[i])) {
        vowel = true;
        break;
      }
    }
    if (!vowel) {
      return;
    }
    w.replace(suffix, "");
    var end = w.longest(["at", "bl", "iz", "bb", "dd", "ff", "gg", "mm", "nn", "pp", "rr", "tt"]);
    if (end === "at" || end === "bl" || end === "iz") {
      w.c.push("e");
    } else if (end !== null) {
      w.c.length -= 1;
    } else if (w.p1 === w.c.length && w.shortSyllableBefore(w.c.length)) {
      w.c.push("e");
    }
  }

  function step1c(w) {
    var n = w.c.length;
    var last = w.at(n - 1);
    if ((last === "y" || last === "Y") && n > 2 && !isVowel(w.c[n - 2])) {
      w.c[n - 1] = "i";
    }
  }

  var STEP2 = {
    tional: "tion", enci: "ence", anci: "ance", abli: "able", entli: "ent", izer: "ize", ization: "ize",
    ational: "ate", ation: "ate", ator: "ate", alism: "al", aliti: "al", alli: "al", fulness: "ful",
    ousli: "ous", ousness: "ous", iveness: "ive", iviti: "ive", biliti: "ble", bli: "ble", ogi: "og",
    fulli: "ful", lessli: "less", li: ""
  };
  var STEP2_SUFFIXES = Object.keys(STEP2);

  function step2(w) {
    var suffix = w.longest(STEP2_SUFFIXES);
    if (suffix === null || w.c.length - suffix.length < w.p1) {
      return;
    }
    var before = w.at(w.c.length - suffix.length - 1);
    if (suffix === "ogi" && before !== "l") {
      return;
    }
    if (suffix === "li" && "cdeghkmnrt".indexOf(before) < 0) {
      return;
    }
    w.replace(suffix, STEP2[suffix]);
  }

  var STEP3 = {
    tional: "tion", ational: "ate", alize: "al", icate: "ic", iciti: "ic", ical: "ic", ful: "", ness: "",
    ative: ""
  };
  var STEP3_SUFFIXES = Object.keys(STEP3);

  function step3(w) {
    var suffix = w.longest(STEP3_SUFFIXES);
    if (suffix === null) {
      return;
    }
    var start = w.c.length - suffix.length;
    if (start < w.p1 || (suffix === "ative" && start < w.p2)) {
      return;
    }
    w.replace(suffix, STEP3[suffix]);
  }

  var STEP4_SUFFIXES = [
    "al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ism", "ate", "iti", "ous",
    "ive", "ize", "ion"
  ];

  function step4(w) {
    var suffix = w.longest(STEP4_SUFFIXES);
    if (suffix === null) {
      return;
    }
    var start = w.c.length - suffix.length;
    if (start < w.p2) {
      return;
    }
    if (suffix === "ion") {
      var before = w.at(start - 1);
      if (before !== "s" && before !== "t") {
        return;
      }
    }
    w.replace(suffix, "");
  }

  function step5(w) {
    var n = w.c.length;
    var last = w.at(n - 1);
    if (last === "e") {
      if (n - 1 >= w.p2 || (n - 1 >= w.p1 && !w.shortSyllableBefore(n - 1))) {
        w.c.length -= 1;
      }
    } else if (last === "l") {
      if (n - 1 >= w.p2 && w.at(n - 2) === "l") {
        w.c.length -= 1;
      }
    }
  }

  function stemEnglish(word) {
    if (hasOwn.call(EXCEPTIONS, word)) {
      return EXCEPTIONS[word];
    }
    var c = Array.from(word);
    if (c.length < 3) {
      return word;
    }
    // Prelude: no leading apostrophe; a 'y' at the start or after a vowel
    // is a consonant, written 'Y' until the end.
    if (c[0] === "'") {
      c.shift();
    }
    var yFound = false;
    if (c[0] === "y") {
      c[0] = "Y";
      yFound = true;
    }
    for (var i = 0; i + 1 < c.length; i++) {
      if (isVowel(c[i]) && c[i + 1] === "y") {
        c[i + 1] = "Y";
        yFound = true;
      }
    }
    var regions = markRegions(c);
    var w = new Word(c, regions[0], regions[1]);
    step1a(w);
    if (!hasOwn.call(INVARIANT_AFTER_1A, w.c.join(""))) {
      step1b(w);
      step1c(w);
      step2(w);
      step3(w);
      step4(w);
      step5(w);
    }
    var out = w.c.join("");
    return yFound ? out.replace(/Y/g, "y") : out;
  }

  // terms::stem() for the index's stemmer (root "stem"): "english" (or a
  // language code "en", "en-GB"); other stemmers give the word unchanged,
  // and code-like words are never stemmed.
  function stem(stemmer, folded) {
    if (isCodeLike(folded)) {
      return folded;
    }
    var name = String(stemmer || "").toLowerCase();
    if (name === "english" || name === "en" || name.indexOf("en-") === 0 || name.indexOf("en_") === 0) {
      return stemEnglish(folded);
    }
    return folded;
  }

  global.FaqtText = {
    CLASS_OTHER: CLASS_OTHER,
    CLASS_LETTER: CLASS_LETTER,
    CLASS_DIGIT: CLASS_DIGIT,
    CLASS_MARK: CLASS_MARK,
    setFoldTable: setFoldTable,
    hasFoldTable: hasFoldTable,
    setStopwords: setStopwords,
    needsTable: needsTable,
    asciiLower: asciiLower,
    charClass: charClass,
    fold: fold,
    lower: lower,
    findWords: findWords,
    splitWords: splitWords,
    isCodeLike: isCodeLike,
    isAllCaps: isAllCaps,
    isPlainNumber: isPlainNumber,
    compoundParts: compoundParts,
    numberParts: numberParts,
    nameNumberSplit: nameNumberSplit,
    joinsNameNumber: joinsNameNumber,
    joinedNameNumber: joinedNameNumber,
    isStopword: isStopword,
    isSpellingWord: isSpellingWord,
    ticketKey: ticketKey,
    questionType: questionType,
    questionTypeOfText: questionTypeOfText,
    stem: stem
  };
})(typeof window !== "undefined" ? window : this);
