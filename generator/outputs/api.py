"""The open-data API: static JSON and CSV files under api/v1/, and their JSON Schema.

- api/v1/entries.json          every entry's fields, its page URL and its current unit
- api/v1/entries/<slug>.json   one entry, with its Markdown body
- api/v1/taxonomy.json         the taxonomy (areas, units with succession, organisations, …)
- api/v1/entries.csv           the whole database for a spreadsheet: UTF-8 with BOM, Vietnamese headers
- api/v1/entries.schema.json, api/v1/entry.schema.json   the JSON Schema of the two JSON shapes

The schema is derived from the Entry model's schema (the one editors' tools use), so a field added to the
model appears in the API, its schema and the CSV at once. Paths and field names are public: keep them stable,
and raise VERSION (with a new folder) for an incompatible change.
"""

from __future__ import annotations

import copy
import csv
import io
import json

from generator.common import urls
from generator.pages import views
from generator.catalog.catalog import Catalog, Record
from generator.outputs import plain
from generator.outputs.feeds import FEED_SIZE
from generator.entries.model import FIELD_ORDER, Entry
from generator.pages.pages import Asset, Page
from generator.entries.schema import entry_schema

VERSION = 1
ENTRIES = f"{urls.API}entries.json"
TAXONOMY = f"{urls.API}taxonomy.json"
CSV = f"{urls.API}entries.csv"
ENTRIES_SCHEMA = f"{urls.API}entries.schema.json"
ENTRY_SCHEMA = f"{urls.API}entry.schema.json"

# Fields the API adds to the model's: how to reach the entry and where it belongs today.
EXTRA_FIELDS = {
    "slug": {"type": "string", "title": "Mã mục", "description": "Tên tệp của mục, không có đuôi .md; không đổi."},
    "url": {"type": "string", "title": "Đường dẫn trang", "description": "Đường dẫn của trang mục, tính từ gốc trang."},
    "page_url": {"type": "string", "format": "uri", "title": "Địa chỉ trang", "description": "Địa chỉ đầy đủ của trang mục."},
    "api_url": {"type": "string", "format": "uri", "title": "Địa chỉ dữ liệu", "description": "Địa chỉ tệp JSON của riêng mục này."},
    "effective_status": {"type": "string", "title": "Trạng thái (đã tính mặc định)",
                         "description": "Trạng thái của mục; khi mục không ghi thì là trạng thái mặc định của danh mục."},
    "current_unit": {"type": "string", "title": "Đơn vị hiện nay",
                     "description": "Mã đơn vị hiện nay của nơi áp dụng (sau các lần sắp xếp, sáp nhập)."},
    "image_url": {"type": ["string", "null"], "format": "uri", "title": "Địa chỉ ảnh",
                  "description": "Địa chỉ đầy đủ của ảnh, nếu có."},
}
BODY_FIELD = {"type": "string", "title": "Nội dung", "description": "Nội dung của mục, viết bằng Markdown."}


# --- JSON ----------------------------------------------------------------------------------------
def entry_record(cat: Catalog, r: Record, site_url: str) -> dict:
    data = r.entry.model_dump(mode="json")
    data = {field: data[field] for field in FIELD_ORDER}
    image = views.media_path(r.image_rel) if r.image_rel else None
    return {
        "slug": r.slug,
        **data,
        "url": r.url,
        "page_url": views.absolute(site_url, r.url),
        "api_url": views.absolute(site_url, urls.api_entry(r.slug)),
        "effective_status": cat.status(r),
        "current_unit": cat.current_unit(r),
        "image_url": views.absolute(site_url, image) if image else None,
    }


def generated_from(cat: Catalog, site_url: str) -> dict:
    """Where the data comes from, without a timestamp: the same entries give the same bytes."""
    site = cat.taxonomy.site
    return {
        "name": site.name,
        "publisher": site.front_body,
        "region": site.region,
        "repository": site.repo_url,
        "branch": site.edit_branch,
        "site_url": site_url,
        "count": len(cat.records),
        "schema": views.absolute(site_url, ENTRIES_SCHEMA),
    }


def entries_document(cat: Catalog, site_url: str) -> dict:
    return {"version": VERSION, "generated_from": generated_from(cat, site_url),
            "entries": [entry_record(cat, r, site_url) for r in cat.records]}


def entry_document(cat: Catalog, r: Record, site_url: str) -> dict:
    return {"version": VERSION, "generated_from": generated_from(cat, site_url),
            "entry": {**entry_record(cat, r, site_url), "body": r.body}}


