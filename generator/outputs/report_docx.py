"""The 20 November report (generator.outputs.reports.Report) as the Word document an officer completes and signs.

Laid out as Vietnamese administrative documents are (Nghị định 30/2020/NĐ-CP, Phụ lục I), like the plan it
answers (Kế hoạch 44/KH-MTTQ-BTT): A4; margins 20 mm top and bottom, 30 mm left, 15 mm right; Times New Roman;
the issuing body top left and the national motto top right, each over a short rule, in a borderless table;
"Số: ……/BC-MTTQ-BTT" and "<nơi>, ngày …… tháng …… năm ……"; "BÁO CÁO" and its subject; numbered sections;
"Nơi nhận" bottom left and the signatory's title bottom right; page numbers at the top from page 2.

What the catalogue knows is filled in (results by the plan's five contents and by type, models and where they
were replicated, commendations by level, measured benefits, the list of initiatives). What only a person can
write (number, date, propaganda work, assessment, direction for next year, signature) is a headed section of
dotted blanks ("……"), never invented text. Issuer, place, signatory and recipients come from the taxonomy
(`report_document:` in `site:` and in a unit).

python-docx lays the document out once per catalogue (`Template`): page and styles, the page-number header,
and one prototype of every block, a table cell of each kind and width included. A report is those prototypes'
XML with its text in the slots, zipped with the template's other parts. Building each report through
python-docx cost 4.3 s for a 1,000-row table (each row and cell a walk of the tree), and a build at
10,000 entries lists every entry in two or three reports; filling the prototypes is string work, and an
entry's row is made once for all the reports that list it. The bytes are the same for the same data: every
date inside (core.xml, the zip entries) is the report's deadline.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass
from xml.sax.saxutils import escape

from docx import Document
from docx.enum.section import WD_SECTION_START
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT, WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from lxml import etree

from generator.catalog.catalog import Catalog
from generator.common.text import format_number
from generator.outputs.reports import MOTTO, NATION, Grid, Item, Report
from generator.pages import views

FONT = "Times New Roman"
PAGE = (Mm(210), Mm(297))  # A4
MARGINS = {"top": Mm(20), "bottom": Mm(20), "left": Mm(30), "right": Mm(15)}
TEXT_MM = 210 - 30 - 15  # the width between the margins
BODY_PT = 14  # body text; Nghị định 30: 13–14
TABLE_PT = 13  # tables, letterhead, page number
RECIPIENTS_PT = (12, 11)  # "Nơi nhận:" and its lines (Nghị định 30: 12 and 11)
INDENT = Mm(10)  # first line of a paragraph (Nghị định 30: 1–1.27 cm)

BLANK = "……"  # a blank the officer fills in
DOTS = "…" * 31  # a line to write on
SLOT = "\ue000"  # where a prototype takes its text (a private-use character: never in an entry)
_NO_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ue000]")
_NS_DECL = re.compile(r' xmlns:\w+="[^"]*"')

# The sections an officer writes, after the catalogue's figures; each is a heading over dotted lines.
PROPAGANDA = ("I. CÔNG TÁC THÔNG TIN, TUYÊN TRUYỀN, VẬN ĐỘNG HƯỞNG ỨNG PHONG TRÀO",
              ["1. Nội dung tuyên truyền", "2. Hình thức tuyên truyền", "3. Đối tượng và kết quả tuyên truyền"])
RESULTS = "II. KẾT QUẢ THỰC HIỆN PHONG TRÀO"
ASSESSMENT = ("III. ĐÁNH GIÁ CHUNG", ["1. Ưu điểm", "2. Hạn chế, nguyên nhân"])
DIRECTION = "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM {year}"
PROPOSALS = "V. ĐỀ XUẤT, KIẾN NGHỊ"
NO_ROWS = "Không có mục nào."
RECIPIENTS_HEAD = "Nơi nhận:"

# Widths in millimetres of each table's columns: the first (name) column takes what the others leave.
_NUMBER_MM = 20


def _widths(key: str, columns: int) -> list[float]:
    fixed = {
        "danh-sach": [13, 44, 27, 26, 22, 33],
        "nhan-rong": [62, 36, 25, 42],
        "nhan-rong-den": [70, 45, 50],
        "khen-thuong-chi-tiet": [24, 50, 55, 36],
        "hieu-qua": [68, 40, 25, 32],
        "khen-thuong": [110, 55],
        "trang-thai": [110, 55],
    }.get(key)
    if fixed and len(fixed) == columns:
        return fixed
    rest = TEXT_MM - _NUMBER_MM * (columns - 1)
    return [rest] + [_NUMBER_MM] * (columns - 1)


def _fragment(element) -> str:
    """An element's XML without the namespace declarations the document's root already makes."""
    return _NS_DECL.sub("", etree.tostring(element, encoding="unicode"))


def text_xml(value: object) -> str:
    """A value as the inside of a <w:t>: escaped, numbers grouped the Vietnamese way, line breaks kept."""
    if value is None:
        return ""
    if isinstance(value, bool):
        value = str(value)
    if isinstance(value, int):
        return format_number(value)
    text = str(value)
    if not text.isprintable():  # rare: a line break, or a character XML cannot carry
        text = _NO_XML.sub("", text)
    text = escape(text)
    if "\n" in text:
        text = text.replace("\n", '</w:t><w:br/><w:t xml:space="preserve">')
    return text


class _Proto:
    """A block of WordprocessingML with slots, filled by position."""

    __slots__ = ("parts",)

    def __init__(self, xml: str):
        # Every slot sits in a <w:t> that keeps its spaces.
        self.parts = xml.replace(f"<w:t>{SLOT}", f'<w:t xml:space="preserve">{SLOT}').split(SLOT)

    def fill(self, *values: object) -> str:
        parts = self.parts
        out = [parts[0]]
        for value, part in zip(values, parts[1:]):
            out.append(text_xml(value))
            out.append(part)
        return "".join(out)

    @classmethod
    def row(cls, before: str, cells: list["_Proto"], after: str) -> "_Proto":
        """A table row of cells, one slot per cell: filled in one call."""
        proto = cls.__new__(cls)
        parts = [before]
        for cell in cells:
            first, *rest = cell.parts
            parts[-1] += first
            parts += rest
        parts[-1] += after
        proto.parts = parts
        return proto


@dataclass(frozen=True)
class _Kind:
    """A kind of table cell: a paragraph style of the template (its name shows in Word's list of styles)."""

    style_id: str
    name: str
    bold: bool = False
    italic: bool = False
    center: bool = False
    indent: bool = False  # a row counted in the row above it, set in
    keep: bool = False  # kept on the page of the next row: a short table is never cut after a row or two

    def kept(self) -> "_Kind":
        return _Kind(self.style_id + "Lien", self.name + " (giữ liền)", self.bold, self.italic, self.center,
                     self.indent, True)


_HEAD = _Kind("BangDau", "Bảng – dòng đầu", bold=True, center=True)
_TEXT = _Kind("BangChu", "Bảng – chữ")
_NUMBER = _Kind("BangSo", "Bảng – số", center=True)
_TOTAL_TEXT = _Kind("BangTong", "Bảng – dòng tổng", bold=True)
_TOTAL_NUMBER = _Kind("BangTongSo", "Bảng – số dòng tổng", bold=True, center=True)
_PART = _Kind("BangThut", "Bảng – dòng thụt vào", italic=True, indent=True)
_PART_NUMBER = _Kind("BangThutSo", "Bảng – số dòng thụt vào", italic=True, center=True)
_EMPTY = _Kind("BangTrong", "Bảng – không có mục", italic=True, center=True)
_LOOSE = (_HEAD, _TEXT, _NUMBER, _TOTAL_TEXT, _TOTAL_NUMBER, _PART, _PART_NUMBER, _EMPTY)
KINDS = _LOOSE + tuple(k.kept() for k in _LOOSE)
KEEP_ROWS = 15  # a table of at most this many rows stays on one page


class Template:
    """The document every report fills: made with python-docx once per catalogue."""

    def __init__(self):
        doc = self.doc = Document()
        self._setup_package(doc)
        self._setup_styles(doc)
        self._setup_section(doc)
        self.body = doc.element.body
        self.p: dict[str, _Proto] = {}
        self._paragraphs()
        self._letterhead()
        self._signature()
        self._cells: dict[tuple[int, _Kind], _Proto] = {}
        self._grids: dict[tuple, str] = {}
        self._tables: dict[tuple, _Table] = {}
        head_row = OxmlElement("w:tr")
        head_row.append(self._tr_pr(header=True))
        self.tr_head = _fragment(head_row).replace("</w:tr>", "")
        row = OxmlElement("w:tr")
        row.append(self._tr_pr(header=False))
        self.tr = _fragment(row).replace("</w:tr>", "")
        # The document part around the body, and the package's other parts, taken once.
        for child in list(self.body):
            if child.tag != qn("w:sectPr"):
                self.body.remove(child)
        whole = etree.tostring(doc.element, encoding="unicode")
        cut = whole.index("<w:sectPr")
        self.prefix = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + whole[:cut]
        self.suffix = whole[cut:]
        out = io.BytesIO()
        doc.save(out)
        with zipfile.ZipFile(out) as z:
            self.parts = [(i.filename, z.read(i.filename)) for i in z.infolist()]

    # --- the package ----------------------------------------------------------------------------
    @staticmethod
    def _setup_package(doc) -> None:
        """Only the parts a report uses: python-docx's default template also carries Word 2010 style effects,
        web settings, numbering, custom XML and a thumbnail, 800 KB of XML that every report would repeat."""
        part = doc.part
        for r_id, rel in list(part.rels.items()):
            if rel.reltype.rsplit("/", 1)[-1] in ("stylesWithEffects", "webSettings", "numbering", "customXml"):
                part.drop_rel(r_id)
        package_rels = part.package.rels
        for r_id, rel in list(package_rels.items()):
            if rel.reltype.endswith("/thumbnail"):
                package_rels.pop(r_id)

    def _setup_styles(self, doc) -> None:
        styles = doc.styles.element
        keep = {"Normal", "DefaultParagraphFont", "TableNormal", "NoList", "TableGrid", "Header", "Heading1", "Heading2"}
        for child in list(styles):
            if child.tag == qn("w:latentStyles"):
                styles.remove(child)
            elif child.tag == qn("w:style") and child.get(qn("w:styleId")) not in keep:
                styles.remove(child)
        for st in styles.iterchildren(qn("w:style")):
            for link in st.findall(qn("w:link")):
                st.remove(link)
        # Defaults: Times New Roman for every script, Vietnamese, 14 pt.
        defaults = styles.find(qn("w:docDefaults"))
        rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
        for child in list(rpr):
            rpr.remove(child)
        rpr.append(self._fonts())
        for tag, val in (("w:sz", str(BODY_PT * 2)), ("w:szCs", str(BODY_PT * 2))):
            el = OxmlElement(tag)
            el.set(qn("w:val"), val)
            rpr.append(el)
        lang = OxmlElement("w:lang")
        lang.set(qn("w:val"), "vi-VN")
        lang.set(qn("w:eastAsia"), "vi-VN")
        lang.set(qn("w:bidi"), "ar-SA")
        rpr.append(lang)
        normal = doc.styles["Normal"]
        normal.font.name = FONT
        normal.font.size = Pt(BODY_PT)
        self._all_scripts(normal)
        fmt = normal.paragraph_format
        fmt.space_before, fmt.space_after, fmt.line_spacing = Pt(0), Pt(6), 1.0
        fmt.widow_control = True
        for name, size in (("Heading 1", BODY_PT), ("Heading 2", BODY_PT)):
            st = doc.styles[name]
            rpr = st.element.rPr
            if rpr is not None:
                st.element.remove(rpr)
            st.font.name, st.font.size, st.font.bold = FONT, Pt(size), True
            st.font.italic = False
            st.font.color.rgb = RGBColor(0, 0, 0)
            self._all_scripts(st)
            pf = st.paragraph_format
            pf.space_before, pf.space_after, pf.keep_with_next = Pt(6), Pt(6), True
            pf.first_line_indent, pf.alignment = INDENT, WD_ALIGN_PARAGRAPH.LEFT
        header = doc.styles["Header"]
        header.font.size = Pt(TABLE_PT)
        # Table cells: one paragraph style per kind, so a cell's XML is its width, its style and its text.
        for kind in KINDS:
            st = doc.styles.add_style(kind.name, WD_STYLE_TYPE.PARAGRAPH)
            st.style_id = kind.style_id
            st.base_style = normal
            st.font.size = Pt(TABLE_PT)
            st.font.bold, st.font.italic = kind.bold or None, kind.italic or None
            pf = st.paragraph_format
            pf.space_before = pf.space_after = Pt(2)
            pf.first_line_indent = Mm(0)
            pf.alignment = WD_ALIGN_PARAGRAPH.CENTER if kind.center else WD_ALIGN_PARAGRAPH.LEFT
            if kind.indent:
                pf.left_indent = Mm(4)
            if kind.keep:
                pf.keep_with_next = True

    @staticmethod
    def _all_scripts(style) -> None:
        fonts = style.element.rPr.rFonts
        for attr in ("w:eastAsia", "w:cs"):
            fonts.set(qn(attr), FONT)

    @staticmethod
    def _fonts():
        fonts = OxmlElement("w:rFonts")
        for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            fonts.set(qn(attr), FONT)
        return fonts

    @staticmethod
    def _setup_section(doc) -> None:
        section = doc.sections[0]
        section.start_type = WD_SECTION_START.NEW_PAGE
        section.page_width, section.page_height = PAGE
        for side, value in MARGINS.items():
            setattr(section, f"{side}_margin", value)
        section.header_distance = section.footer_distance = Mm(10)
        # Page numbers at the top, centred, from page 2: the first page has a header of its own, empty.
        section.different_first_page_header_footer = True
        section.first_page_header.is_linked_to_previous = False
        section.first_page_footer.is_linked_to_previous = False
        section.footer.is_linked_to_previous = False
        p = section.header.paragraphs[0]
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = p.add_run()
        run.font.size = Pt(TABLE_PT)
        for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "2"), ("end", None)):
            if kind:
                el = OxmlElement("w:fldChar")
                el.set(qn("w:fldCharType"), kind)
            elif text == " PAGE ":
                el = OxmlElement("w:instrText")
                el.set(qn("xml:space"), "preserve")
                el.text = text
            else:
                el = OxmlElement("w:t")
                el.text = text
            run._r.append(el)

    # --- paragraphs -----------------------------------------------------------------------------
    def _para(self, name: str, style: str | None = None, *, align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent=INDENT,
              bold=False, italic=False, size=None, before=None, after=None, keep=False, text=SLOT):
        p = self.doc.add_paragraph(style=style)
        fmt = p.paragraph_format
        if align is not None:
            fmt.alignment = align
        if indent is not None:
            fmt.first_line_indent = indent
        if before is not None:
            fmt.space_before = Pt(before)
        if after is not None:
            fmt.space_after = Pt(after)
        if keep:
            fmt.keep_with_next = True
        run = p.add_run(text)
        run.bold, run.italic = bold or None, italic or None
        if size:
            run.font.size = Pt(size)
        self.p[name] = _Proto(_fragment(p._p))
        return p

    def _rule(self, name: str, width_mm: float, within_mm: float, *, after: float = 0) -> None:
        """A short centred line: an empty paragraph with a bottom border, narrowed by its indents."""
        p = self.doc.add_paragraph()
        fmt = p.paragraph_format
        side = Mm((within_mm - width_mm) / 2)
        fmt.left_indent, fmt.right_indent, fmt.first_line_indent = side, side, Mm(0)
        fmt.space_before, fmt.space_after, fmt.line_spacing = Pt(0), Pt(after), Pt(3)
        ppr = p._p.get_or_add_pPr()
        border = OxmlElement("w:pBdr")
        bottom = OxmlElement("w:bottom")
        for attr, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
            bottom.set(qn(attr), value)
        border.append(bottom)
        # pBdr comes before spacing and indentation in a paragraph's properties.
        spacing = ppr.find(qn("w:spacing"))
        (spacing if spacing is not None else ppr.find(qn("w:ind"))).addprevious(border)
        run = p.add_run()
        run.font.size = Pt(2)
        self.p[name] = _Proto(_fragment(p._p))

    def _paragraphs(self) -> None:
        center = WD_ALIGN_PARAGRAPH.CENTER
        self._para("title", align=center, indent=None, bold=True, before=18, after=0, keep=True)
        self._para("subject", align=center, indent=None, bold=True, after=2, keep=True)
        self._rule("subject rule", 40, TEXT_MM, after=12)
        self._para("body")
        self._para("h1", "Heading 1", align=None, indent=None)  # as the style says
        self._para("h2", "Heading 2", align=None, indent=None)
        self._para("dots", align=WD_ALIGN_PARAGRAPH.LEFT, indent=Mm(0), after=3)
        self._para("caption", align=center, indent=None, italic=True, size=TABLE_PT, before=6, after=3, keep=True)
        self._para("after table", align=center, indent=None, size=4, after=0, text="")
        self._para("closing", before=6, keep=True)  # on the page of the signature

    # --- the letterhead and the signature ------------------------------------------------------
    def _cell_para(self, cell, text: str, *, first: bool = False, bold=False, italic=False, size=TABLE_PT,
                   align=WD_ALIGN_PARAGRAPH.CENTER, after=0, before=0):
        p = cell.paragraphs[0] if first else cell.add_paragraph()
        fmt = p.paragraph_format
        fmt.alignment, fmt.first_line_indent = align, Mm(0)
        fmt.space_before, fmt.space_after = Pt(before), Pt(after)
        run = p.add_run(text)
        run.bold, run.italic = bold or None, italic or None
        run.font.size = Pt(size)
        return p

    def _layout_table(self, widths_mm: list[float], indent_mm: float = 0):
        table = self.doc.add_table(rows=1, cols=len(widths_mm))
        table.autofit = False
        table.alignment = WD_TABLE_ALIGNMENT.CENTER if not indent_mm else None
        for cell, w in zip(table.rows[0].cells, widths_mm):
            cell.width = Mm(w)
        for col, w in zip(table.columns, widths_mm):
            col.width = Mm(w)
        table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))  # never half a signature block
        tbl_pr = table._tbl.tblPr
        layout = OxmlElement("w:tblLayout")
        layout.set(qn("w:type"), "fixed")
        tbl_pr.append(layout)
        if indent_mm:
            ind = OxmlElement("w:tblInd")
            ind.set(qn("w:w"), str(int(Mm(indent_mm).twips)))
            ind.set(qn("w:type"), "dxa")
            tbl_pr.append(ind)
        return table

    def _move_rule(self, cell) -> None:
        """Put the rule _rule just made at the end of a cell."""
        rule = self.body[-2]  # the paragraph before the section properties
        cell._tc.append(rule)

    def _letterhead(self) -> None:
        # Issuer on the left, the nation on the right: 65 + 105 mm, reaching 5 mm into the left margin.
        left_mm, right_mm = 68, 107
        table = self._layout_table([left_mm, right_mm], indent_mm=-5)
        left, right = table.rows[0].cells
        self._cell_para(left, SLOT, first=True)  # the Front of the unit, a line each
        self._cell_para(left, SLOT, bold=True)  # the issuer
        self._rule("issuer rule", 22, left_mm)
        self._move_rule(left)
        self._cell_para(left, SLOT, before=6)  # Số: ……/BC-MTTQ-BTT
        self._cell_para(right, NATION, first=True, bold=True, size=12)
        self._cell_para(right, MOTTO, bold=True, size=BODY_PT)
        self._rule("motto rule", 62, right_mm)
        self._move_rule(right)
        self._cell_para(right, SLOT, italic=True, size=BODY_PT, before=6)  # <place>, ngày …… tháng …… năm ……
        self.p["letterhead"] = _Proto(_fragment(table._tbl))

    def _signature(self) -> None:
        table = self._layout_table([85, 80])
        left, right = table.rows[0].cells
        self._cell_para(left, RECIPIENTS_HEAD, first=True, bold=True, italic=True, size=RECIPIENTS_PT[0],
                        align=WD_ALIGN_PARAGRAPH.LEFT)
        self._cell_para(left, SLOT, size=RECIPIENTS_PT[1], align=WD_ALIGN_PARAGRAPH.LEFT)  # the recipients
        self._cell_para(right, SLOT, first=True, bold=True, size=BODY_PT)  # TM. BAN THƯỜNG TRỰC / CHỦ TỊCH
        for _ in range(4):
            self._cell_para(right, "", size=BODY_PT)
        self._cell_para(right, DOTS[:14], bold=True, size=BODY_PT)  # the signatory's name
        self.p["signature"] = _Proto(_fragment(table._tbl))

    # --- tables of figures ----------------------------------------------------------------------
    @staticmethod
    def _tr_pr(header: bool):
        pr = OxmlElement("w:trPr")
        pr.append(OxmlElement("w:cantSplit"))
        if header:
            pr.append(OxmlElement("w:tblHeader"))  # repeated at the top of each page
        return pr

    def table_open(self, widths_mm: tuple[float, ...]) -> str:
        """<w:tbl> with its properties and grid, bordered, fixed widths, centred."""
        xml = self._grids.get(widths_mm)
        if xml is None:
            table = self._layout_table(list(widths_mm))
            table.style = self.doc.styles["Table Grid"]
            self.body.remove(table._tbl)
            for tr in table._tbl.tr_lst:
                table._tbl.remove(tr)
            xml = self._grids[widths_mm] = _fragment(table._tbl).replace("</w:tbl>", "")
        return xml

    def cell(self, width_mm: float, kind: _Kind) -> _Proto:
        key = (round(Mm(width_mm).twips), kind)
        proto = self._cells.get(key)
        if proto is None:
            table = self.doc.add_table(rows=1, cols=1)
            cell = table.cell(0, 0)
            cell.width = Mm(width_mm)
            if kind is _HEAD:
                cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            p = cell.paragraphs[0]
            p.style = self.doc.styles[kind.name]
            p.add_run(SLOT)
            proto = self._cells[key] = _Proto(_fragment(cell._tc))
            self.body.remove(table._tbl)
        return proto

    def table(self, key: str, columns: int, numeric: tuple[bool, ...], keep: bool = False) -> "_Table":
        found = self._tables.get((key, numeric, keep))
        if found is None:
            found = self._tables[(key, numeric, keep)] = _Table(self, key, columns, list(numeric), keep)
        return found


