// The search engine of the "Tra cứu" page: reads the index generator/search_index.py writes, a few small
// files per query. Folding and hashing must give exactly what the Python side gives (a browser test compares
// them), or a typed word would be looked up in the wrong shard.

// Lower case, tone and letter marks removed, đ → d: "Đắk" → "dak".
export function fold(text) {
  return text.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d");
}

export function syllables(text) {
  return fold(text).match(/[a-z0-9]+/g) || [];
}

// A folded Vietnamese syllable or a number, as generator/pages/search_index.py's is_syllable.
const VIETNAMESE = /^(?:(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?[aeiouy]{1,3}(?:ch|ng|nh|[cmnpt])?|[0-9]+)$/;

export function isSyllable(word) {
  return VIETNAMESE.test(word);
}

// Loan spellings typed for Vietnamese ones: "cafe" for "cà phê".
const LOANS = [[/f/g, "ph"], [/z/g, "d"], [/j/g, "gi"]];
// Looser than a Vietnamese syllable, so that names split too ("dakwil" → "dak wil", "krongno" → "krong no").
const SYLLABLE_LIKE = /^(?:[b-df-hj-np-tv-z]{0,3}[aeiouy]{1,3}[b-df-hj-np-tv-z]{0,2}|[0-9]+)$/;
const SPLITS = 6; // at most this many pairs looked up for one word

// The ways an unknown word may be two syllables run together ("dakwil", "caphe", "cafe"), each a pair key,
// the likeliest first: both halves Vietnamese syllables before names, as typed before loan spellings.
export function splits(word) {
  const strict = [];
  const loose = [];
  const spellings = [word, ...LOANS.map(([from, to]) => word.replace(from, to)).filter((w) => w !== word)];
  for (const w of spellings) {
    for (let i = 1; i < w.length; i++) {
      const [a, b] = [w.slice(0, i), w.slice(i)];
      if (isSyllable(a) && isSyllable(b)) strict.push(`${a} ${b}`);
      else if (SYLLABLE_LIKE.test(a) && SYLLABLE_LIKE.test(b)) loose.push(`${a} ${b}`);
    }
  }
  return [...new Set([...strict, ...loose])].slice(0, SPLITS);
}

// CRC-32 (zlib's) of the UTF-8 bytes: which shard file holds a key.
const CRC = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

export function crc32(key) {
  let c = 0xffffffff;
  for (const byte of new TextEncoder().encode(key)) c = CRC[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

// "<document id × 10 + weight, delta-coded, comma separated>" → { ids, weights }
// A key's postings: "<id × 10 + weight>" delta-coded; one in a title ends in ":" and the title's length in
// syllables, kept in `lengths` (id → length) for the ranking (generator/pages/search_index.py, pack).
function unpack(packed, lengths) {
  const parts = packed.split(",");
  const ids = new Int32Array(parts.length);
  const weights = new Uint8Array(parts.length);
  let code = 0;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    const colon = part.indexOf(":");
    code += colon < 0 ? +part : +part.slice(0, colon);
    ids[i] = Math.floor(code / 10);
    weights[i] = code % 10;
    if (colon >= 0) lengths.set(ids[i], +part.slice(colon + 1));
  }
  return { ids, weights };
}

const PAIR_BONUS = 2; // two typed syllables side by side in a title or a name ("cà phê") weigh double
const TITLE = 8; // the weight of a syllable found in a title (generator/pages/search_index.py)
const BODY = 1; // …and in a body only
const COMPLETE = 3; // a syllable being typed alone stands for its three most frequent completions…
const NEAR = 3; // …and an unknown syllable for its three nearest indexed ones
const NEAR_FACTOR = 0.6; // what a corrected syllable weighs against one typed right
const MISSING_ONE = 4; // a title lacking one of four words or more: a typo may be that word, or it is another entry
const KNOWN_COMPLETION = 0.6; // what "cẩm" typed weighs as "camera": "cẩm" may well be all that was meant

// One list of several: every document of any of them, with the heaviest weight it has in them.
function union(lists, factors) {
  if (lists.length === 1 && factors[0] === 1) return lists[0];
  const best = new Map();
  lists.forEach((list, n) => {
    for (let i = 0; i < list.ids.length; i++) {
      const w = list.weights[i] * factors[n];
      if (!(best.get(list.ids[i]) >= w)) best.set(list.ids[i], w);
    }
  });
  const ids = Int32Array.from([...best.keys()].sort((a, b) => a - b));
  return { ids, weights: Float32Array.from(ids, (id) => best.get(id)) };
}

// Edit distance with swapped neighbours counting once (optimal string alignment), stopping above `most`.
export function distance(a, b, most = 2) {
  if (Math.abs(a.length - b.length) > most) return most + 1;
  const rows = [Array.from({ length: b.length + 1 }, (_, j) => j)];
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(rows[i - 1][j] + 1, row[j - 1] + 1, rows[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j], rows[i - 2][j - 2] + 1);
    }
    rows.push(row);
  }
  return rows[a.length][b.length];
}

