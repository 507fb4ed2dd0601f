"""“Sáng kiến liên quan”: entries related by what they are about, found without comparing every pair."""

from __future__ import annotations

import re
from collections import Counter

from generator.catalog import related
from generator.common.text import fold


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z0-9]+", fold(text)))


def test_each_sample_s_first_related_entry_shares_a_topic_with_it(catalog):
    """A topic: a tag, or a distinctive word of a title or a tag (held by at most three entries: not “mô hình”)."""
    def words(r) -> set[str]:
        return _words(" ".join([r.entry.title, *r.entry.tags]))

    held = Counter(w for r in catalog.records for w in words(r))

    def topics(r) -> set[str]:
        return {"#" + fold(t) for t in r.entry.tags} | {w for w in words(r) if held[w] <= 3}

    checked = 0
    for r in catalog.records:
        mine = topics(r)
        if not any(mine & topics(o) for o in catalog.records if o is not r):
            continue
        first = catalog.related(r)[0]
        assert mine & topics(first), f"{r.entry.title} → {first.entry.title}: nothing in common"
        checked += 1
    assert checked >= len(catalog.records) * 2 // 3


def test_the_mediation_entry_is_not_related_to_farm_produce(catalog):
    mediation = next(r for r in catalog.records if "hòa giải" in r.entry.tags)
    for other in catalog.related(mediation)[:2]:
        assert not {"lúa", "nông sản", "cà phê"} & set(other.entry.tags), other.entry.title


def test_related_entries_never_include_the_entry_and_come_four(catalog):
    for r in catalog.records:
        found = [o.slug for o in catalog.related(r)]
        assert r.slug not in found and len(found) == 4 and len(set(found)) == 4


def test_equally_related_entries_of_the_same_unit_come_first():
    docs = [related.terms("Tổ hòa giải", "", []) for _ in range(4)]
    groups = [("a", 1), ("b", 1), ("a", 2), ("c", 1)]
    assert related.related(docs, groups, 3)[0] == [2, 1, 3]  # same unit, then same area, then order


def test_entries_sharing_no_term_are_never_compared():
    docs = [related.terms("Máy sấy cà phê", "", []), related.terms("Tổ hòa giải", "", []),
            related.terms("Lò sấy cà phê", "", [])]
    assert related.related(docs, [("a", 1)] * 3, 4) == [[2], [], [0]]


def test_a_term_in_too_many_entries_is_left_out(monkeypatch):
    monkeypatch.setattr(related, "COMMON", 2)
    docs = [related.terms(f"Mô hình {name}", "", []) for name in ("An", "Bình", "Chi")]
    assert related.related(docs, [("a", 1)] * 3, 4) == [[], [], []]
