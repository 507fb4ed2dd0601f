"""The taxonomy: areas, units with their succession, organisations, types, statuses, levels, benefits.

Loaded from one YAML file (`taxonomy.yml`). Everything that lists or checks these values asks this model.
"""

from __future__ import annotations

import datetime as dt
from functools import cached_property
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, model_validator

from generator.common.text import nfc, sort_key


class _Item(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# Words a "Nơi nhận" line of the report document may hold, filled for each report (generator.outputs.report_docx).
RECIPIENT_TOKENS = ("{cấp trên}", "{đơn vị}")


class ReportDocument(_Item):
    """The parts of the 20 November report document that are the sender's to say: who issues it, the symbol
    after its number, the place before its date, who signs, who receives it. `site:` gives every one; a
    unit's own `report_document:` overrides those it names."""

    body: list[str] | None = None  # the lines above the issuer; unset: the Front of the unit ('Ủy ban MTTQ Việt Nam', 'xã Đắk Wil')
    issuer: str | None = None  # 'Ban Thường trực'
    symbol: str | None = None  # 'BC-MTTQ-BTT', after 'Số: …/'
    place: str | None = None  # unset: the unit's name
    signatory: list[str] | None = None  # 'TM. BAN THƯỜNG TRỰC', 'CHỦ TỊCH'
    recipients: list[str] | None = None  # one line each; {cấp trên} and {đơn vị} are filled per report


class Site(_Item):
    name: str
    front_body: str
    region: str
    region_full: str
    superior_body: str
    plan: str
    report_deadline: str = "11-20"
    first_year: int = 2017
    repo_url: str
    edit_branch: str = "main"
    report_document: ReportDocument
    # The whole region's report in the years no unit covers the region (after the district was abolished).
    region_report_document: ReportDocument | None = None


class Area(_Item):
    number: int = Field(ge=1)
    slug: str
    short: str
    name: str
    description: str


class Unit(_Item):
    slug: str
    name: str
    kind: str
    province: str
    parent: str | None = None
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None
    merged_into: str | None = None
    report_document: ReportDocument | None = None  # this unit's own issuer, place, signatory or recipients

    def valid_in_year(self, year: int) -> bool:
        start = self.valid_from.year if self.valid_from else -10**9
        end = self.valid_until.year if self.valid_until else 10**9
        return start <= year <= end

    def valid_on(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_until is None or day <= self.valid_until
        )

    @property
    def current(self) -> bool:
        return self.valid_until is None


class Organization(_Item):
    slug: str
    name: str
    short: str


class EntryType(_Item):
    slug: str
    name: str
    plural: str
    description: str


class Status(_Item):
    slug: str
    name: str
    default: bool = False


class Level(_Item):
    slug: str
    name: str


class Benefit(_Item):
    key: str
    name: str
    unit: str


class Taxonomy(_Item):
    site: Site
    areas: list[Area]
    unit_kinds: dict[str, str]
    units: list[Unit]
    organizations: list[Organization]
    types: list[EntryType]
    statuses: list[Status]
    recognition_levels: list[Level]
    benefits: list[Benefit]
    abbreviations: dict[str, str]

    model_config = ConfigDict(extra="forbid", frozen=True, ignored_types=(cached_property,))

    @model_validator(mode="after")
    def _consistent(self) -> "Taxonomy":
        problems = []
        for name in ("areas", "units", "organizations", "types", "statuses", "recognition_levels"):
            slugs = [item.slug for item in getattr(self, name)]
            dupes = sorted({s for s in slugs if slugs.count(s) > 1})
            if dupes:
                problems.append(f"mục `{name}` có mã trùng nhau: {', '.join(dupes)}")
        numbers = [a.number for a in self.areas]
        if numbers != list(range(1, len(numbers) + 1)):
            problems.append("các lĩnh vực phải được đánh số liên tục 1, 2, 3…")
        slugs = {u.slug for u in self.units}
        for unit in self.units:
            if unit.kind not in self.unit_kinds:
                problems.append(f"đơn vị `{unit.slug}` có loại `{unit.kind}` không có trong `unit_kinds`")
            for ref in (unit.merged_into, unit.parent):
                if ref and ref not in slugs:
                    problems.append(f"đơn vị `{unit.slug}` nhắc tới đơn vị `{ref}` không có trong danh sách")
            if unit.merged_into and not unit.valid_until:
                problems.append(f"đơn vị `{unit.slug}` đã sáp nhập thì phải có `valid_until`")
        doc = self.site.report_document
        missing = [k for k in ("issuer", "symbol", "signatory", "recipients") if not getattr(doc, k)]
        if missing:
            problems.append("`site: report_document:` phải có " + ", ".join(f"`{k}`" for k in missing))
        owners = [("site", doc), ("region_report_document", self.site.region_report_document)]
        owners += [(f"đơn vị `{u.slug}`", u.report_document) for u in self.units]
        for owner, d in [(o, d) for o, d in owners if d]:
            for line in d.recipients or []:
                rest = line
                for token in RECIPIENT_TOKENS:
                    rest = rest.replace(token, "")
                if "{" in rest or "}" in rest:
                    problems.append(f"{owner}: dòng nơi nhận “{line}” chỉ được dùng "
                                    + " và ".join(RECIPIENT_TOKENS) + " trong ngoặc nhọn")
        if sum(s.default for s in self.statuses) != 1:
            problems.append("phải có đúng một trạng thái `default: true`")
        if problems:
            raise ValueError("; ".join(problems))
        return self

    # Lookups -----------------------------------------------------------------------------------
    @cached_property
    def area_by_number(self) -> dict[int, Area]:
        return {a.number: a for a in self.areas}

    @cached_property
    def unit_by_slug(self) -> dict[str, Unit]:
        return {u.slug: u for u in self.units}

    @cached_property
    def units_by_name(self) -> dict[str, int]:
        """How many units bear each name: a national list has thousands, too many to scan for every label."""
        counts: dict[str, int] = {}
        for u in self.units:
            counts[u.name] = counts.get(u.name, 0) + 1
        return counts

    @cached_property
    def org_by_slug(self) -> dict[str, Organization]:
        return {o.slug: o for o in self.organizations}

    @cached_property
    def type_by_slug(self) -> dict[str, EntryType]:
        return {t.slug: t for t in self.types}

    @cached_property
    def status_by_slug(self) -> dict[str, Status]:
        return {s.slug: s for s in self.statuses}

    @cached_property
    def level_by_slug(self) -> dict[str, Level]:
        return {lv.slug: lv for lv in self.recognition_levels}

    @cached_property
    def benefit_by_key(self) -> dict[str, Benefit]:
        return {b.key: b for b in self.benefits}

    @cached_property
    def default_status(self) -> str:
        return next(s.slug for s in self.statuses if s.default)

    def report_document(self, unit: str | None) -> ReportDocument:
        """The site's report document settings with the unit's own in their place (unit None: the region's)."""
        own = self.unit_by_slug[unit].report_document if unit else self.site.region_report_document
        if own is None:
            return self.site.report_document
        return self.site.report_document.model_copy(update=own.model_dump(exclude_none=True))

    def unit_label(self, slug: str) -> str:
        """'xã Đắk Wil', 'thị trấn Ea T'ling', 'huyện Cư Jút'."""
        unit = self.unit_by_slug[slug]
        return f"{self.unit_kinds[unit.kind]} {unit.name}"

    def unit_title(self, slug: str) -> str:
        """Label that tells apart an old unit from the new one of the same name."""
        return self.unit_titles[slug]

    @cached_property
    def unit_titles(self) -> dict[str, str]:
        """Slug → unit_title, worked out once: cards, facts, exports and the search ask for it per entry."""
        return {u.slug: self._unit_title(u) for u in self.units}

    def _unit_title(self, unit: Unit) -> str:
        label = self.unit_label(unit.slug)
        label = label[0].upper() + label[1:]
        shared = self.units_by_name[unit.name] > 1  # another unit has this name (slugs are unique)
        if unit.valid_from and unit.valid_from.year >= 2025 and shared:
            return f"{label} (tỉnh {unit.province}, từ {unit.valid_from.day}/{unit.valid_from.month}/{unit.valid_from.year})"
        if unit.valid_until and shared:
            return f"{label} (cũ, đến {unit.valid_until.day}/{unit.valid_until.month}/{unit.valid_until.year})"
        return label

    def successor(self, slug: str) -> str:
        """The current unit a unit now belongs to (following merges), or the unit itself."""
        seen = set()
        while (unit := self.unit_by_slug[slug]).merged_into and slug not in seen:
            seen.add(slug)
            slug = unit.merged_into
        return slug

    def predecessors(self, slug: str) -> list[str]:
        """Units merged, directly or not, into this one, in collation order."""
        direct = [u.slug for u in self.units if u.merged_into == slug]
        out = []
        for s in direct:
            out.append(s)
            out.extend(self.predecessors(s))
        return sorted(out, key=lambda s: sort_key(self.unit_by_slug[s].name))

    def units_valid_in(self, year: int) -> list[Unit]:
        return [u for u in self.units if u.valid_in_year(year)]

    def sorted_units(self) -> list[Unit]:
        """District first, then communes by name; current units after former ones of the same name."""
        kinds = list(self.unit_kinds)
        return sorted(
            self.units,
            key=lambda u: (kinds.index(u.kind), sort_key(u.name), u.valid_from or dt.date.min),
        )


def _nfc_tree(value):
    if isinstance(value, str):
        return nfc(value)
    if isinstance(value, list):
        return [_nfc_tree(v) for v in value]
    if isinstance(value, dict):
        return {_nfc_tree(k): _nfc_tree(v) for k, v in value.items()}
    return value


def parse_taxonomy(data: dict) -> Taxonomy:
    return Taxonomy.model_validate(_nfc_tree(data))


def default_path(root: Path) -> Path:
    return root / "taxonomy.yml"