export class SearchIndex {
  // base: URL of the index folder; config: { shards, cshards, docs, entries, block, v, common, facets } from the page.
  constructor(base, config) {
    this.base = base;
    this.config = config;
    this.files = new Map();
    this.titleLengths = new Map(); // id → its title's length in syllables, from the postings read so far
  }

  // One index per page, whoever asks first (assets/search-start.js or assets/search.js): the files one has
  // started to download are the other's too.
  static shared(base, config) {
    const key = `${new URL(base).href}?v=${config.v}`;
    SearchIndex.opened ??= new Map();
    if (!SearchIndex.opened.has(key)) SearchIndex.opened.set(key, new SearchIndex(base, config));
    return SearchIndex.opened.get(key);
  }

  json(path) {
    if (!this.files.has(path)) {
      const url = new URL(`${path}?v=${this.config.v}`, this.base).href;
      const loading = fetch(url).then((r) => {
        if (!r.ok) throw new Error(`${url}: ${r.status}`);
        return r.json();
      });
      loading.catch(() => this.files.delete(path)); // a dropped connection is retried by the next search
      this.files.set(path, loading);
    }
    return this.files.get(path);
  }

  // { key: every entry's value index (-1 for none) } for the facets `keys`, one file each.
  async facets(keys) {
    const columns = await Promise.all(keys.map((key) => this.json(`f/${key}.json`)));
    return Object.fromEntries(keys.map((key, n) => [key, columns[n]]));
  }

  async postings(keys) {
    const found = new Map();
    await Promise.all(keys.map(async (key) => {
      const shard = await this.json(`k/${crc32(key) % this.config.shards}.json`);
      if (Object.hasOwn(shard, key)) found.set(key, unpack(shard[key], this.titleLengths));
    }));
    return found;
  }

  // The completion table's entry for a stem: a list of syllables ("ph"), or {second syllable: postings}
  // for a first syllable and a letter ("ca p").
  async completion(stem) {
    if (!this.config.cshards) return undefined;
    const shard = await this.json(`c/${crc32(stem) % this.config.cshards}.json`);
    return Object.hasOwn(shard, stem) ? shard[stem] : undefined;
  }

  // The most frequent indexed syllables starting with `start`, at most `limit`.
  async startingWith(start, limit) {
    const list = (await this.completion(start.slice(0, 4))) || [];
    return list.filter((k) => k.startsWith(start)).slice(0, limit);
  }