TEMPLATE_KEY = "docx template"


def template(cat: Catalog) -> Template:
    """The catalogue's template, made on first use (its layout depends on nothing else)."""
    found = cat.derived.get(TEMPLATE_KEY)
    if found is None:
        found = cat.derived[TEMPLATE_KEY] = Template()
    return found


class _Table:
    """A table's opening (widths, borders) and a prototype of each kind of row, a slot per cell."""

    def __init__(self, t: Template, key: str, columns: int, numeric: list[bool], keep: bool = False):
        widths = _widths(key, columns)
        self.open = t.table_open(tuple(widths))

        def row(kinds, before=t.tr):
            return _Proto.row(before, [t.cell(w, k.kept() if keep else k) for w, k in zip(widths, kinds)], "</w:tr>")

        self.head = row([_HEAD] * columns, t.tr_head)
        self.body = row([_NUMBER if n else _TEXT for n in numeric])
        self.part = row([_PART if i == 0 else (_PART_NUMBER if n else _PART) for i, n in enumerate(numeric)])
        self.foot = row([_TOTAL_NUMBER if n else _TOTAL_TEXT for n in numeric])
        # The items' list: the number alone, then the rest of the row (the same in every report listing the entry).
        self.number = _Proto.row(t.tr, [t.cell(widths[0], _NUMBER)], "")
        self.rest = _Proto.row("", [t.cell(w, _TEXT) for w in widths[1:]], "</w:tr>")
        empty = t.cell(sum(widths), _EMPTY).parts
        span = f'<w:gridSpan w:val="{columns}"/></w:tcPr>'
        self.empty = _Proto(t.tr + SLOT.join(empty).replace("</w:tcPr>", span, 1) + "</w:tr>")
        self.rows: dict[tuple, str] = {}  # a row's XML by its values: most rows recur in several reports

    def render(self, head: list, rows: list[tuple[list, bool]], foot: list | None) -> str:
        out = [self.open, self.head.fill(*head)]
        done = self.rows
        for values, part in rows:
            key = (part, *values)
            xml = done.get(key)
            if xml is None:
                xml = done[key] = (self.part if part else self.body).fill(*values)
            out.append(xml)
        if not rows:
            out.append(self.empty.fill(NO_ROWS))
        if foot:
            out.append(self.foot.fill(*foot))
        out.append("</w:tbl>")
        return "".join(out)


