"""Pure functions: catalogue → the site's generated pages (entries, listings, indexes, models, honours).

A Page names its URL, template and ready context; the adapter turns it into an engine page.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field

from generator.common import urls
from generator.pages import views
from generator.catalog.catalog import Catalog, Record
from generator.common.text import sort_key

# Cards per listing page: text only (title, summary, unit), ~40 KB of HTML with the theme, so a phone gets
# a long but light page; a national catalogue's listings stay a tenth of its pages, not a quarter.
PER_PAGE = 48


class LazyContext(Mapping):
    """A page's context made when it is read, never kept: 10,000 entry pages' contexts held from the start of
    the build to its end were 80 MB at 10,000 entries (their correction links alone hold up to 8,000 characters
    each). The engine asks for it once, as it renders the page (`made`); reading a key makes it all again."""

    __slots__ = ("make",)

    def __init__(self, make: Callable[[], dict]):
        self.make = make

    def __getitem__(self, key):
        return self.make()[key]

    def __iter__(self) -> Iterator:
        return iter(self.make())

    def __len__(self) -> int:
        return len(self.make())


def made(context: Mapping) -> Mapping:
    """A page's context, made once for the caller when it is lazy."""
    return context.make() if isinstance(context, LazyContext) else context


@dataclass(frozen=True)
class Page:
    url: str  # site path, '' for the home page, else ending with '/'
    title: str
    template: str
    markdown: str = ""
    context: Mapping = field(default_factory=dict)  # a dict, or a LazyContext (pages of one per entry)
    description: str = ""  # for <meta name=description> and share cards
    image: str | None = None  # site path of the share image
    search: bool = False  # indexed by the site search
    kind: str = "page"  # entry, listing, index, …: used for CSS hooks and tests

    @property
    def src_uri(self) -> str:
        return urls.src_uri(self.url)


@dataclass(frozen=True)
class Asset:
    """A non-page file of the site (feed, JSON, CSV, image copy): path and bytes."""

    path: str
    content: bytes = b""
    source: str | None = None  # copy this project file instead of `content`
    made: str | None = None  # copy this file the build made (a picture in the cache) instead of `content`


PICTURE_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp"}  # published only as pictures.py makes them

_LOCAL_LINK = re.compile(r"(!?\[[^\]]*\]\()(\s*<?)([^)\s>]+)(>?(?:\s+\"[^\"]*\")?\s*\))")


def rewrite_local_links(r: Record, cat: Catalog) -> tuple[str, list[str]]:
    """Body links to files beside the entry point to where those files are published (media/…).

    Returns the rewritten body and the project paths of the files it refers to (worked out once per entry:
    its page and the list of files to publish both ask).
    """
    done = cat.derived.setdefault("local links", {})
    if r.slug not in done:
        done[r.slug] = _rewrite_local_links(r) if "](" in r.body else (r.body, [])
    body, used = done[r.slug]
    return body, list(used)


def _rewrite_local_links(r: Record) -> tuple[str, list[str]]:
    folder = r.rel.rsplit("/", 1)[0]
    used: list[str] = []

    def fix(m: re.Match) -> str:
        target = m.group(3)
        if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", target) or target.startswith(("#", "/")):
            return m.group(0)
        path, _, anchor = target.partition("#")
        parts = []
        for part in f"{folder}/{path}".split("/"):
            if part == "..":
                if parts:
                    parts.pop()
            elif part not in ("", "."):
                parts.append(part)
        rel = "/".join(parts)
        if not rel.startswith("initiatives/") or rel.endswith(".md"):
            return m.group(0)
        used.append(rel)
        new = views.relative_link(r.url, views.media_path(rel)) + (f"#{anchor}" if anchor else "")
        return f"{m.group(1)}{m.group(2)}{new}{m.group(4)}"

    return _LOCAL_LINK.sub(fix, r.body), used


def entry_page(cat: Catalog, r: Record, site_url: str) -> Page:
    e = r.entry
    return Page(url=r.url, title=e.title, template="entry.html", markdown=rewrite_local_links(r, cat)[0],
                context=LazyContext(lambda: entry_context(cat, r, site_url)), description=e.summary,
                image=views.card(cat, r)["share_image"], search=True, kind="entry")


def entry_context(cat: Catalog, r: Record, site_url: str) -> dict:
    e = r.entry
    tax = cat.taxonomy
    return {
        "entry": views.card(cat, r),
        "facts": views.facts(cat, r),
        "merged": views.merged_note(cat, e.unit),
        "related": views.cards(cat, cat.related(r)),
        "edit_url": views.edit_url(cat, r),
        "source_url": views.source_url(cat, r),
        "correction_url": views.correction_url(cat, r),
        "share": views.share_links(views.absolute(site_url, r.url)),
        "poster_url": urls.poster(r.slug),
        "filters": search_filters(cat, r),
        "area": tax.area_by_number[e.area],
    }


