/*
 * Search, in the reader's browser, on the Search page only: no other page loads this file or
 * the index. The build writes each language's index (search/index.json beside the Search page:
 * one record per section, with its text; see src/safetysite/search.py).
 *
 * One function, keys(), turns a word into the forms it is looked up by, for the index and for
 * the query alike, so the two cannot drift:
 *   - Unicode NFKD, lower case; a letter stored precomposed (U+095E फ़, U+0929 ऩ, أ) or as a
 *     letter and its mark (फ + U+093C, ا + hamza) is then the same;
 *   - marks people leave out when they type are dropped: the nukta (Devanagari, Gurmukhi),
 *     Arabic harakat and tatweel, Hebrew niqqud and cantillation, Gurmukhi addak;
 *   - letters that keyboards give in another form are made one: Arabic yeh, alef maksura and
 *     Urdu yeh barree → Farsi yeh (ی), Arabic kaf → keheh (ک), alef wasla → alef, teh marbuta,
 *     heh goal, heh doachashmee and ae → heh, noon ghunna → noon, Hebrew final letters → their other form,
 *     chandrabindu → anusvara, tippi → bindi; digits of every script → 0–9;
 *   - the word's endings and prefixes, by language: English plurals, -ing and -ed; Hebrew
 *     prefixes (ו, then ש or כש, then ה ב ל מ כ); the Arabic article and its prefixes
 *     (ال وال بال لل...) and a few endings; Hindi, Nepali and Punjabi case endings and
 *     postpositions. A stripped form is added, never replaces the word, and a query word finds
 *     an index word when they share a form. Prefixes follow each language's grammar, so a
 *     letter of the word itself is not taken for one ("מטרה" does not find "משטרה").
 *
 * Found pages are listed in the page's language (its strings come from the page's form), one
 * link per page to its best section, with an excerpt in which the found words are marked.
 */