def _grid_xml(t: Template, grid: Grid) -> str:
    sample = grid.rows[0].values if grid.rows else (grid.foot or grid.head)
    numeric = [isinstance(v, int) for v in sample]
    if grid.foot:
        numeric = [a or isinstance(b, int) for a, b in zip(numeric, grid.foot)]
    numeric[0] = False
    table = t.table(grid.key, len(grid.head), tuple(numeric), keep=len(grid.rows) <= KEEP_ROWS)
    rows = [(r.values, r.part) for r in grid.rows]
    return (t.p["caption"].fill(grid.caption) + table.render(grid.head, rows, grid.foot)
            + t.p["after table"].fill())


ITEM_HEAD = ["STT", views.label("title"), views.label("unit"), views.label("organization"), views.label("type"),
             "Hiệu quả"]


def benefits_text(cat: Catalog, item: Item) -> str:
    """An entry's measured results, a line each: 'Số hộ hưởng lợi: 120 hộ'."""
    tax = cat.taxonomy
    return "\n".join(f"{b.name}: {format_number(item.benefits[b.key])} {b.unit}" for b in tax.benefits
                     if item.benefits.get(b.key) is not None)


def _items_xml(cat: Catalog, t: Template, rep: Report) -> str:
    table = t.table("danh-sach", len(ITEM_HEAD), (True, False, False, False, False, False))
    done = rep.cache.setdefault("docx", {})  # an entry's cells after its number, the same in every report
    out = [table.open, table.head.fill(*ITEM_HEAD)]
    number, rest = table.number, table.rest
    for item in rep.items:
        cells = done.get(item.record.slug)
        if cells is None:
            cells = done[item.record.slug] = rest.fill(item.title, item.unit, item.organization, item.type,
                                                       benefits_text(cat, item))
        out += [number.fill(item.number), cells]
    if not rep.items:
        out.append(table.empty.fill(NO_ROWS))
    out.append("</w:tbl>")
    return "".join(out)


