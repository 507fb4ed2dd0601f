"""How well the "Tra cứu" page finds what citizens type: success@1 and MRR@10 per class of query.

A generated catalogue is built into a site: by default bench/eval_corpus.py's, entries about one topic each
with realistic titles (many of them siblings), places and people written for this evaluation; with
`--corpus synth`, the benchmark's (bench/synth.py: sentences at random from the samples, LibreOffice's
Vietnamese help and hunspell-vi). Queries are derived from its entries in classes, each
with the one entry it is meant to find, and typed into the real search page in headless Chromium. A query
is kept only when it names one entry (an ambiguous one has no right answer): a title shared by two entries,
an author with two entries, and so on, are left out.

Classes:
  folded        the title without diacritics, lower case ("may say ca phe dak wil")
  exact         the title as written
  capitals      the title in capitals
  tone          the title with the other tone placement (hoà ↔ hòa) where it has such a word
  nfd           the title decomposed (NFD), as some keyboards send it
  content       three distinctive words of the summary (no numbers), folded
  unit_topic    the unit's name and the rarest word of what the title is about (before "ở", "của"), folded,
                when one entry of that unit has it
  author        an author's name (without "Ông", "Bà"… and address), folded
  typo          the folded title with one letter of one syllable changed, dropped or swapped
  typing        the folded title typed until it is the only title that starts so, cut mid-syllable
  run_together  the folded title with two neighbouring syllables written as one ("dakwil")

    python bench/search_eval.py --size 1000 [--corpus eval|synth] [--per-class 25] [--work /tmp/search-eval]
                                [--no-build] [--failures] [--out bench/results/search-eval.json]
"""

from __future__ import annotations

import argparse
import bisect
import json
import math
import random
import re
import subprocess
import sys
import time
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO), str(REPO / "bench")]

from generator.catalog import project  # noqa: E402
from generator.common import urls  # noqa: E402
from generator.common.text import fold, tone_variants  # noqa: E402
from served import site_in_chromium  # noqa: E402
import eval_corpus  # noqa: E402
import synth  # noqa: E402

CLASSES = ("folded", "exact", "capitals", "tone", "nfd", "content", "unit_topic", "author", "typo", "typing",
           "run_together")
SEED = 7


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", fold(text))


def _typo(rng: random.Random, word: str) -> str:
    i = rng.randrange(1, len(word))
    kind = rng.choice(("sub", "drop", "swap"))
    if kind == "drop":
        return word[:i] + word[i + 1:]
    if kind == "swap" and i < len(word) - 1 and word[i] != word[i + 1]:
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]
    letters = "abcdeghiklmnopqrstuvxy".replace(word[i], "")
    return word[:i] + rng.choice(letters) + word[i + 1:]


