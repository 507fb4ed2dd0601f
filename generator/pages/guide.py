"""The editor's guide ("Hướng dẫn biên tập"): a generated page, so nothing in it is written twice.

The field reference comes from the Entry model (titles, descriptions, required or not, kinds of value),
the allowed values from the taxonomy, the validator's messages from `mistakes`, and the GitHub links
from the repository address in the taxonomy.
"""

from __future__ import annotations

import urllib.parse

from generator.common import urls
from generator.pages import views
from generator.catalog.catalog import Catalog
from generator.entries.mistakes import GROUPS, LIMITS, Mistake
from generator.entries.model import Entry, Recognition, taxonomy_list
from generator.pages.pages import Asset, Page
from generator.entries.scaffold import BODY
from generator.entries.scaffold import _example as example_value
from generator.common.taxonomy import Taxonomy
from generator.common.text import format_date, format_number

TITLE = "Hướng dẫn biên tập"
NEW_FILE_NAME = "ten-sang-kien.md"
ISSUE_FORM = "de-xuat-sang-kien.yml"

# Where each taxonomy list is explained on the page (anchor ids of the sections below).
SECTION = {
    "areas": ("linh-vuc", "Lĩnh vực"),
    "types": ("loai", "Loại"),
    "statuses": ("trang-thai", "Trạng thái"),
    "units": ("don-vi", "Đơn vị"),
    "organizations": ("to-chuc", "Tổ chức"),
    "recognition_levels": ("cap-khen-thuong", "Cấp khen thưởng"),
    "benefits": ("chi-so-hieu-qua", "Chỉ số hiệu quả"),
}


def contribute(cat: Catalog, site_url: str) -> tuple[list[Page], list[Asset]]:
    markdown = guide_markdown(cat, site_url)
    page = Page(url=urls.GUIDE, title=TITLE, template="main.html", markdown=markdown, kind="guide",
                description="Cách thêm, sửa một sáng kiến trên GitHub; các trường, giá trị hợp lệ và ý nghĩa thông báo lỗi.")
    return [page], []


# --- small Markdown helpers -------------------------------------------------------------------
def cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return " ".join(str(text).split()).replace("|", "\\|")


