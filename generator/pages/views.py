"""View models: what a template shows for an entry, a card, a unit. Labels come from the model and taxonomy."""

from __future__ import annotations

import posixpath
from functools import lru_cache

from generator.common import urls
from generator.catalog.catalog import Catalog, Record
from generator.entries import issue_body, issue_form
from generator.entries.model import Entry, Recognition
from generator.common.text import format_date, format_number


@lru_cache(maxsize=None)  # the model's field titles never change; pydantic looks them up slowly
def label(field: str) -> str:
    """The Vietnamese label of an entry field, from the model (one place for every page and export)."""
    return Entry.model_fields[field].title or field


@lru_cache(maxsize=None)
def recognition_label(field: str) -> str:
    return Recognition.model_fields[field].title or field


def media_path(image_rel: str) -> str:
    """Where a file under initiatives/ is published: initiatives/2022/a.png → media/2022/a.png."""
    return "media/" + image_rel.split("/", 1)[1]


def unit_name(cat: Catalog, slug: str) -> str:
    return cat.taxonomy.unit_title(slug)


def card(cat: Catalog, r: Record) -> dict:
    """A listing card: everything a listing, an embed or a feed shows for one entry.

    One dict per entry, shared by every page that shows the card (an entry is on five or six listings,
    its bulletins, its neighbours' pages): read it, never change it; copy it to add to it."""
    made = cat.derived.setdefault("cards", {})
    found = made.get(r.slug)
    if found is None:
        found = made[r.slug] = _card(cat, r)
    return found


def _card(cat: Catalog, r: Record) -> dict:
    tax = cat.taxonomy
    e = r.entry
    return {
        "slug": r.slug,
        "title": e.title,
        "url": r.url,
        "summary": e.summary,
        "unit": unit_name(cat, e.unit),
        "unit_url": urls.unit(e.unit),
        "year": e.year,
        "type": tax.type_by_slug[e.type].name,
        "type_slug": e.type,
        "status": tax.status_by_slug[cat.status(r)].name,
        "status_slug": cat.status(r),
        "area": tax.area_by_number[e.area].short,
        "area_number": e.area,
        **_picture(cat, r),
        "image_alt": e.image_alt or e.title,
    }


def _picture(cat: Catalog, r: Record) -> dict:
    """The entry's picture as the build made it (generator.pages.pictures); none where it was not made."""
    pic = cat.derived.get("pictures", {}).get(r.image_rel) if r.image_rel else None
    if pic is None:
        return {"image": None, "picture": None, "share_image": None}
    return {"image": pic.src, "share_image": pic.share,
            "picture": {"width": pic.width, "height": pic.height,
                        "fallback": [{"url": u, "w": w} for u, w in pic.fallback],
                        "webp": [{"url": u, "w": w} for u, w in pic.webp]}}


def cards(cat: Catalog, records: list[Record]) -> list[dict]:
    return [card(cat, r) for r in records]


def _link(text: str, url: str | None = None) -> dict:
    return {"text": text, "url": url}


def merged_note(cat: Catalog, slug: str) -> dict | None:
    """'nay thuộc xã Đắk Wil (tỉnh Lâm Đồng)' for a unit merged away, with a link to the successor.

    One per unit, shared by every page that shows it: read it, never change it."""
    notes = cat.derived.setdefault("merged notes", {})
    if slug not in notes:
        notes[slug] = _merged_note(cat, slug)
    return notes[slug]


def _merged_note(cat: Catalog, slug: str) -> dict | None:
    tax = cat.taxonomy
    unit = tax.unit_by_slug[slug]
    if not unit.merged_into:
        return None
    succ = tax.successor(slug)
    succ_unit = tax.unit_by_slug[succ]
    return {
        "text": f"nay thuộc {tax.unit_label(succ)}, tỉnh {succ_unit.province}",
        "since": format_date(unit.valid_until.fromordinal(unit.valid_until.toordinal() + 1)) if unit.valid_until else "",
        "url": urls.unit(succ),
    }


