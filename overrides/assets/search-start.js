// Loaded in the head of the "Tra cứu" page. A search opened from a link (?q=…, shared on Zalo) starts its
// downloads here, while Material's stylesheets still hold the rest of the page back: on slow mobile data that
// is a second sooner. assets/search.js, once the form is there, finds the files on their way
// (SearchIndex.shared) and shows the results. Nothing is shown from here.
import { SearchIndex } from "./search-engine.js";

const settings = document.querySelector('meta[name="dkst-search"]');
const q = new URLSearchParams(location.search).get("q") || "";
if (settings && q.trim()) {
  const { index: config, perPage, filtersOpen } = JSON.parse(settings.dataset.config);
  const index = SearchIndex.shared(new URL(settings.dataset.index, document.baseURI), config);
  // as search.js will ask: leading spaces dropped, a trailing one kept (the last syllable is complete), the
  // counts per filter value only where the filter box will be open (a wide screen)
  index.search(q.replace(/^\s+/, ""), {}, { counts: window.matchMedia(filtersOpen).matches })
    .then(({ ids }) => index.records(ids.slice(0, perPage)))
    .catch(() => {}); // search.js tries again and says what went wrong
}