def table(head: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    lines += ["| " + " | ".join(cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def code(text: str) -> str:
    return f"`{text}`"


def message_markdown(message: str) -> str:
    """A checker message as Markdown: its `code` spans stay code, other angle brackets are escaped."""
    parts = message.split("`")
    return "`".join(p if i % 2 else p.replace("<", "&lt;") for i, p in enumerate(parts))


# --- links to the repository ------------------------------------------------------------------
def latest_year(cat: Catalog) -> int:
    return max((r.entry.year for r in cat.records), default=cat.taxonomy.site.first_year)


def new_entry_template(cat: Catalog, site_url: str) -> str:
    """The text GitHub's new-file page opens with: every field, required ones to fill, the body's headings."""
    required = [name for name, info in Entry.model_fields.items() if info.is_required()]
    lines = ["---", f"# Bắt buộc: {', '.join(required)}. Giải thích từng trường: "
                    f"{views.absolute(site_url, urls.GUIDE)}#cac-truong"]
    for name, info in Entry.model_fields.items():
        if info.is_required():
            lines.append(f"{name}: {latest_year(cat)}" if name == "year" else f"{name}: ")
    lines.append("# Không bắt buộc: xóa dấu # ở đầu dòng rồi sửa giá trị.")
    lines += [f"# {name}: {example_value(name)}" for name, info in Entry.model_fields.items() if not info.is_required()]
    return "\n".join(lines) + "\n---\n\n" + BODY


def new_entry_url(cat: Catalog, site_url: str) -> str:
    site = cat.taxonomy.site
    query = urllib.parse.urlencode({"filename": f"{latest_year(cat)}/{NEW_FILE_NAME}",
                                    "value": new_entry_template(cat, site_url)}, quote_via=urllib.parse.quote)
    return f"{site.repo_url}/new/{site.edit_branch}/initiatives?{query}"


def issue_form_url(tax: Taxonomy) -> str:
    return f"{tax.site.repo_url}/issues/new?template={ISSUE_FORM}"


# --- the field reference ----------------------------------------------------------------------
def _schema_props(model) -> dict:
    return model.model_json_schema()["properties"]


def value_kind(prop: dict) -> str:
    """What kind of value a field takes, in words, from its JSON Schema."""
    options = [p for p in prop.get("anyOf", [prop]) if p.get("type") != "null"]
    p = options[0] if options else prop
    kind = p.get("type")
    if kind == "string" and p.get("format") == "date":
        return "ngày, dạng NĂM-THÁNG-NGÀY"
    if kind == "string":
        low, high = p.get("minLength"), p.get("maxLength")
        if low and high:
            return f"văn bản, {low}–{high} ký tự"
        return f"văn bản, tối đa {high} ký tự" if high else "văn bản"
    if kind == "integer":
        low, high = p.get("minimum"), p.get("maximum")
        if low is not None and high is not None:
            return f"số nguyên, từ {low} đến {high}"
        return "số nguyên"
    if kind == "boolean":
        return "`true` hoặc `false`"
    if kind == "array":
        items = p.get("items", {})
        if "$ref" in items:
            return "danh sách, mỗi mục là một nhóm trường (xem bảng dưới)"
        return "danh sách, mỗi mục một dòng `- …`"
    if kind == "object":
        return "các cặp `tên chỉ số: số nguyên`, mỗi cặp một dòng"
    return kind or ""


def _allowed(info) -> str:
    kind = taxonomy_list(info)
    if not kind:
        return ""
    anchor, name = SECTION[kind]
    return f"xem bảng [{name}](#{anchor})"


def field_rows(model) -> list[list[str]]:
    props = _schema_props(model)
    rows = []
    for name, info in model.model_fields.items():
        rows.append([code(name), info.title or "", "bắt buộc" if info.is_required() else "không",
                     value_kind(props[name]), info.description or "", _allowed(info)])
    return rows


FIELD_HEAD = ["Trường", "Tên gọi", "Bắt buộc", "Kiểu giá trị", "Ý nghĩa", "Giá trị hợp lệ"]


# --- the taxonomy -----------------------------------------------------------------------------
def _validity(tax: Taxonomy, slug: str) -> str:
    unit = tax.unit_by_slug[slug]
    start = f"từ {format_date(unit.valid_from)}" if unit.valid_from else ""
    end = f"đến {format_date(unit.valid_until)}" if unit.valid_until else ""
    return " ".join(p for p in (start, end) if p) or "không giới hạn"


def _succession(tax: Taxonomy, slug: str) -> str:
    unit = tax.unit_by_slug[slug]
    notes = []
    if unit.merged_into:
        notes.append(f"sáp nhập vào {tax.unit_label(unit.merged_into)} ({code(unit.merged_into)})")
    olds = tax.predecessors(slug)
    if olds:
        notes.append("thay cho " + ", ".join(f"{tax.unit_label(s)} ({code(s)})" for s in olds))
    return "; ".join(notes)


def taxonomy_sections(tax: Taxonomy) -> list[str]:
    out = []

    def section(kind: str, intro: str, body: str) -> None:
        anchor, name = SECTION[kind]
        out.append(f"### {name} {{#{anchor}}}\n\n{intro}\n\n{body}")

    section("areas", "Trường `area` ghi số của một trong năm nội dung thi đua.", table(
        ["Số", "Lĩnh vực", "Nội dung"], [[str(a.number), a.name, a.description] for a in tax.areas]))
    section("types", "Trường `type` ghi một trong các mã sau.", table(
        ["Mã", "Loại", "Nghĩa là"], [[code(t.slug), t.name, t.description] for t in tax.types]))
    section("statuses", "Trường `status` ghi một trong các mã sau; bỏ trống thì hiểu là trạng thái mặc định.", table(
        ["Mã", "Trạng thái", ""], [[code(s.slug), s.name, "mặc định" if s.default else ""] for s in tax.statuses]))
    section("units",
            "Trường `unit` (và từng dòng của `replicated_in`) ghi mã một đơn vị còn tồn tại trong năm của mục. "
            "Khi đơn vị được sắp xếp, sáp nhập, các mục cũ vẫn giữ mã cũ; trang web tự ghi “nay thuộc …” và "
            "gộp các mục vào trang của đơn vị mới.",
            table(["Mã", "Đơn vị", "Tỉnh", "Thời gian tồn tại", "Sắp xếp"],
                  [[code(u.slug), tax.unit_label(u.slug), u.province, _validity(tax, u.slug), _succession(tax, u.slug)]
                   for u in tax.units]))
    section("organizations", "Trường `organization` (không bắt buộc) ghi mã tổ chức chủ trì.", table(
        ["Mã", "Tổ chức"], [[code(o.slug), o.name] for o in tax.organizations]))
    section("recognition_levels", "Trường `level` của mỗi lần khen thưởng ghi một trong các mã sau.", table(
        ["Mã", "Cấp"], [[code(lv.slug), lv.name] for lv in tax.recognition_levels]))
    section("benefits", "Trường `benefits` ghi các con số hiệu quả, mỗi dòng `tên chỉ số: số nguyên` "
                        "(viết liền, không dấu chấm phân cách, ví dụ `savings_vnd: 50000000`).", table(
        ["Tên chỉ số", "Ý nghĩa", "Đơn vị tính"], [[code(b.key), b.name, b.unit] for b in tax.benefits]))
    return out


# --- the validator's messages -----------------------------------------------------------------
def mistake_markdown(m: Mistake) -> str:
    kind = "Cảnh báo" if m.warning else "Lỗi"
    parts = [f"#### {m.title} {{#loi-{m.slug}}}", "", f"Ví dụ: {m.wrote}", "",
             f"> **{kind}:** {message_markdown(m.message)}"]
    if m.meaning:
        parts += ["", m.meaning]
    return "\n".join(parts)


def messages_section() -> str:
    out = [
        "## Ý nghĩa các thông báo lỗi {#thong-bao-loi}",
        "",
        "Lệnh `python -m generator check` và máy kiểm tra tự động trên GitHub báo mỗi lỗi trên một dòng, dạng "
        "`tệp:dòng: thông báo`, ví dụ `initiatives/2022/may-say-ca-phe.md:4: …`. Trên GitHub, thông báo hiện ngay "
        "dưới dòng sai trong thẻ **Files changed** của yêu cầu hợp nhất. **Lỗi** phải sửa thì trang web mới được "
        "cập nhật; **cảnh báo** (có chữ “cảnh báo:” ở đầu) nên sửa nhưng không chặn việc đăng. Thông báo luôn nói "
        "trường nào sai và cách sửa; dưới đây là từng loại thông báo, mỗi loại một ví dụ.",
    ]
    for group in GROUPS:
        out += ["", f"### {group.title} {{#{group.slug}}}", "", group.intro]
        for m in group.mistakes:
            out += ["", mistake_markdown(m)]
    out += ["", "### Giới hạn kích thước {#gioi-han}", "",
            "Các giới hạn sau cao hơn nhiều so với một mục thật; vượt quá thì trình kiểm tra báo lỗi và nói cách xử lý.",
            ""]
    out += [f"- {what}: tối đa {format_number(n)} {unit}." for what, n, unit in LIMITS]
    return "\n".join(out)


# --- the page ---------------------------------------------------------------------------------
def guide_markdown(cat: Catalog, site_url: str) -> str:
    tax = cat.taxonomy
    site = tax.site
    year = latest_year(cat)
    template = new_entry_template(cat, site_url)
    parts = [
        f"Trang này dành cho cán bộ Mặt trận và biên tập viên đưa sáng kiến vào danh mục “{site.name}”. "
        "Mỗi sáng kiến là một tệp văn bản trong kho dữ liệu trên GitHub: phần thông tin ở đầu tệp (giữa hai dòng `---`) "
        "và phần nội dung bên dưới. Người dân chưa quen GitHub xem [Cách đề xuất sáng kiến](../de-xuat.md).",
        "",
        "## Từ tệp mục đến trang web {#quy-trinh}",
        "",
        "1. Biên tập viên tạo hoặc sửa tệp mục rồi gửi **yêu cầu hợp nhất** (pull request).",
        "2. Máy kiểm tra tự động đọc tệp, báo lỗi ngay trên dòng sai và dựng thử trang web.",
        f"3. Ban biên tập xem lại rồi hợp nhất vào nhánh `{site.edit_branch}`.",
        "4. Trang web tự cập nhật sau vài phút. Trang của mục có địa chỉ `sang-kien/<tên-tệp>/`.",
        "",
        "## Thêm sáng kiến ngay trên GitHub, không cần cài đặt {#tren-github}",
        "",
        "Chỉ cần trình duyệt và một tài khoản GitHub (đăng ký miễn phí tại github.com).",
        "",
        f"1. Đăng nhập GitHub, rồi mở [trang tạo tệp mục mới]({new_entry_url(cat, site_url)}). Trang mở sẵn "
        f"mẫu tệp, gồm mọi trường và các mục của phần nội dung (xem [Mẫu tệp mục](#mau-tep)). Nếu bạn chưa có quyền "
        f"ghi vào kho, GitHub sẽ hỏi để tạo bản sao (fork) của kho: bấm đồng ý, mọi việc sau đó vẫn như dưới đây.",
        f"2. Ở ô tên tệp phía trên, sửa `{year}/{NEW_FILE_NAME}`: phần đầu là năm của sáng kiến, phần sau là tên tệp "
        "viết thường, không dấu, các chữ nối bằng dấu gạch ngang, ví dụ `may-say-ca-phe-lo-dot-vo.md`. Tên tệp là "
        "địa chỉ cố định của trang, đừng đổi sau khi đã đăng.",
        "3. Điền phần thông tin: sáu trường bắt buộc `title`, `type`, `area`, `unit`, `year`, `summary`; các trường "
        "khác dùng khi có (xóa dấu `#` ở đầu dòng). Ý nghĩa từng trường và các mã được dùng có trong "
        "[bảng các trường](#cac-truong) và [các giá trị hợp lệ](#gia-tri-hop-le). Văn bản có dấu `:` thì đặt trong "
        "dấu ngoặc kép: `title: \"Mô hình: Tổ hòa giải\"`.",
        "4. Viết phần nội dung bên dưới dòng `---` thứ hai theo các mục có sẵn: Thực trạng, Giải pháp, Điều kiện áp dụng, "
        "Hiệu quả, Cách nhân rộng. Không ghi số điện thoại, thư điện tử hay số căn cước của cá nhân.",
        "5. Bấm nút **Commit changes…** ở góc trên bên phải. Trong hộp thoại, ghi ngắn gọn việc đã làm (ví dụ "
        "“Thêm sáng kiến máy sấy cà phê”), chọn **Create a new branch for this commit and start a pull request**, "
        "rồi bấm **Propose changes**.",
        "6. Ở trang **Open a pull request**, đọc danh sách kiểm tra trong ô mô tả, đánh dấu các mục đã làm, rồi bấm "
        "**Create pull request**.",
        "7. Đợi vài phút cho máy kiểm tra tự động chạy. Dấu ✓ xanh là đạt. Nếu có dấu ✗ đỏ, mở thẻ **Files changed**: "
        "thông báo lỗi hiện ngay dưới dòng sai (xem [ý nghĩa các thông báo](#thong-bao-loi)). Để sửa, bấm "
        "**⋯ → Edit file** trên tệp đó, sửa rồi bấm **Commit changes** (giữ nguyên nhánh đang dùng); máy kiểm tra "
        "chạy lại.",
        "8. Có ảnh minh họa: trong thẻ **Files changed**, bấm **⋯ → View file** để về đúng nhánh, mở thư mục năm, "
        "bấm **Add file → Upload files**, kéo ảnh (jpg, png hoặc webp, dưới 10 MB; trang web tự thu nhỏ ảnh và xóa vị trí chụp khi đăng) vào, rồi **Commit changes** vào "
        "cùng nhánh. Trong tệp mục, ghi `image: ten-anh.jpg` và một câu mô tả ảnh ở `image_alt`.",
        "9. Ban biên tập đọc, có thể hỏi thêm ngay trong yêu cầu hợp nhất, rồi hợp nhất. Trang web tự cập nhật sau vài phút.",
        "",
        "### Sửa một mục đã đăng {#sua-muc}",
        "",
        "Cuối mỗi trang sáng kiến có liên kết **Sửa mục này trên kho mã nguồn**. Liên kết mở đúng tệp của mục trong "
        "trình soạn thảo của GitHub; sửa xong, làm tiếp như bước 5 đến 9 ở trên.",
        "",
        "### Người dân không dùng GitHub {#khong-dung-github}",
        "",
        f"Người dân có thể điền [mẫu “Đề xuất sáng kiến”]({issue_form_url(tax)}) trên GitHub: mỗi ô của mẫu ứng với "
        "một trường của tệp mục, biên tập viên chỉ cần chép sang tệp mới. Đề xuất viết tay gửi qua Mặt trận xã "
        "cũng được biên tập viên nhập theo cách trên.",
        "",
        "## Mẫu tệp mục {#mau-tep}",
        "",
        "Trang tạo tệp mới ở bước 1 mở sẵn mẫu này. Lệnh `python -m generator new` tạo một mẫu đầy đủ hơn, có chú "
        "thích cho từng trường.",
        "",
        "```yaml",
        template.rstrip("\n"),
        "```",
        "",
        "## Các trường của một mục {#cac-truong}",
        "",
        "Tên trường viết đúng như cột đầu (tiếng Anh, chữ thường). Thứ tự các trường trong tệp nên theo thứ tự của "
        "bảng; lệnh `python -m generator fmt` tự sắp xếp lại.",
        "",
        table(FIELD_HEAD, field_rows(Entry)),
        "",
        "### Các trường của một lần khen thưởng {#khen-thuong}",
        "",
        "Mỗi lần khen thưởng trong `recognition` là một mục `- ` gồm ba trường:",
        "",
        table(FIELD_HEAD, field_rows(Recognition)),
        "",
        "```yaml",
        "recognition:",
        "  - level: huyen",
        "    year: 2022",
        "    title: \"Giấy khen của Ủy ban MTTQ Việt Nam huyện\"",
        "```",
        "",
        "## Các giá trị hợp lệ {#gia-tri-hop-le}",
        "",
        "Các mã dưới đây lấy từ tệp danh mục `taxonomy.yml` của kho; mọi danh sách của trang web đều dùng tệp đó.",
        "",
        "\n\n".join(taxonomy_sections(tax)),
        "",
        "## Làm việc trên máy tính {#tren-may-tinh}",
        "",
        "Biên tập viên quen dòng lệnh có thể làm việc trên bản sao của kho: cần Python 3.11 trở lên, cài các thư viện "
        "bằng `pip install -e .` trong thư mục của kho.",
        "",
        "- `python -m generator new`: tạo tệp mục mới, hỏi tên, loại, lĩnh vực, năm, đơn vị và tóm tắt; mỗi trường "
        "có dòng chú thích ngay phía trên.",
        "- `python -m generator check`: kiểm tra mọi tệp mục, báo mọi lỗi một lần, dạng `tệp:dòng: thông báo`.",
        "- `python -m generator fmt`: chuẩn hóa cách viết các tệp mục: chữ Việt dạng dựng sẵn (NFC), xuống dòng kiểu "
        "LF, các trường theo thứ tự của bảng trên, danh sách mỗi mục một dòng, bỏ dấu cách thừa cuối dòng. Lệnh giữ "
        "nguyên mọi giá trị, dòng chú thích và nội dung; tệp không đọc được thì để nguyên và báo lý do. Thêm `--check` "
        "để chỉ xem những chỗ cần sửa.",
        "- `mkdocs serve`: xem trước trang web tại http://127.0.0.1:8000/; trang tự tải lại mỗi khi lưu tệp. Tệp có "
        "lỗi thì trang không dựng được và dòng lệnh in ra đúng các thông báo như `check`.",
        "- `pre-commit install` (sau khi `pip install pre-commit`): từ đó, mỗi lần commit, máy tự chạy `fmt` và "
        "`check` trên các tệp mục vừa sửa.",
        "",
        messages_section(),
    ]
    return "\n".join(parts) + "\n"