def search_filters(cat: Catalog, r: Record) -> dict[str, str]:
    """Facets an entry is found under: merged units under their successor, as citizens know them today."""
    tax = cat.taxonomy
    e = r.entry
    out = {
        "linh_vuc": f"{e.area}. {tax.area_by_number[e.area].short}",
        "don_vi": views.unit_name(cat, cat.current_unit(r)),
        "nam": str(e.year),
        "loai": tax.type_by_slug[e.type].name,
        "trang_thai": tax.status_by_slug[cat.status(r)].name,
    }
    if e.organization:
        out["to_chuc"] = tax.org_by_slug[e.organization].name
    return out


PAGES_AROUND = 2  # page links either side of the current one; the first and last are always linked


def page_numbers(page: int, total: int) -> list[int | None]:
    """The page links of one page of a listing: first, last, and the current one with its neighbours;
    None where pages are left out (one missing page is shown rather than a gap).

    Every page number on every page made a listing quadratic: 125 pages of one area, 125 links on each."""
    shown = sorted(n for n in {1, total, *range(page - PAGES_AROUND, page + PAGES_AROUND + 1)} if 1 <= n <= total)
    out: list[int | None] = []
    previous = 0
    for n in shown:
        if n - previous == 2:
            out.append(previous + 1)
        elif n - previous > 2:
            out.append(None)
        out.append(n)
        previous = n
    return out


def _pagination(base: str, page: int, total: int) -> dict | None:
    if total <= 1:
        return None
    return {
        "current": page,
        "total": total,
        "prev": urls.paged(base, page - 1) if page > 1 else None,
        "next": urls.paged(base, page + 1) if page < total else None,
        "pages": [{"number": n, "url": urls.paged(base, n), "current": n == page} if n else {"gap": True}
                  for n in page_numbers(page, total)],
    }


def listing(cat: Catalog, base: str, title: str, records: list[Record], *, intro: str = "",
            extra: dict | None = None, kind: str = "listing", description: str = "",
            first: dict | None = None, template: str = "listing.html",
            card: Callable[[Catalog, Record], dict] = views.card) -> list[Page]:
    """A listing of cards, newest first, split into pages of PER_PAGE so no page grows without bound.

    `extra` goes into every page's context, `first` into the first page's only (a section that would
    otherwise repeat, whole, on each of the listing's pages); `card` makes each entry's card."""
    chunks = [records[i:i + PER_PAGE] for i in range(0, len(records), PER_PAGE)] or [[]]
    out = []
    for n, chunk in enumerate(chunks, start=1):
        context = {
            "heading": title,
            "intro": intro,
            "count": len(records),
            "cards": [card(cat, r) for r in chunk],
            "pagination": _pagination(base, n, len(chunks)),
            **(extra or {}),
            **((first or {}) if n == 1 else {}),
        }
        page_title = title if n == 1 else f"{title} – trang {n}"
        out.append(Page(url=urls.paged(base, n), title=page_title, template=template, context=context,
                        kind=kind, description=description or intro or title))
    return out


def area_pages(cat: Catalog) -> list[Page]:
    out = []
    for area in cat.taxonomy.areas:
        records = cat.by_area.get(area.number, [])
        title = f"Lĩnh vực {area.number}: {area.name}"
        out += listing(cat, urls.area(area.slug), title, records, intro=area.description,
                       extra={"area": area, "feeds": urls.feeds(urls.area(area.slug), title)}, kind="area")
    return out