def taxonomy_document(cat: Catalog, site_url: str) -> dict:
    tax = cat.taxonomy
    # The report document's letterhead and recipients are the site's own business, not open data (v1 keeps its fields).
    data = tax.model_dump(mode="json", exclude={"site": {"report_document", "region_report_document"}, "units": {"__all__": {"report_document"}}})
    for unit in data["units"]:
        unit["current_unit"] = tax.successor(unit["slug"])
    return {"version": VERSION, "generated_from": generated_from(cat, site_url), "taxonomy": data}


def _json(data: dict) -> bytes:
    return (dumps(data) + "\n").encode("utf-8")


# --- JSON text -----------------------------------------------------------------------------------
# The files keep the layout json.dumps(…, ensure_ascii=False, indent=1) gives. With an indent, json runs its
# pure-Python encoder, a generator per nested value: 10,000 entries, each in the list and in a file of its
# own, took 3 s. This writer makes the same text from the C string encoder, and a nested value's text is
# moved one level deeper by adding a space after each line break (a JSON string never holds a raw one).
_encode_str = json.encoder.encode_basestring  # the C implementation when available, as json.dumps uses


def dumps(value, indent: str = "") -> str:
    """json.dumps(value, ensure_ascii=False, indent=1), for the types model_dump(mode="json") gives."""
    if isinstance(value, str):
        return plain.json_text(_encode_str(value))
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return int.__repr__(value)
    inner = indent + " "
    if isinstance(value, dict):
        if not value:
            return "{}"
        return "{\n" + _members(value, inner) + "\n" + indent + "}"
    if isinstance(value, (list, tuple)):
        if not value:
            return "[]"
        return "[\n" + ",\n".join(inner + dumps(v, inner) for v in value) + "\n" + indent + "]"
    return plain.json_text(json.dumps(value, ensure_ascii=False, indent=1)).replace("\n", "\n" + indent)  # floats, the rare rest


_KEYS: dict[str, str] = {}  # field names, the same in every entry: each encoded once


def _key(name: str) -> str:
    text = _KEYS.get(name)
    if text is None:
        if not isinstance(name, str):
            raise TypeError(f"JSON object keys here are text, not {type(name).__name__}")
        text = _KEYS[name] = _encode_str(name)
    return text


def _members(d: dict, indent: str) -> str:
    """The lines inside an object's braces, each starting with `indent`."""
    return ",\n".join(f"{indent}{_key(k)}: {dumps(v, indent)}" for k, v in d.items())


def _deeper(text: str) -> str:
    """JSON text written at one depth, moved one level deeper."""
    return " " + text.replace("\n", "\n ")


def _entry_files(cat: Catalog, site_url: str) -> tuple[bytes, list[Asset]]:
    """entries.json and every entries/<slug>.json, each entry's fields written once for both."""
    head = _members({"version": VERSION, "generated_from": generated_from(cat, site_url)}, " ")
    fields = []
    files = []
    for r in cat.records:
        # Inside an entry's own file its fields sit at depth 2; in the list, at depth 3.
        text = _members(entry_record(cat, r, site_url), "  ")
        fields.append(text)
        body = f"  {_encode_str('body')}: {dumps(r.body)}"
        files.append(Asset(urls.api_entry(r.slug),
                           f'{{\n{head},\n "entry": {{\n{text},\n{body}\n }}\n}}\n'.encode("utf-8")))
    items = ",\n".join(f"  {{\n{_deeper(text)}\n  }}" for text in fields)
    listing = f'{{\n{head},\n "entries": ' + (f"[\n{items}\n ]" if items else "[]") + "\n}\n"
    return listing.encode("utf-8"), files


# --- schema --------------------------------------------------------------------------------------
def _item_schema(tax, with_body: bool) -> tuple[dict, dict]:
    """(schema of one API entry, $defs it needs), from the Entry model's schema."""
    base = entry_schema(tax)
    defs = base.pop("$defs", {})
    props = {"slug": EXTRA_FIELDS["slug"], **base["properties"],
             **{k: v for k, v in EXTRA_FIELDS.items() if k != "slug"}}
    if with_body:
        props["body"] = BODY_FIELD
    item = {
        "title": base.get("title"),
        "description": base.get("description"),
        "type": "object",
        "properties": copy.deepcopy(props),
        # Every field is always present (null or empty when the entry leaves it out): a stable shape.
        "required": list(props),
        "additionalProperties": False,
    }
    return item, defs


