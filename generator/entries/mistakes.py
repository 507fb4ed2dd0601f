"""The validator's messages, one example of each, with what it means: the last part of the editor's guide.

Each Mistake is a small bad input and the message `python -m generator check` prints for it. The list is
curated (a test runs every example through the real checker and compares the message, and another test
finds the message kinds in the checker's code and requires an example for each), so the guide can show
real messages without running the checker during a build.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.common import legacy_fonts
from generator.entries.read import MAX_BODY_CHARS, MAX_FILE_BYTES, MAX_FRONT_MATTER_CHARS, MAX_YAML_NODES
from generator.entries.renderable import MAX_MARK_RUN, MAX_NESTING
from generator.entries.safety import MAX_IMAGE_BYTES, MAX_IMAGE_PIXELS
from generator.entries.scaffold import BODY

BASE_PATH = "initiatives/2022/may-say-ca-phe.md"
BASE_FIELDS: tuple[tuple[str, str], ...] = (
    ("title", '"Máy sấy cà phê tận dụng nhiệt"'),
    ("type", "sang-che"),
    ("area", "2"),
    ("unit", "ea-po"),
    ("year", "2022"),
    ("summary", '"Nông dân tự chế máy sấy cà phê dùng nhiệt từ lò đốt vỏ, giảm chi phí và giữ chất lượng hạt."'),
)
BASE_BODY = (
    "## Thực trạng\n\n"
    "Mỗi mùa thu hoạch, các hộ trồng cà phê ở xã Ea Pô phơi cà phê trên sân đất, gặp mưa thì hạt bị mốc.\n\n"
    "## Giải pháp\n\n"
    "Nông dân tận dụng vỏ cà phê làm chất đốt, dẫn khí nóng qua ống trao đổi nhiệt vào buồng sấy có quạt đảo. "
    "Máy giảm thời gian sấy còn hai ngày và tiết kiệm chi phí thuê máy cho các hộ trong thôn.\n"
)


def entry_text(fields: tuple[tuple[str, str | None], ...] = (), body: str = BASE_BODY) -> str:
    """The base example entry with some front-matter lines replaced, added (new keys) or dropped (None)."""
    values = dict(BASE_FIELDS)
    for key, value in fields:
        values[key] = value  # type: ignore[assignment]
    lines = [f"{k}: {v}" if not k.startswith("#") else str(v) for k, v in values.items() if v is not None]
    return "---\n" + "\n".join(lines) + "\n---\n\n" + body


@dataclass(frozen=True)
class Mistake:
    """A mistake an editor can make, the message the checker gives, and what it means."""

    slug: str  # anchor on the guide page
    title: str  # the mistake, in a few words
    wrote: str  # what the editor wrote (Markdown), shown as the example
    message: str  # the message as the checker prints it after `PATH:LINE: `; a final "…" marks a cut
    meaning: str  # what it means and how to fix it, when the message alone does not say enough
    fields: tuple[tuple[str, str | None], ...] = ()  # front-matter changes to the base example
    text: str | None = None  # or a whole file
    raw: bytes | None = None  # or the file's bytes
    body: str = BASE_BODY
    path: str = BASE_PATH
    others: tuple[tuple[str, str], ...] = ()  # more files in the example project
    binaries: tuple[tuple[str, bytes], ...] = ()  # more files, as bytes (pictures, documents)
    links: tuple[tuple[str, str], ...] = ()  # symbolic links in the example project: (path, target)
    warning: bool = False  # a warning (the site is still built) rather than an error

    def files(self) -> dict[str, bytes]:
        """The example project's entry files."""
        if self.raw is not None:
            main = self.raw
        else:
            main = (self.text if self.text is not None else entry_text(self.fields, self.body)).encode("utf-8")
        return {self.path: main, **{p: t.encode("utf-8") for p, t in self.others}, **dict(self.binaries)}


@dataclass(frozen=True)
class Group:
    slug: str
    title: str
    intro: str
    mistakes: tuple[Mistake, ...]


_CP1258 = entry_text().encode("cp1258", errors="replace")
# The sample entry as .VnTime (TCVN3) bytes: every letter has its byte (the sample has no capital with a tone).
_TCVN3 = "".join({u: b for b, u in legacy_fonts._TCVN3.items()}.get(ch, ch) for ch in entry_text()).encode("latin-1", errors="replace")


def png(width: int, height: int) -> bytes:
    """A PNG file of one grey row stretched to `width` × `height` in its header: a real picture when small, and what a
    decompression bomb looks like when large (its header claims the pixels; nothing needs decoding to refuse it)."""
    import struct  # noqa: PLC0415
    import zlib  # noqa: PLC0415

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    rows = (b"\x00" + b"\x80" * width) * min(height, 4)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


_BODY_WITH = BASE_BODY + "\n"
_SCAFFOLD_BODY = BODY