  // What the syllable still being typed may become: the pairs "before …" first (one file, postings in it),
  // else the most frequent syllables starting so. { list, pairs: the pairs "before …" found } or null.
  async complete(word, before) {
    const lists = [];
    const factors = [];
    // a lone letter after a word is only a start: what it begins says more than the letter itself
    const alone = before && word.length === 1;
    const [self, pairs] = await Promise.all([alone ? new Map() : this.postings([word]),
      before ? this.completion(`${before} ${word[0]}`) : undefined]);
    if (self.has(word)) { // the word as typed, if the index knows it, wherever it stands
      lists.push(self.get(word));
      factors.push(1);
    }
    let paired = false;
    const pairLists = [];
    const pairFactors = [];
    for (const [second, packed] of Object.entries(pairs || {})) {
      if (second.startsWith(word)) {
        paired = true;
        pairLists.push(unpack(packed, this.titleLengths));
        // a completion weighs less than the word as typed, much less when that is a whole word itself
        const factor = second === word ? 1 : self.has(word) ? KNOWN_COMPLETION : 0.9;
        pairFactors.push(factor);
        if (second !== word) {
          lists.push(pairLists[pairLists.length - 1]);
          factors.push(factor);
        }
      }
    }
    // the pairs themselves ("trình đa…") add a pair's bonus, as whole pairs of the query do
    const pairList = pairLists.length ? union(pairLists, pairFactors) : null;
    if (!paired && lists.length === 0) { // nothing goes on so: the most frequent syllables starting so do
      const keys = (await this.startingWith(word, COMPLETE + 1)).filter((k) => k !== word).slice(0, COMPLETE);
      const found = await this.postings(keys);
      for (const key of keys) {
        if (found.has(key)) {
          lists.push(found.get(key));
          factors.push(key === word ? 1 : 0.9);
        }
      }
    }
    return lists.length ? { list: union(lists, factors), pairs: pairList } : null;
  }

  // An unknown word read as two syllables run together, or a loan spelling ("caphe", "cafe" → "ca phe"):
  // the pairs it may be are looked up (pairs come from titles, summaries and names), the first found wins.
  async runTogether(word) {
    const candidates = splits(word);
    if (candidates.length === 0) return null;
    const found = await this.postings(candidates);
    const best = candidates.filter((k) => found.has(k)).sort((a, b) => found.get(b).ids.length - found.get(a).ids.length)[0];
    return best ? found.get(best) : null;
  }

  // An unknown syllable (a typo) read as its nearest indexed syllables: candidates are the syllables after
  // the word before it and the most frequent ones sharing its first letters, so the look-up stays bounded.
  async nearest(word, before) {
    const candidates = new Set();
    if (before) {
      const pairs = (await this.completion(`${before} ${word[0]}`)) || {};
      Object.keys(pairs).forEach((k) => candidates.add(k));
    }
    for (const n of [1, 2, 3]) if (word.length > n) (await this.startingWith(word.slice(0, n), 8)).forEach((k) => candidates.add(k));
    const most = word.length >= 5 ? 2 : 1;
    const near = [...candidates].map((k) => [k, distance(word, k, most)]).filter(([, d]) => d <= most)
      .sort((a, b) => a[1] - b[1]).slice(0, NEAR).map(([k]) => k);
    if (near.length === 0) return null;
    const found = await this.postings(near);
    const lists = near.filter((k) => found.has(k)).map((k) => found.get(k));
    return lists.length ? union(lists, lists.map(() => NEAR_FACTOR)) : null;
  }