def facts(cat: Catalog, r: Record) -> list[dict]:
    """The metadata card of an entry page, in reading order. Each fact: label + list of values (text, url).

    A fact that names a taxonomy value (type, area, unit, organisation, year, status) is the same for every
    entry with that value: it is made once and shared, read only, by their pages."""
    tax = cat.taxonomy
    e = r.entry
    out: list[dict] = []
    shared = cat.derived.setdefault("facts", {})

    def add(field: str, values: list[dict], note: dict | None = None) -> None:
        if values:
            out.append({"field": field, "label": label(field), "parts": values, "note": note})

    def add_shared(field: str, value, make) -> None:
        fact = shared.get((field, value))
        if fact is None:
            values, note = make()
            fact = shared[field, value] = {"field": field, "label": label(field), "parts": values, "note": note}
        out.append(fact)

    add_shared("type", e.type, lambda: ([_link(tax.type_by_slug[e.type].name, urls.entry_type(e.type))], None))
    area = tax.area_by_number[e.area]
    add_shared("area", e.area, lambda: ([_link(f"{area.number}. {area.name}", urls.area(area.slug))], None))
    add_shared("unit", e.unit, lambda: ([_link(unit_name(cat, e.unit), urls.unit(e.unit))], merged_note(cat, e.unit)))
    if e.organization:
        add_shared("organization", e.organization, lambda: (
            [_link(tax.org_by_slug[e.organization].name, urls.organization(e.organization))], None))
    add_shared("year", e.year, lambda: ([_link(str(e.year), urls.year(e.year))], None))
    status = cat.status(r)
    add_shared("status", status, lambda: ([_link(tax.status_by_slug[status].name)], None))
    add("authors", [_link(a) for a in e.authors])
    if e.applied_since:
        add("applied_since", [_link(format_date(e.applied_since))])
    add("replicated_in", [_link(unit_name(cat, s), urls.unit(s)) for s in e.replicated_in])
    add("benefits", [_link(f"{tax.benefit_by_key[k].name}: {format_number(v)} {tax.benefit_by_key[k].unit}")
                     for k, v in e.benefits.items()])
    add("recognition", [_link(f"{rec.title} ({tax.level_by_slug[rec.level].name.lower()}, năm {rec.year})")
                        for rec in e.recognition])
    add("tags", [_link(t) for t in e.tags])
    return out


def edit_url(cat: Catalog, r: Record) -> str:
    site = cat.taxonomy.site
    return f"{site.repo_url}/edit/{site.edit_branch}/{r.rel}"


_FORMS: dict[int, tuple] = {}


def _correction_boxes(tax) -> list[tuple[str, str]]:
    """(box id, entry key) of the correction form's boxes, in its order (read once per taxonomy)."""
    cached = _FORMS.get(id(tax))
    if cached is None or cached[0] is not tax:
        form = issue_form.correction_form(tax)
        boxes = [(el["id"], issue_form.field_name(el["id"])) for el in form["body"] if "id" in el]
        boxes = [(box, name) for box, name in boxes if name in Entry.model_fields]
        cached = _FORMS[id(tax)] = (tax, boxes)
    return cached[1]


MAX_LINK_CHARS = 8000  # beyond this, browsers and GitHub may refuse a link: the body is left out (kept as it is)


def correction_url(cat: Catalog, r: Record) -> str:
    """The correction form, prefilled with the entry's code and current values (GitHub fills boxes by their id)."""
    tax = cat.taxonomy
    params = {"template": posixpath.basename(issue_form.CORRECTION_PATH), "title": f"[Sửa mục] {r.entry.title}",
              issue_form.SLUG_ID: r.slug}
    for box, name in _correction_boxes(tax):
        text = issue_body.field_text(tax, name, getattr(r.entry, name), dropdown=False)
        if text:
            params[box] = text
    url = f"{tax.site.repo_url}/issues/new?" + "&".join(f"{k}={_quote(v)}" for k, v in params.items())
    body_key = issue_form.correction_id(issue_form.BODY_ID)
    body = issue_body.prefill_body(r.body)
    # Quoting never shortens text (a byte is one character or three): a body whose bytes alone overflow the
    # link is left out without quoting it, which most bodies are (1 s of CPU at 10,000 entries).
    if len(url) + len(body_key) + 2 + len(body.encode()) > MAX_LINK_CHARS:
        return url
    with_body = f"{url}&{body_key}={_quote(body)}"
    return with_body if len(with_body) <= MAX_LINK_CHARS else url


_quote = urls.percent_encoder()  # urllib.parse.quote(text, safe="")


def source_url(cat: Catalog, r: Record) -> str:
    site = cat.taxonomy.site
    return f"{site.repo_url}/blob/{site.edit_branch}/{r.rel}"


def share_links(page_url: str) -> list[dict]:
    """Share targets people here use. Zalo and Facebook take the page URL; their crawlers read our OG tags."""
    q = _quote(page_url)
    return [
        {"name": "Zalo", "slug": "zalo", "url": f"https://sp.zalo.me/share_to_zalo?u={q}"},
        {"name": "Facebook", "slug": "facebook", "url": f"https://www.facebook.com/sharer/sharer.php?u={q}"},
    ]


def absolute(site_url: str, path: str) -> str:
    return site_url.rstrip("/") + "/" + path.lstrip("/")


def relative_link(from_page_url: str, target_path: str) -> str:
    """A link from one generated page to a site path, relative, as a static site needs."""
    base = from_page_url if from_page_url.endswith("/") else posixpath.dirname(from_page_url) + "/"
    return posixpath.relpath(target_path or ".", base or ".") + ("/" if target_path.endswith("/") else "")
