"""The level of the body that issued a notice: 省级, 市级, 县级, 乡镇 or 村; None when unknown.

From what the document wing found, in this order:
- the issuer's own name, when it names a body of a township (乡, 镇, 街道, 苏木: its party committee,
  government or office) or of a village or community (村, 社区, 嘎查: its committee or branch);
  the gazetteer lists no townships, so the region found for such a body is the county above it;
- else the most specific division of the region found: a county (县, 区, 县级市, 旗) is 县级, a
  prefecture 市级, a province 省级. A municipality under the central government (北京市) is a
  province that is its own city: 省级 when nothing below the city is found.
"""
import re

TOWNSHIP_BODY = re.compile(r"[\u4e00-\u9fff](?P<place>镇|乡|街道|苏木)(?:党委|党工委|工作委员会|委员会|人民政府|政府|办事处|纪委|纪工委)")
VILLAGE_BODY = re.compile(r"[\u4e00-\u9fff](?P<place>村|社区|嘎查)(?:党支部|党总支|总支部|支部|党委|委员会|村民委员会|居民委员会|居委会|村委会)")
# Where the name of a bigger body holds those words without being one: 城乡, 农村, 乡村 (振兴) …
NOT_A_PLACE_BEFORE = ("城乡", "农村", "乡村")


def issuer_level(notice: dict) -> str | None:
    """The level of the notice's issuing body (its JSON form, CONTRACT.md), or None."""
    return body_level(notice.get("issuer")) or region_level(notice.get("region") or {})


def body_level(issuer: str | None) -> str | None:
    """乡镇 or 村 when the issuer's name is that of a township's or a village's body."""
    if not issuer:
        return None
    if any(named_body(m, issuer) for m in VILLAGE_BODY.finditer(issuer)):
        return "村"
    if any(named_body(m, issuer) for m in TOWNSHIP_BODY.finditer(issuer)):
        return "乡镇"
    return None


def named_body(match: re.Match, text: str) -> bool:
    """Whether the place word of a match ends a place's name (not 城乡 or 农村 of a county's office)."""
    return not any(text[:match.end("place")].endswith(word) for word in NOT_A_PLACE_BEFORE)


def region_level(region: dict) -> str | None:
    if region.get("county"):
        return "县级"
    if region.get("city") and region.get("city") != region.get("province"):
        return "市级"
    if region.get("province"):
        return "省级"
    return None