def _generated_from_schema() -> dict:
    text = {"type": "string"}
    return {"type": "object", "additionalProperties": False,
            "required": ["name", "publisher", "region", "repository", "branch", "site_url", "count", "schema"],
            "properties": {"name": text, "publisher": text, "region": text, "repository": text, "branch": text,
                           "site_url": text, "count": {"type": "integer", "minimum": 0}, "schema": text}}


def entries_schema(cat: Catalog, site_url: str) -> dict:
    item, defs = _item_schema(cat.taxonomy, with_body=False)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": views.absolute(site_url, ENTRIES_SCHEMA),
        "title": "Danh sách sáng kiến (API v1)",
        "type": "object",
        "additionalProperties": False,
        "required": ["version", "generated_from", "entries"],
        "properties": {
            "version": {"const": VERSION},
            "generated_from": _generated_from_schema(),
            "entries": {"type": "array", "items": {"$ref": "#/$defs/ApiEntry"}},
        },
        "$defs": {**defs, "ApiEntry": item},
    }


def entry_file_schema(cat: Catalog, site_url: str) -> dict:
    item, defs = _item_schema(cat.taxonomy, with_body=True)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": views.absolute(site_url, ENTRY_SCHEMA),
        "title": "Một sáng kiến (API v1)",
        "type": "object",
        "additionalProperties": False,
        "required": ["version", "generated_from", "entry"],
        "properties": {
            "version": {"const": VERSION},
            "generated_from": _generated_from_schema(),
            "entry": {"$ref": "#/$defs/ApiEntryWithBody"},
        },
        "$defs": {**defs, "ApiEntryWithBody": item},
    }


# --- CSV -----------------------------------------------------------------------------------------
def _cell(value) -> str | int:
    """A spreadsheet must show text as text, on one line (outputs/plain.py)."""
    return plain.csv_cell(value)


def csv_columns(cat: Catalog, site_url: str) -> list[tuple[str, object]]:
    """(Vietnamese header, value of a record) for every column, in the model's field order."""
    tax = cat.taxonomy

    def join(items) -> str:
        return "; ".join(items)

    values = {
        "title": lambda r: r.entry.title,
        "type": lambda r: tax.type_by_slug[r.entry.type].name,
        "area": lambda r: f"{r.entry.area}. {tax.area_by_number[r.entry.area].name}",
        "unit": lambda r: views.unit_name(cat, r.entry.unit),
        "year": lambda r: r.entry.year,
        "summary": lambda r: r.entry.summary,
        "organization": lambda r: tax.org_by_slug[r.entry.organization].name if r.entry.organization else "",
        "authors": lambda r: join(r.entry.authors),
        "status": lambda r: tax.status_by_slug[cat.status(r)].name,
        "applied_since": lambda r: r.entry.applied_since.isoformat() if r.entry.applied_since else "",
        "added": lambda r: r.entry.added.isoformat() if r.entry.added else "",
        "replicated_in": lambda r: join(views.unit_name(cat, s) for s in r.entry.replicated_in),
        "recognition": lambda r: join(f"{x.title} ({tax.level_by_slug[x.level].name.lower()}, {x.year})"
                                      for x in r.entry.recognition),
        "image": lambda r: views.absolute(site_url, views.media_path(r.image_rel)) if r.image_rel else "",
        "image_alt": lambda r: r.entry.image_alt or "",
        "tags": lambda r: join(r.entry.tags),
        "featured": lambda r: "Có" if r.entry.featured else "",
        "public_contacts": lambda r: join(r.entry.public_contacts),
    }
    columns: list[tuple[str, object]] = [(EXTRA_FIELDS["slug"]["title"], lambda r: r.slug)]
    for field in FIELD_ORDER:
        if field == "benefits":
            # One column per measure, so a spreadsheet can add them up.
            for b in tax.benefits:
                columns.append((f"{views.label(field)}: {b.name} ({b.unit})",
                                lambda r, key=b.key: r.entry.benefits.get(key, "")))
        else:
            columns.append((views.label(field), values[field]))
    columns.append((EXTRA_FIELDS["current_unit"]["title"], lambda r: views.unit_name(cat, cat.current_unit(r))))
    columns.append((EXTRA_FIELDS["page_url"]["title"], lambda r: views.absolute(site_url, r.url)))
    return columns


