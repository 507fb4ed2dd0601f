"""JSON Schema of an entry's front matter, from the model, with the taxonomy's values as enums."""

from __future__ import annotations

import json

from generator.entries.model import Entry
from generator.common.taxonomy import Taxonomy

SCHEMA_PATH = "schema/entry.schema.json"


def _values(tax: Taxonomy, kind: str) -> list:
    if kind == "areas":
        return [a.number for a in tax.areas]
    if kind == "benefits":
        return [b.key for b in tax.benefits]
    return [item.slug for item in getattr(tax, kind)]


def _fill(node, tax: Taxonomy) -> None:
    if isinstance(node, dict):
        kind = node.pop("x-taxonomy", None)
        if kind:
            values = _values(tax, kind)
            if kind == "benefits":
                node["propertyNames"] = {"enum": values}
            elif node.get("type") == "array":
                node["items"]["enum"] = values
            elif "anyOf" in node:  # optional fields: Slug | None
                for branch in node["anyOf"]:
                    if branch.get("type") != "null":
                        branch["enum"] = values
            else:
                node["enum"] = values
        for value in node.values():
            _fill(value, tax)
    elif isinstance(node, list):
        for value in node:
            _fill(value, tax)


def entry_schema(tax: Taxonomy) -> dict:
    schema = Entry.model_json_schema()
    _fill(schema, tax)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"{tax.site.repo_url}/{SCHEMA_PATH}"
    return schema


def schema_text(tax: Taxonomy) -> str:
    return json.dumps(entry_schema(tax), ensure_ascii=False, indent=2, sort_keys=False) + "\n"