  // Every document holding every known syllable of the query, with its score. The last syllable, unless a
  // space follows it, is still being typed: it matches the syllables it begins. A syllable the index has
  // never seen is read as its nearest indexed ones, and left out if there are none. Common syllables
  // ("của", "và": config.common) are indexed outside bodies only, so they add to a score but are not
  // required, unless the query has nothing else. A title the query covers wholly scores up to double.
  async scores(query) {
    const words = syllables(query);
    const common = new Set(this.config.common || []);
    // a common syllable ("của") is taken as typed whole: what it begins would only add noise
    const typing = !/\s$/.test(query) && words.length > 0 && !common.has(words[words.length - 1]);
    const exact = typing ? words.slice(0, -1) : words;
    const unique = [...new Set(exact)];
    // pairs of whole words only: a pair ending in the syllable being typed is looked up in the completions
    const pairs = [...new Set(exact.slice(1).map((w, i) => `${exact[i]} ${w}`))];
    const last = words[words.length - 1];
    const before = words.length > 1 ? words[words.length - 2] : null;
    // the completions of the syllable being typed are asked for with the whole words: one round trip, not two
    const completing = typing ? this.complete(last, before) : null;
    const found = await this.postings([...unique, ...pairs]);
    const groups = [];
    await Promise.all(unique.map(async (word) => {
      if (found.has(word)) groups.push({ word, list: found.get(word), optional: common.has(word) });
      else {
        const i = words.indexOf(word);
        const list = (await this.runTogether(word)) || (await this.nearest(word, i > 0 ? words[i - 1] : null));
        if (list) groups.push({ word, list, optional: false });
      }
    }));
    let typedPairs = null;
    if (typing) {
      const completed = await completing;
      typedPairs = completed && completed.pairs;
      const list = (completed && completed.list) || (await this.runTogether(last))
        || (await this.nearest(last, before));
      if (list) groups.push({ word: last, list, optional: false });
    }
    const required = groups.filter((g) => !g.optional).sort((a, b) => a.list.ids.length - b.list.ids.length);
    const optional = groups.filter((g) => g.optional);
    const idf = (list) => Math.log(1 + this.config.docs / list.ids.length);
    let scores = new Map();
    const inTitle = new Map();
    const intersect = (lists, missing) => { // documents lacking at most `missing` of the lists
      const sum = new Map();
      const hits = new Map();
      lists.forEach(({ list }) => {
        const { ids, weights } = list;
        const weight = idf(list);
        for (let i = 0; i < ids.length; i++) {
          sum.set(ids[i], (sum.get(ids[i]) || 0) + weights[i] * weight);
          hits.set(ids[i], (hits.get(ids[i]) || 0) + 1);
        }
      });
      const out = new Map();
      for (const [id, n] of hits) if (n >= lists.length - missing) out.set(id, sum.get(id));
      return out;
    };
    const outside = new Map(); // per document, how many required words it holds outside its body
    for (const { list } of required) {
      for (let i = 0; i < list.ids.length; i++) {
        if (list.weights[i] >= TITLE) inTitle.set(list.ids[i], (inTitle.get(list.ids[i]) || 0) + 1);
        if (list.weights[i] > BODY) outside.set(list.ids[i], (outside.get(list.ids[i]) || 0) + 1);
      }
    }
    if (required.length) scores = intersect(required, 0);
    // A typo that happens to spell another word ("ta" for "tra") empties the list or leaves the wrong
    // ones: with four words or more, a document holding all the others outside its body (title, names,
    // unit, summary) still counts, at a quarter of its score; with three, when nothing holds them all, any
    // document holding two does.
    if (required.length >= 4 || (scores.size === 0 && required.length >= 3)) {
      const all = scores;
      const wide = scores.size === 0;
      const most = intersect(required, 1);
      for (const [id, score] of most) {
        if (all.has(id)) continue;
        if (wide || (outside.get(id) || 0) >= required.length - 1) all.set(id, score / MISSING_ONE);
      }
      scores = all;
    }
    const open = required.length === 0; // only common words typed: any of them will do
    const add = (list, factor) => {
      const weight = factor * idf(list);
      for (let i = 0; i < list.ids.length; i++) {
        const before = scores.get(list.ids[i]);
        if (before !== undefined) scores.set(list.ids[i], before + list.weights[i] * weight);
        else if (open) scores.set(list.ids[i], list.weights[i] * weight);
        else continue;
        if (list.weights[i] >= TITLE && factor === 1) inTitle.set(list.ids[i], (inTitle.get(list.ids[i]) || 0) + 1);
      }
    };
    for (const { list } of optional) add(list, 1);
    for (const pair of pairs) if (found.has(pair)) add(found.get(pair), PAIR_BONUS);
    if (typedPairs) add(typedPairs, PAIR_BONUS);
    // Length normalisation: the share of the title's syllables the query's words cover.
    // A title the query meets came with its length, in the posting that met it (unpack).
    const lengths = this.titleLengths;
    const covered = groups.length;
    // What an entry is about is said in its title, summary, names, place and tags: a word of the query met
    // only in the body ("dệt" in a report of another commune's camera scheme) says less than the weights
    // add up to. Documents holding every required word outside their bodies lose nothing.
    const share = (id) => ((1 + (outside.get(id) || 0)) / (1 + required.length)) ** 2;
    for (const [id, score] of scores) {
      const length = lengths.get(id) || 0;
      const hits = Math.min(inTitle.get(id) || 0, covered);
      const normal = length > 0 && hits > 0 ? 1 + hits / Math.max(length, covered) : 1;
      scores.set(id, score * normal * (required.length ? share(id) : 1));
    }
    return scores;
  }