def _reports_to(cat: Catalog, rep: Report) -> str:
    """The Front the issuing unit reports to: its parent's, or its province's."""
    tax = cat.taxonomy
    front = rep.author[: -len(tax.unit_label(rep.body_unit))].strip() if rep.body_unit else ""
    if rep.body_unit:
        unit = tax.unit_by_slug[rep.body_unit]
        if unit.parent:
            return f"{front} {tax.unit_label(unit.parent)}"
        return f"{front} tỉnh {unit.province}"
    return tax.site.superior_body


def letter(cat: Catalog, rep: Report) -> dict:
    """The sender's parts of the document, from the taxonomy: body lines, issuer, number, place and date line,
    signatory, recipients."""
    tax = cat.taxonomy
    doc = tax.report_document(rep.body_unit)
    unit_text = tax.unit_label(rep.body_unit) if rep.body_unit else rep.scope
    recipients = [line.replace("{cấp trên}", _reports_to(cat, rep)).replace("{đơn vị}", unit_text)
                  for line in doc.recipients]
    return {
        "body": [line.upper() for line in (doc.body or rep.body)],
        "issuer": doc.issuer.upper(),
        "number": f"Số: {BLANK}/{doc.symbol}",
        "place_date": f"{doc.place or rep.place}, ngày {BLANK} tháng {BLANK} năm {BLANK}",
        "signatory": [line.upper() for line in doc.signatory],
        "recipients": [f"- {r};" for r in recipients[:-1]] + [f"- {recipients[-1]}."] if recipients else [],
        "sender": f"{doc.issuer} {rep.author}",
    }


