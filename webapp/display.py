"""How places, dates and document kinds read on a Chinese page (template globals, registered by views.py).

Rules, not names: a province-level division whose name is also its city's (the municipalities,
北京市 北京市) is named once; a county whose city is unknown says so instead of reading as if it
sat directly in the province; what a province-level division is called follows its suffix.
"""
from indexer.engine.search import chinese_date

# What a province-level division is, by the ending of its official name.
PROVINCE_KINDS = (("特别行政区", "特别行政区"), ("自治区", "自治区"), ("市", "直辖市"), ("省", "省"))
# The badge of a whole document, by its doc_type (CONTRACT.md): only a 整改通报 is a 通报.
WHOLE_DOCUMENT = {"整改通报": "整份通报", "反馈": "整篇反馈意见", "公告": "整篇公告", "讲话": "整篇讲话",
                  "动态": "整篇报道"}


def place_line(province: str | None, city: str | None, county: str | None, unknown: str = "地区不详") -> str:
    """`重庆市 云阳县` (not 重庆市 重庆市 云阳县); `黑龙江省 向阳区（所属市不详）`; `unknown` for nothing."""
    if city and city == province:
        city = None
        municipality = True
    else:
        municipality = False
    parts = [p for p in (province, city) if p]
    if county:
        parts.append(county + ("（所属市不详）" if province and not city and not municipality else ""))
    return " ".join(parts) or unknown


def province_kind(name: str | None) -> str:
    """省, 自治区, 直辖市 or 特别行政区, from the name's ending; 省 when it says nothing."""
    for ending, kind in PROVINCE_KINDS:
        if (name or "").endswith(ending):
            return kind
    return "省"


def whole_document(doc_type: str | None) -> str:
    return WHOLE_DOCUMENT.get(doc_type or "", "整篇文档")


def date_line(published: str | None, year=None, unknown: str = "日期不详") -> str:
    """2025年11月28日 (a Chinese page's date), the year alone, or `unknown`."""
    return chinese_date(published, year) or unknown
