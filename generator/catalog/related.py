"""Which entries are related by what they are about: TF-IDF over tags, title and summary syllables.

Each entry is a weighted set of terms: its tags, and the syllables and neighbouring pairs of its title, tags
and summary, each weighing as the search index weighs the place it is found (title 8, tag 6, summary 4;
generator/pages/search_index.py; a whole tag three times as much), times its inverse document frequency.
Two entries are as related as the cosine of their vectors. Place names are cut out first: the same commune
or area only breaks ties.

Syllables keep their diacritics here (lower case, NFC, old tone placement): the search folds them because
citizens type without marks, but folded, "hồ tiêu" (pepper) and "hộ" (household) would make a
drip-irrigation entry related to housing.

An inverted index (term → entries) finds the candidates of an entry, so no pair of entries is ever compared
unless they share a term; terms held by more than COMMON entries ("mô hình", "của") are left out and an
entry asks through its ASKED heaviest terms, which bounds each entry's work whatever the size of the
catalogue: linear in the entries (bench/related_time.py).
"""

from __future__ import annotations

import heapq
import math
import re
import sys
from collections import defaultdict
from collections.abc import Sequence

from generator.common.text import tone_old_style

TITLE, TAG, SUMMARY = 8, 6, 4
PAIR = 1.5  # a pair of neighbouring syllables ("hoa giai") says more than either syllable alone
TOPIC = 3  # a whole tag, a topic an editor chose, says more than any words of a title
COMMON = 60  # a term in more entries than this tells too little to be worth its postings…
ASKED = 24  # …and an entry looks for others through its heaviest terms only: at most ASKED × COMMON steps
_SYLLABLE = re.compile(r"[^\W_]+")


def _syllables(text: str) -> list[str]:
    return _SYLLABLE.findall(tone_old_style(text).lower())  # one tone placement: "hoà" is "hòa"


def places_pattern(names: Sequence[str]) -> re.Pattern | None:
    """What to cut out of a text before reading its terms: the names of places ("thị trấn Ea T'ling"). Being in
    the same place is a tie-break, not a topic: two entries of one commune are not about the same thing."""
    folded = sorted({" ".join(_syllables(n)) for n in names} - {""}, key=len, reverse=True)
    if not folded:
        return None
    return re.compile(r"\b(?:" + "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in folded) + r")\b")


def terms(title: str, summary: str, tags: Sequence[str], places: re.Pattern | None = None) -> dict[str, float]:
    """An entry's terms with the heaviest weight each is found with; `places`: see places_pattern."""
    out: dict[str, float] = {}
    if places is not None:  # "|" parts the syllables on either side: no pair forms across a place name
        title, summary = (places.sub(" | ", " ".join(_syllables(t))) for t in (title, summary))

    def put(term: str, weight: float) -> None:
        held = out.get(term)
        if held is None:
            out[sys.intern(term)] = weight  # one string per term across the catalogue, not one per entry
        elif held < weight:
            out[term] = weight

    for tag in tags:
        put("#" + " ".join(_syllables(tag)), TAG * TOPIC)
    for weight, text in ((TITLE, title), *((TAG, tag) for tag in tags), (SUMMARY, summary)):
        words = _syllables(text)
        for w in words:
            put(w, weight)
        for a, b in zip(words, words[1:]):
            put(f"{a} {b}", weight * PAIR)
    return out


def related(docs: list[dict[str, float] | None], groups: Sequence[tuple], limit: int) -> list[list[int]]:
    """Per document, the `limit` most related others (indexes into `docs`), best first. `docs` is emptied
    (its items set to None) as it is read: at 10,000 entries it held 35 MB the vectors needed instead.

    `groups`: per document, keys of the places it belongs to (its unit, then its area): among equally
    related documents, one sharing the first key goes first, then the second; then the catalogue's order.
    Documents sharing no term are not listed.
    """
    n = len(docs)
    postings: defaultdict[str, list[int]] = defaultdict(list)
    for i, doc in enumerate(docs):
        for term in doc:
            postings[term].append(i)
    idf = {t: math.log(1 + n / len(ids)) for t, ids in postings.items()}
    # Each document's vector and the terms it asks through, its heaviest places first (tags, title), then its
    # rarest words; the weights by place are not needed after that (half the memory of this step).
    vectors, asking = [], []
    for i, doc in enumerate(docs):
        docs[i] = None  # read once: the caller's list is emptied as the vectors are made
        vec = {t: w * idf[t] for t, w in doc.items() if len(postings[t]) <= COMMON}
        vectors.append(vec)
        asking.append(heapq.nlargest(ASKED, vec, key=lambda t: (doc[t], vec[t], t)))
    del idf
    norms = [math.sqrt(sum(v * v for v in vec.values())) or 1.0 for vec in vectors]
    # Each kept term's postings with the weight it has in each of them: the scoring loop then multiplies
    # without looking up a vector per step (3.6 million steps at 10,000 entries).
    weighted: defaultdict[str, list[tuple[int, float]]] = defaultdict(list)
    for j, vec in enumerate(vectors):
        for term, w in vec.items():
            weighted[term].append((j, w))
    del postings
    out = []
    for i, vec in enumerate(vectors):
        score: dict[int, float] = {}
        get = score.get
        for term in asking[i]:
            weight = vec[term]
            for j, w in weighted[term]:
                score[j] = get(j, 0.0) + weight * w
        score.pop(i, None)
        mine = groups[i]
        norm_i = norms[i]
        raw = [(s / (norm_i * norms[j]), j) for j, s in score.items()]
        # Cosines are compared rounded (equal up to float noise is a tie). Rounding keeps the order, so the
        # `limit`-th best rounded is the rounded `limit`-th best, and only candidates near it need rounding.
        best = heapq.nlargest(limit, raw)
        floor = round(best[-1][0], 9) if best else 0.0
        cosine = {j: r for c, j in raw if c >= floor - 1e-9 and (r := round(c, 9)) >= floor}

        def key(j: int) -> tuple:
            place = next((k for k, (a, b) in enumerate(zip(mine, groups[j])) if a == b), len(mine))
            return (-cosine[j], place, j)

        out.append(heapq.nsmallest(limit, cosine, key=key))
    return out