def csv_bytes(cat: Catalog, site_url: str) -> bytes:
    columns = csv_columns(cat, site_url)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([header for header, _ in columns])
    for r in cat.records:
        writer.writerow([_cell(value(r)) for _, value in columns])
    # The BOM tells Excel the file is UTF-8; without it Vietnamese letters come out garbled.
    return out.getvalue().encode("utf-8-sig")


# --- the documentation page ------------------------------------------------------------------------
def doc_page(cat: Catalog, site_url: str) -> Page:
    tax = cat.taxonomy
    fields = [{"name": "slug", "title": EXTRA_FIELDS["slug"]["title"], "description": EXTRA_FIELDS["slug"]["description"]}]
    for name, info in Entry.model_fields.items():
        fields.append({"name": name, "title": info.title or name, "description": info.description or ""})
    fields += [{"name": k, "title": v["title"], "description": v["description"]} for k, v in EXTRA_FIELDS.items()
               if k != "slug"]
    example = urls.api_entry(cat.records[0].slug) if cat.records else None
    files = [
        {"path": ENTRIES, "link": ENTRIES, "title": "Toàn bộ sáng kiến (JSON)",
         "description": "Mọi trường của mọi mục, mới nhất trước."},
        {"path": urls.api_entry("<mã-mục>"), "link": example, "title": "Một sáng kiến (JSON)",
         "description": "Các trường của một mục và nội dung (Markdown) trong trường body."},
        {"path": TAXONOMY, "link": TAXONOMY, "title": "Danh mục (JSON)",
         "description": "Lĩnh vực, đơn vị (kèm đơn vị hiện nay sau sắp xếp), tổ chức, loại, trạng thái, cấp khen, chỉ số hiệu quả."},
        {"path": CSV, "link": CSV, "title": "Toàn bộ sáng kiến (CSV)",
         "description": "Mở bằng Excel hoặc LibreOffice: UTF-8 có BOM, tiêu đề cột tiếng Việt, mỗi chỉ số hiệu quả một cột."},
        {"path": ENTRIES_SCHEMA, "link": ENTRIES_SCHEMA, "title": "Lược đồ JSON Schema của entries.json",
         "description": "Chuẩn JSON Schema 2020-12."},
        {"path": ENTRY_SCHEMA, "link": ENTRY_SCHEMA, "title": "Lược đồ JSON Schema của tệp một mục",
         "description": "Chuẩn JSON Schema 2020-12."},
    ]
    feeds = [{"title": "Cả vùng", "links": urls.feeds("", "")}]
    feeds += [{"title": f"Lĩnh vực {a.number}: {a.short}", "links": urls.feeds(urls.area(a.slug), "")} for a in tax.areas]
    feeds += [{"title": tax.unit_title(u.slug), "links": urls.feeds(urls.unit(u.slug), "")}
              for u in tax.sorted_units() if u.current]
    intro = ("Dữ liệu của cơ sở dữ liệu sáng kiến “Đoàn kết sáng tạo” được công bố dưới dạng tệp JSON, CSV và nguồn tin "
             "RSS/Atom để báo chí, trang thông tin của địa phương và các nhà phát triển dùng lại. Các tệp được tạo lại mỗi "
             "khi trang được cập nhật; đường dẫn giữ cố định.")
    context = {
        "heading": "Dữ liệu mở (API)",
        "intro": intro,
        "version": VERSION,
        "base": views.absolute(site_url, urls.API),
        "site_url": site_url,
        "files": files,
        "fields": fields,
        "feed_list": feeds,  # not "feeds": main.html links a page's own "feeds" in <head>
        "feed_size": FEED_SIZE,
        "example_url": views.absolute(site_url, ENTRIES),
    }
    return Page(url=urls.OPEN_DATA, title="Dữ liệu mở (API)", template="open-data.html", context=context,
                kind="open-data", description=intro)


def contribute(cat: Catalog, site_url: str) -> tuple[list[Page], list[Asset]]:
    listing, entry_files = _entry_files(cat, site_url)
    assets = [
        Asset(ENTRIES, listing),
        Asset(TAXONOMY, _json(taxonomy_document(cat, site_url))),
        Asset(CSV, csv_bytes(cat, site_url)),
        Asset(ENTRIES_SCHEMA, _json(entries_schema(cat, site_url))),
        Asset(ENTRY_SCHEMA, _json(entry_file_schema(cat, site_url))),
    ]
    return [doc_page(cat, site_url)], assets + entry_files