def _core_xml(rep: Report, title: str) -> bytes:
    stamp = dt.datetime.combine(rep.date, dt.time()).strftime("%Y-%m-%dT%H:%M:%SZ")
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{escape(title)}</dc:title><dc:creator>{escape(rep.author)}</dc:creator>"
        f"<cp:lastModifiedBy>{escape(rep.author)}</cp:lastModifiedBy><cp:revision>1</cp:revision>"
        "<dc:language>vi-VN</dc:language>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>'
        "</cp:coreProperties>"
    ).encode("utf-8")


def _blank_section(p: dict, heading: str, parts: list[str], lines: int = 2) -> list[str]:
    out = [p["h1"].fill(heading)]
    for part in parts or [None]:
        if part:
            out.append(p["h2"].fill(part))
        out += [p["dots"].fill(DOTS)] * lines
    return out


def document_xml(cat: Catalog, rep: Report, t: Template | None = None) -> str:
    t = t or template(cat)
    p = t.p
    head = letter(cat, rep)
    areas = len(cat.taxonomy.areas)
    out = [t.prefix,
           p["letterhead"].fill("\n".join(head["body"]), head["issuer"], head["number"], head["place_date"]),
           p["title"].fill(rep.title), p["subject"].fill(rep.subtitle), p["subject rule"].fill(),
           p["body"].fill(f"Thực hiện Kế hoạch số {BLANK}/KH-MTTQ-BTT ngày {BLANK} của {BLANK} về tổ chức triển khai "
                          f"thực hiện phong trào thi đua “{cat.taxonomy.site.name}” năm {rep.year}, "
                          f"{head['sender']} báo cáo kết quả thực hiện như sau:")]
    if rep.note:
        out.append(p["body"].fill(rep.note))
    out += _blank_section(p, *PROPAGANDA)
    out += [p["h1"].fill(RESULTS), p["body"].fill(rep.overview),
            p["h2"].fill(f"1. Kết quả theo {areas} nội dung của phong trào"), _grid_xml(t, rep.by_area)]
    if rep.by_unit:
        out.append(_grid_xml(t, rep.by_unit))
    out += [p["h2"].fill("2. Xây dựng và nhân rộng mô hình “Đoàn kết sáng tạo”"), _grid_xml(t, rep.models)]
    if rep.incoming:
        out.append(_grid_xml(t, rep.incoming))
    out += [p["h2"].fill("3. Khen thưởng"), _grid_xml(t, rep.by_level)]
    if rep.awards.rows:
        out.append(_grid_xml(t, rep.awards))
    out += [p["h2"].fill("4. Hiệu quả đo được"), _grid_xml(t, rep.benefits),
            p["h2"].fill("5. Danh sách sáng kiến, mô hình"),
            p["caption"].fill(f"Các sáng kiến, mô hình năm {rep.year}, theo nội dung của phong trào"),
            _items_xml(cat, t, rep), p["after table"].fill()]
    out += _blank_section(p, *ASSESSMENT)
    out += _blank_section(p, DIRECTION.format(year=rep.year + 1), [], lines=3)
    out += _blank_section(p, PROPOSALS, [], lines=2)
    out.append(p["closing"].fill(f"Trên đây là báo cáo kết quả thực hiện phong trào thi đua “{cat.taxonomy.site.name}” "
                                 f"năm {rep.year} của {head['sender']}./."))
    out.append(p["signature"].fill("\n".join(head["recipients"]), "\n".join(head["signatory"])))
    out.append(t.suffix)
    return "".join(out)


def docx(cat: Catalog, rep: Report) -> bytes:
    """The report as a .docx file, byte-identical for the same data."""
    t = template(cat)
    title = f"{rep.title.capitalize()} {rep.subtitle[0].lower()}{rep.subtitle[1:]} – {rep.scope}"
    own = {"word/document.xml": document_xml(cat, rep, t).encode("utf-8"), "docProps/core.xml": _core_xml(rep, title)}
    stamp = rep.date.timetuple()[:6]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in t.parts:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            z.writestr(info, own.get(name, data))
    return out.getvalue()