GROUPS: tuple[Group, ...] = (
    Group("tep", "Tệp và bảng mã", "Lỗi ở cả tệp: cách lưu tệp, bảng mã, chỗ đặt tệp và tên tệp.", (
        Mistake(
            "utf-8", "Tệp không lưu bằng UTF-8",
            "Lưu tệp bằng bảng mã cũ (TCVN3, VNI, Windows-1258).",
            "Tệp không được lưu bằng bảng mã UTF-8 (có thể là bảng mã cũ TCVN3, VNI hoặc Windows-1258). "
            "Hãy mở tệp và lưu lại với bảng mã UTF-8: trong Notepad chọn Tệp → Lưu thành… → Mã hóa: UTF-8; "
            "với văn bản gõ bằng Unikey theo bảng mã cũ, dùng chức năng chuyển mã của Unikey sang Unicode.",
            "Trang web chỉ đọc được chữ Việt ở bảng mã Unicode UTF-8. Trình soạn thảo trên GitHub luôn lưu đúng "
            "bảng mã này; lỗi chỉ gặp khi tải lên tệp soạn trên máy tính.",
            raw=_CP1258),
        Mistake(
            "phong-cu", "Gõ bằng phông chữ cũ .VnTime, VNI-Times (cảnh báo)",
            "Soạn bằng Unikey với bảng mã TCVN3 (ABC) hoặc VNI Windows, rồi lưu hay dán vào tệp.",
            "Tệp được gõ bằng bảng mã cũ TCVN3 (ABC, phông .VnTime); đã tự chuyển sang Unicode để kiểm tra. "
            "Chạy `python -m generator fmt` để lưu lại tệp bằng Unicode (UTF-8).",
            "Chỉ là cảnh báo: chữ được tự chuyển sang Unicode nên trang web vẫn đúng. Lệnh `fmt` ghi lại tệp bằng "
            "Unicode để lần sau không phải chuyển nữa; xem lại các chữ hoa có dấu, phông .VnTime không có chúng.",
            raw=_TCVN3, warning=True),
        Mistake(
            "nfd", "Chữ Việt ở dạng tổ hợp (cảnh báo)",
            "Dán chữ từ một số phần mềm trên máy Mac hoặc từ tệp PDF.",
            "Văn bản có chữ Việt ở dạng Unicode tổ hợp (NFD); trang web dùng dạng dựng sẵn (NFC) nên vẫn hiển thị đúng. "
            "Để sửa hẳn trong tệp, chạy `python -m generator fmt` hoặc gõ lại bằng bộ gõ Unicode dựng sẵn.",
            "Chỉ là cảnh báo: trang web vẫn được dựng. Dạng tổ hợp làm việc tìm kiếm và sắp xếp kém chính xác nên "
            "nên sửa khi có dịp.",
            text=entry_text((("title", '"Máy sấy cà phê tận dụng nhiệt"'.replace("á", "a\u0301")),)), warning=True),
        Mistake(
            "nul", "Tệp không phải văn bản",
            "Tải lên một tệp Word (.docx) hoặc tệp nén nhưng đặt tên đuôi `.md`.",
            "Tệp chứa byte rỗng (NUL), không phải tệp văn bản. Hãy lưu lại dưới dạng văn bản thuần (Markdown, UTF-8).",
            "Tệp mục phải là văn bản thuần. Hãy chép nội dung từ Word sang trình soạn thảo của GitHub.",
            raw=entry_text().encode("utf-8") + b"\x00\x00"),
        Mistake(
            "thu-muc-nam", "Tệp không nằm trong thư mục năm",
            "Tạo tệp `initiatives/may-say-ca-phe.md` (thiếu thư mục năm).",
            "Tệp mục phải nằm trong thư mục của năm: `initiatives/2022/may-say-ca-phe.md`.",
            "Mỗi mục nằm trong thư mục mang năm của mục, ví dụ `initiatives/2022/`.",
            path="initiatives/may-say-ca-phe.md"),
        Mistake(
            "nam-thu-muc", "Năm không khớp thư mục",
            "Tệp `initiatives/2023/may-say-ca-phe.md` nhưng ghi `year: 2022`.",
            "`year` là 2022 nhưng tệp nằm trong thư mục `initiatives/2023/`. "
            "Hãy sửa `year`, hoặc chuyển tệp sang `initiatives/2022/`.",
            "Năm trong tệp và tên thư mục phải trùng nhau để các trang theo năm đúng.",
            path="initiatives/2023/may-say-ca-phe.md"),
        Mistake(
            "ten-tep", "Tên tệp có dấu, chữ hoa hoặc dấu cách",
            "Đặt tên tệp `Máy sấy cà phê.md`.",
            "Tên tệp `Máy sấy cà phê` không hợp lệ: chỉ dùng chữ thường không dấu, chữ số và dấu gạch ngang "
            "(tên tệp là địa chỉ cố định của trang). Hãy đổi tên thành `may-say-ca-phe.md`.",
            "Tên tệp trở thành địa chỉ trang web của mục, nên chỉ dùng chữ thường không dấu, chữ số và dấu gạch ngang.",
            path="initiatives/2022/Máy sấy cà phê.md"),
        Mistake(
            "ten-trung", "Hai mục trùng tên tệp",
            "Có cả `initiatives/2022/may-say-ca-phe.md` và `initiatives/2023/may-say-ca-phe.md`.",
            "Tên tệp `may-say-ca-phe` bị trùng (initiatives/2022/may-say-ca-phe.md, initiatives/2023/may-say-ca-phe.md); "
            "mỗi mục cần một tên riêng vì tên tệp là địa chỉ trang. Hãy đổi tên một tệp, ví dụ thêm tên đơn vị vào cuối.",
            "Hai mục không thể có cùng địa chỉ trang. Hãy đổi tên tệp mới, ví dụ `may-say-ca-phe-ea-po.md`.",
            others=(("initiatives/2023/may-say-ca-phe.md", entry_text((("year", "2023"),))),)),
        Mistake(
            "khong-doc-duoc", "Không đọc được tệp",
            "Tạo một thư mục có tên đuôi `.md` trong `initiatives/`.",
            "Không đọc được tệp: Is a directory.",
            "Phần sau dấu hai chấm là lý do hệ điều hành đưa ra. Hãy kiểm tra tệp có tồn tại và là một tệp văn bản.",
            path="initiatives/2022/thu-muc.md/ghi-chu.txt"),
    )),
    Group("phan-thong-tin", "Phần thông tin đầu tệp",
          "Phần thông tin nằm giữa hai dòng `---` ở đầu tệp, viết theo cú pháp YAML: mỗi dòng `tên_trường: giá trị`.", (
        Mistake(
            "thieu-phan-thong-tin", "Thiếu phần thông tin",
            "Tệp bắt đầu ngay bằng nội dung, không có dòng `---`.",
            "Thiếu phần thông tin (front matter) ở đầu tệp. Tệp phải bắt đầu bằng một dòng `---`, "
            "tiếp theo là các trường như `title: …`, rồi một dòng `---` nữa trước phần nội dung.",
            "",
            text=BASE_BODY),
        Mistake(
            "dong-trong-dau-tep", "Dòng trống trước `---`",
            "Để một dòng trống ở đầu tệp, trước dòng `---`.",
            "Dòng `---` mở đầu phần thông tin phải là dòng đầu tiên của tệp; hãy xóa các dòng trống phía trên nó.",
            "",
            text="\n" + entry_text()),
        Mistake(
            "chua-dong", "Phần thông tin chưa đóng",
            "Quên dòng `---` thứ hai sau trường cuối cùng.",
            "Phần thông tin đầu tệp mở bằng `---` ở dòng 1 nhưng không có dòng `---` đóng lại. "
            "Hãy thêm một dòng chỉ có `---` sau trường cuối cùng, trước phần nội dung.",
            "",
            text=entry_text().replace("\n---\n\n", "\n\n", 1)),
        Mistake(
            "khong-phai-cac-truong", "Phần thông tin không phải các trường",
            "Viết phần thông tin thành danh sách `- …` thay vì các cặp `tên_trường: giá trị`.",
            "Phần thông tin đầu tệp phải là danh sách các trường dạng `tên_trường: giá trị`.",
            "",
            text="---\n- Máy sấy cà phê\n- sang-che\n---\n\n" + BASE_BODY),
        Mistake(
            "tab", "Thụt lề bằng phím Tab",
            "`authors:` rồi xuống dòng, bấm Tab trước `- \"Ông A\"`.",
            "Có ký tự Tab dùng để thụt lề; YAML chỉ chấp nhận dấu cách. Hãy thay Tab bằng hai dấu cách.",
            "",
            fields=(("authors", '\n\t- "Ông A"'),)),
        Mistake(
            "ngoac-kep", "Dấu ngoặc kép chưa đóng",
            "`summary: \"Nông dân tự chế máy sấy cà phê` (thiếu dấu `\"` ở cuối).",
            "Dấu ngoặc kép mở ở dòng này chưa được đóng. Hãy thêm dấu `\"` ở cuối giá trị.",
            "Mọi giá trị mở bằng dấu `\"` phải đóng bằng dấu `\"` trên cùng dòng.",
            fields=(("summary", '"Nông dân tự chế máy sấy cà phê'),)),
        Mistake(
            "hai-cham", "Dấu hai chấm trong giá trị",
            "`title: Mô hình: Tổ hòa giải`",
            "Dấu hai chấm `:` đặt sai chỗ. Nếu giá trị có chứa dấu `:`, hãy đặt cả giá trị trong dấu ngoặc kép, "
            "ví dụ `title: \"Mô hình: Tổ hòa giải\"`; nếu không, kiểm tra lại phần thụt lề.",
            "",
            fields=(("title", "Mô hình: Tổ hòa giải"),)),
        Mistake(
            "thieu-hai-cham", "Thiếu dấu hai chấm, giá trị bị xuống dòng",
            "`type sang-che` (quên dấu `:` sau tên trường).",
            "Thiếu dấu `:` sau tên trường, hoặc một giá trị bị xuống dòng. Mỗi dòng phải có dạng `tên_trường: giá trị`.",
            "",
            fields=(("type", None), ("title", '"Máy sấy cà phê tận dụng nhiệt"\ntype sang-che'))),
        Mistake(
            "thut-le", "Thụt lề sai",
            "`  type: sang-che` (thừa hai dấu cách ở đầu dòng).",
            "Thụt lề không đúng. Các trường chính phải bắt đầu sát lề trái; các mục con của một danh sách "
            "phải thụt vào cùng một số dấu cách, bắt đầu bằng `- `.",
            "",
            fields=(("type", None), ("title", '"Máy sấy cà phê tận dụng nhiệt"\n  type: sang-che'))),
        Mistake(
            "bi-danh", "Dùng neo, bí danh YAML",
            "`tags: &chung [\"cà phê\"]` rồi `authors: *chung`.",
            "Không dùng neo và bí danh YAML (`&tên`, `*tên`) trong tệp mục; hãy viết trực tiếp giá trị.",
            "",
            fields=(("tags", '&chung ["cà phê"]'), ("authors", "*chung"))),
        Mistake(
            "trung-truong", "Một trường viết hai lần",
            "Hai dòng `title:` trong cùng một tệp.",
            "Trường `title` xuất hiện hai lần (dòng 2 và dòng 8). Hãy gộp lại thành một, nếu không giá trị đầu sẽ bị mất.",
            "",
            fields=(("#dup", 'title: "Máy sấy cà phê"'),)),
        Mistake(
            "ten-truong-phuc-tap", "Tên trường không phải một chữ",
            "`? [a, b]` (một danh sách đứng ở chỗ tên trường).",
            "Tên trường phải là một chữ đơn giản, ví dụ `title`.",
            "",
            fields=(("#key", "? [a, b]\n: c"),)),
        Mistake(
            "gia-tri-la", "Thẻ kiểu YAML",
            "`title: !!python/name:os.system` (một thẻ YAML lạ).",
            "Không dùng thẻ kiểu YAML `!!python/name:os.system` trong tệp mục; hãy viết giá trị thuần: chữ trong dấu "
            "ngoặc kép, số, `true` hoặc `false`.",
            "Giá trị bắt đầu bằng `!` hoặc `!!` là một thẻ YAML; hãy đặt cả giá trị trong dấu ngoặc kép.",
            fields=(("title", "!!python/name:os.system"),)),
        Mistake(
            "the-kieu-nhom", "Thẻ kiểu YAML trước một nhóm trường",
            "`benefits: !!set {beneficiaries: 120}`.",
            "Không dùng thẻ kiểu YAML `!!set` trong tệp mục; hãy viết các trường dạng `tên: giá trị`.",
            "",
            fields=(("benefits", "!!set {beneficiaries: 120}"),)),
        Mistake(
            "the-kieu-danh-sach", "Thẻ kiểu YAML trước một danh sách",
            "`tags: !!omap [a, b]`.",
            "Không dùng thẻ kiểu YAML `!!omap` trong tệp mục; hãy viết danh sách mỗi mục trên một dòng bắt đầu bằng `- `.",
            "",
            fields=(("tags", "!!omap [{a: 1}]"),)),
        Mistake(
            "the-kieu-sai", "Giá trị không khớp thẻ kiểu",
            "`area: !!int hai`.",
            "Giá trị YAML không đọc được: giá trị không đúng với thẻ kiểu `!!…` đặt trước nó. Hãy bỏ thẻ `!!…` và đặt giá "
            "trị trong dấu ngoặc kép.",
            "",
            fields=(("area", "!!int hai"),)),
        Mistake(
            "khoa-gop", "Khóa gộp YAML `<<:`",
            "`<<: {type: sang-che, area: 2}` để chép các trường từ chỗ khác.",
            "Không dùng khóa gộp YAML `<<:` trong tệp mục (nó chép các trường từ chỗ khác một cách ngầm); hãy viết trực "
            "tiếp từng trường.",
            "",
            fields=(("<<", "{featured: true}"),)),
        Mistake(
            "ten-truong-so", "Tên trường là số",
            "`2022: Giấy khen của huyện` (ghi năm ở chỗ tên trường).",
            "Tên trường `2022` phải là chữ, ví dụ `title`, không phải số, `true`/`false` hay `~`. Nếu đây là một giá trị, "
            "hãy viết nó sau dấu `:` của một trường.",
            "",
            fields=(("2022", '"Giấy khen của huyện"'),)),
        Mistake(
            "thut-le-danh-sach", "Mục danh sách thụt lề lệch",
            "Dòng ` - nam-dong` thụt vào một dấu cách so với dòng `- ea-po` ngay trên.",
            "Mục danh sách `- nam-dong` thụt lề lệch so với dòng trên (`- cu-jut`), nên được đọc thành một phần của giá "
            "trị ở dòng trên. Các dòng `- ` của cùng một danh sách phải bắt đầu ở cùng một cột: hãy thêm hoặc bớt dấu "
            "cách cho thẳng hàng.",
            "Không sửa, YAML đọc hai dòng thành một đơn vị tên là `cu-jut - nam-dong`.",
            fields=(("replicated_in", "\n- cu-jut\n - nam-dong"),)),
        Mistake(
            "cu-phap", "Lỗi cú pháp khác",
            "`title: @Máy sấy` (giá trị bắt đầu bằng ký tự đặc biệt `@`).",
            "Lỗi cú pháp YAML (found character that cannot start any token). "
            "Hãy kiểm tra dấu ngoặc kép, dấu `:` và phần thụt lề ở dòng này.",
            "Phần trong ngoặc là lời của bộ đọc YAML. Giá trị bắt đầu bằng `@`, `` ` ``, `%`, `!`, `&`, `*`, `[`, `{` "
            "phải đặt trong dấu ngoặc kép.",
            fields=(("title", "@Máy sấy"),)),
        Mistake(
            "ky-tu-dieu-khien", "Ký tự điều khiển vô hình",
            "Dán tên sáng kiến từ một tệp PDF, kéo theo một ký tự vô hình (mã U+0001).",
            "Lỗi cú pháp YAML: unacceptable character #x0001: control characters are not allowed…",
            "Phần thông tin có một ký tự điều khiển không nhìn thấy được, thường đi kèm khi chép chữ từ PDF hoặc Word. "
            "Hãy xóa cả giá trị ở dòng được báo rồi gõ lại.",
            fields=(("title", '"Máy sấy cà phê\x01 tận dụng nhiệt"'),)),
    )),
    Group("gia-tri", "Giá trị các trường",
          "Mỗi trường phải có giá trị đúng kiểu và nằm trong danh mục (xem bảng các trường ở trên).", (
        Mistake(
            "thieu-truong", "Thiếu trường bắt buộc",
            "Bỏ trống hoặc xóa dòng `summary:`.",
            "Thiếu trường bắt buộc `summary` (Tóm tắt). Một hoặc hai câu giản dị (tối đa 300 ký tự), "
            "dùng trên thẻ, bản tin và đọc trên loa phát thanh.",
            "Sáu trường `title`, `type`, `area`, `unit`, `year`, `summary` là bắt buộc.",
            fields=(("summary", None),)),
        Mistake(
            "truong-la", "Tên trường không có trong mẫu",
            "`tag: [\"cà phê\"]` (thiếu chữ s).",
            "Trường `tag` không có trong mẫu mục sáng kiến. Có phải ý bạn là `tags`? Các trường được dùng: …",
            "Tên trường viết bằng tiếng Anh, chữ thường, đúng như trong bảng các trường.",
            fields=(("tag", '["cà phê"]'),)),
        Mistake(
            "ngoai-danh-muc", "Giá trị không có trong danh mục",
            "`unit: ea-poo` (gõ nhầm mã đơn vị).",
            "`unit` (Đơn vị áp dụng): `ea-poo` không phải đơn vị nào trong danh mục. Có phải ý bạn là `ea-po`? "
            "Giá trị hợp lệ: …",
            "Các trường `type`, `area`, `unit`, `organization`, `status`, `replicated_in`, cấp khen thưởng và tên chỉ số "
            "hiệu quả chỉ nhận các mã trong danh mục (xem các bảng ở trên). Thông báo gợi ý mã gần đúng nhất.",
            fields=(("unit", "ea-poo"),)),
        Mistake(
            "ngay-khong-co", "Ngày không có thật",
            "`applied_since: 2022-02-30`",
            "`applied_since` (Áp dụng từ ngày): ngày `2022-02-30` không có thật (tháng đó không có ngày này). "
            "Hãy kiểm tra lại ngày, tháng.",
            "",
            fields=(("applied_since", "2022-02-30"),)),
        Mistake(
            "ngay-sai-dang", "Ngày viết sai dạng",
            "`applied_since: 15/3/2022`",
            "`applied_since` (Áp dụng từ ngày): `15/3/2022` không phải ngày hợp lệ. "
            "Hãy viết theo dạng NĂM-THÁNG-NGÀY, ví dụ `2022-03-15`.",
            "Ngày luôn viết theo dạng NĂM-THÁNG-NGÀY; trang web tự hiển thị lại thành 15/3/2022.",
            fields=(("applied_since", "15/3/2022"),)),
        Mistake(
            "ap-dung-sau-nam", "Ngày áp dụng muộn hơn năm của mục",
            "`year: 2022` nhưng `applied_since: 2023-01-10`.",
            "`applied_since` (Áp dụng từ ngày) muộn hơn năm của mục (2022). "
            "Hãy sửa ngày áp dụng, hoặc sửa `year` cho đúng năm được công nhận.",
            "",
            fields=(("applied_since", "2023-01-10"),)),
        Mistake(
            "xuong-dong", "Tên hoặc tóm tắt viết nhiều dòng",
            "`title: |` rồi viết tên trên hai dòng.",
            "`title` (Tên sáng kiến) phải viết trên một dòng, không xuống dòng.",
            "",
            fields=(("title", "|\n  Máy sấy cà phê\n  tận dụng nhiệt"),)),
        Mistake(
            "nam-ngoai-khoang", "Năm ngoài khoảng cho phép",
            "`year: 22`",
            "`year` (Năm): năm `22` nằm ngoài khoảng cho phép (2000–2100). Hãy viết đủ bốn chữ số, ví dụ 2022.",
            "",
            fields=(("year", "22"),)),
        Mistake(
            "so-am", "Số âm",
            "`benefits:` rồi `households: -5`.",
            "`benefits.households` (Hiệu quả đo được): giá trị `-5` không được âm.",
            "",
            fields=(("benefits", "\n  households: -5"),)),
        Mistake(
            "tom-tat-dai", "Tóm tắt quá dài",
            "Viết cả bài vào `summary`.",
            "`summary` (Tóm tắt) dài 304 ký tự, vượt giới hạn 300 ký tự. "
            "Hãy rút gọn thành một hai câu; phần chi tiết đưa xuống nội dung bên dưới.",
            "",
            fields=(("summary", '"' + "Nông dân tự chế máy sấy cà phê. " * 9 + 'Máy sấy chạy tốt"'),)),
        Mistake(
            "qua-dai", "Giá trị quá dài",
            "Một tên sáng kiến dài hơn 200 ký tự.",
            "`title` (Tên sáng kiến) dài 203 ký tự, vượt giới hạn 200 ký tự. Hãy rút gọn.",
            "",
            fields=(("title", '"' + "Máy sấy cà phê " * 13 + 'tận dụng"'),)),
        Mistake(
            "de-trong", "Giá trị để trống",
            "`title: \"\"`",
            "`title` (Tên sáng kiến) đang để trống. Hãy điền nội dung.",
            "",
            fields=(("title", '""'),)),
        Mistake(
            "qua-ngan", "Giá trị quá ngắn",
            "`title: \"Ab\"`",
            "`title` (Tên sáng kiến) quá ngắn (ít nhất 3 ký tự). Hãy viết đầy đủ hơn.",
            "",
            fields=(("title", '"Ab"'),)),
        Mistake(
            "sai-kieu", "Giá trị sai kiểu",
            "`area: hai` (chữ thay cho số).",
            "`area` (Lĩnh vực) phải là một số nguyên (chỉ gồm chữ số, không có dấu chấm, dấu cách hay chữ); "
            "hiện đang là `hai`. Năm lĩnh vực: …",
            "Cùng loại thông báo này cho các trường cần số nguyên, danh sách (`- …` mỗi mục một dòng), "
            "`true`/`false` hoặc nhóm trường thụt lề.",
            fields=(("area", "hai"),)),
        Mistake(
            "sai-kieu-danh-sach", "Viết một giá trị thay cho danh sách",
            "`tags: cà phê` (một chữ thay cho danh sách).",
            "`tags` (Từ khóa) phải là một danh sách, mỗi mục trên một dòng bắt đầu bằng `- `; hiện đang là `cà phê`.",
            "",
            fields=(("tags", "cà phê"),)),
    )),
    Group("don-vi-anh-noi-dung", "Đơn vị, ảnh và nội dung",
          "Các quy tắc cần xét nhiều trường cùng lúc, hoặc cả tệp ảnh đi kèm.", (
        Mistake(
            "don-vi-da-sap-nhap", "Đơn vị đã sáp nhập",
            "`unit: ea-po` cho một mục năm 2026.",
            "`unit` (Đơn vị áp dụng): `ea-po` không tồn tại trong năm 2026. xã Ea Pô đã được sắp xếp vào xã Đắk Wil "
            "từ ngày 1/7/2025. Hãy dùng `dak-wil-2025`.",
            "Đơn vị được chọn phải còn tồn tại trong năm của mục. Sáng kiến cũ vẫn giữ đơn vị cũ; trang web tự ghi "
            "“nay thuộc …”.",
            fields=(("year", "2026"),), path="initiatives/2026/may-say-ca-phe.md"),
        Mistake(
            "don-vi-chua-co", "Đơn vị chưa thành lập",
            "`unit: dak-wil-2025` cho một mục năm 2022.",
            "`unit` (Đơn vị áp dụng): `dak-wil-2025` không tồn tại trong năm 2022. xã Đắk Wil mới được thành lập từ "
            "ngày 1/7/2025. Với năm 2022 hãy dùng đơn vị cũ: `dak-wil`, `ea-po`.",
            "",
            fields=(("unit", "dak-wil-2025"),)),
        Mistake(
            "nhan-rong-chinh-no", "Nhân rộng tại chính đơn vị áp dụng",
            "`unit: ea-po` và `replicated_in: [ea-po]`.",
            "`replicated_in`: `ea-po` là chính đơn vị áp dụng; chỉ ghi các đơn vị khác đã nhân rộng.",
            "",
            fields=(("replicated_in", "\n  - ea-po"),)),
        Mistake(
            "nhan-rong-trung", "Đơn vị nhân rộng ghi hai lần",
            "`replicated_in:` có hai dòng `- dak-wil`.",
            "`replicated_in`: `dak-wil` được ghi hai lần; hãy xóa một dòng.",
            "",
            fields=(("replicated_in", "\n  - dak-wil\n  - dak-wil"),)),
        Mistake(
            "nhan-rong-sai-nam", "Đơn vị nhân rộng không tồn tại trong năm",
            "`replicated_in: [cu-jut-2025]` cho một mục năm 2022.",
            "`replicated_in`: `cu-jut-2025` không tồn tại trong năm 2022. xã Cư Jút mới được thành lập từ ngày 1/7/2025. "
            "Với năm 2022 hãy dùng đơn vị cũ: …",
            "",
            fields=(("replicated_in", "\n  - cu-jut-2025"),)),
        Mistake(
            "nhan-rong-thieu", "Đã nhân rộng nhưng chưa ghi nơi nhân rộng (cảnh báo)",
            "`status: nhan-rong` mà không có `replicated_in`.",
            "Trạng thái `nhan-rong` (đã nhân rộng) nhưng chưa ghi `replicated_in`: hãy liệt kê các đơn vị đã nhân rộng.",
            "",
            fields=(("status", "nhan-rong"),), warning=True),
        Mistake(
            "anh-dia-chi-web", "Ảnh là địa chỉ web",
            "`image: https://example.com/anh.jpg`",
            "`image` (Ảnh): `https://example.com/anh.jpg` phải là đường dẫn tương đối tới tệp ảnh trong kho "
            "(ví dụ `ten-anh.jpg` đặt cạnh tệp mục), không dùng đường dẫn tuyệt đối hay địa chỉ web.",
            "Ảnh phải được tải lên kho, đặt cạnh tệp mục: trang web không tải ảnh từ nơi khác.",
            fields=(("image", "https://example.com/anh.jpg"),)),
        Mistake(
            "anh-ngoai-kho", "Ảnh nằm ngoài thư mục mục",
            "`image: ../../anh.jpg`",
            "`image` (Ảnh): `../../anh.jpg` trỏ ra ngoài thư mục `initiatives/`. "
            "Hãy đặt ảnh cạnh tệp mục hoặc trong `initiatives/images/`.",
            "",
            fields=(("image", "../../anh.jpg"),)),
        Mistake(
            "anh-sai-loai", "Tệp ảnh sai loại",
            "`image: may-say.gif`",
            "`image` (Ảnh): loại tệp `.gif` không được nhận. Chỉ dùng ảnh .jpeg, .jpg, .png, .webp.",
            "",
            fields=(("image", "may-say.gif"),)),
        Mistake(
            "anh-khong-thay", "Không tìm thấy ảnh",
            "`image: May-say.jpg` nhưng tệp tải lên tên là `may-say.jpg`.",
            "`image` (Ảnh): không tìm thấy tệp `May-say.jpg` cạnh tệp mục. Hãy kiểm tra tên tệp (phân biệt chữ hoa, "
            "chữ thường) và chắc chắn ảnh đã được tải lên cùng mục.",
            "",
            fields=(("image", "May-say.jpg"),)),
        Mistake(
            "anh-ten-la", "Tên ảnh có dấu, dấu cách hoặc ký tự lạ",
            "`image: \"ảnh máy sấy.png\"`.",
            "`image` (Ảnh): tên tệp `ảnh máy sấy.png` có ký tự không được dùng (`ả`, U+0020 SPACE, `á`, `ấ`). Tên"
            " ảnh và tệp đính kèm chỉ gồm a–z, A–Z, 0–9, `-`, `_`, `.` và `/` (ký tự khác có thể phá vỡ trang). H"
            "ãy đổi tên tệp, ví dụ `anh-may-say.png`, rồi sửa lại tên ở đây.",
            "Tên tệp đi thẳng vào địa chỉ và mã HTML của trang, nên chỉ được dùng các ký tự an toàn.",
            fields=(("image", '"ảnh máy sấy.png"'),)),
        Mistake(
            "anh-gia", "Tệp ảnh giả",
            "`image: may-say.png` nhưng tệp `may-say.png` thật ra là một trang HTML đổi tên.",
            "`image` (Ảnh): tệp `may-say.png` không phải ảnh thật (nội dung là trang HTML hoặc SVG), dù tên có đu"
            "ôi `.png`. Chỉ nhận ảnh PNG, JPEG hoặc WebP thật: hãy mở ảnh gốc và lưu lại dưới một trong các dạng "
            "đó.",
            "Tệp được kiểm tra theo nội dung, không theo đuôi tên.",
            fields=(("image", "may-say.png"),),
            binaries=(("initiatives/2022/may-say.png", b"<!doctype html><script>alert(1)</script>"),)),
        Mistake(
            "anh-sai-duoi", "Đuôi tệp ảnh không khớp nội dung",
            "`image: may-say.jpg` nhưng tệp là ảnh PNG.",
            "`image` (Ảnh): tệp `may-say.jpg` là ảnh PNG nhưng tên có đuôi `.jpg`. Hãy đổi đuôi tệp cho đúng (`.p"
            "ng`) rồi sửa lại tên ở đây.",
            "",
            fields=(("image", "may-say.jpg"),), binaries=(("initiatives/2022/may-say.jpg", png(4, 4)),)),
        Mistake(
            "anh-hong", "Tệp ảnh bị hỏng",
            "`image: may-say.png` nhưng tệp tải lên bị ngắt giữa chừng.",
            "`image` (Ảnh): tệp ảnh `may-say.png` bị hỏng hoặc không đọc được. Hãy mở ảnh bằng trình xem ảnh, lưu"
            " lại rồi tải lên.",
            "",
            fields=(("image", "may-say.png"),),
            binaries=(("initiatives/2022/may-say.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40),)),
        Mistake(
            "anh-qua-nhieu-diem", "Ảnh quá nhiều điểm ảnh",
            "`image: may-say.png`, một tệp nhỏ nhưng khai 30.000 × 30.000 điểm ảnh (“bom giải nén”).",
            "`image` (Ảnh): ảnh `may-say.png` quá lớn (30.000 × 30.000 điểm ảnh), vượt giới hạn 50.000.000 điểm ả"
            "nh. Hãy thu nhỏ ảnh (chiều ngang khoảng 1200 điểm ảnh là đủ) trước khi tải lên.",
            "Ảnh được kiểm tra số điểm ảnh trước khi giải nén, nên tệp như vậy không làm treo máy dựng trang.",
            fields=(("image", "may-say.png"),), binaries=(("initiatives/2022/may-say.png", png(30000, 30000)),)),
        Mistake(
            "lien-ket-tuong-trung", "Liên kết tượng trưng (symlink)",
            "`initiatives/2022/may-say.png` là một symlink tới `/etc/passwd`.",
            "`image` (Ảnh): `initiatives/2022/may-say.png` là liên kết tượng trưng (symlink) trỏ tới `/etc/passwd"
            "`. Kho không nhận liên kết tượng trưng (trang web sẽ đăng nội dung ở nơi khác); khi dựng trang nó bị"
            " bỏ qua. Hãy xóa liên kết và chép chính tệp vào đây.",
            "Trang web chỉ đăng tệp thật nằm trong kho; liên kết tượng trưng bị bỏ qua khi dựng trang.",
            fields=(("image", "may-say.png"),), links=(("initiatives/2022/may-say.png", "/etc/passwd"),)),
        Mistake(
            "tep-pdf-gia", "Tệp PDF giả",
            "`[Hướng dẫn](huong-dan.pdf)` nhưng tệp `huong-dan.pdf` là một trang HTML đổi tên.",
            "Liên kết: tệp `huong-dan.pdf` không phải tệp PDF thật (nội dung là trang HTML hoặc SVG). Hãy xuất lạ"
            "i tài liệu ra PDF rồi tải lên.",
            "",
            body=_BODY_WITH + "[Hướng dẫn](huong-dan.pdf)\n",
            binaries=(("initiatives/2022/huong-dan.pdf", b"<html><body>Tai lieu</body></html>"),)),
        Mistake(
            "lien-ket-tuyet-doi", "Liên kết tới đường dẫn tuyệt đối",
            "`[Quy chế](/tai-lieu/quy-che.pdf)`.",
            "Liên kết: `/tai-lieu/quy-che.pdf` là đường dẫn tuyệt đối. Hãy đặt tệp cạnh tệp mục và ghi tên tệp, v"
            "í dụ `(ten-tep.pdf)`; để dẫn tới trang web khác, ghi đủ địa chỉ bắt đầu bằng `https://`.",
            "",
            body=_BODY_WITH + "[Quy chế](/tai-lieu/quy-che.pdf)\n"),
        Mistake(
            "lien-ket-md", "Liên kết tới tệp Markdown",
            "`[Mục khác](../2023/thap-sang.md)`.",
            "Liên kết: `../2023/thap-sang.md` dẫn tới tệp Markdown. Để dẫn tới một mục khác, hãy ghi đủ địa chỉ t"
            "rang của mục đó (bắt đầu bằng `https://`).",
            "",
            body=_BODY_WITH + "[Mục khác](../2023/thap-sang.md)\n"),
        Mistake(
            "lien-ket-ra-ngoai", "Liên kết trỏ ra ngoài kho mục",
            "`[Danh mục](../../taxonomy.yml)`.",
            "Liên kết: `../../taxonomy.yml` trỏ ra ngoài thư mục `initiatives/`. Chỉ dẫn tới tệp đặt cạnh tệp mục"
            " hoặc trong `initiatives/`.",
            "",
            body=_BODY_WITH + "[Danh mục](../../taxonomy.yml)\n"),
        Mistake(
            "lien-ket-svg", "Liên kết tới tệp .svg",
            "`![Sơ đồ](so-do.svg)`.",
            "Ảnh: `so-do.svg`: không nhận tệp .svg vì loại tệp này có thể chứa mã chạy được. Hãy lưu ảnh dưới dạn"
            "g .jpeg, .jpg, .png, .webp.",
            "",
            body=_BODY_WITH + "![Sơ đồ](so-do.svg)\n"),
        Mistake(
            "lien-ket-loai-tep", "Liên kết tới loại tệp không nhận",
            "`[Biên bản](bien-ban.docx)`.",
            "Liên kết: `bien-ban.docx`: loại tệp `.docx` không được nhận. Chỉ dẫn tới ảnh (.jpeg, .jpg, .png, .we"
            "bp) hoặc tệp .pdf.",
            "",
            body=_BODY_WITH + "[Biên bản](bien-ban.docx)\n"),
        Mistake(
            "lien-ket-khong-thay", "Liên kết tới tệp không có",
            "`[Hướng dẫn](huong-dan.pdf)` nhưng chưa tải tệp lên.",
            "Liên kết: không tìm thấy tệp `huong-dan.pdf` cạnh tệp mục. Hãy kiểm tra tên tệp (phân biệt chữ hoa, "
            "chữ thường) và chắc chắn tệp đã được tải lên cùng mục.",
            "",
            body=_BODY_WITH + "[Hướng dẫn](huong-dan.pdf)\n"),
        Mistake(
            "cau-mau", "Còn câu mẫu của lệnh `new`",
            "Giữ nguyên câu “Mô tả vấn đề, khó khăn trước khi có sáng kiến.” dưới `## Thực trạng`.",
            "Phần nội dung còn câu mẫu “Mô tả vấn đề, khó khăn trước khi có sáng kiến.” do lệnh `new` tạo ra. Hãy"
            " thay câu mẫu này bằng nội dung thật của sáng kiến (giữ lại tiêu đề `## …` phía trên nếu muốn).",
            "Lệnh `python -m generator new` viết sẵn các câu gợi ý; mỗi câu phải được thay bằng nội dung thật.",
            body=_SCAFFOLD_BODY),
        Mistake(
            "long-qua-sau", "Danh sách lồng quá sâu",
            "Một dòng `- - - - … x` với 30 dấu đầu dòng.",
            "Dòng này lồng 30 cấp (mỗi dấu `>`, mỗi dấu đầu dòng danh sách `-`, `*`, `+`, `1.` và mỗi 4 dấu cách "
            "thụt lề là một cấp), vượt giới hạn 20 cấp mà trang dựng được. Hãy viết phẳng hơn: bỏ bớt dấu đầu dòn"
            "g, tách thành nhiều đoạn hoặc danh sách ngắn.",
            "Trang chỉ dựng được nội dung lồng tới một mức nhất định; sâu hơn, việc dựng cả trang web sẽ thất bại.",
            body=_BODY_WITH + "- " * 30 + "x\n"),
        Mistake(
            "dau-danh-dau-dai", "Chuỗi ký tự đánh dấu quá dài",
            "Một dòng có 150 dấu `*` liền nhau để làm đường kẻ.",
            "Dòng này có 150 ký tự `*` liền nhau, vượt giới hạn 100 ký tự đánh dấu liền nhau mà trang dựng được. "
            "Hãy xóa bớt (để kẻ dòng, dùng `---` trên một dòng riêng).",
            "",
            body=_BODY_WITH + "*" * 150 + "\n"),
        Mistake(
            "noi-dung-trong", "Chưa có nội dung",
            "Không viết gì bên dưới dòng `---` thứ hai.",
            "Phần nội dung (bên dưới dòng `---` thứ hai) đang trống. Hãy mô tả: thực trạng, giải pháp, "
            "điều kiện áp dụng, hiệu quả và cách nhân rộng.",
            "",
            body=""),
        Mistake(
            "noi-dung-ngan", "Nội dung quá ngắn (cảnh báo)",
            "Chỉ viết một câu bên dưới dòng `---` thứ hai.",
            "Phần nội dung rất ngắn (37 ký tự). Nên mô tả rõ thực trạng, giải pháp, điều kiện áp dụng và hiệu quả.",
            "",
            body="Máy sấy cà phê giúp bà con đỡ vất vả.\n", warning=True),
    )),
    Group("an-toan", "Thông tin cá nhân và an toàn",
          "Danh mục được công khai trên mạng: trình kiểm tra chặn thông tin cá nhân và những gì có thể gây hại cho "
          "người xem.", (
        Mistake(
            "so-dien-thoai", "Số điện thoại cá nhân",
            "`Liên hệ ông Thành: 0912 345 678.` trong phần nội dung.",
            "Nội dung có số điện thoại `0912 345 678`. Không đăng thông tin liên lạc cá nhân. Nếu đây là số điện thoại "
            "công khai của cơ quan, tổ chức, hãy ghi đúng giá trị này vào trường `public_contacts`.",
            "Số điện thoại, thư điện tử của cá nhân không được đăng, kể cả trong tên tác giả. Số của cơ quan được phép "
            "công khai thì ghi ở `public_contacts`.",
            body=BASE_BODY + "\nLiên hệ ông Thành: 0912 345 678.\n"),
        Mistake(
            "thu-dien-tu", "Địa chỉ thư điện tử cá nhân",
            "`Thư điện tử: thanh.le@gmail.com` trong phần nội dung.",
            "Nội dung có địa chỉ thư điện tử `thanh.le@gmail.com`. Không đăng thông tin liên lạc cá nhân. …",
            "",
            body=BASE_BODY + "\nThư điện tử: thanh.le@gmail.com\n"),
        Mistake(
            "so-giay-to", "Số giấy tờ tùy thân",
            "`Số căn cước của tác giả: 066095001234.`",
            "Nội dung có dãy số `066095001234` giống số giấy tờ tùy thân (CMND/CCCD). Không đăng số giấy tờ của công dân; "
            "hãy xóa dãy số này (nếu là số tiền, hãy viết có dấu chấm, ví dụ `150.000.000 đồng`).",
            "",
            body=BASE_BODY + "\nSố căn cước của tác giả: 066095001234.\n"),
        Mistake(
            "the-html", "Thẻ HTML nguy hiểm",
            "`<script>…</script>` dán vào phần nội dung.",
            "Thẻ HTML `<script>` không được dùng trong nội dung vì có thể chạy mã trên máy người xem; "
            "khi dựng trang thẻ này bị xóa. …",
            "Phần nội dung viết bằng Markdown; các thẻ HTML có thể chạy mã hoặc nhúng trang khác đều bị chặn.",
            body=BASE_BODY + "\n<script>alert(1)</script>\n"),
        Mistake(
            "lien-ket-la", "Liên kết dùng giao thức lạ",
            "`[Xem thêm](javascript:alert(1))`",
            "Liên kết `javascript:alert(1)` dùng giao thức `javascript:` không được phép (chỉ nhận `http:`, `https:`, "
            "`mailto:`, `tel:` hoặc tệp đặt cạnh tệp mục); khi dựng trang liên kết này bị xóa.",
            "",
            body=BASE_BODY + "\n[Xem thêm](javascript:alert(1))\n"),
        Mistake(
            "anh-tu-noi-khac", "Ảnh lấy từ trang web khác",
            "`![Ảnh](https://example.com/a.png)` trong phần nội dung.",
            "Ảnh `https://example.com/a.png` lấy từ trang web khác; trang chỉ hiển thị ảnh có trong kho (không tải gì "
            "từ nơi khác). Hãy tải ảnh lên cạnh tệp mục và ghi `![mô tả](ten-anh.jpg)`.",
            "",
            body=BASE_BODY + "\n![Ảnh](https://example.com/a.png)\n"),
        Mistake(
            "ky-tu-vo-hinh", "Ký tự vô hình",
            "Tên sáng kiến chép từ tin nhắn, có một dấu cách “độ rộng bằng không” (U+200B) giữa hai chữ.",
            "Dòng này có ký tự vô hình (U+200B ZERO WIDTH SPACE) ở cột 19, không nhìn thấy được nhưng làm sai việc "
            "tra cứu và so khớp. Hãy xóa ký tự đó (thường do chép từ trang web hoặc tin nhắn) rồi gõ lại đoạn chữ.",
            "",
            fields=(("title", '"Máy sấy cà\u200b phê tận dụng nhiệt"'),)),
        Mistake(
            "ma-thoat-vo-hinh", "Ký tự vô hình viết bằng mã thoát",
            "`title: \"Máy sấy\\u200b cà phê\"` (mã `\\u200b` trong dấu ngoặc kép tạo ra một ký tự vô hình).",
            "Giá trị của `title` có ký tự vô hình (U+200B ZERO WIDTH SPACE) viết bằng mã thoát YAML (`\\u200b`), k"
            "hông nhìn thấy được nhưng làm sai việc tra cứu và so khớp. Hãy xóa mã thoát đó khỏi giá trị.",
            "Trong dấu ngoặc kép, YAML đổi `\\u…` thành ký tự; ký tự vô hình bị chặn dù viết trực tiếp hay bằng mã.",
            fields=(("title", '"Máy sấy\\u200b cà phê tận dụng nhiệt"'),)),
        Mistake(
            "thu-dien-tu-viet-chu", "Thư điện tử viết tránh",
            "`Thư: thanh.le (a) gmail chấm com` trong phần nội dung.",
            "Nội dung có địa chỉ thư điện tử `thanh.le (a) gmail chấm com`. Không đăng thông tin liên lạc cá nhân"
            ". Nếu đây là địa chỉ thư điện tử công khai của cơ quan, tổ chức, hãy ghi đúng giá trị này vào trường"
            " `public_contacts`.",
            "Địa chỉ viết tránh (`(a)`, `[at]`, `chấm`, `&#64;`, `＠`), số viết bằng chữ số toàn khổ hay có dấu cách "
            "không ngắt vẫn được nhận ra.",
            body=_BODY_WITH + "Thư: thanh.le (a) gmail chấm com\n"),
        Mistake(
            "chu-gia", "Chữ trông giống nhưng khác",
            "`unit: еa-po` với chữ `е` của bảng chữ Kirin (chép từ văn bản khác), trông y hệt chữ `e`.",
            "`unit` (Đơn vị áp dụng): `еa-po` không phải đơn vị nào trong danh mục. `еa-po` có chữ trông giống chữ "
            "Latinh nhưng là ký tự khác: `е` (U+0435 CYRILLIC SMALL LETTER IE) (thường do chép từ văn bản khác). …",
            "Hãy xóa mã và gõ lại bằng bàn phím.",
            fields=(("unit", "\u0435a-po"),)),
    )),
)

MISTAKES: tuple[Mistake, ...] = tuple(m for g in GROUPS for m in g.mistakes)

# Limits that stop a hostile or mistaken file; far above any real entry, so they get a sentence, not an example.
LIMITS: tuple[tuple[str, int, str], ...] = (
    ("Cả tệp mục", MAX_FILE_BYTES, "byte"),
    ("Phần thông tin đầu tệp", MAX_FRONT_MATTER_CHARS, "ký tự"),
    ("Phần nội dung", MAX_BODY_CHARS, "ký tự"),
    ("Số giá trị trong phần thông tin", MAX_YAML_NODES, "giá trị"),
    ("Một tệp ảnh", MAX_IMAGE_BYTES, "byte"),
    ("Một ảnh", MAX_IMAGE_PIXELS, "điểm ảnh"),
    ("Một dòng nội dung", MAX_NESTING, "cấp lồng nhau (danh sách, trích dẫn `>`, mỗi 4 dấu cách thụt lề)"),
    ("Ký tự `*`, `_`, `[`, `]` liền nhau", MAX_MARK_RUN, "ký tự"),
)