  // When nothing is found: the query with each word the index does not know replaced by the nearest one it
  // knows (or by the pair it may be run together from), or null when there is nothing to change.
  async suggest(query) {
    const words = syllables(query);
    const found = await this.postings(words);
    let changed = false;
    const out = await Promise.all(words.map(async (word, i) => {
      if (found.has(word)) return word;
      const pairs = splits(word);
      const known = await this.postings(pairs);
      const pair = pairs.find((k) => known.has(k));
      if (pair) {
        changed = true;
        return pair;
      }
      const candidates = new Set();
      if (i > 0) Object.keys((await this.completion(`${words[i - 1]} ${word[0]}`)) || {}).forEach((k) => candidates.add(k));
      for (const n of [1, 2, 3]) if (word.length > n) (await this.startingWith(word.slice(0, n), 8)).forEach((k) => candidates.add(k));
      const best = [...candidates].map((k) => [k, distance(word, k, 2)]).filter(([, d]) => d <= 2)
        .sort((a, b) => a[1] - b[1])[0];
      if (!best) return word;
      changed = true;
      return best[0];
    }));
    return changed ? out.join(" ") : null;
  }

  // The folded syllables of a text, space-separated: what the page compares titles and queries with.
  folded(text) {
    return syllables(text).join(" ");
  }

  // { ids: best first (newest first without a query), counts: { facet: Map(value index → n) } or null }.
  // filters: { facet: value index }. A facet's counts leave its own choice out, so other values stay reachable.
  // counts: false when nobody sees them (the filter box folded on a phone): only the chosen facets' files are
  // fetched, not every facet's, which at 100,000 entries outweighed the rest of a search.
  async search(query, filters, { counts: wanted = true } = {}) {
    const all = this.config.facets || [];
    const chosen = all.filter((k) => k in filters);
    const [scores, codes] = await Promise.all([syllables(query).length ? this.scores(query) : null,
      this.facets(wanted ? all : chosen)]);
    const ids = scores ? [...scores.keys()] : Array.from({ length: this.config.entries }, (_, i) => i);
    const keys = Object.keys(codes);
    const counts = Object.fromEntries(keys.map((k) => [k, new Map()]));
    const add = (key, id) => {
      const value = codes[key][id];
      if (value !== undefined && value >= 0) counts[key].set(value, (counts[key].get(value) || 0) + 1);
    };
    const kept = [];
    for (const id of ids) {
      const missed = chosen.filter((k) => codes[k][id] !== filters[k]);
      if (missed.length === 0) {
        kept.push(id);
        for (const key of keys) add(key, id);
      } else if (missed.length === 1) {
        add(missed[0], id);
      }
    }
    if (scores) kept.sort((a, b) => scores.get(b) - scores.get(a) || a - b);
    return { ids: kept, counts: wanted ? counts : null };
  }

  // What results show: [{ id, url, title, summary, facts }], url relative to the site root.
  records(ids) {
    const { block } = this.config;
    return Promise.all(ids.map(async (id) => {
      const [url, title, summary, facts] = (await this.json(`d/${Math.floor(id / block)}.json`))[id % block];
      return { id, url, title, summary, facts };
    }));
  }
}
