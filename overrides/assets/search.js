// The "Tra cứu" page: the form, facets and results over assets/search-engine.js.
// Only this page loads this script; the engine and the index files it reads are fetched from the site,
// on this page only. Query, filters and nothing else live in the address bar.

const root = document.getElementById("dkst-find");
const settings = document.querySelector('meta[name="dkst-search"]');
if (root && settings) start(root, settings.dataset);

// data: the page's settings (the search page's <meta name="dkst-search">): engine, index, root, config.
function start(root, data) {
  const config = JSON.parse(data.config);
  const form = root.querySelector(".dkst-find__form");
  const input = form.elements.q;
  const selects = [...form.querySelectorAll("select[data-facet]")];
  const status = root.querySelector(".dkst-find__status");
  const list = root.querySelector(".dkst-find__results");
  const more = root.querySelector(".dkst-find__more");
  const fallback = root.querySelector(".dkst-find__fallback");
  const filtersBox = root.querySelector(".dkst-find__filters");
  const suggestBox = root.querySelector(".dkst-find__suggest");
  const suggestion = root.querySelector(".dkst-find__suggestion");
  const numbers = new Intl.NumberFormat("vi-VN");

  const siteRoot = new URL(`${data.root}/`, document.baseURI);
  let loading = null;
  let generation = 0;
  let shown = { results: [], count: 0 };

  // --- the query's exact spelling ------------------------------------------------------------------
  // NFC (some keyboards send decomposed letters), lower case, and the tone placement of oa/oe/uy made
  // the old style, as generator/text.py's tone_old_style does (the table comes from it).
  function canonical(text) {
    return text.normalize("NFC").toLocaleLowerCase("vi")
      .replace(/[\p{L}\p{M}\p{N}_]+/gu, oldStyle)
      .replace(/\s+/g, " ").trim();
  }

  function oldStyle(word) {
    const { endings, keep } = config.tones;
    if (keep.some((k) => word.endsWith(k))) return word;
    const old = endings[word.slice(-2)];
    return old ? word.slice(0, -2) + old : word;
  }

  // --- state: the form <-> the address bar --------------------------------------------------------
  function state() {
    const filters = {};
    for (const s of selects) {
      const option = s.selectedOptions[0];
      if (option && option.value) filters[s.dataset.facet] = s.selectedIndex - 1; // options follow the index's order
    }
    // `typed` keeps a trailing space: without one, the last syllable is still being typed
    return { q: input.value.trim(), typed: input.value.replace(/^\s+/, ""), filters };
  }

  function fromAddress() {
    const params = new URLSearchParams(location.search);
    input.value = params.get("q") || "";
    for (const s of selects) {
      const wanted = params.get(s.name) || "";
      s.value = [...s.options].some((o) => o.value === wanted) ? wanted : "";
    }
  }

  function toAddress(push) {
    const params = new URLSearchParams();
    if (input.value.trim()) params.set("q", input.value.trim());
    for (const s of selects) if (s.value) params.set(s.name, s.value);
    const query = params.toString();
    const url = location.pathname + (query ? `?${query}` : "") + location.hash;
    if (url !== location.pathname + location.search + location.hash) {
      history[push ? "pushState" : "replaceState"](null, "", url);
    }
  }

  // --- the engine ---------------------------------------------------------------------------------
  function engine() {
    loading ??= (async () => {
      const { SearchIndex } = await import(new URL(data.engine, document.baseURI).href);
      return SearchIndex.shared(new URL(data.index, document.baseURI), config.index);
    })().catch((err) => {
      loading = null; // a failed download is tried again by the next search
      throw err;
    });
    return loading;
  }

  function words(text) {
    return canonical(text).split(/[^\p{L}\p{M}\p{N}]+/u).filter(Boolean);
  }

  // Among the best results: a title that is the query (folded) first, then titles starting with it, then the
  // rest; within each, results holding every word with the query's exact diacritics ("hòa" rather than
  // "hoa") first. The index itself only knows folded syllables.
  async function titleFirst(index, q, ids) {
    const wanted = words(q);
    const folded = index.folded(q);
    const head = ids.slice(0, config.perPage); // the first page: its records are fetched to be shown anyway
    const records = await index.records(head);
    const rank = (r) => {
      const title = index.folded(r.title);
      const tier = title === folded ? 0 : title.startsWith(folded) ? 1 : 2;
      const have = new Set(words(`${r.title} ${r.summary} ${r.facts}`));
      return 2 * tier + (wanted.every((w) => have.has(w)) ? 0 : 1);
    };
    const ranks = new Map(records.map((r) => [r.id, rank(r)]));
    const order = new Map(head.map((id, n) => [id, n]));
    const sorted = [...head].sort((a, b) => ranks.get(a) - ranks.get(b) || order.get(a) - order.get(b));
    return [...sorted, ...ids.slice(head.length)];
  }

  let countsAsked = false; // by the last search: else opening the filter box searches again, with them
  async function search({ q, typed, filters }) {
    const index = await engine();
    // the counts beside each filter value only when the filter box is open to show them
    countsAsked = !filtersBox || filtersBox.open;
    const found = await index.search(typed, filters, { counts: countsAsked });
    const results = q ? await titleFirst(index, q, found.ids) : found.ids;
    return { results, counts: found.counts, index };
  }

  // --- showing results ----------------------------------------------------------------------------
  function showCounts(counts) {
    for (const s of selects) {
      const values = counts[s.dataset.facet] || new Map();
      for (const [i, option] of [...s.options].entries()) {
        if (!option.value) continue;
        const n = values.get(i - 1) || 0;
        option.textContent = `${option.dataset.value} (${numbers.format(n)})`;
        option.disabled = option.hidden = n === 0 && !option.selected;
      }
    }
  }

  // The active filters in words, "Năm: 2024; Loại: Sáng kiến", so a phone user sees them with the box closed.
  function activeFilters() {
    return selects.filter((s) => s.value).map((s) => {
      const label = s.closest(".dkst-find__facet").querySelector(".dkst-find__facet-label").textContent;
      return `${label}: ${s.selectedOptions[0].dataset.value}`;
    }).join("; ");
  }

  function describe({ q, filters }, count) {
    const n = numbers.format(count);
    const filtered = Object.keys(filters).length > 0;
    const within = filtered ? ` trong bộ lọc đã chọn (${activeFilters()})` : "";
    if (q) {
      if (count === 0) {
        return `Không tìm thấy mục nào với “${q}”${within}. ` +
          "Hãy thử bớt từ, viết khác đi hoặc bỏ bớt bộ lọc.";
      }
      return `${n} kết quả với “${q}”${within}, phù hợp nhất trước.`;
    }
    if (count === 0) return `Không có mục nào khớp bộ lọc đã chọn (${activeFilters()}). Hãy bỏ bớt bộ lọc.`;
    return filtered ? `${n} mục khớp bộ lọc (${activeFilters()}), mới nhất trước.` : `Tất cả ${n} mục, mới nhất trước.`;
  }

  function item(data) {
    const li = document.createElement("li");
    li.className = "dkst-result";
    const title = document.createElement("a");
    title.className = "dkst-result__title";
    title.href = new URL(data.url, siteRoot).href;
    title.textContent = data.title;
    const summary = document.createElement("p");
    summary.className = "dkst-result__summary";
    summary.textContent = data.summary;
    li.append(title, summary);
    if (data.facts) {
      const meta = document.createElement("p");
      meta.className = "dkst-result__meta";
      meta.textContent = data.facts;
      li.append(meta);
    }
    return li;
  }

  async function showMore(gen) {
    const slice = shown.results.slice(shown.count, shown.count + config.perPage);
    const data = await shown.index.records(slice);
    if (gen !== generation) return;
    list.append(...data.map(item));
    shown.count += slice.length;
    more.hidden = shown.count >= shown.results.length;
  }

  // Nothing found: the nearest words the index knows, as a link that searches them.
  async function showSuggestion(gen, current, found) {
    const better = current.q && found.results.length === 0 ? await found.index.suggest(current.q) : null;
    if (gen !== generation) return;
    suggestBox.hidden = !better;
    if (better) {
      const params = new URLSearchParams(location.search);
      params.set("q", better);
      suggestion.href = `?${params}`;
      suggestion.textContent = better;
    }
  }

  async function run() {
    const gen = ++generation;
    const current = state();
    root.setAttribute("aria-busy", "true");
    try {
      const found = await search(current);
      if (gen !== generation) return;
      if (found.counts) showCounts(found.counts);
      status.textContent = describe(current, found.results.length);
      shown = { results: found.results, count: 0, index: found.index };
      await showSuggestion(gen, current, found);
      list.replaceChildren();
      await showMore(gen);
    } catch (err) {
      if (gen !== generation) return;
      broken(err);
    } finally {
      if (gen === generation) root.removeAttribute("aria-busy");
    }
  }

  function broken(err) {
    console.error(err);
    form.hidden = true;
    more.hidden = true;
    list.replaceChildren();
    status.textContent = "";
    fallback.querySelector(".dkst-find__why").textContent =
      "Không tải được công cụ tra cứu trên trình duyệt này. Hãy tải lại trang sau ít phút.";
    fallback.hidden = false;
  }

  // --- wiring ---------------------------------------------------------------------------------------
  let typing = 0;
  // Results as one types, a quarter second after the last key; a lone first letter waits for the next one
  // (it would fetch much and tell little). The address follows without a history entry per letter.
  input.addEventListener("input", () => {
    clearTimeout(typing);
    const typed = input.value.trim();
    if (typed.length === 1) return;
    typing = setTimeout(() => { toAddress(false); run(); }, 250);
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(typing);
    toAddress(true);
    run();
  });
  for (const s of selects) s.addEventListener("change", () => { toAddress(true); run(); });
  form.querySelector(".dkst-find__clear").addEventListener("click", () => {
    for (const s of selects) s.value = "";
    toAddress(true);
    run();
  });
  more.addEventListener("click", () => showMore(generation));
  suggestion.addEventListener("click", (event) => {
    event.preventDefault();
    input.value = suggestion.textContent;
    toAddress(true);
    run();
  });
  window.addEventListener("popstate", () => { fromAddress(); run(); });

  // Filters stay open on a wide screen; on a phone they fold away so the first result shows above the fold.
  if (filtersBox && window.matchMedia(config.filtersOpen).matches) filtersBox.open = true;
  // opened on a phone: the counts are fetched and shown then (the results stay as they are)
  filtersBox?.addEventListener("toggle", () => { if (filtersBox.open && !countsAsked) run(); });
  fallback.hidden = true;
  form.hidden = false;
  fromAddress();
  run();
}