def make_queries(root: Path, per_class: int, seed: int = SEED) -> list[dict]:
    """[{'class', 'query', 'url'}], at most `per_class` per class, each query naming one entry."""
    cat = project.load(root).catalog
    tax = cat.taxonomy
    recs = list(cat.records)
    rng = random.Random(seed)
    folded_titles = [" ".join(words(r.entry.title)) for r in recs]
    title_count = Counter(folded_titles)
    sorted_titles = sorted(folded_titles)
    # what each entry says, folded once: the checks below look words up instead of scanning the catalogue
    said = [" ".join(words(f"{r.entry.title} {r.entry.summary}")) for r in recs]
    holding: defaultdict[str, set[int]] = defaultdict(set)  # word of a title or summary -> entries
    in_title: defaultdict[str, set[int]] = defaultdict(set)
    for n, r in enumerate(recs):
        for w in set(said[n].split()):
            holding[w].add(n)
        for w in set(folded_titles[n].split()):
            in_title[w].add(n)
    df = Counter({w: len(ns) for w, ns in holding.items()})
    authors = Counter(fold(a) for r in recs for a in set(r.entry.authors))
    out: dict[str, list[dict]] = {c: [] for c in CLASSES}

    def unique_for(query_words: list[str], r) -> bool:
        """No other entry holds all these words in its title and summary."""
        return len(set.intersection(*(holding[w] for w in query_words))) == 1

    def starting(typed: str) -> int:
        """How many titles start with `typed`."""
        return bisect.bisect_left(sorted_titles, typed + "\uffff") - bisect.bisect_left(sorted_titles, typed)

    order = list(range(len(recs)))
    rng.shuffle(order)
    full = lambda c: len(out[c]) >= per_class  # noqa: E731 (the checks below scan the catalogue: skip them)
    for i in order:
        if all(map(full, CLASSES)):
            break
        r = recs[i]
        e = r.entry
        ft = folded_titles[i]
        tw = ft.split()
        add = lambda c, q: len(out[c]) < per_class and out[c].append({"class": c, "query": q, "url": r.url})  # noqa: E731
        if title_count[ft] == 1:
            add("folded", ft)
            add("exact", e.title)
            add("capitals", e.title.upper())
            add("nfd", unicodedata.normalize("NFD", e.title))
            variants = tone_variants(e.title)
            if variants:
                other = e.title
                for v in sorted(variants):
                    if v not in e.title.split() and re.search(rf"\b{re.escape(fold(v))}\b", fold(e.title)):
                        other = re.sub(rf"\b{'|'.join(map(re.escape, variants))}\b", v, other, count=1)
                        break
                if other != e.title:
                    add("tone", other)
            long = [j for j, w in enumerate(tw) if len(w) >= 3]
            if long:
                j = rng.choice(long)
                typo = tw[:j] + [_typo(rng, tw[j])] + tw[j + 1:]
                add("typo", " ".join(typo))
            if len(tw) >= 3:
                j = rng.randrange(len(tw) - 1)
                add("run_together", " ".join(tw[:j] + [tw[j] + tw[j + 1]] + tw[j + 2:]))
            # typing in progress: stop at the first mid-syllable point where this title alone starts so
            for k in range(2, len(tw) if not full("typing") else 0):
                done = False
                for cut in range(1, len(tw[k])):
                    typed = " ".join(tw[:k] + [tw[k][:cut]])
                    if starting(typed) == 1:
                        add("typing", typed)
                        done = True
                        break
                if done:
                    break
        # words people type: no numbers, no stray letters
        content = sorted({w for w in words(e.summary) if w.isalpha() and len(w) > 1}, key=lambda w: (df[w], w))[:3]
        if not full("content") and len(content) == 3 and unique_for(content, r):
            add("content", " ".join(rng.sample(content, 3)))
        unit = tax.unit_by_slug[e.unit].name
        own = set(words(unit))
        # a word of what the title is about, not of where ("Tổ hòa giải ở thôn 3": "hoa" or "giai", never "3")
        topic = re.split(r" (?:o|cua) ", ft)[0].split()
        rare = min((w for w in topic if w not in own and w.isalpha() and len(w) > 1), key=lambda w: (df[w], w),
                   default="")
        # one entry only of that place (its unit, or named in its title or summary) with that word in its title
        place = " ".join(words(unit))
        same = [] if full("unit_topic") or not rare else [n for n in in_title[rare] if (
            tax.unit_by_slug[recs[n].entry.unit].name == unit or f" {place} " in f" {said[n]} ")]
        if rare and len(same) == 1:
            add("unit_topic", f"{fold(unit)} {rare}")
        for a in e.authors:
            # the name as people say it: "Ông Bùi Văn Trinh, tổ dân phố 2" → "bui van trinh"
            name = re.sub(r"^(ong|ba|anh|chi) ", "", fold(a.split(",")[0]))
            if authors[fold(a)] == 1 and sum(1 for o in authors if name in o) == 1:
                add("author", name)
                break
    queries = [q for c in CLASSES for q in out[c]]
    return queries