def unit_pages(cat: Catalog) -> list[Page]:
    tax = cat.taxonomy
    out = []
    for unit in tax.sorted_units():
        records = cat.by_unit.get(unit.slug, [])
        preds = tax.predecessors(unit.slug)
        extra = {
            "unit": unit,
            "feeds": urls.feeds(urls.unit(unit.slug), tax.unit_title(unit.slug)),
            "merged": views.merged_note(cat, unit.slug),
            "predecessors": [{"text": tax.unit_title(s), "url": urls.unit(s),
                              "count": len(cat.by_unit.get(s, []))} for s in preds],
        }
        # Entries replicated here: on the unit's first page only. On every page of a long listing they made
        # the site quadratic (40 pages × 1,000 cards for one commune of a 10,000-entry catalogue).
        first = {"replicated": views.cards(cat, cat.replicated_to.get(unit.slug, []))}
        intro = ""
        if preds:
            names = ", ".join(tax.unit_label(s) for s in preds if tax.unit_by_slug[s].merged_into == unit.slug)
            since = unit.valid_from
            intro = (f"{tax.unit_label(unit.slug)[0].upper()}{tax.unit_label(unit.slug)[1:]}, tỉnh {unit.province}, được thành lập "
                     f"từ ngày {since.day}/{since.month}/{since.year} trên cơ sở sắp xếp {names}. "
                     "Danh sách gồm cả các sáng kiến của những đơn vị này trước khi sắp xếp, ghi theo tên đơn vị cũ.")
        out += listing(cat, urls.unit(unit.slug), tax.unit_title(unit.slug), records, intro=intro, extra=extra,
                       kind="unit", first=first)
    return out


def year_pages(cat: Catalog) -> list[Page]:
    out = []
    for year in cat.years:
        out += listing(cat, urls.year(year), f"Năm {year}", cat.by_year[year], extra={"year": year}, kind="year")
    return out


def type_pages(cat: Catalog) -> list[Page]:
    out = []
    for t in cat.taxonomy.types:
        out += listing(cat, urls.entry_type(t.slug), t.plural, cat.by_type.get(t.slug, []),
                       intro=t.description, kind="type")
    return out


def organization_pages(cat: Catalog) -> list[Page]:
    out = []
    for org in cat.taxonomy.organizations:
        out += listing(cat, urls.organization(org.slug), org.name, cat.by_organization.get(org.slug, []), kind="organization")
    return out


def index_pages(cat: Catalog) -> list[Page]:
    """One page per way in: the areas, the units, the years, the types, the organisations, with counts."""
    tax = cat.taxonomy
    areas = [{"title": f"{a.number}. {a.name}", "url": urls.area(a.slug), "count": len(cat.by_area.get(a.number, [])),
              "description": a.description} for a in tax.areas]
    current, former = [], []
    for u in tax.sorted_units():
        item = {"title": tax.unit_title(u.slug), "url": urls.unit(u.slug), "count": len(cat.by_unit.get(u.slug, [])),
                "description": (views.merged_note(cat, u.slug) or {}).get("text", "")}
        (current if u.current else former).append(item)
    years = [{"title": f"Năm {y}", "url": urls.year(y), "count": len(cat.by_year[y]), "description": ""} for y in cat.years]
    types = [{"title": t.plural, "url": urls.entry_type(t.slug), "count": len(cat.by_type.get(t.slug, [])),
              "description": t.description} for t in tax.types]
    orgs = sorted(({"title": o.name, "url": urls.organization(o.slug), "count": len(cat.by_organization.get(o.slug, [])),
                    "description": ""} for o in tax.organizations), key=lambda i: sort_key(i["title"]))

    def page(url: str, title: str, groups: list[dict], intro: str) -> Page:
        return Page(url=url, title=title, template="index-list.html", kind="index",
                    context={"heading": title, "intro": intro, "groups": groups}, description=intro)

    return [
        page(urls.AREAS, "Năm lĩnh vực thi đua", [{"title": "", "items": areas}],
             "Phong trào “Đoàn kết sáng tạo” triển khai năm nội dung thi đua theo mục II của Kế hoạch."),
        page(urls.UNITS, "Đơn vị", [{"title": "Các xã hiện nay", "items": [i for i in current]},
                                     {"title": "Đơn vị trước ngày 1/7/2025", "items": former}],
             "Từ ngày 1/7/2025, không tổ chức cấp huyện; 8 xã, thị trấn của huyện Cư Jút được sắp xếp thành 3 xã thuộc tỉnh Lâm Đồng. "
             "Sáng kiến trước đó vẫn ghi theo tên đơn vị cũ và được tính vào xã mới."),
        page(urls.YEARS, "Theo năm", [{"title": "", "items": years}], "Cơ sở dữ liệu sáng kiến được áp dụng hằng năm."),
        page(urls.TYPES, "Loại sáng kiến", [{"title": "", "items": types}], "Sáng kiến, ý tưởng mới, sáng chế và mô hình “Đoàn kết sáng tạo”."),
        page(urls.ORGANIZATIONS, "Tổ chức chủ trì", [{"title": "", "items": orgs}],
             "Mặt trận Tổ quốc, các tổ chức thành viên và cơ quan chủ trì sáng kiến."),
    ]


def _model_card(cat: Catalog, r: Record) -> dict:
    tax = cat.taxonomy
    return {**views.card(cat, r),
            "replicated": [{"text": tax.unit_title(s), "url": urls.unit(s)} for s in r.entry.replicated_in]}


