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
function unpack(packed) {
  const parts = packed.split(",");
  const ids = new Int32Array(parts.length);
  const weights = new Uint8Array(parts.length);
  let code = 0;
  for (let i = 0; i < parts.length; i++) {
    code += +parts[i];
    ids[i] = Math.floor(code / 10);
    weights[i] = code % 10;
  }
  return { ids, weights };
}

const PAIR_BONUS = 2; // two typed syllables side by side in a title or a name ("cà phê") weigh double

export class SearchIndex {
  // base: URL of the index folder; config: { shards, docs, entries, block, v } from the page.
  constructor(base, config) {
    this.base = base;
    this.config = config;
    this.files = new Map();
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

  facets() {
    return this.json("facets.json");
  }

  async postings(keys) {
    const found = new Map();
    await Promise.all(keys.map(async (key) => {
      const shard = await this.json(`k/${crc32(key) % this.config.shards}.json`);
      if (Object.hasOwn(shard, key)) found.set(key, unpack(shard[key]));
    }));
    return found;
  }

  // Every document holding every known syllable of the query, with its score; words the index has never
  // seen (a typo, a syllable half typed) are left out rather than emptying the list. Common syllables
  // ("của", "và": config.common) are indexed outside bodies only, so they add to a score but are not
  // required, unless the query has nothing else.
  async scores(query) {
    const words = syllables(query);
    const unique = [...new Set(words)];
    const pairs = [...new Set(words.slice(1).map((w, i) => `${words[i]} ${w}`))];
    const found = await this.postings([...unique, ...pairs]);
    const common = new Set(this.config.common || []);
    const present = unique.filter((k) => found.has(k));
    const required = present.filter((k) => !common.has(k))
      .sort((a, b) => found.get(a).ids.length - found.get(b).ids.length);
    const optional = present.filter((k) => common.has(k));
    const idf = (list) => Math.log(1 + this.config.docs / list.ids.length);
    let scores = new Map();
    required.forEach((key, n) => {
      const { ids, weights } = found.get(key);
      const weight = idf(found.get(key));
      const next = new Map();
      for (let i = 0; i < ids.length; i++) {
        const before = n === 0 ? 0 : scores.get(ids[i]);
        if (before !== undefined) next.set(ids[i], before + weights[i] * weight);
      }
      scores = next;
    });
    const open = required.length === 0; // only common words typed: any of them will do
    const add = (list, factor) => {
      const weight = factor * idf(list);
      for (let i = 0; i < list.ids.length; i++) {
        const before = scores.get(list.ids[i]);
        if (before !== undefined) scores.set(list.ids[i], before + list.weights[i] * weight);
        else if (open) scores.set(list.ids[i], list.weights[i] * weight);
      }
    };
    for (const key of optional) add(found.get(key), 1);
    for (const pair of pairs) if (found.has(pair)) add(found.get(pair), PAIR_BONUS);
    return scores;
  }

  // { ids: best first (newest first without a query), counts: { facet: Map(value index → n) } }.
  // filters: { facet: value index }. A facet's counts leave its own choice out, so other values stay reachable.
  async search(query, filters) {
    const [scores, codes] = await Promise.all([syllables(query).length ? this.scores(query) : null, this.facets()]);
    const ids = scores ? [...scores.keys()] : Array.from({ length: this.config.entries }, (_, i) => i);
    const keys = Object.keys(codes);
    const chosen = keys.filter((k) => k in filters);
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
    return { ids: kept, counts };
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
