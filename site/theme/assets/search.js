// The browser search of the exported site. The search box of every page
// shows the best articles as you type, in a list under the box (the ARIA
// combobox pattern); search.html shows every result, with filters, and
// runs the query of its address (search.html?q=WORDS&type=&category=
// &product=&version=). The engine (search-text.js, search-core.js) and the
// language's index (its search/ folder) load only when the box is used, or
// on search.html, from the site's own files: the form says where they are
// (data-engine, data-index, relative to the page like every other link)
// and holds the page's words in the reader's language (data-s-*).
// Without JavaScript the box sends the words to search.html, which says
// how to browse instead.
(function () {
  "use strict";

  var form = document.querySelector("form.search-form[data-index]");
  var input = form && form.querySelector("input[name=q]");
  if (!input || typeof Promise === "undefined" || !window.history) {
    return;
  }
  var page = {
    results: document.getElementById("search-results"),
    status: document.getElementById("search-status"),
    filters: document.getElementById("search-filters"),
  };
  var onSearchPage = !!(page.results && page.status);
  var lang = form.getAttribute("data-lang") || "en";
  var contact = form.getAttribute("data-contact") || "";
  var indexBase = absolute(form.getAttribute("data-index"));
  var debounceMs = 150;
  var dropdownLimit = 6;
  var pageLimit = 10;

  function word(key) {
    return form.getAttribute("data-s-" + key) || "";
  }

  function fill(text, values) {
    return text.replace(/\{(\w+)\}/g, function (whole, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? values[key] : whole;
    });
  }

  var plurals = null;
  try {
    plurals = new Intl.PluralRules(lang);
  } catch (e) {
    plurals = null;
  }

  function countText(count, query) {
    var category = plurals ? plurals.select(count) : count === 1 ? "one" : "other";
    return fill(word("results-" + category) || word("results-other"), { n: String(count), q: query });
  }

  // A URL relative to the page, made absolute (the page may be a file://).
  function absolute(href) {
    var a = document.createElement("a");
    a.href = href;
    return a.href;
  }

  // An article's address: the engine gives it from the index folder's
  // address, or relative to the language folder (the one search/ is in).
  function articleHref(hit) {
    var url = hit.url || "";
    return /^[a-z][a-z0-9+.-]*:|^\//i.test(url) ? url : absolute(indexBase + "../" + url);
  }

  function searchPageHref(query, extra) {
    var params = ["q=" + encodeURIComponent(query)];
    Object.keys(extra || {}).forEach(function (key) {
      if (extra[key]) {
        params.push(key + "=" + encodeURIComponent(extra[key]));
      }
    });
    return form.getAttribute("action") + "?" + params.join("&");
  }

  function element(tag, className, text) {
    var el = document.createElement(tag);
    if (className) {
      el.className = className;
    }
    if (text) {
      el.textContent = text;
    }
    return el;
  }

  // --- Loading the engine and the index, once, when first needed ---

  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = src;
      script.onload = function () {
        resolve();
      };
      script.onerror = function () {
        reject(new Error("could not load " + src));
      };
      document.head.appendChild(script);
    });
  }

  var indexPromise = null;
  function openIndex() {
    if (!indexPromise) {
      var scripts = (form.getAttribute("data-engine") || "").split(/\s+/).filter(Boolean);
      var loaded = Promise.resolve();
      // In order (the engine uses the word rules); one that fails to load
      // stops nothing: the engine says whether it can work without it.
      if (!window.FaqtSearch) {
        scripts.forEach(function (src) {
          loaded = loaded.then(function () {
            return loadScript(src).catch(function () {});
          });
        });
      }
      indexPromise = loaded.then(function () {
        var index = window.FaqtSearch.open(indexBase);
        return Promise.resolve(index.ready).then(function () {
          return index;
        });
      });
      indexPromise.catch(function () {
        showUnavailable();
      });
    }
    return indexPromise;
  }

  // --- Marking the words found ---

  // A word's folded forms: the engine's fold, and accents stripped here,
  // for a word of a result when the engine has not loaded its character
  // table (an ASCII query).
  function foldWord(text) {
    var forms = [
      text
        .toLowerCase()
        .normalize("NFD")
        .replace(/[\u0300-\u036f]/g, "")
        .replace(/đ/g, "d")
        .replace(/ł/g, "l"),
    ];
    try {
      var folded = window.FaqtSearch && FaqtSearch.fold ? FaqtSearch.fold(text) : "";
      if (typeof folded === "string" && folded && folded !== forms[0]) {
        forms.push(folded);
      }
    } catch (e) {
      // The stripped form stands alone.
    }
    return forms;
  }

  // A run of characters that are not spaces or punctuation (ASCII, Latin-1,
  // general and CJK punctuation).
  var wordPattern = /[^\s!-\/:-@[-^`{-~\u00a0-\u00bf\u2000-\u206f\u3000-\u303f]+/g;

  // The ranges of text whose words are among the result's terms (folded
  // words, with the forms that share their stems) or start with one of its
  // prefixes (the word being typed).
  function termRanges(text, result) {
    var ranges = [];
    var terms = (result.terms || []).slice();
    (result.prefixes || []).forEach(function (prefix) {
      if (typeof prefix === "string" && prefix) {
        terms.push(prefix);
      }
    });
    if (!terms.length || !text) {
      return ranges;
    }
    var prefixes = result.prefixes || [];
    var match;
    wordPattern.lastIndex = 0;
    while ((match = wordPattern.exec(text))) {
      var forms = foldWord(match[0]);
      var found = false;
      for (var i = 0; i < terms.length && !found; i++) {
        var term = terms[i];
        for (var f = 0; f < forms.length && !found; f++) {
          found = !!term && (forms[f] === term || (prefixes.indexOf(term) >= 0 && forms[f].indexOf(term) === 0));
        }
      }
      if (found) {
        ranges.push([match.index, match.index + match[0].length]);
      }
    }
    return ranges;
  }

  // text with the ranges in <mark>, appended to parent.
  function appendMarked(parent, text, ranges) {
    var sorted = (ranges || []).slice().sort(function (a, b) {
      return a[0] - b[0];
    });
    var at = 0;
    sorted.forEach(function (range) {
      var begin = Math.max(range[0], at);
      var end = Math.min(range[1], text.length);
      if (end <= begin) {
        return;
      }
      if (begin > at) {
        parent.appendChild(document.createTextNode(text.slice(at, begin)));
      }
      parent.appendChild(element("mark", "", text.slice(begin, end)));
      at = end;
    });
    if (at < text.length) {
      parent.appendChild(document.createTextNode(text.slice(at)));
    }
    return parent;
  }

  function appendSnippet(parent, hit, result) {
    var snippet = hit.snippet;
    if (snippet && snippet.text) {
      return appendMarked(parent, snippet.text, snippet.highlights);
    }
    var summary = hit.summary || "";
    return appendMarked(parent, summary, termRanges(summary, result));
  }

  function appendBadges(parent, hit) {
    if (hit.type && word("type-" + hit.type)) {
      parent.appendChild(element("span", "badge type-" + hit.type, word("type-" + hit.type)));
    }
    if (hit.status && word("status-" + hit.status)) {
      parent.appendChild(element("span", "badge status-" + hit.status, word("status-" + hit.status)));
    }
  }

  // "No results": the engine's closest words, each a search of its own,
  // and the service desk when the KB names one.
  function appendNoResults(parent, result, query, said) {
    if (!said) {
      parent.appendChild(element("p", "search-none", fill(word("no-results"), { q: query })));
    }
    var closest = (result && result.closest) || [];
    if (closest.length) {
      var p = element("p", "search-closest", word("closest") + " ");
      closest.forEach(function (closeWord, i) {
        if (i) {
          p.appendChild(document.createTextNode(", "));
        }
        var a = element("a", "", closeWord);
        a.href = searchPageHref(closeWord);
        p.appendChild(a);
      });
      parent.appendChild(p);
    }
    if (contact) {
      var ask = element("p", "search-ask");
      var link = element("a", "", word("ask"));
      link.href = contact;
      ask.appendChild(link);
      parent.appendChild(ask);
    }
  }

  function showUnavailable() {
    if (onSearchPage) {
      page.status.textContent = word("unavailable");
      page.results.textContent = "";
    } else {
      dropdown.close();
      dropdown.live.textContent = word("unavailable");
    }
  }

  // --- As you type: the list under the box (every page but search.html) ---

  var dropdown = {
    open: false,
    active: -1,
    hits: [],
    query: "",
    popup: null,
    list: null,
    note: null,
    live: null,

    setUp: function () {
      form.classList.add("search-enhanced");
      var box = element("div", "search-box");
      input.parentNode.insertBefore(box, input);
      box.appendChild(input);
      this.popup = element("div", "search-popup");
      this.popup.hidden = true;
      this.list = element("ul", "search-options");
      this.list.id = "search-listbox";
      this.list.setAttribute("role", "listbox");
      this.list.setAttribute("aria-label", form.querySelector("label[for=q]").textContent);
      this.note = element("div", "search-note");
      this.popup.appendChild(this.list);
      this.popup.appendChild(this.note);
      box.appendChild(this.popup);
      this.live = element("p", "visually-hidden");
      this.live.setAttribute("role", "status");
      form.appendChild(this.live);
      input.setAttribute("role", "combobox");
      input.setAttribute("aria-autocomplete", "list");
      input.setAttribute("aria-expanded", "false");
      input.setAttribute("aria-controls", this.list.id);
      var self = this;
      // A click in the list must not take the focus from the box first.
      this.list.addEventListener("mousedown", function (event) {
        event.preventDefault();
      });
      this.list.addEventListener("click", function (event) {
        var option = event.target.closest ? event.target.closest("[role=option]") : null;
        if (option) {
          self.go(Number(option.getAttribute("data-index")));
        }
      });
      input.addEventListener("keydown", function (event) {
        self.key(event);
      });
      form.addEventListener("focusout", function () {
        setTimeout(function () {
          if (!form.contains(document.activeElement)) {
            self.close();
          }
        }, 0);
      });
    },

    options: function () {
      return this.list.querySelectorAll("[role=option]");
    },

    show: function () {
      this.popup.hidden = false;
      this.open = true;
      input.setAttribute("aria-expanded", this.options().length ? "true" : "false");
    },

    close: function () {
      if (!this.popup) {
        return;
      }
      this.popup.hidden = true;
      this.open = false;
      this.setActive(-1);
      input.setAttribute("aria-expanded", "false");
    },

    clear: function () {
      this.list.textContent = "";
      this.note.textContent = "";
      this.hits = [];
      this.close();
    },

    setActive: function (i) {
      var options = this.options();
      if (i < -1 || i >= options.length) {
        i = -1;
      }
      this.active = i;
      for (var j = 0; j < options.length; j++) {
        options[j].setAttribute("aria-selected", j === i ? "true" : "false");
      }
      if (i >= 0) {
        input.setAttribute("aria-activedescendant", options[i].id);
        if (options[i].scrollIntoView) {
          options[i].scrollIntoView({ block: "nearest" });
        }
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    },

    // Opens option i: an article, or the last one, every result.
    go: function (i) {
      var options = this.options();
      if (i >= 0 && i < options.length) {
        window.location.href = options[i].getAttribute("data-href");
      }
    },

    key: function (event) {
      var count = this.options().length;
      if (event.key === "ArrowDown" || event.key === "Down") {
        event.preventDefault();
        if (!this.open) {
          if (count) {
            this.show();
          }
          return;
        }
        if (count) {
          this.setActive(this.active + 1 >= count ? 0 : this.active + 1);
        }
      } else if (event.key === "ArrowUp" || event.key === "Up") {
        if (this.open && count) {
          event.preventDefault();
          this.setActive(this.active <= 0 ? count - 1 : this.active - 1);
        }
      } else if (event.key === "Enter") {
        if (this.open && this.active >= 0) {
          event.preventDefault();
          this.go(this.active);
        }
      } else if (event.key === "Escape" || event.key === "Esc") {
        event.preventDefault();
        if (this.open) {
          this.close();
        } else if (input.value) {
          input.value = "";
          this.clear();
          this.live.textContent = "";
        }
      }
    },

    render: function (result, query) {
      var self = this;
      this.list.textContent = "";
      this.note.textContent = "";
      this.hits = result.hits || [];
      this.query = query;
      this.active = -1;
      this.hits.forEach(function (hit, i) {
        var option = element("li", "search-option");
        option.id = "search-option-" + i;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.setAttribute("data-index", String(i));
        option.setAttribute("data-href", articleHref(hit));
        var title = element("span", "option-title");
        appendMarked(title, hit.title || hit.id, termRanges(hit.title || hit.id, result));
        option.appendChild(title);
        appendBadges(option, hit);
        var snippet = element("span", "option-snippet");
        appendSnippet(snippet, hit, result);
        option.appendChild(snippet);
        self.list.appendChild(option);
      });
      if (this.hits.length) {
        var all = element("li", "search-option search-all", fill(word("all-results"), { q: query }));
        all.id = "search-option-" + this.hits.length;
        all.setAttribute("role", "option");
        all.setAttribute("aria-selected", "false");
        all.setAttribute("data-index", String(this.hits.length));
        all.setAttribute("data-href", absolute(searchPageHref(query)));
        this.list.appendChild(all);
        this.live.textContent = countText(result.total, result.corrected || query);
      } else {
        appendNoResults(this.note, result, query);
        this.live.textContent = fill(word("no-results"), { q: query });
      }
      this.show();
    },
  };

  // --- search.html: every result, filters, the query in the address ---

  var filterFields = ["type", "category", "product", "version"];

  function filterControl(name) {
    return document.getElementById("search-" + name);
  }

  function currentFilters() {
    var filters = {};
    filterFields.forEach(function (name) {
      var control = filterControl(name);
      var value = control ? control.value.trim() : "";
      if (value) {
        filters[name] = value;
      }
    });
    return filters;
  }

  function addOption(select, value, label) {
    var option = element("option", "", label);
    option.value = value;
    select.appendChild(option);
  }

  function fillFilters(facets) {
    var types = (facets && facets.types) || [];
    var type = filterControl("type");
    types.forEach(function (t) {
      addOption(type, t, word("type-" + t) || t);
    });
    [
      ["category", (facets && facets.categories) || []],
      ["product", (facets && facets.products) || []],
    ].forEach(function (pair) {
      var select = filterControl(pair[0]);
      pair[1].forEach(function (entry) {
        addOption(select, entry[0], entry[1] || entry[0]);
      });
      // A filter with nothing to choose is not offered.
      select.parentNode.hidden = pair[1].length === 0;
    });
    type.parentNode.hidden = types.length === 0;
  }

  function readAddress() {
    var params = {};
    window.location.search
      .replace(/^\?/, "")
      .split("&")
      .forEach(function (part) {
        if (!part) {
          return;
        }
        var eq = part.indexOf("=");
        var key = decodeURIComponent((eq < 0 ? part : part.slice(0, eq)).replace(/\+/g, " "));
        var value = eq < 0 ? "" : decodeURIComponent(part.slice(eq + 1).replace(/\+/g, " "));
        params[key] = value;
      });
    return params;
  }

  // The address says what is shown, so it can be kept and shared; replaced,
  // not pushed: each letter typed is not a page to go back to.
  function writeAddress(query, filters, exact) {
    var extra = {};
    filterFields.forEach(function (name) {
      extra[name] = filters[name] || "";
    });
    extra.exact = exact ? "1" : "";
    var href = searchPageHref(query, extra).replace(/^[^?]*/, "");
    try {
      window.history.replaceState(null, "", href);
    } catch (e) {
      // Some browsers refuse it for file:// pages; the results still show.
    }
  }

  var pageState = { query: "", offset: 0, exact: false, last: null };

  function renderHit(list, hit, result) {
    var item = element("li", "search-hit");
    var heading = element("h2", "hit-title");
    var link = element("a");
    link.href = articleHref(hit);
    appendMarked(link, hit.title || hit.id, termRanges(hit.title || hit.id, result));
    heading.appendChild(link);
    item.appendChild(heading);
    var badges = element("p", "hit-badges");
    appendBadges(badges, hit);
    if (badges.firstChild) {
      item.appendChild(badges);
    }
    var snippet = element("p", "hit-snippet");
    appendSnippet(snippet, hit, result);
    item.appendChild(snippet);
    list.appendChild(item);
  }

  function renderPage(result, query, append) {
    var results = page.results;
    var hits = result.hits || [];
    if (!append) {
      results.textContent = "";
      if (result.corrections && result.corrections.length && !pageState.exact) {
        var note = element("p", "search-correction");
        note.appendChild(document.createTextNode(word("showing-for") + " "));
        // The engine gives the corrected words with the corrections.
        note.appendChild(element("strong", "", result.corrected));
        note.appendChild(document.createTextNode(" — " + word("instead-for") + " "));
        var instead = element("a", "", query);
        instead.href = searchPageHref(query, Object.assign({ exact: "1" }, currentFilters()));
        note.appendChild(instead);
        results.appendChild(note);
      }
      if (!hits.length) {
        // The status above says there are none.
        appendNoResults(results, result, query, true);
      } else {
        results.appendChild(element("ol", "search-hits"));
      }
    }
    var list = results.querySelector("ol.search-hits");
    if (list) {
      hits.forEach(function (hit) {
        renderHit(list, hit, result);
      });
    }
    var more = results.querySelector(".search-more");
    if (more) {
      more.parentNode.removeChild(more);
    }
    var shown = list ? list.children.length : 0;
    if (shown < result.total) {
      more = element("button", "search-more", word("more"));
      more.type = "button";
      more.addEventListener("click", function () {
        pageState.offset = shown;
        runPage(false, true).then(function () {
          // The first new result takes the focus, where reading goes on.
          var link = list.children[shown] && list.children[shown].querySelector("a");
          if (link) {
            link.focus();
          }
        });
      });
      results.appendChild(more);
    }
    // The count names the words searched: the corrected ones when corrected.
    var searched = typeof result.corrected === "string" && result.corrected && !pageState.exact ? result.corrected : query;
    page.status.textContent = hits.length || append ? countText(result.total, searched) : fill(word("no-results"), { q: query });
  }

  // aria-busy says the results are about to change (a word typed, a filter
  // chosen) until the new ones are shown.
  function setBusy(el, busy) {
    if (el) {
      el.setAttribute("aria-busy", busy ? "true" : "false");
    }
  }

  var pageSequence = 0;
  function runPage(typing, append) {
    var query = input.value.trim();
    var filters = currentFilters();
    if (!append) {
      pageState.offset = 0;
    }
    writeAddress(input.value, filters, pageState.exact);
    var sequence = ++pageSequence;
    setBusy(page.results, true);
    if (!query) {
      page.results.textContent = "";
      page.status.textContent = "";
      setBusy(page.results, false);
      return Promise.resolve();
    }
    return openIndex()
      .then(function (index) {
        return index.search(query, {
          filters: filters,
          limit: pageLimit,
          offset: pageState.offset,
          typing: !!typing,
          correct: !pageState.exact,
        });
      })
      .then(function (result) {
        if (sequence === pageSequence) {
          pageState.last = result;
          renderPage(result, query, append);
          setBusy(page.results, false);
        }
      })
      .catch(function () {
        showUnavailable();
        setBusy(page.results, false);
      });
  }

  // Arrow keys move from the box through the results' links and back.
  function resultLinks() {
    return Array.prototype.slice.call(page.results.querySelectorAll(".search-hit h2 a"));
  }

  function pageKeys(event) {
    var links = resultLinks();
    var at = links.indexOf(document.activeElement);
    if (event.key === "ArrowDown" || event.key === "Down") {
      if (links.length && at < links.length - 1) {
        event.preventDefault();
        links[at + 1].focus();
      }
    } else if (event.key === "ArrowUp" || event.key === "Up") {
      if (at > 0) {
        event.preventDefault();
        links[at - 1].focus();
      } else if (at === 0) {
        event.preventDefault();
        input.focus();
      }
    } else if ((event.key === "Escape" || event.key === "Esc") && at >= 0) {
      event.preventDefault();
      input.focus();
    }
  }

  function setUpSearchPage() {
    var address = readAddress();
    input.value = address.q || "";
    pageState.exact = address.exact === "1";
    page.status.textContent = address.q ? word("loading") : "";
    var timer = null;
    setBusy(page.results, true);
    input.addEventListener("input", function () {
      pageState.exact = false;
      setBusy(page.results, true);
      clearTimeout(timer);
      timer = setTimeout(function () {
        runPage(!/\s$/.test(input.value), false);
      }, debounceMs);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Escape" || event.key === "Esc") {
        event.preventDefault();
        clearTimeout(timer);
        input.value = "";
        runPage(false, false);
      } else {
        pageKeys(event);
      }
    });
    page.results.addEventListener("keydown", pageKeys);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      clearTimeout(timer);
      runPage(false, false);
    });
    filterFields.forEach(function (name) {
      var control = filterControl(name);
      if (address[name] && name === "version") {
        control.value = address[name];
      }
      control.addEventListener(name === "version" ? "input" : "change", function () {
        setBusy(page.results, true);
        clearTimeout(timer);
        timer = setTimeout(function () {
          runPage(false, false);
        }, name === "version" ? debounceMs : 0);
      });
    });
    // The filters' choices (facets.js) load only when they are wanted: the
    // panel opened, or a filter chosen by the address or kept by the page.
    // Until then the closed panel shows none of them, and a query loads
    // only what it needs.
    var filled = null;
    function fillFromFacets() {
      if (!filled) {
        filled = openIndex()
          .then(function (index) {
            return index.facets();
          })
          .then(fillFilters, function () {
            fillFilters(null);
          })
          .then(function () {
            filterFields.forEach(function (name) {
              if (address[name] && name !== "version") {
                filterControl(name).value = address[name];
              }
            });
          });
      }
      return filled;
    }
    page.filters.addEventListener("toggle", function () {
      if (page.filters.open) {
        fillFromFacets();
      }
    });
    var chosen =
      Object.keys(currentFilters()).length > 0 ||
      filterFields.some(function (name) {
        return !!address[name];
      });
    page.filters.open = chosen;
    page.filters.hidden = false;
    return (chosen ? fillFromFacets() : Promise.resolve()).then(function () {
      return runPage(false, false);
    });
  }

  function setUpDropdown() {
    dropdown.setUp();
    var timer = null;
    var sequence = 0;
    function start() {
      openIndex();
    }
    input.addEventListener("focus", start);
    input.addEventListener("input", function () {
      start();
      setBusy(dropdown.popup, true);
      clearTimeout(timer);
      timer = setTimeout(function () {
        var query = input.value.trim();
        var current = ++sequence;
        if (!query) {
          dropdown.clear();
          dropdown.live.textContent = "";
          return;
        }
        openIndex()
          .then(function (index) {
            return index.search(query, { limit: dropdownLimit, typing: !/\s$/.test(input.value) });
          })
          .then(function (result) {
            if (current === sequence && document.activeElement === input) {
              dropdown.render(result, query);
              setBusy(dropdown.popup, false);
            }
          })
          .catch(function () {
            showUnavailable();
          });
      }, debounceMs);
    });
  }

  if (onSearchPage) {
    setUpSearchPage().catch(function () {
      showUnavailable();
    });
  } else {
    setUpDropdown();
  }
})();
