"""A held-out catalogue for the search evaluation: entries that read like a commune's real ones.

bench/synth.py draws sentences at random, so an entry's title, summary and body need not be about the same
thing; good for sizes, not for judging ranking. Here each entry is about one topic, written the way editors
write: a title made of a head word and an activity ("Tổ hòa giải", "Mô hình nuôi dê nhốt chuồng"), often with
its hamlet and commune; a summary that says who does what, where, for whom; a body of five sections whose
sentences name the topic, the place, the people and figures, filled out with the sample entries' own
sentences. Topics, heads, hamlets and people's names are written here, not taken from the samples, and many
titles come out as siblings ("Tổ hòa giải ở thôn 3" and "Tổ hòa giải ở buôn Trum"), the hard case of a real
catalogue. Front matter (units by year, types, statuses, benefits, recognition) is bench/synth.py's.
bench/search_eval.py writes such a project into its work folder (`project-eval-N`) and keeps it between runs.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import synth  # noqa: E402
from generator.common.taxonomy import Taxonomy  # noqa: E402
from generator.common.text import format_number  # noqa: E402

SEED = 20251120  # any fixed number: the evaluation must be repeatable

# (activity, tags, who usually runs it, what it is for)
TOPICS = (
    ("sấy {crop} bằng năng lượng mặt trời", ["{crop}", "năng lượng"], "Hội Nông dân", "giảm tiền điện và giữ chất lượng hạt"),
    ("hòa giải ở cơ sở", ["hòa giải", "an ninh trật tự"], "Ban Công tác Mặt trận", "giữ tình làng nghĩa xóm"),
    ("nuôi {animal} nhốt chuồng", ["chăn nuôi", "giảm nghèo"], "Hội Nông dân", "giúp hộ nghèo có thu nhập ổn định"),
    ("thắp sáng đường quê", ["điện chiếu sáng", "nông thôn mới"], "Đoàn Thanh niên", "đường làng sáng đèn, an toàn khi đi đêm"),
    ("heo đất tiết kiệm", ["tiết kiệm", "phụ nữ"], "Hội Liên hiệp Phụ nữ", "chị em có vốn làm ăn"),
    ("camera an ninh", ["an ninh trật tự", "camera"], "Ban Công tác Mặt trận", "giảm trộm cắp trong khu dân cư"),
    ("thu gom rác thải nhựa", ["môi trường", "rác thải"], "Đoàn Thanh niên", "giữ sạch đường làng, suối nước"),
    ("tưới nhỏ giọt cho {crop}", ["{crop}", "tiết kiệm nước"], "Hội Nông dân", "tiết kiệm nước tưới mùa khô"),
    ("đổi công thu hoạch {crop}", ["{crop}", "đoàn kết"], "Chi hội Nông dân", "giúp nhau thu hái kịp thời vụ"),
    ("bữa sáng cho học sinh bán trú", ["giáo dục", "trẻ em"], "Hội Liên hiệp Phụ nữ", "các em đến lớp không bụng đói"),
    ("tủ sách thiếu nhi", ["đọc sách", "trẻ em"], "Đoàn Thanh niên", "trẻ em có sách đọc ngày hè"),
    ("dạy bơi phòng chống đuối nước cho {people}", ["{people}", "an toàn"], "Đoàn Thanh niên", "trẻ em biết bơi và biết tự cứu"),
    ("xóa nhà tạm cho hộ nghèo", ["nhà ở", "giảm nghèo"], "Ủy ban MTTQ", "hộ nghèo có nhà vững chãi"),
    ("đường hoa tự quản", ["nông thôn mới", "môi trường"], "Hội Liên hiệp Phụ nữ", "đường làng xanh, sạch, đẹp"),
    ("giữ gìn cồng chiêng", ["văn hóa", "đồng bào dân tộc"], "Chi hội Người cao tuổi", "lớp trẻ biết đánh cồng chiêng"),
    ("dệt thổ cẩm", ["văn hóa", "thu nhập"], "Hội Liên hiệp Phụ nữ", "giữ nghề truyền thống và có thêm thu nhập"),
    ("nuôi ong lấy mật trong vườn {crop}", ["chăn nuôi", "thu nhập"], "Hội Cựu chiến binh", "tăng thu nhập từ vườn cà phê"),
    ("ủ phân hữu cơ từ vỏ {crop}", ["phân bón", "{crop}"], "Hội Nông dân", "giảm phân hóa học, cải tạo đất"),
    ("tách vỏ hạt điều an toàn", ["hạt điều", "an toàn lao động"], "Hội Liên hiệp Phụ nữ", "không còn bỏng tay do dầu vỏ điều"),
    ("trồng {crop} xen {crop2}", ["{crop}", "{crop2}"], "Hội Nông dân", "tăng giá trị trên một héc-ta"),
    ("chuyển đổi số cho {people}", ["chuyển đổi số", "{people}"], "Đoàn Thanh niên", "người cao tuổi dùng được điện thoại thông minh"),
    ("hướng dẫn {people} làm {paper} trực tuyến", ["chuyển đổi số", "dịch vụ công"], "Đoàn Thanh niên", "người dân làm thủ tục không phải đi xa"),
    ("cổng trường an toàn giao thông", ["an toàn giao thông", "trẻ em"], "Hội Cựu chiến binh", "học sinh qua đường an toàn"),
    ("phòng chống bạo lực gia đình", ["gia đình", "phụ nữ"], "Hội Liên hiệp Phụ nữ", "gia đình êm ấm, không bạo lực"),
    ("vay vốn xoay vòng nuôi {animal}", ["vốn vay", "giảm nghèo"], "Hội Liên hiệp Phụ nữ", "hộ khó khăn có vốn mua cây giống"),
    ("cây mùa xuân tặng {gift} cho {people}", ["tết", "an sinh"], "Ủy ban MTTQ", "hộ nghèo đón Tết đầy đủ"),
    ("thu gom phế liệu gây quỹ", ["môi trường", "quỹ"], "Đoàn Thanh niên", "có quỹ giúp học sinh nghèo"),
    ("{gift} cho {people}", ["{people}", "an sinh"], "Hội Chữ thập đỏ", "người khuyết tật tự đi lại"),
    ("bán {crop} qua mạng xã hội", ["nông sản", "chuyển đổi số"], "Đoàn Thanh niên", "bán được giá, không bị ép giá"),
    ("bảo vệ rừng đầu nguồn", ["rừng", "môi trường"], "Hội Cựu chiến binh", "giữ nguồn nước cho cả vùng"),
    ("giữ nước cho vườn cây mùa khô", ["tiết kiệm nước", "hạn hán"], "Hội Nông dân", "vườn cây qua mùa khô không chết"),
    ("khuyến học cho con hộ nghèo", ["khuyến học", "giáo dục"], "Hội Khuyến học", "không em nào bỏ học vì nghèo"),
    ("dưỡng sinh cho người cao tuổi", ["sức khỏe", "người cao tuổi"], "Chi hội Người cao tuổi", "người cao tuổi khỏe, vui"),
    ("bếp ăn yêu thương", ["an sinh", "bệnh nhân"], "Hội Chữ thập đỏ", "người nhà bệnh nhân có bữa cơm miễn phí"),
    ("sửa điện miễn phí", ["điện", "thanh niên tình nguyện"], "Đoàn Thanh niên", "nhà dân dùng điện an toàn"),
    ("nước sạch cho đồng bào", ["nước sạch", "đồng bào dân tộc"], "Ủy ban MTTQ", "đồng bào có nước sạch dùng quanh năm"),
    ("nuôi cá lồng trên hồ thủy lợi", ["thủy sản", "thu nhập"], "Hội Nông dân", "tận dụng mặt nước hồ"),
    ("phân loại rác tại nguồn", ["rác thải", "môi trường"], "Hội Liên hiệp Phụ nữ", "giảm lượng rác phải chôn lấp"),
    ("tổ tự quản an ninh", ["an ninh trật tự", "tự quản"], "Ban Công tác Mặt trận", "khu dân cư bình yên"),
    ("trồng {herb} dưới tán rừng", ["dược liệu", "rừng"], "Hội Nông dân", "có thu nhập mà vẫn giữ rừng"),
    ("tiêm chủng đúng lịch cho trẻ", ["y tế", "trẻ em"], "Hội Liên hiệp Phụ nữ", "không trẻ nào bỏ sót mũi tiêm"),
    ("loa truyền thanh thông minh", ["truyền thanh", "chuyển đổi số"], "Ủy ban MTTQ", "tin tức đến từng nhà"),
    ("sân chơi cho thiếu nhi", ["trẻ em", "văn hóa"], "Đoàn Thanh niên", "trẻ em có chỗ vui chơi an toàn"),
    ("mái ấm công đoàn", ["nhà ở", "công đoàn"], "Công đoàn", "đoàn viên khó khăn có nhà ở"),
    ("gùi thuốc đến buôn xa", ["y tế", "đồng bào dân tộc"], "Hội Chữ thập đỏ", "người ốm ở buôn xa có thuốc kịp thời"),
)
# What the slots of an activity become: a large catalogue names many crops, animals, people and papers, and a
# word of them is often what tells one commune's entry from another's.
SLOTS = {
    "crop": ("cà phê", "hồ tiêu", "sầu riêng", "bơ", "điều", "mắc ca", "ngô", "lúa nước", "sắn", "chanh dây",
             "cao su", "khoai lang", "đậu xanh", "dâu tằm", "mít", "chuối", "bưởi da xanh", "ca cao", "đậu phộng",
             "cà chua", "bí đỏ", "dưa hấu", "gừng", "nghệ", "măng tre", "chè", "thanh long", "xoài", "nhãn", "sả"),
    "animal": ("dê", "bò", "heo rừng lai", "gà thả vườn", "vịt", "thỏ", "nhím", "cá rô đồng", "lươn", "ếch", "bồ câu",
               "trâu", "dúi", "ốc nhồi", "chim cút"),
    "people": ("người cao tuổi", "trẻ em", "học sinh tiểu học", "phụ nữ đơn thân", "hộ nghèo", "người khuyết tật",
               "đồng bào Ê Đê", "đồng bào M'nông", "thanh niên lập nghiệp", "người lao động tự do", "hộ cận nghèo",
               "cựu chiến binh", "bệnh nhân chạy thận", "trẻ mồ côi", "công nhân nhà trọ"),
    "gift": ("xe lăn", "xe đạp", "áo ấm", "chăn bông", "sách giáo khoa", "bồn chứa nước", "máy lọc nước", "điện thoại",
             "mũ bảo hiểm", "bò giống", "lưới chống muỗi", "tủ thuốc"),
    "paper": ("khai sinh", "đăng ký thường trú", "cấp đổi căn cước", "chứng thực", "đăng ký kết hôn",
              "hồ sơ bảo hiểm y tế", "giấy chứng nhận quyền sử dụng đất"),
    "herb": ("sâm dây", "đinh lăng", "ba kích", "sa nhân", "hà thủ ô", "cà gai leo", "giảo cổ lam"),
}
HEADS = ("Mô hình", "Mô hình", "Tổ", "Câu lạc bộ", "Sáng kiến", "Nhóm", "Đội", "Điểm", "Cách làm", "Quỹ",
         "Phong trào", "Dự án", "Chương trình")
HAMLET_NAMES = ("Buôn Trum", "Buôn Buôr", "Buôn Ea Pô", "Bon U2", "Bon Bu Đắk", "Trúc Sơn", "Tân Ninh", "Nam Tiến",
                "Thanh Xuân", "Đắk Hòa", "Hà Thông", "Tân Lập", "Kiến Xương", "Thái Học", "Nam Thành", "Đồng Tâm",
                "Quảng Hà", "Bắc Sơn", "Thuận Hạnh", "Hòa Phú", "Suối Tre", "Ea Súp", "Cư Pang", "Đắk Kuăl",
                "Trung Hòa", "Xuân Lộc", "Bình Minh", "Hợp Thành", "Tân Thịnh", "Sơn Thủy")
SURNAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô",
            "Dương", "Lý", "Đinh", "Mai", "Trịnh", "Lương", "Tạ", "Cao", "Kiều", "La")
MIDDLES = ("Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Ngọc", "Quốc", "Xuân", "Kim", "Công", "Thu", "Bích",
           "Hoài", "Đình", "Khánh")
GIVEN = ("An", "Bình", "Cường", "Dũng", "Duyên", "Giang", "Hạnh", "Hải", "Hiền", "Hòa", "Hồng", "Huệ", "Hùng",
         "Hương", "Khoa", "Lan", "Liên", "Linh", "Loan", "Lộc", "Mai", "Minh", "Nam", "Nga", "Ngân", "Nhung", "Oanh",
         "Phúc", "Phượng", "Quang", "Quyên", "Sơn", "Tâm", "Thảo", "Thắng", "Thủy", "Thúy", "Tiến", "Toàn", "Trang",
         "Trinh", "Tuấn", "Tùng", "Tuyết", "Vân", "Việt", "Vinh", "Xuân", "Yến", "Khuê", "Đạt", "Đông", "Lực", "Nhàn")
HIGHLAND = ("H'Bia Niê", "Y Kô Ksor", "H'Hen Mlô", "Y Brăm Êban", "Điểu K'Rốt", "Thị Dung Ksor", "H'Loan Byă",
            "Y Ngọc Niê Kdăm", "Điểu Thị Sa", "K'Thương", "Y Thuật Buôn Yă", "H'Nhi Ê Nuôl")
VERBS = ("tổ chức", "duy trì", "triển khai", "xây dựng", "vận động bà con làm", "nhân rộng")
SUMMARIES = (
    "{org} {place} {verb} {activity}, để {goal}.",
    "{Who} {verb} {activity} ở {place}: {goal}.",
    "Từ năm {year}, {org} {place} {verb} {activity}; {n} hộ tham gia, {goal}.",
    "{activity_cap} do {who} khởi xướng, {n} hộ ở {place} cùng làm để {goal}.",
)
SITUATION = (
    "Trước khi có {thing}, bà con ở {place} gặp nhiều khó khăn, nhất là vào mùa khô và lúc giáp hạt.",
    "Nhiều hộ ở {place} chưa biết cách làm, mỗi nhà một kiểu, hiệu quả không cao.",
    "Qua các buổi họp khu dân cư, người dân {place} nhiều lần kiến nghị cần có {thing}.",
)
SOLUTION = (
    "{Who} đề xuất {thing}, được Ban Công tác Mặt trận {place} thống nhất và giao cho {org} thực hiện.",
    "Mỗi tháng {org} họp một lần để phân công, ghi sổ và báo cáo kết quả {thing}.",
    "Kinh phí ban đầu {money} đồng do nhân dân đóng góp và các nhà hảo tâm ủng hộ.",
)
RESULT = (
    "Sau một năm, {n} hộ được hưởng lợi; {goal}.",
    "{Thing_cap} được Ủy ban MTTQ xã đánh giá cao và đề nghị nhân rộng ra các thôn, buôn khác.",
)
HOW = (
    "Nơi nào muốn làm theo cần có người đứng ra vận động, có sổ theo dõi và họp rút kinh nghiệm hằng quý.",
    "{Org} sẵn sàng hướng dẫn các thôn, buôn khác làm {thing}.",
)


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


class EvalVoice:
    """Entries about one topic each (see the module's docstring)."""

    def __init__(self, corpus: synth.Corpus) -> None:
        self.corpus = corpus

    def person(self, rng: random.Random) -> str:
        if rng.random() < 0.15:
            return rng.choice(HIGHLAND)
        return f"{rng.choice(SURNAMES)} {rng.choice(MIDDLES)} {rng.choice(GIVEN)}"

    def hamlet(self, rng: random.Random) -> str:
        roll = rng.random()
        if roll < 0.45:
            return f"{rng.choice(('thôn', 'thôn', 'tổ dân phố'))} {rng.randint(1, 20)}"
        name = rng.choice(HAMLET_NAMES)
        if name.startswith(("Buôn", "Bon")):
            return name[0].lower() + name[1:]
        return f"thôn {name}"

    def texts(self, rng: random.Random, place: str, person: str, applied: dt.date | None, benefits: dict[str, int],
              tax: Taxonomy) -> synth.Texts:
        activity, tags, org, goal = rng.choice(TOPICS)
        crops = rng.sample(SLOTS["crop"], 2)
        slots = {key: rng.choice(values) for key, values in SLOTS.items()} | {"crop": crops[0], "crop2": crops[1]}
        activity = activity.format(**slots)
        tags = [t.format(**slots) for t in tags]
        head = rng.choice(HEADS)
        thing = f"{head.lower()} {activity}"
        roll = rng.random()
        hamlet = place.split(",")[0]
        title = f"{head} {activity}"
        if roll < 0.35:
            title += f" ở {place}"
        elif roll < 0.55:
            title += f" ở {hamlet}"
        elif roll < 0.65:
            title += f" của {org} {place.split(', ')[-1]}"
        who = f"{rng.choice(('ông', 'bà', 'anh', 'chị'))} {person}"
        values = dict(org=org, Org=_cap(org), place=place, verb=rng.choice(VERBS), activity=activity,
                      activity_cap=_cap(activity), goal=goal, Who=_cap(who), who=who,
                      year=applied.year if applied else rng.randint(2017, 2025), n=rng.randint(12, 400),
                      thing=thing, Thing_cap=_cap(thing), money=format_number(rng.randint(5, 300) * 1_000_000))
        summary = rng.choice(SUMMARIES).format(**values)
        sections = {"Thực trạng": SITUATION, "Giải pháp": SOLUTION, "Hiệu quả": RESULT, "Cách nhân rộng": HOW}
        out = []
        for section, ours in sections.items():
            out.append(f"## {section}\n")
            said = [t.format(**values) for t in rng.sample(ours, rng.randint(1, min(2, len(ours))))]
            # the samples' own sentences on the same section, as editors pad a report
            said += rng.sample(self.corpus.domain[section], min(len(self.corpus.domain[section]), rng.randint(1, 3)))
            rng.shuffle(said)
            out.append(" ".join(said) + "\n")
            if section == "Giải pháp" and self.corpus.bullets:
                out.append("## Điều kiện áp dụng\n")
                out += [f"- {b}" for b in rng.sample(self.corpus.bullets, min(3, len(self.corpus.bullets)))]
                out.append("")
        if benefits:
            said = [f"{tax.benefit_by_key[k].name.lower()} đạt {format_number(v)} {tax.benefit_by_key[k].unit}"
                    for k, v in benefits.items()]
            out.append(f"Kết quả đo được: {', '.join(said)}.\n")
        return synth.Texts(title=title[:190], summary=summary[:300], body="\n".join(out).rstrip() + "\n",
                           tags=list(tags))


def generate(target: Path, n: int, seed: int = SEED) -> Path:
    corpus = synth.load_corpus(synth.REPO, require_sources=False)  # the samples' sentences only
    return synth.generate(target, n, seed, require_sources=False, voice=EvalVoice(corpus))
