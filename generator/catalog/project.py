"""Load a project: the taxonomy and every entry, validated and checked, into a Catalog + Problems."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from pydantic import ValidationError

from generator.catalog.catalog import Catalog, Record
from generator.entries.check import (check_duplicates, check_location, check_source, check_symlinks,
                                     check_without_entry, file_stem)
from generator.entries.renderable import render_problems
from generator.common.problems import Problem
from generator.entries.read import ENTRIES_DIR, Source, entry_files, read_source, read_yaml_file
from generator.common.taxonomy import Taxonomy, parse_taxonomy
from generator.entries.validate import validate_entry

TAXONOMY_FILE = "taxonomy.yml"


class TaxonomyError(Exception):
    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(p.text() for p in problems))
        self.problems = problems


@dataclass
class Loaded:
    taxonomy: Taxonomy
    records: list[Record]  # valid entries, one per slug, in file order
    problems: list[Problem] = field(default_factory=list)
    sources: dict[str, Source] = field(default_factory=dict)

    @cached_property
    def catalog(self) -> Catalog:
        """Made when first asked for: `check` only counts the records, and the catalogue sorts them by title."""
        return Catalog(self.taxonomy, self.records)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]


def load_taxonomy(root: Path) -> Taxonomy:
    path = root / TAXONOMY_FILE
    data, lines, problems = read_yaml_file(path, root)
    rel = TAXONOMY_FILE
    if data is None:
        raise TaxonomyError(problems or [Problem(rel, 1, "Tệp danh mục đang trống.")])
    if not isinstance(data, dict):
        raise TaxonomyError([Problem(rel, 1, "Tệp danh mục phải gồm các mục `site`, `areas`, `units`, … ở đầu dòng.")])
    try:
        return parse_taxonomy(data)
    except ValidationError as exc:
        out = []
        for err in exc.errors(include_url=False):
            loc = ".".join(str(p) for p in err["loc"])
            line = 1
            parts = loc.split(".")
            while parts:
                if ".".join(parts) in lines:
                    line = lines[".".join(parts)]
                    break
                parts.pop()
            what = "thiếu trường bắt buộc" if err["type"] == "missing" else err["msg"]
            out.append(Problem(rel, line, f"Danh mục, mục `{loc}`: {what}.", field=loc))
        raise TaxonomyError(out) from None


def load(root: Path, paths: list[Path] | None = None) -> Loaded:
    """Read, validate and check entries. `paths` limits the report to those files (the catalogue still
    spans every entry, so duplicates across files are found)."""
    return _load(root, paths)


def _load(root: Path, paths: list[Path] | None) -> Loaded:
    root = root.resolve()
    taxonomy = load_taxonomy(root)
    files = entry_files(root)
    sources = [read_source(p, root) for p in files]
    problems: list[Problem] = []
    records = []
    for src in sources:
        problems += src.problems
        entry, model_problems = validate_entry(src, taxonomy)
        problems += model_problems
        problems += check_location(src, entry)
        if entry is None:
            problems += check_without_entry(src, root)
            continue
        image, more = check_source(src, entry, taxonomy, root)
        problems += more
        unrenderable = render_problems(src.rel, src.body, src.body_line)
        if unrenderable:  # never published, even with the checks skipped: the build could not render it
            problems += unrenderable
            continue
        records.append(Record(slug=file_stem(src.rel), rel=src.rel, entry=entry, body=src.body, image_rel=image))
    problems += check_duplicates(sources)
    problems += check_symlinks(root)
    if paths is not None:
        wanted = {p.resolve().relative_to(root).as_posix() if p.resolve().is_relative_to(root) else p.as_posix() for p in paths}
        problems = [p for p in problems if any(p.path == w or p.path.startswith(w.rstrip("/") + "/") for w in wanted)]
    # Duplicate slugs would give two pages one URL: keep the first file (sorted) so the rest of the site still builds.
    unique: dict[str, Record] = {}
    for r in records:
        unique.setdefault(r.slug, r)
    return Loaded(taxonomy=taxonomy, records=list(unique.values()), problems=problems,
                  sources={s.rel: s for s in sources})