def models_pages(cat: Catalog, models: list[Record] | None = None) -> list[Page]:
    """The model programmes and where each was replicated, a listing like any other: on one page they were
    2 MB of HTML at 10,000 entries, and grew with the catalogue."""
    models = cat.models if models is None else models
    spread = sum(1 for r in models if r.entry.replicated_in)
    intro = (f"{len(models)} mô hình “Đoàn kết sáng tạo” do Mặt trận và các tổ chức thành viên xây dựng; "
             f"{spread} mô hình đã được nhân rộng sang đơn vị khác.")
    return listing(cat, urls.MODELS, "Mô hình “Đoàn kết sáng tạo”", models, intro=intro, kind="models",
                   template="models.html", card=_model_card)


def honours_page(cat: Catalog) -> Page:
    """Commendations grouped by level, highest first, then by year, newest first."""
    tax = cat.taxonomy
    groups = []
    for level in reversed(tax.recognition_levels):
        rows = []
        for r in cat.commended:
            for rec in r.entry.recognition:
                if rec.level == level.slug:
                    rows.append({"year": rec.year, "award": rec.title, "entry": views.card(cat, r)})
        rows.sort(key=lambda x: (-x["year"], cat.title_key[x["entry"]["slug"]]))
        years = []
        for row in rows:
            if not years or years[-1]["year"] != row["year"]:
                years.append({"year": row["year"], "rows": []})
            years[-1]["rows"].append(row)
        if years:
            groups.append({"level": level.name, "slug": level.slug, "years": years, "count": len(rows)})
    total = sum(g["count"] for g in groups)
    intro = f"{total} lượt khen thưởng cho {len(cat.commended)} sáng kiến, mô hình tiêu biểu."
    return Page(url=urls.HONOURS, title="Bảng vinh danh", template="honours.html", kind="honours",
                context={"heading": "Bảng vinh danh", "intro": intro, "groups": groups}, description=intro)


def home_context(cat: Catalog) -> dict:
    tax = cat.taxonomy
    return {
        "total": len(cat.records),
        "areas": [{"number": a.number, "title": a.name, "short": a.short, "url": urls.area(a.slug),
                   "count": len(cat.by_area.get(a.number, []))} for a in tax.areas],
        "latest": views.cards(cat, cat.latest[:6]),
        "featured": views.cards(cat, (cat.featured or cat.models)[:3]),
        "units": [{"title": tax.unit_title(u.slug), "url": urls.unit(u.slug), "count": len(cat.by_unit.get(u.slug, []))}
                  for u in tax.sorted_units() if u.current and u.kind != "huyen"],
        "years": [{"title": str(y), "url": urls.year(y), "count": len(cat.by_year[y])} for y in cat.years],
        "ways": [
            {"title": "Lĩnh vực", "url": urls.AREAS}, {"title": "Đơn vị", "url": urls.UNITS},
            {"title": "Năm", "url": urls.YEARS}, {"title": "Mô hình", "url": urls.MODELS},
            {"title": "Vinh danh", "url": urls.HONOURS}, {"title": "Tra cứu", "url": urls.SEARCH},
        ],
    }


def media_assets(cat: Catalog) -> list[Asset]:
    """Every local file an entry uses (its image, files its body links to), published under media/.

    A picture is published only as generator.pages.pictures made it (upright, no metadata, in a few widths):
    never the uploaded file, whose EXIF may hold the GPS position of a citizen's home."""
    pictures = cat.derived.get("pictures", {})
    paths = set()
    for r in cat.records:
        if r.image_rel:
            paths.add(r.image_rel)
        paths.update(rewrite_local_links(r, cat)[1])
    out = []
    for p in sorted(paths):
        if p in pictures:
            out += [Asset(path=site, made=made) for site, made in pictures[p].files]
        elif posixpath.splitext(p)[1].lower() not in PICTURE_SUFFIXES:
            out.append(Asset(path=views.media_path(p), source=p))
    return out


def all_pages(cat: Catalog, site_url: str) -> list[Page]:
    # Now, not at the first entry page's rendering: the working memory of related entries (55 MB at 10,000
    # entries) would add to all that MkDocs holds by then.
    cat.work_out_related()
    pages = [entry_page(cat, r, site_url) for r in cat.records]
    pages += area_pages(cat) + unit_pages(cat) + year_pages(cat) + type_pages(cat) + organization_pages(cat)
    pages += index_pages(cat)
    pages += models_pages(cat) + [honours_page(cat)]
    return pages
