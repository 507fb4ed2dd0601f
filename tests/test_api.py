"""The open-data API: JSON that satisfies its published schema, one file per entry, the taxonomy, a CSV."""

from __future__ import annotations

import csv
import io
import json

import jsonschema
import pytest

from generator.outputs import api
from generator.catalog import project
from generator.common import urls
from generator.pages import views
from generator.entries.model import FIELD_ORDER
from generator.entries.schema import entry_schema

SITE = "https://mttq.example.vn/dkst/"


@pytest.fixture(scope="module")
def files(catalog):
    pages, assets = api.contribute(catalog, SITE)
    return {a.path: a.content for a in assets}


def _validator(schema: dict) -> jsonschema.Draft202012Validator:
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def test_paths_are_stable(files, catalog):
    expected = {"api/v1/entries.json", "api/v1/taxonomy.json", "api/v1/entries.csv",
                "api/v1/entries.schema.json", "api/v1/entry.schema.json"}
    expected |= {f"api/v1/entries/{r.slug}.json" for r in catalog.records}
    assert set(files) == expected


def test_entries_json_satisfies_its_schema(files, catalog):
    data = json.loads(files[api.ENTRIES])
    schema = json.loads(files[api.ENTRIES_SCHEMA])
    errors = list(_validator(schema).iter_errors(data))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]
    assert data["version"] == 1
    assert data["generated_from"]["count"] == len(catalog.records)
    assert [e["slug"] for e in data["entries"]] == [r.slug for r in catalog.records]


def test_each_entry_file_satisfies_its_schema_and_carries_the_body(files, catalog):
    validator = _validator(json.loads(files[api.ENTRY_SCHEMA]))
    for r in catalog.records:
        data = json.loads(files[urls.api_entry(r.slug)])
        errors = list(validator.iter_errors(data))
        assert not errors, (r.slug, [e.message for e in errors[:3]])
        assert data["entry"]["body"] == r.body


def test_schema_rejects_what_the_model_rejects(files, catalog):
    validator = _validator(json.loads(files[api.ENTRIES_SCHEMA]))
    data = json.loads(files[api.ENTRIES])
    bad = json.loads(json.dumps(data))
    bad["entries"][0]["unit"] = "khong-co-don-vi-nay"
    bad["entries"][1]["area"] = 9
    del bad["entries"][2]["page_url"]
    bad["entries"][3]["surprise"] = 1
    broken = sorted({e.path[1] for e in validator.iter_errors(bad)})
    assert broken == [0, 1, 2, 3]


def test_every_model_field_is_in_the_api_schema_as_the_model_defines_it(files, taxonomy):
    schema = json.loads(files[api.ENTRIES_SCHEMA])
    item = schema["$defs"]["ApiEntry"]["properties"]
    model = entry_schema(taxonomy)["properties"]
    for field in FIELD_ORDER:
        assert item[field] == model[field], field
    assert set(item) == {"slug", *FIELD_ORDER, *api.EXTRA_FIELDS}


def test_entry_record_has_urls_and_current_unit(files, catalog):
    entries = {e["slug"]: e for e in json.loads(files[api.ENTRIES])["entries"]}
    for r in catalog.records:
        e = entries[r.slug]
        assert e["url"] == f"sang-kien/{r.slug}/"
        assert e["page_url"] == SITE + e["url"]
        assert e["api_url"] == SITE + urls.api_entry(r.slug)
        assert e["current_unit"] == catalog.taxonomy.successor(r.entry.unit)
        assert e["effective_status"] == catalog.status(r)
        assert e["title"] == r.entry.title and e["unit"] == r.entry.unit
    merged = [r for r in catalog.records if catalog.taxonomy.unit_by_slug[r.entry.unit].merged_into]
    assert merged and all(entries[r.slug]["current_unit"] != r.entry.unit for r in merged)


def test_output_has_no_timestamp_and_is_reproducible(files, catalog):
    again = {a.path: a.content for a in api.contribute(catalog, SITE)[1]}
    assert again == files
    generated = json.loads(files[api.ENTRIES])["generated_from"]
    assert not {k for k in generated if "time" in k or "date" in k}


