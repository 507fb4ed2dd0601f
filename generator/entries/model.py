"""The Entry model: the one definition of an entry's fields.

It validates front matter (against the taxonomy handed in as validation context), documents every
field in Vietnamese for editors, and exports the JSON Schema. It knows nothing of files or MkDocs.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator
from pydantic.fields import FieldInfo
from pydantic_core import PydanticCustomError

from generator.common.taxonomy import Taxonomy

SUMMARY_MAX = 300
TITLE_MAX = 200
MIN_YEAR = 2000
MAX_YEAR = 2100

# `x-taxonomy` names the taxonomy list a field's values come from; the schema export fills in the enum.
Slug = Annotated[str, Field(min_length=1, max_length=80)]


# Taxonomy list (a field's `x-taxonomy`) → the Taxonomy lookup that knows its values.
_LOOKUPS = {
    "types": "type_by_slug",
    "areas": "area_by_number",
    "units": "unit_by_slug",
    "organizations": "org_by_slug",
    "statuses": "status_by_slug",
    "benefits": "benefit_by_key",
}


# Default factories written in Python: pydantic reads each factory's signature, and for the builtins `list`
# and `dict` that means tokenizing their text signature, several milliseconds of every command's start.
def _list() -> list:
    return []


def _dict() -> dict:
    return {}


def _taxonomy(info: ValidationInfo) -> Taxonomy | None:
    return (info.context or {}).get("taxonomy")


def _bad(kind: str, message: str, **ctx: Any) -> PydanticCustomError:
    return PydanticCustomError(kind, message, ctx)


class Recognition(BaseModel):
    """Một hình thức khen thưởng, biểu dương."""

    model_config = ConfigDict(extra="forbid", title="Khen thưởng")

    level: str = Field(title="Cấp khen thưởng", description="Cấp khen: xa, huyen, tinh hoặc trung-uong.",
                       json_schema_extra={"x-taxonomy": "recognition_levels"})
    year: int = Field(title="Năm khen thưởng", description="Năm được khen thưởng, ví dụ 2022.", ge=MIN_YEAR, le=MAX_YEAR)
    title: str = Field(title="Hình thức khen thưởng", min_length=3, max_length=TITLE_MAX,
                       description="Tên hình thức khen thưởng, ví dụ “Giấy khen của Ủy ban MTTQ Việt Nam huyện Cư Jút”.")

    @field_validator("level")
    @classmethod
    def _level(cls, value: str, info: ValidationInfo) -> str:
        tax = _taxonomy(info)
        if tax and value not in tax.level_by_slug:
            raise _bad("taxonomy", "unknown", field="recognition_levels", value=value)
        return value


class Entry(BaseModel):
    """Một sáng kiến, ý tưởng mới, sáng chế hoặc mô hình “Đoàn kết sáng tạo”."""

    model_config = ConfigDict(extra="forbid", title="Mục sáng kiến", str_strip_whitespace=True)

    title: str = Field(title="Tên sáng kiến", min_length=3, max_length=TITLE_MAX,
                       description="Tên của sáng kiến, ý tưởng, sáng chế hoặc mô hình, viết như tên gọi chính thức.")
    type: str = Field(title="Loại", json_schema_extra={"x-taxonomy": "types"},
                      description="Loại mục: sang-kien (sáng kiến), y-tuong (ý tưởng mới), sang-che (sáng chế), mo-hinh (mô hình “Đoàn kết sáng tạo”).")
    area: int = Field(title="Lĩnh vực", json_schema_extra={"x-taxonomy": "areas"},
                      description="Số của một trong năm nội dung thi đua ở mục II của Kế hoạch, từ 1 đến 5.")
    unit: Slug = Field(title="Đơn vị áp dụng", json_schema_extra={"x-taxonomy": "units"},
                       description="Mã của xã, thị trấn hoặc huyện nơi áp dụng, phải còn tồn tại trong năm của mục (xem danh sách đơn vị).")
    year: int = Field(title="Năm", ge=MIN_YEAR, le=MAX_YEAR,
                      description="Năm sáng kiến được công nhận hoặc áp dụng; phải trùng với tên thư mục chứa tệp.")
    summary: str = Field(title="Tóm tắt", min_length=20, max_length=SUMMARY_MAX,
                         description=f"Một hoặc hai câu giản dị (tối đa {SUMMARY_MAX} ký tự), dùng trên thẻ, bản tin và đọc trên loa phát thanh.")
    organization: Slug | None = Field(default=None, title="Tổ chức chủ trì", json_schema_extra={"x-taxonomy": "organizations"},
                                      description="Mã tổ chức thành viên hoặc cơ quan chủ trì (không bắt buộc).")
    authors: list[Annotated[str, Field(min_length=2, max_length=200)]] = Field(
        default_factory=_list, title="Tác giả", description="Tên người hoặc tập thể thực hiện (không bắt buộc).")
    status: str | None = Field(default=None, title="Trạng thái", json_schema_extra={"x-taxonomy": "statuses"},
                               description="de-xuat (đề xuất), ap-dung (đã áp dụng, mặc định) hoặc nhan-rong (đã nhân rộng).")
    applied_since: dt.date | None = Field(default=None, title="Áp dụng từ ngày",
                                          description="Ngày bắt đầu áp dụng, dạng NĂM-THÁNG-NGÀY, ví dụ 2022-03-15.")
    added: dt.date | None = Field(default=None, title="Ngày đưa vào kho", json_schema_extra={"x-stamped": True},
                                  description="Ngày mục được đưa vào kho sáng kiến, dạng NĂM-THÁNG-NGÀY; lệnh tạo mục, nhập bảng tính và biểu mẫu đề xuất tự ghi.")
    replicated_in: list[Slug] = Field(default_factory=_list, title="Nhân rộng tại", json_schema_extra={"x-taxonomy": "units"},
                                      description="Mã các đơn vị khác đã nhân rộng sáng kiến, mô hình này.")
    recognition: list[Recognition] = Field(default_factory=_list, title="Khen thưởng",
                                           description="Các hình thức khen thưởng: mỗi mục gồm level (cấp), year (năm), title (hình thức).")
    benefits: dict[str, Annotated[int, Field(ge=0)]] = Field(
        default_factory=_dict, title="Hiệu quả đo được", json_schema_extra={"x-taxonomy": "benefits"},
        description="Các con số hiệu quả, là số nguyên, ví dụ beneficiaries (số người hưởng lợi), savings_vnd (số tiền làm lợi, đồng).")
    image: str | None = Field(default=None, title="Ảnh", max_length=300,
                              description="Tên tệp ảnh (jpg, png, webp) đặt cạnh tệp mục, hoặc đường dẫn tương đối tới thư mục ảnh trong initiatives/.")
    image_alt: str | None = Field(default=None, title="Mô tả ảnh", max_length=300,
                                  description="Mô tả ngắn nội dung ảnh cho người khiếm thị và khi ảnh không tải được.")
    tags: list[Annotated[str, Field(min_length=1, max_length=60)]] = Field(
        default_factory=_list, title="Từ khóa", description="Các từ khóa tự do giúp tra cứu.")
    featured: bool = Field(default=False, title="Nổi bật", description="true để giới thiệu mục này trên trang chủ.")
    public_contacts: list[str] = Field(
        default_factory=_list, title="Liên hệ công khai",
        description="Số điện thoại hoặc thư điện tử công khai của cơ quan, tổ chức được phép đăng; không ghi thông tin cá nhân.")

    # --- checks against the taxonomy -------------------------------------------------------------
    @field_validator("type", "area", "unit", "organization", "status", "replicated_in", "benefits")
    @classmethod
    def _in_taxonomy(cls, value: Any, info: ValidationInfo) -> Any:
        tax = _taxonomy(info)
        if tax is None or value is None:
            return value
        kind = _TAXONOMY_LISTS[info.field_name]
        known = getattr(tax, _LOOKUPS[kind])
        # Lists and mappings (replicated_in, benefits) are checked item by item / key by key.
        for item in value if isinstance(value, (list, dict)) else [value]:
            if item not in known:
                raise _bad("taxonomy", "unknown", field=kind, value=item)
        return value

    @field_validator("title", "summary")
    @classmethod
    def _one_line(cls, value: str) -> str:
        if "\n" in value.strip():
            raise _bad("multiline", "multiline")
        return value

    @model_validator(mode="after")
    def _in_time(self, info: ValidationInfo) -> "Entry":
        if self.applied_since and self.applied_since.year > self.year:
            raise _bad("applied_after_year", "applied_after_year", year=self.year)
        return self

    @field_validator("applied_since", "added", mode="before")
    @classmethod
    def _date_is_text(cls, value: Any) -> Any:
        # pydantic would read a bare number as seconds since 1970; an editor means a year or a typo.
        if value is not None and not isinstance(value, (str, dt.date)):
            raise _bad("date_form", "date_form")
        return value


FIELD_ORDER = list(Entry.model_fields)


def is_stamped(name: str) -> bool:
    """A field every way in fills by itself (`added`): forms and templates do not ask the editor for it."""
    extra = Entry.model_fields[name].json_schema_extra
    return isinstance(extra, dict) and bool(extra.get("x-stamped"))


def taxonomy_list(field: FieldInfo) -> str | None:
    """The taxonomy list a field's values come from (its `x-taxonomy`), or None."""
    extra = field.json_schema_extra
    return extra.get("x-taxonomy") if isinstance(extra, dict) else None


# Field → its taxonomy list, read once for Entry._in_taxonomy.
_TAXONOMY_LISTS = {name: kind for name, f in Entry.model_fields.items() if (kind := taxonomy_list(f))}
