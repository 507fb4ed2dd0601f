// The "Tra cứu" page: Pagefind's JavaScript API behind a light form of our own.
// Only this page loads this script; Pagefind itself (script, WebAssembly, index chunks) is fetched from
// the site, on this page only. Query, filters and nothing else live in the address bar.

const root = document.getElementById("dkst-find");
if (root) start(root);

function start(root) {
  const config = JSON.parse(root.dataset.config);
  const form = root.querySelector(".dkst-find__form");
  const input = form.elements.q;
  const selects = [...form.querySelectorAll("select[data-facet]")];
  const status = root.querySelector(".dkst-find__status");
  const list = root.querySelector(".dkst-find__results");
  const more = root.querySelector(".dkst-find__more");
  const fallback = root.querySelector(".dkst-find__fallback");
  const numbers = new Intl.NumberFormat("vi-VN");

  let loading = null;
  let queue = Promise.resolve();
  let generation = 0;
  let shown = { results: [], count: 0 };

  // --- the query as Pagefind should see it --------------------------------------------------------
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
      if (option && option.value) filters[s.dataset.facet] = option.dataset.value;
    }
    return { q: input.value.trim(), filters };
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

  // --- Pagefind ---------------------------------------------------------------------------------
  function pagefind() {
    loading ??= (async () => {
      const pf = await import(new URL(root.dataset.pagefind, document.baseURI).href);
      await pf.options({ excerptLength: 24 });
      await pf.filters(); // loads the filter index, so every search also returns facet counts
      return pf;
    })();
    return loading;
  }

  // Searches run one after another: the exact pass switches a Pagefind option on and off.
  function serial(task) {
    const next = queue.then(task, task);
    queue = next.catch(() => {});
    return next;
  }

  async function search({ q, filters }) {
    const pf = await pagefind();
    const term = canonical(q) || null;
    let exact = [];
    if (term) {
      // Pagefind ranks a page by the first spelling it finds there, so pages holding the query's exact
      // diacritics are found in a pass of their own and listed first.
      await pf.options({ exactDiacritics: true });
      try {
        exact = (await pf.search(term, { filters })).results;
      } finally {
        await pf.options({ exactDiacritics: false });
      }
    }
    const sort = term ? {} : { [config.sort]: "desc" };
    const all = await pf.search(term, { filters, sort });
    const first = new Set(exact.map((r) => r.id));
    const results = [...exact, ...all.results.filter((r) => !first.has(r.id))];
    // A facet's counts leave its own choice out, so the other values stay reachable.
    const counts = {};
    for (const s of selects) {
      const key = s.dataset.facet;
      if (key in filters) {
        const others = { ...filters };
        delete others[key];
        counts[key] = (await pf.search(term, { filters: others })).filters[key] || {};
      } else {
        counts[key] = all.filters[key] || {};
      }
    }
    return { results, counts };
  }

  // --- showing results ----------------------------------------------------------------------------
  function showCounts(counts) {
    for (const s of selects) {
      const values = counts[s.dataset.facet];
      for (const option of s.options) {
        if (!option.value) continue;
        const n = values[option.dataset.value] || 0;
        option.textContent = `${option.dataset.value} (${numbers.format(n)})`;
        option.disabled = option.hidden = n === 0 && !option.selected;
      }
    }
  }

  function describe({ q, filters }, count) {
    const n = numbers.format(count);
    const filtered = Object.keys(filters).length > 0;
    if (q) {
      if (count === 0) {
        return `Không tìm thấy mục nào với “${q}”${filtered ? " trong bộ lọc đã chọn" : ""}. ` +
          "Hãy thử bớt từ, viết khác đi hoặc bỏ bớt bộ lọc.";
      }
      return `${n} kết quả với “${q}”${filtered ? " trong bộ lọc đã chọn" : ""}, phù hợp nhất trước.`;
    }
    if (count === 0) return "Không có mục nào khớp bộ lọc đã chọn. Hãy bỏ bớt bộ lọc.";
    return `${filtered ? "" : "Tất cả "}${n} mục${filtered ? " khớp bộ lọc" : ""}, mới nhất trước.`;
  }

  function excerpt(html) {
    // Pagefind's excerpt is text with <mark>: copy the text only, never markup.
    const doc = new DOMParser().parseFromString(`<p>${html}</p>`, "text/html");
    const out = document.createDocumentFragment();
    for (const node of doc.body.firstChild.childNodes) {
      if (node.nodeName === "MARK") {
        const mark = document.createElement("mark");
        mark.textContent = node.textContent;
        out.append(mark);
      } else {
        out.append(node.textContent);
      }
    }
    return out;
  }

  function item(data) {
    const li = document.createElement("li");
    li.className = "dkst-result";
    const title = document.createElement("a");
    title.className = "dkst-result__title";
    title.href = data.url;
    title.textContent = data.meta.title || data.url;
    const summary = document.createElement("p");
    summary.className = "dkst-result__summary";
    summary.append(data.meta.summary || excerpt(data.excerpt || ""));
    li.append(title, summary);
    const facts = [data.meta.loai, data.meta.unit, data.meta.year].filter(Boolean);
    if (facts.length) {
      const meta = document.createElement("p");
      meta.className = "dkst-result__meta";
      meta.textContent = facts.join(" · ");
      li.append(meta);
    }
    return li;
  }

  async function showMore(gen) {
    const slice = shown.results.slice(shown.count, shown.count + config.perPage);
    const data = await Promise.all(slice.map((r) => r.data()));
    if (gen !== generation) return;
    list.append(...data.map(item));
    shown.count += slice.length;
    more.hidden = shown.count >= shown.results.length;
  }

  async function run() {
    const gen = ++generation;
    const current = state();
    root.setAttribute("aria-busy", "true");
    try {
      const found = await serial(() => search(current));
      if (gen !== generation) return;
      showCounts(found.counts);
      status.textContent = describe(current, found.results.length);
      shown = { results: found.results, count: 0 };
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
  input.addEventListener("input", () => {
    clearTimeout(typing);
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
  window.addEventListener("popstate", () => { fromAddress(); run(); });

  fallback.hidden = true;
  form.hidden = false;
  fromAddress();
  run();
}