def test_taxonomy_json_lists_units_with_their_current_unit(files, taxonomy):
    data = json.loads(files[api.TAXONOMY])["taxonomy"]
    assert [a["slug"] for a in data["areas"]] == [a.slug for a in taxonomy.areas]
    units = {u["slug"]: u for u in data["units"]}
    for unit in taxonomy.units:
        assert units[unit.slug]["current_unit"] == taxonomy.successor(unit.slug)
    assert data["abbreviations"] == taxonomy.abbreviations


def _csv_rows(content: bytes) -> list[list[str]]:
    assert content.startswith(b"\xef\xbb\xbf"), "Excel needs the BOM to read UTF-8"
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline="")))


def test_csv_has_vietnamese_headers_from_the_model_and_one_row_per_entry(files, catalog):
    rows = _csv_rows(files[api.CSV])
    header, body = rows[0], rows[1:]
    for field in ("title", "type", "area", "unit", "year", "summary", "applied_since", "recognition"):
        assert views.label(field) in header
    for b in catalog.taxonomy.benefits:
        assert any(h.startswith(views.label("benefits")) and b.name in h for h in header)
    assert len(body) == len(catalog.records)
    by_title = {row[header.index(views.label("title"))]: row for row in body}
    r = next(r for r in catalog.records if "savings_vnd" in r.entry.benefits)
    row = by_title[r.entry.title]
    money = next(i for i, h in enumerate(header) if "tiền làm lợi" in h)
    assert row[money] == str(r.entry.benefits["savings_vnd"])
    assert row[header.index("Địa chỉ trang")] == SITE + r.url
    assert row[header.index(views.label("unit"))] == catalog.taxonomy.unit_title(r.entry.unit)


def test_csv_does_not_let_a_spreadsheet_run_a_formula(scratch):
    scratch.write("initiatives/2022/cong-thuc.md", """---
title: "=HYPERLINK(\\"http://x\\",\\"bấm\\")"
type: sang-kien
area: 2
unit: ea-po
year: 2022
summary: "+Tóm tắt bắt đầu bằng dấu cộng, phải được hiện như chữ trong bảng tính."
---

Nội dung.
""")
    loaded = project.load(scratch.root)
    assert not loaded.errors, [p.text() for p in loaded.problems]
    rows = _csv_rows(api.csv_bytes(loaded.catalog, SITE))
    header, row = rows[0], rows[1]
    assert row[header.index(views.label("title"))] == "'=HYPERLINK(\"http://x\",\"bấm\")"
    assert row[header.index(views.label("summary"))].startswith("'+Tóm tắt")


def test_published_files_match_and_the_page_documents_them(built_site, catalog, root):
    import yaml

    site_url = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))["site_url"]
    published = {a.path: a.content for a in api.contribute(catalog, site_url)[1]}
    for path, content in published.items():
        assert (built_site / path).read_bytes() == content, path
    page = (built_site / urls.OPEN_DATA / "index.html").read_text(encoding="utf-8")
    for path in (api.ENTRIES, api.TAXONOMY, api.CSV, api.ENTRIES_SCHEMA, "rss.xml"):
        assert path.split("/")[-1] in page, path
    for field in FIELD_ORDER:
        assert f"<code>{field}</code>" in page


def test_files_are_laid_out_as_json_dumps_would(files, catalog):
    """The files are written without json's slow indenting encoder; the text must be the same as its."""
    def dumps(data) -> bytes:
        return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")

    assert files[api.ENTRIES] == dumps(api.entries_document(catalog, SITE))
    assert files[api.TAXONOMY] == dumps(api.taxonomy_document(catalog, SITE))
    for r in catalog.records:
        assert files[urls.api_entry(r.slug)] == dumps(api.entry_document(catalog, r, SITE)), r.slug
    tricky = {"a": [], "b": {}, "c": [[], {}, [1, [2, {"x": None}]]], "d": "\"\\\n\t\u2028 é 😀 </script>",
              "e": True, "f": False, "g": -12, "h": 2.5, "i": [{"k": "v"}, "w"]}
    # …but for U+2028 and U+2029, escaped (outputs/plain.json_text): the same data, no line end for JavaScript.
    assert api.dumps(tricky) == json.dumps(tricky, ensure_ascii=False, indent=1).replace("\u2028", "\\u2028")
