"""The JSON Schema editors' tools use is exported from the model and kept in sync."""

import json

import jsonschema
import yaml

from generator.entries.schema import SCHEMA_PATH, entry_schema, schema_text


def test_exported_schema_is_in_sync(root, taxonomy):
    assert (root / SCHEMA_PATH).read_text(encoding="utf-8") == schema_text(taxonomy), \
        "run `python -m generator schema` to refresh schema/entry.schema.json"


def test_schema_lists_taxonomy_values(taxonomy):
    schema = entry_schema(taxonomy)
    props = schema["properties"]
    assert props["area"]["enum"] == [1, 2, 3, 4, 5]
    assert set(props["unit"]["enum"]) == {u.slug for u in taxonomy.units}
    assert props["type"]["enum"] == ["sang-kien", "y-tuong", "sang-che", "mo-hinh"]
    assert "enum" in props["replicated_in"]["items"]
    assert props["summary"]["maxLength"] == 300
    assert set(schema["required"]) == {"title", "type", "area", "unit", "year", "summary"}


def test_every_sample_entry_satisfies_the_schema(root, taxonomy, catalog):
    schema = entry_schema(taxonomy)
    for record in catalog.records:
        text = (root / record.rel).read_text(encoding="utf-8")
        data = yaml.safe_load(text.split("---\n")[1])
        data = json.loads(json.dumps(data, default=str))
        jsonschema.validate(data, schema)


def test_schema_rejects_an_unknown_unit(taxonomy):
    schema = entry_schema(taxonomy)
    bad = {"title": "Máy sấy", "type": "sang-che", "area": 2, "unit": "ea-poo", "year": 2022, "summary": "x" * 30}
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(bad))
    assert [e.path[0] for e in errors] == ["unit"]
