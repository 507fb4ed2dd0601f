"""Synthetic but realistic Vietnamese entries for the benchmark, deterministic for a seed.

Sizes of search indexes and pages depend on the words in them: a few hundred repeated words make an index
look small and ranking look good. So the text here is real prose, sentence by sentence:

- the sample entries in `initiatives/` (the catalogue's own vocabulary, section by section);
- LibreOffice's Vietnamese help (Debian `libreoffice-help-vi`): thousands of real sentences;
- Debian's Vietnamese syllable dictionary (`hunspell-vi`) for the long tail a real catalogue has in
  the names of people, hamlets and villages.

Front matter is varied the way editors fill it in: every area, every unit valid in the entry's year
(old communes up to mid-2025, the merged ones after), every type and status, some recognition, benefits,
replicated units, images, tags and authors.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import random
import re
import shutil
import sys
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from generator.catalog import project  # noqa: E402
from generator.common.taxonomy import Taxonomy  # noqa: E402
from generator.common.text import format_number, nfc, slugify  # noqa: E402

HUNSPELL = Path("/usr/share/hunspell/vi_VN.dic")
LO_HELP = Path("/usr/share/libreoffice/help/vi")
INSTALL_HINT = ("apt-get install -y --no-install-recommends hunspell-vi libreoffice-help-vi "
                "(the Vietnamese syllable dictionary and LibreOffice's Vietnamese help: real prose for the entries)")

DEFAULT_SEED = 20221116  # the day the plan's movement week opens; any fixed number would do
FIRST_YEAR, LAST_YEAR = 2017, 2026
PROJECT_FILES = ("taxonomy.yml", "mkdocs.yml")
PROJECT_DIRS = ("overrides", "content")

SECTIONS = ("Thực trạng", "Giải pháp", "Điều kiện áp dụng", "Hiệu quả", "Cách nhân rộng")
SURNAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ",
            "Ngô", "Dương", "Lý", "Đinh", "Mai", "Trịnh", "Hà", "Y", "H'", "Ksor", "Niê", "Mlô")
MIDDLES = ("Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Ngọc", "Quốc", "Xuân", "Kim", "Công", "Thu")
TITLE_HEADS = ("Mô hình", "Tổ", "Câu lạc bộ", "Máy", "Quỹ", "Sổ tay", "Ngày", "Đội", "Hệ thống", "Ứng dụng",
               "Bản đồ", "Góc", "Điểm", "Nhóm", "Phần mềm", "Bếp", "Vườn", "Thư viện", "Tủ", "Cách làm",
               "Quy trình", "Dịch vụ", "Cải tiến", "Phong trào", "Chương trình", "Hộp", "Bảng", "Sân")
AWARDS = {
    "xa": ("Giấy khen của Ủy ban nhân dân xã {place}", "Giấy khen của Ủy ban MTTQ Việt Nam xã {place}"),
    "huyen": ("Giấy khen của Ủy ban MTTQ Việt Nam huyện Cư Jút", "Giấy khen của Ủy ban nhân dân huyện Cư Jút"),
    "tinh": ("Bằng khen của Ủy ban nhân dân tỉnh {province}", "Bằng khen của Ủy ban MTTQ Việt Nam tỉnh {province}"),
    "trung-uong": ("Bằng khen của Ủy ban Trung ương MTTQ Việt Nam", "Bằng khen của Thủ tướng Chính phủ"),
}
BENEFIT_RANGES = {
    "beneficiaries": (20, 5000, 1), "households": (5, 900, 1), "savings_vnd": (5, 2000, 1_000_000),
    "hours_saved": (50, 20000, 1), "income_vnd": (10, 3000, 1_000_000), "area_ha": (1, 500, 1),
}


class MissingSource(RuntimeError):
    pass


@dataclass
class Corpus:
    domain: dict[str, list[str]]  # section heading → sentences from the sample entries
    bullets: list[str]  # "Điều kiện áp dụng" bullet points from the samples
    prose: list[str]  # sentences from LibreOffice's Vietnamese help
    syllables: list[str]  # Vietnamese syllables, for names
    titles: list[str]
    tags: list[str]
    images: list[Path]

    @property
    def words(self) -> int:
        every = [*self.prose, *(s for v in self.domain.values() for s in v), *self.bullets]
        return len({w.lower() for s in every for w in re.findall(r"\w+", s)})


# --- reading the sources ------------------------------------------------------------------------
def _sentences(paragraph: str) -> list[str]:
    """Split after . ! ? when the next word starts with a capital letter."""
    out: list[str] = []
    for piece in re.split(r"(?<=[.!?])\s+", " ".join(paragraph.split())):
        if out and not piece[:1].isupper():
            out[-1] += " " + piece
        elif piece:
            out.append(piece)
    return out


@functools.lru_cache(maxsize=1)
def _syllables() -> tuple[str, ...]:
    if not HUNSPELL.is_file():
        raise MissingSource(f"{HUNSPELL} not found: {INSTALL_HINT}")
    out = set()
    for line in HUNSPELL.read_text(encoding="utf-8").splitlines()[1:]:
        word = nfc(line.split("/")[0].strip())
        if word.isalpha() and word.islower() and 2 <= len(word) <= 7:
            out.add(word)
    return tuple(sorted(out))


class _Paragraphs(HTMLParser):
    BLOCKS = {"p", "li", "td", "h1", "h2", "h3"}

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self.current: list[str] | None = None
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.skipping += 1
        if tag in self.BLOCKS:
            self.flush()
            self.current = []

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.skipping -= 1
        if tag in self.BLOCKS:
            self.flush()

    def handle_data(self, data):
        if self.current is not None and not self.skipping:
            self.current.append(data)

    def flush(self) -> None:
        if self.current:
            self.found.append("".join(self.current))
        self.current = None


# Anything that reads as software, code or markup rather than plain prose a commune would write.
_NOT_PROSE = re.compile(r"[<>@/\\_=*|{}\[\]`$#%~^&+;\"()0-9]|--|\.\.")


@functools.lru_cache(maxsize=1)
def _prose() -> tuple[str, ...]:
    if not LO_HELP.is_dir():
        raise MissingSource(f"{LO_HELP} not found: {INSTALL_HINT}")
    known = set(_syllables())
    found = set()
    for path in sorted(LO_HELP.rglob("*.html")):
        parser = _Paragraphs()
        parser.feed(path.read_text(encoding="utf-8", errors="replace"))
        parser.flush()
        for paragraph in parser.found:
            for s in _sentences(nfc(paragraph)):
                if not 40 <= len(s) <= 240 or not s.endswith((".", "!", "?")) or _NOT_PROSE.search(s):
                    continue
                words = re.findall(r"\w+", s)
                # Untranslated English and product names stay out: nearly every word must be a Vietnamese syllable.
                if sum(w.lower() in known for w in words) >= 0.97 * len(words):
                    found.add(s)
    return tuple(sorted(found))


def _samples(repo: Path):
    domain: dict[str, list[str]] = {s: [] for s in SECTIONS}
    bullets: list[str] = []
    titles, tags, images = [], [], []
    loaded = project.load(repo)
    for r in loaded.catalog.records:
        titles.append(r.entry.title)
        tags += r.entry.tags
        if r.image_rel:
            images.append(repo / r.image_rel)
        section = None
        for line in r.body.split("\n"):
            line = line.strip()
            if line.startswith("## "):
                section = line[3:].strip() if line[3:].strip() in domain else None
            elif section and line.startswith("- "):
                bullets.append(line[2:].strip())
            elif section and line:
                domain[section] += [s for s in _sentences(line) if len(s) >= 20]
    for key in domain:
        domain[key] = sorted(set(domain[key]))
    return domain, sorted(set(bullets)), sorted(set(titles)), sorted(set(tags)), sorted(images)


@functools.lru_cache(maxsize=4)
def load_corpus(repo: Path = REPO, require_sources: bool = True) -> Corpus:
    """The text entries are made of. Without the Debian sources (`require_sources=False`, for tests) the
    samples alone supply the prose and the syllables: valid entries, but too small a vocabulary to measure."""
    domain, bullets, titles, tags, images = _samples(repo)
    try:
        prose, syllables = list(_prose()), list(_syllables())
    except MissingSource:
        if require_sources:
            raise
        prose = [s for sentences in domain.values() for s in sentences]
        syllables = sorted({w.lower() for s in prose for w in re.findall(r"[^\W\d_]+", s) if len(w) > 1})
    return Corpus(domain=domain, bullets=bullets, prose=prose, syllables=syllables, titles=titles, tags=tags, images=images)


# --- making entries -----------------------------------------------------------------------------
def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _name_word(rng: random.Random, corpus: Corpus) -> str:
    return _cap(rng.choice(corpus.syllables))


def _person(rng: random.Random, corpus: Corpus) -> str:
    return f"{rng.choice(SURNAMES)} {rng.choice(MIDDLES)} {_name_word(rng, corpus)}"


def _hamlet(rng: random.Random, corpus: Corpus) -> str:
    kind = rng.choice(("thôn", "thôn", "buôn", "bon", "tổ dân phố"))
    if kind in ("thôn", "tổ dân phố") and rng.random() < 0.6:
        return f"{kind} {rng.randint(1, 20)}"
    return f"{kind} {_name_word(rng, corpus)} {_name_word(rng, corpus)}"


def _sentence(rng: random.Random, corpus: Corpus, section: str, domain_share: float = 0.55) -> str:
    if rng.random() < domain_share and corpus.domain.get(section):
        return rng.choice(corpus.domain[section])
    return rng.choice(corpus.prose)


def _span(rng: random.Random, corpus: Corpus) -> str:
    """A few consecutive words of a real sentence, for a title."""
    source = _sentence(rng, corpus, rng.choice(("Thực trạng", "Giải pháp", "Hiệu quả")), domain_share=0.5)
    # Words only: a number cut out of its sentence ("215.000.000" → "215 000 000") reads as an ID number,
    # which validation rightly refuses.
    words = re.findall(r"[^\W\d_][\w']*", source)
    size = rng.randint(3, 7)
    start = rng.randint(0, max(0, len(words) - size))
    return " ".join(words[start:start + size]).lower()


def _title(rng: random.Random, corpus: Corpus, place: str) -> str:
    roll = rng.random()
    if roll < 0.25:
        title = rng.choice(corpus.titles)
    else:
        title = f"{rng.choice(TITLE_HEADS)} {_span(rng, corpus)}"
    if rng.random() < 0.45:
        title += f" ở {place}"
    return _cap(title)[:190]


def _summary(rng: random.Random, corpus: Corpus) -> str:
    parts = [_sentence(rng, corpus, rng.choice(SECTIONS[:4]))]
    extra = _sentence(rng, corpus, rng.choice(SECTIONS[:4]))
    if rng.random() < 0.5 and len(parts[0]) + len(extra) + 1 <= 300:
        parts.append(extra)
    text = " ".join(parts)
    return text if len(text) <= 300 else text[:297].rsplit(" ", 1)[0] + "…"


def _date_in(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randint(0, max(0, (end - start).days)))


def _body(rng: random.Random, corpus: Corpus, place: str, person: str, applied: dt.date | None,
          benefits: dict[str, int], tax: Taxonomy) -> str:
    out = []
    for section in SECTIONS:
        if section == "Cách nhân rộng" and rng.random() < 0.5:
            continue
        out.append(f"## {section}\n")
        if section == "Điều kiện áp dụng":
            for _ in range(rng.randint(2, 4)):
                item = rng.choice(corpus.bullets) if rng.random() < 0.6 else rng.choice(corpus.prose)
                out.append(f"- {item}")
            out.append("")
            continue
        for _ in range(rng.randint(1, 2)):
            sentences = [_sentence(rng, corpus, section) for _ in range(rng.randint(2, 4))]
            if section == "Giải pháp" and person and rng.random() < 0.7:
                sentences.insert(rng.randint(0, len(sentences)), f"Mô hình do {person} ở {place} đề xuất và trực tiếp thực hiện.")
                person = ""
            if section == "Hiệu quả" and (applied or benefits):
                said = [f"{tax.benefit_by_key[k].name.lower()} đạt {format_number(v)} {tax.benefit_by_key[k].unit}"
                        for k, v in benefits.items()]
                since = f"Từ ngày {applied.day}/{applied.month}/{applied.year}" if applied else "Sau một năm triển khai"
                sentences.insert(0, f"{since}, {', '.join(said) or 'kết quả được nhân dân ghi nhận'}.")
                benefits = {}
                applied = None
            out.append(" ".join(sentences) + "\n")
    return "\n".join(out).rstrip() + "\n"


def _yaml(value) -> str:
    # JSON strings are valid YAML double-quoted scalars, with every escape YAML needs.
    return json.dumps(value, ensure_ascii=False)


@dataclass
class Texts:
    """What an entry says, as opposed to its facts: written by a voice (`SampleVoice` here, bench/eval_corpus.py's
    own for the search evaluation)."""

    title: str
    summary: str
    body: str
    tags: list[str]


class SampleVoice:
    """Entries made of real sentences drawn at random (see the module's docstring): text a search must cope
    with, though titles and summaries need not be about the same thing."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus

    def person(self, rng: random.Random) -> str:
        return _person(rng, self.corpus)

    def hamlet(self, rng: random.Random) -> str:
        return _hamlet(rng, self.corpus)

    def texts(self, rng: random.Random, place: str, person: str, applied: dt.date | None, benefits: dict[str, int],
              tax: Taxonomy) -> Texts:
        corpus = self.corpus
        title = _title(rng, corpus, place)
        summary = _summary(rng, corpus)
        body = _body(rng, corpus, place, person, applied, benefits, tax)
        tags = rng.sample(corpus.tags, rng.randint(1, 4)) if corpus.tags else []
        return Texts(title, summary, body, tags)


def make_entry(rng: random.Random, corpus: Corpus, tax: Taxonomy, taken: set[str], voice=None) -> tuple[str, str, Path | None]:
    """One entry file: (relative path, text, image to copy beside it or None)."""
    voice = voice or SampleVoice(corpus)
    year = rng.choices(range(FIRST_YEAR, LAST_YEAR + 1), weights=range(1, LAST_YEAR - FIRST_YEAR + 2))[0]
    units = tax.units_valid_in(year)
    unit = rng.choice(units)
    area = rng.choices([a.number for a in tax.areas], weights=[30, 35, 20, 10, 5][:len(tax.areas)] or None)[0]
    etype = rng.choices([t.slug for t in tax.types], weights=[40, 20, 15, 25][:len(tax.types)] or None)[0]
    place = f"{voice.hamlet(rng)}, {tax.unit_label(unit.slug)}"
    person = voice.person(rng)
    start = max(dt.date(year, 1, 1), unit.valid_from or dt.date.min)
    end = min(dt.date(year, 12, 31), unit.valid_until or dt.date.max, dt.date(LAST_YEAR, 11, 1))
    applied = _date_in(rng, start, end) if rng.random() < 0.8 else None
    status = rng.choices([None, "de-xuat", "ap-dung", "nhan-rong"], weights=[30, 15, 35, 20])[0]
    others = [u.slug for u in units if u.slug != unit.slug]
    replicated = rng.sample(others, rng.randint(1, min(3, len(others)))) if (status == "nhan-rong" or rng.random() < 0.1) and others else []
    if status == "nhan-rong" and not replicated:
        status = "ap-dung"
    keys = rng.sample(sorted(BENEFIT_RANGES), rng.randint(0, 3))
    benefits = {}
    for key in keys:
        low, high, step = BENEFIT_RANGES[key]
        benefits[key] = rng.randint(low, high) * step
    texts = voice.texts(rng, place, person, applied, benefits, tax)
    title = texts.title
    base = slugify(title)[:60].strip("-") or "sang-kien"
    slug, n = base, 1
    while slug in taken:
        n += 1
        slug = f"{base}-{n}"
    taken.add(slug)

    lines = ["---", f"title: {_yaml(title)}", f"type: {etype}", f"area: {area}", f"unit: {unit.slug}",
             f"year: {year}", f"summary: {_yaml(texts.summary)}"]
    if rng.random() < 0.8:
        lines.append(f"organization: {rng.choice(tax.organizations).slug}")
    authors = [f"{rng.choice(('Ông', 'Bà', 'Anh', 'Chị'))} {person}, {voice.hamlet(rng)}"]
    if rng.random() < 0.4:
        authors.append(f"Ban Công tác Mặt trận {voice.hamlet(rng)}")
    lines.append("authors:")
    lines += [f"  - {_yaml(a)}" for a in authors]
    if status:
        lines.append(f"status: {status}")
    if applied:
        lines.append(f"applied_since: {applied.isoformat()}")
    if replicated:
        lines.append("replicated_in:")
        lines += [f"  - {s}" for s in replicated]
    if rng.random() < 0.2:
        lines.append("recognition:")
        for level in sorted(rng.sample(list(AWARDS), rng.randint(1, 2)), key=list(AWARDS).index):
            award = rng.choice(AWARDS[level]).format(place=unit.name, province=unit.province)
            lines += [f"  - level: {level}", f"    year: {min(LAST_YEAR, year + rng.randint(0, 1))}",
                      f"    title: {_yaml(award)}"]
    if benefits:
        lines.append("benefits:")
        lines += [f"  {k}: {v}" for k, v in benefits.items()]
    tags = texts.tags
    if tags:
        lines.append(f"tags: {_yaml(tags)}")
    image = None
    if corpus.images and rng.random() < 0.08:
        image = rng.choice(corpus.images)
        lines.append(f"image: {slug}{image.suffix}")
        lines.append(f"image_alt: {_yaml('Hình minh họa ' + title[0].lower() + title[1:])}")
    if rng.random() < 0.01:
        lines.append("featured: true")
    lines.append("---")
    return f"initiatives/{year}/{slug}.md", "\n".join(lines) + "\n\n" + texts.body, image


def copy_project_files(target: Path, repo: Path = REPO) -> None:
    target.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_FILES:
        shutil.copy2(repo / name, target / name)
    for name in PROJECT_DIRS:
        shutil.copytree(repo / name, target / name, dirs_exist_ok=True)


def generate(target: Path, n: int, seed: int = DEFAULT_SEED, repo: Path = REPO, require_sources: bool = True,
             voice=None) -> Path:
    """Write a whole project (taxonomy, config, templates, pages and `n` entries) into `target`; `voice`
    writes what entries say (default: `SampleVoice`, real sentences at random)."""
    target = Path(target)
    corpus = load_corpus(repo, require_sources)
    tax = project.load_taxonomy(repo)
    copy_project_files(target, repo)
    if (target / "initiatives").exists():
        shutil.rmtree(target / "initiatives")
    rng = random.Random(seed)
    taken: set[str] = set()
    for _ in range(n):
        rel, text, image = make_entry(rng, corpus, tax, taken, voice)
        path = target / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        if image is not None:
            shutil.copyfile(image, path.with_suffix(image.suffix))
    return target


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(description="Write a synthetic project with N entries.")
    parser.add_argument("target", type=Path)
    parser.add_argument("-n", type=int, default=100)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = parser.parse_args(argv)
    generate(args.target, args.n, args.seed)
    corpus = load_corpus()
    print(f"{args.n} entries in {args.target} ({len(corpus.prose)} prose sentences, {corpus.words} distinct words)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
