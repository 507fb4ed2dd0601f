"""The budgets the product must meet, and the table that shows each measurement against them."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

KB = 1024


@dataclass(frozen=True)
class Budget:
    metric: str
    limit: float
    on: str  # "ratio" (value / baseline) or "value"
    sizes: tuple[int, ...] | None  # the catalogue sizes the budget is judged at; None: every size
    text: str

    def applies(self, size: int) -> bool:
        return self.sizes is None or size in self.sizes


# The budgets. Times are judged on CPU seconds (user + system, the whole process tree): this machine
# is shared, and wall time swings with the load of other work while CPU time does not; CPU time is also the
# stricter measure for us, as every thread and child process counts. Wall times are shown beside them.
# The check's ratio is judged from 1,000 entries up: at 100 the whole check takes under a second and starting
# the interpreter is most of it, which says nothing about how the check scales.
BUDGETS = (
    Budget("check CPU", 3.0, "ratio", (1000, 10000), "≤ 3× parse floor"),
    Budget("import CPU", 3.0, "ratio", (5000, 10000), "≤ 3× check of the files"),  # below, starting openpyxl weighs
    Budget("build CPU", 1.25, "ratio", (10000, 30000, 100000), "≤ 1.25× bare MkDocs"),
    Budget("peak memory", 1.5, "ratio", (10000, 30000, 100000), "≤ 1.5× bare"),
    # on the citizen's phone; a wide screen also fetches each facet's values to count results by them
    Budget("first search", 150 * KB, "value", (10000, 30000, 100000), "≤ 150 KB"),
    Budget("entry page", 150 * KB, "value", None, "≤ 150 KB"),
)


@dataclass
class Row:
    metric: str
    size: int
    value: float
    unit: str  # "s", "MB", "B"
    baseline: float | None = None
    note: str = ""
    budget: str = ""
    ok: bool | None = None  # None: no budget at this size
    extra: dict = field(default_factory=dict)

    @property
    def ratio(self) -> float | None:
        return self.value / self.baseline if self.baseline else None


def judge(row: Row, budgets=BUDGETS) -> Row:
    """Set the row's budget text and pass/fail from the budget of its metric, if one applies at its size."""
    for b in budgets:
        if b.metric == row.metric and b.applies(row.size):
            measured = row.ratio if b.on == "ratio" else row.value
            row.budget = b.text
            row.ok = measured is not None and measured <= b.limit
    return row


def _fmt(value: float | None, unit: str) -> str:
    if value is None:
        return ""
    if unit == "B":
        return f"{value / KB:,.1f} KB"
    if unit == "MB":
        return f"{value:,.0f} MB"
    return f"{value:,.2f} {unit}"


def table(rows: list[Row]) -> str:
    """A Markdown table (readable in a terminal too): metric, entries, value, baseline, ratio, budget, result."""
    head = ["metric", "entries", "value", "baseline", "ratio", "budget", "result"]
    lines = [head]
    for r in rows:
        lines.append([
            r.metric + (f" ({r.note})" if r.note else ""),
            f"{r.size:,}",
            _fmt(r.value, r.unit),
            _fmt(r.baseline, r.unit),
            f"{r.ratio:.2f}×" if r.ratio is not None else "",
            r.budget or "—",
            {True: "PASS", False: "FAIL", None: ""}[r.ok],
        ])
    widths = [max(len(line[i]) for line in lines) for i in range(len(head))]
    out = []
    for n, line in enumerate(lines):
        out.append("| " + " | ".join(cell.ljust(widths[i]) for i, cell in enumerate(line)) + " |")
        if n == 0:
            out.append("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(out)


def all_met(rows: list[Row]) -> bool:
    return all(r.ok is not False for r in rows)


def as_json(rows: list[Row]) -> list[dict]:
    return [{**asdict(r), "ratio": r.ratio} for r in rows]