(function () {
  "use strict";

  var DROPPED = /[\u093C\u0A3C\u0A71\u064B-\u065F\u0670\u0640\u0591-\u05BD\u05BF\u05C1\u05C2\u05C4\u05C5\u05C7\u200B-\u200F\u202A-\u202E\u2066-\u2069]/g;
  var LETTERS = { // (after NFKD: letters with hamza or madda are already the bare letter)
    "\u064A": "\u06CC", "\u0649": "\u06CC", "\u06D2": "\u06CC",
    "\u0643": "\u06A9",
    "\u0671": "\u0627",
    "\u0629": "\u0647", "\u06C1": "\u0647", "\u06C3": "\u0647", "\u06BE": "\u0647", "\u06D5": "\u0647",
    "\u06BA": "\u0646",
    "\u05DA": "\u05DB", "\u05DD": "\u05DE", "\u05DF": "\u05E0", "\u05E3": "\u05E4", "\u05E5": "\u05E6",
    "\u0901": "\u0902", "\u0A70": "\u0A02"
  };
  var DIGIT_ZEROS = [0x0660, 0x06F0, 0x0966, 0x0A66];
  var WORD = /[\p{L}\p{M}\p{N}\u200C\u200D]+/gu;

  /** A word as it is compared: folded, with none of the marks people leave out. */
  function fold(word) {
    var text = word.normalize("NFKD").toLowerCase().replace(DROPPED, "");
    var out = "";
    for (var i = 0; i < text.length; i++) {
      var ch = text[i], code = ch.charCodeAt(0);
      for (var z = 0; z < DIGIT_ZEROS.length; z++) {
        if (code >= DIGIT_ZEROS[z] && code <= DIGIT_ZEROS[z] + 9) ch = String(code - DIGIT_ZEROS[z]);
      }
      out += LETTERS[ch] || ch;
    }
    return out.normalize("NFC");
  }

  /** A word's length in code points (not UTF-16 units). */
  function length(word) { return Array.from(word).length; }

  /** A light English stemmer: plurals, -ing and -ed, a final e. */
  function english(word) {
    var w = word;
    if (w.length <= 3 || /\d/.test(w)) return w;
    if (/ies$/.test(w) && w.length > 4) w = w.slice(0, -3) + "y";
    else if (/sses$/.test(w)) w = w.slice(0, -2);
    else if (/s$/.test(w) && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
    var ending = /(ing|ed)$/.exec(w);
    if (ending && w.length - ending[0].length >= 3 && /[aeiouy]/.test(w.slice(0, -ending[0].length))) {
      w = w.slice(0, -ending[0].length);
      if (/([^aeiouslz])\1$/.test(w)) w = w.slice(0, -1);
    }
    if (/e$/.test(w) && w.length > 3) w = w.slice(0, -1);
    return w;
  }

  // ו ("and"), then ש or כש ("that", "when"), then one of ה ב ל מ כ ("the", "in", "to", "from", "as")
  var HEBREW_PREFIX = /^(\u05D5?)((?:\u05DB?\u05E9)?)([\u05D4\u05D1\u05DC\u05DE\u05DB]?)/;
  var ARABIC_PREFIXES = ["\u0648\u0627\u0644", "\u0628\u0627\u0644", "\u06A9\u0627\u0644", "\u0641\u0627\u0644",
    "\u0644\u0644", "\u0627\u0644", "\u0648", "\u0641", "\u0628", "\u0644"]; // وال بال کال فال لل ال و ف ب ل
  var ARABIC_SUFFIXES = ["\u0647\u0627", "\u0647\u0645", "\u0627\u062A", "\u0627\u0646", "\u0648\u0646",
    "\u06CC\u0646", "\u0647", "\u06CC"]; // ها هم ات ان ون ین ه ی
  var HINDI_ENDINGS = ["\u093F\u092F\u094B\u0902", "\u093F\u092F\u093E\u0902", "\u093E\u0913\u0902",
    "\u093E\u090F\u0902", "\u0941\u0913\u0902", "\u0941\u090F\u0902", "\u094B\u0902", "\u0947\u0902",
    "\u093E\u0902", "\u0940\u0902", "\u0947", "\u0940", "\u093E", "\u094B"];
  var NEPALI_ENDINGS = ["\u0939\u0930\u0942\u0932\u093E\u0908", "\u0939\u0930\u0942\u0915\u094B",
    "\u0939\u0930\u0942\u0932\u0947", "\u0939\u0930\u0942\u092E\u093E", "\u0939\u0930\u0942\u092C\u093E\u091F",
    "\u0939\u0930\u0942", "\u0939\u0930\u0941", "\u0932\u093E\u0908", "\u092C\u093E\u091F", "\u0926\u0947\u0916\u093F",
    "\u0938\u092E\u094D\u092E", "\u0938\u0902\u0917", "\u0926\u094D\u0935\u093E\u0930\u093E", "\u0932\u0947",
    "\u0915\u094B", "\u0915\u093E", "\u0915\u0940", "\u092E\u093E"];
  var PUNJABI_ENDINGS = ["\u0A3F\u0A06\u0A02", "\u0A40\u0A06\u0A02", "\u0A3F\u0A06", "\u0A40\u0A06",
    "\u0A3E\u0A02", "\u0A06\u0A02", "\u0A40\u0A02", "\u0A4B\u0A02", "\u0A47", "\u0A40", "\u0A3E", "\u0A4B"];

  /** The word without the first of ``endings`` it ends in, if ``least`` letters are left; or "". */
  function withoutEnding(word, endings, least) {
    for (var i = 0; i < endings.length; i++) {
      var e = endings[i];
      if (word.endsWith(e) && length(word) - length(e) >= least) return word.slice(0, -e.length);
    }
    return "";
  }

  /** The forms a word is found by, in the given language; the first is the whole word. */
  function keys(word, language) {
    var w = fold(word), forms = [w];
    function add(form) { if (form && forms.indexOf(form) < 0) forms.push(form); }
    var lang = (language || "").split("-")[0];
    if (lang === "en") {
      add(english(w));
    } else if (lang === "he") {
      var parts = HEBREW_PREFIX.exec(w), cut = 0;
      [parts[1], parts[2], parts[3]].forEach(function (part) {
        cut += part.length;
        if (part && length(w) - cut >= (cut > 1 ? 4 : 3)) add(w.slice(cut));
      });
    } else if (lang === "ar") {
      var bare = [w];
      ARABIC_PREFIXES.forEach(function (p) {
        if (w.startsWith(p) && length(w) - length(p) >= 3) { add(w.slice(p.length)); bare.push(w.slice(p.length)); }
      });
      bare.forEach(function (b) { // (an ending only once the article is off: الدين is not الد)
        if (!b.startsWith("\u0627\u0644")) add(withoutEnding(b, ARABIC_SUFFIXES, 3));
      });
    } else if (lang === "hi") {
      add(withoutEnding(w, HINDI_ENDINGS, 2));
    } else if (lang === "ne") {
      var stem = withoutEnding(w, NEPALI_ENDINGS, 2);
      add(stem);
      add(withoutEnding(stem || w, HINDI_ENDINGS, 2));
    } else if (lang === "pa") {
      add(withoutEnding(w, PUNJABI_ENDINGS, 2));
    }
    return forms;
  }

  /** The words of a text, each with where it starts and ends. */
  function words(text) {
    var found = [], match;
    WORD.lastIndex = 0;
    while ((match = WORD.exec(text))) found.push({ word: match[0], start: match.index, end: match.index + match[0].length });
    return found;
  }

  // A word in the page's title counts most, then in a section's heading, then in its text.
  var WEIGHTS = { p: 6, h: 4, t: 1 };

  /** An index of sections ({u, p, h, t}) in a language: each form → {section: weight}. */
  function buildIndex(sections, language) {
    var postings = new Map();
    sections.forEach(function (section, n) {
      Object.keys(WEIGHTS).forEach(function (field) {
        words(section[field] || "").forEach(function (w) {
          keys(w.word, language).forEach(function (form, i) {
            var weight = WEIGHTS[field] * (i === 0 ? 2 : 1);
            var list = postings.get(form) || new Map();
            list.set(n, Math.max(list.get(n) || 0, weight));
            postings.set(form, list);
          });
        });
      });
    });
    return { sections: sections, language: language, postings: postings };
  }

  /** The query's words: each with its forms and, for the word still being typed, the start of
   * a word it may be (results come while typing). Words of one letter are left out. */
  function queryTerms(index, query) {
    var found = words(query), typing = !/\s$/.test(query);
    return found.map(function (w, t) {
      var forms = keys(w.word, index.language);
      var prefix = typing && t === found.length - 1 && length(forms[0]) >= 3 ? forms[0] : "";
      return { forms: forms, prefix: prefix };
    }).filter(function (term) { return length(term.forms[0]) > 1 || /\d/.test(term.forms[0]); });
  }

  /** The pages a query finds, best first: [{section, score, terms}], one per page, each with its
   * best section. A rarer word counts more; a page is as good as its best section, and a little
   * better for each other section that matches. Pages that match the most query words only. */
  function search(index, query) {
    var terms = queryTerms(index, query), total = index.sections.length, scores = [];
    terms.forEach(function (term, t) {
      var hits = new Map();
      term.forms.forEach(function (form, i) {
        var list = index.postings.get(form);
        if (list) list.forEach(function (w, n) { hits.set(n, Math.max(hits.get(n) || 0, w * (i === 0 ? 2 : 1))); });
      });
      if (term.prefix) {
        index.postings.forEach(function (list, form) {
          if (form.length > term.prefix.length && form.startsWith(term.prefix)) {
            list.forEach(function (w, n) { hits.set(n, Math.max(hits.get(n) || 0, w / 2)); });
          }
        });
      }
      var rarity = Math.log(1 + total / Math.max(1, hits.size));
      hits.forEach(function (score, n) {
        scores[n] = scores[n] || { terms: new Set(), score: 0 };
        scores[n].terms.add(t);
        scores[n].score += score * rarity;
      });
    });
    var pages = new Map();
    scores.forEach(function (found, n) {
      var url = index.sections[n].u.split("#")[0];
      var page = pages.get(url) || { terms: new Set(), best: n, bestScore: 0, rest: 0 };
      found.terms.forEach(function (t) { page.terms.add(t); });
      if (found.score > page.bestScore) { page.rest += page.bestScore; page.best = n; page.bestScore = found.score; }
      else page.rest += found.score;
      pages.set(url, page);
    });
    var found = Array.from(pages.values());
    var most = found.reduce(function (m, p) { return Math.max(m, p.terms.size); }, 0);
    return found.filter(function (p) { return p.terms.size === most; })
      .map(function (p) { p.score = p.bestScore + p.rest / 4; return p; })
      .sort(function (a, b) { return b.score - a.score || a.best - b.best; })
      .map(function (p) { return { section: index.sections[p.best], score: p.score, terms: terms }; });
  }

  /** Up to about 30 words of a section's text around its first found word, with found words marked. */
  function excerpt(text, terms, language) {
    var all = words(text), wanted = new Set(), prefixes = [];
    terms.forEach(function (term) {
      term.forms.forEach(function (f) { wanted.add(f); });
      if (term.prefix) prefixes.push(term.prefix);
    });
    var marked = all.map(function (w) {
      return keys(w.word, language).some(function (f) {
        return wanted.has(f) || prefixes.some(function (p) { return f.startsWith(p); });
      });
    });
    if (!all.length) return [];
    var first = Math.max(0, marked.indexOf(true));
    var from = Math.max(0, first - 10), to = Math.min(all.length, from + 30);
    var start = from ? all[from].start : 0, end = to < all.length ? all[to - 1].end : text.length;
    var parts = [], at = start;
    for (var i = from; i < to; i++) {
      if (!marked[i]) continue;
      parts.push({ text: text.slice(at, all[i].start) }, { text: all[i].word, mark: true });
      at = all[i].end;
    }
    parts.push({ text: text.slice(at, end) });
    var opened = isolatesOpen(text.slice(0, start));
    if (opened) parts.unshift({ text: "\u2066".repeat(opened) });
    if (from) parts.unshift({ text: "… " });
    if (to < all.length) parts.push({ text: " …" });
    return balance(parts);
  }

  /** How many left-to-right isolates are open at the end of a text. */
  function isolatesOpen(text) {
    var open = 0;
    Array.from(text).forEach(function (ch) {
      if (ch === "\u2066") open++;
      else if (ch === "\u2069" && open) open--;
    });
    return open;
  }

  /** Isolate marks cut off by the excerpt are closed or dropped, so no number turns round. */
  function balance(parts) {
    var open = 0;
    parts.forEach(function (part) {
      var out = "";
      Array.from(part.text).forEach(function (ch) {
        if (ch === "\u2066") open++;
        else if (ch === "\u2069") { if (!open) return; open--; }
        out += ch;
      });
      part.text = out;
    });
    if (open) parts.push({ text: "\u2069".repeat(open) });
    return parts;
  }

  /** Show what a query finds: the count (announced: role=status) and one item per page. */
  function show(form, index, query) {
    var status = document.getElementById("site-search-status");
    var list = document.getElementById("site-search-results");
    list.textContent = "";
    list.hidden = true;
    if (!query.trim()) { status.textContent = ""; return; }
    var found = search(index, query);
    list.hidden = !found.length;
    status.textContent = found.length ? form.dataset.found.replace("{count}", found.length) : form.dataset.none;
    found.forEach(function (result) {
      var s = result.section, item = document.createElement("li"), link = document.createElement("a");
      link.href = form.dataset.home.replace(/\/?$/, "/") + s.u;
      link.textContent = s.h ? s.p + " – " + s.h : s.p;
      item.appendChild(link);
      var parts = excerpt(s.t || "", result.terms, index.language);
      if (parts.length) {
        var text = document.createElement("p");
        parts.forEach(function (part) {
          var node = part.mark ? document.createElement("mark") : document.createTextNode(part.text);
          if (part.mark) node.textContent = part.text;
          text.appendChild(node);
        });
        item.appendChild(text);
      }
      list.appendChild(item);
    });
  }

  /** Wire the Search page's form: unhide it, search as the reader types and on Enter. */
  function start() {
    var form = document.querySelector("form[data-site-search]");
    if (!form) return;
    var input = form.querySelector("input[type=search]");
    var language = document.documentElement.lang;
    var index = null, timer = 0, shown = null;
    function run() {
      clearTimeout(timer);
      if (!index || input.value === shown) return; // the same results: keep the reader's focus
      var query = shown = input.value;
      var url = new URL(window.location.href);
      if (query.trim()) url.searchParams.set("q", query); else url.searchParams.delete("q");
      window.history.replaceState(null, "", url);
      show(form, index, query);
    }
    form.hidden = false;
    form.addEventListener("submit", function (event) { event.preventDefault(); run(); });
    input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(run, 400); });
    var asked = new URL(window.location.href).searchParams.get("q");
    if (asked) input.value = asked;
    fetch(form.dataset.index).then(function (response) {
      if (!response.ok) throw new Error(response.status);
      return response.json();
    }).then(function (sections) {
      index = buildIndex(sections, language);
      run();
    }).catch(function () {
      document.getElementById("site-search-status").textContent = form.dataset.failed;
    });
  }

  window.siteSearch = {
    fold: fold, keys: keys, buildIndex: buildIndex, queryTerms: queryTerms, search: search, excerpt: excerpt
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