def run_queries(site: Path, queries: list[dict]) -> list[dict]:
    """Each query with 'ranks': the result URLs shown first (ten), read from the real page."""
    with site_in_chromium(site) as (base, browser):
        page = browser.new_page()
        page.goto(f"{base}{urls.SEARCH}", wait_until="load")
        page.wait_for_function("() => !document.getElementById('dkst-find').hasAttribute('aria-busy')")
        for q in queries:
            page.evaluate("() => { document.querySelector('.dkst-find__status').textContent = '';"
                          " document.querySelector('.dkst-find__results').replaceChildren(); }")
            page.fill("#dkst-find-q", q["query"])
            page.press("#dkst-find-q", "Enter")
            page.wait_for_function(
                "() => { const r = document.getElementById('dkst-find');"
                " return !r.hasAttribute('aria-busy') && r.querySelector('.dkst-find__status').textContent; }")
            hrefs = page.eval_on_selector_all(".dkst-find__results .dkst-result__title", "els => els.map(e => e.href)")
            q["ranks"] = [h[len(base):] for h in hrefs[:10]]
    return queries


def score(queries: list[dict]) -> dict[str, dict]:
    out = {}
    for c in CLASSES:
        qs = [q for q in queries if q["class"] == c]
        if not qs:
            continue
        rr = [1 / (q["ranks"].index(q["url"]) + 1) if q["url"] in q["ranks"] else 0 for q in qs]
        out[c] = {"n": len(qs), "success@1": round(sum(r == 1 for r in rr) / len(qs), 3),
                  "mrr@10": round(sum(rr) / len(qs), 3), "none": sum(1 for q in qs if not q["ranks"])}
    return out


GENERATORS = {"eval": eval_corpus.generate, "synth": synth.generate}


def build(size: int, work: Path, corpus: str) -> Path:
    root = work / f"project-{corpus}-{size}"
    site = work / f"site-{corpus}-{size}"
    if not (root / "initiatives").exists():
        GENERATORS[corpus](root, size)
    synth.copy_project_files(root)  # entries are kept between runs; templates and scripts are the checkout's
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)], cwd=root, check=True)
    return site


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=1000)
    parser.add_argument("--corpus", choices=sorted(GENERATORS), default="eval")
    parser.add_argument("--per-class", type=int, default=25)
    parser.add_argument("--out", type=Path, help="merge this run's scores into this JSON file (by corpus and size)")
    parser.add_argument("--work", type=Path, default=Path("/tmp/search-eval"))
    parser.add_argument("--no-build", action="store_true", help="reuse the site already built in --work")
    parser.add_argument("--failures", action="store_true", help="print the queries that missed")
    args = parser.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    site = args.work / f"site-{args.corpus}-{args.size}" if args.no_build else build(args.size, args.work, args.corpus)
    queries = make_queries(args.work / f"project-{args.corpus}-{args.size}", args.per_class)
    started = time.perf_counter()
    run_queries(site, queries)
    result = score(queries)
    for c, row in result.items():
        print(f"{c:13} n={row['n']:3}  success@1 {row['success@1']:.2f}  MRR@10 {row['mrr@10']:.2f}  empty {row['none']}")
    s1 = [q["ranks"][:1] == [q["url"]] for q in queries]
    print(f"{'overall':13} n={len(queries):3}  success@1 {sum(s1) / len(s1):.2f}   ({time.perf_counter() - started:.0f} s in Chromium)")
    if args.failures:
        for q in queries:
            if q["ranks"][:1] != [q["url"]]:
                rank = q["ranks"].index(q["url"]) + 1 if q["url"] in q["ranks"] else "-"
                print(f"  {q['class']:12} rank {rank}: {q['query']!r}")
    (args.work / f"eval-{args.corpus}-{args.size}.json").write_text(json.dumps(queries, indent=1, ensure_ascii=False))
    if args.out:
        merged = json.loads(args.out.read_text()) if args.out.exists() else {}
        result["overall"] = {"n": len(queries), "success@1": round(sum(s1) / len(s1), 3)}
        merged.setdefault(args.corpus, {})[str(args.size)] = result
        args.out.write_text(json.dumps(merged, indent=1, sort_keys=True) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
