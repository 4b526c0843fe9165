"""Lines a page prints around a document that are never its title: a breadcrumb trail in any form
(首页 > 栏目, 人民网>>频道, 要闻 • 正文, 当前位置), a disclosure table's row (| 索引号 | … |), a site's
welcome or bookmark line (欢迎进入某某官方网站, 加入收藏, 设为首页), a newspaper's page line
(第C02版:要闻), a bare field label, a site's own name (某某网)."""
import re

from .fields import LABEL, bare_label

BREADCRUMB = re.compile(r"^\s*[>›»→]|[>›»]{2}|\s[>›»→]\s|[^•\s]\s?[>›»→•]\s?\S.*[>›»→•]|当前位置|所在位置|您的位置|现在的位置")
TABLE_ROW = re.compile(rf"^\s*\|.*\||(?:{LABEL})\s*[|:].*\|.*\|")
WELCOME = re.compile(r"欢迎(?:进入|访问|光临|来到).{0,30}(?:网|网站|门户|平台)|加入收藏|设为首页|收藏本站")
PAGE_LINE = re.compile(r"第\s*[A-Z]?\d{1,3}\s*版\s*[:：]|^[A-Z]?\d{1,3}版\s*[:：]?\s*\S{0,8}$")
SITE_NAME = re.compile(r"^\S{1,10}(?:网|网站|在线|频道|客户端|日报|晚报|新闻)$")


FURNITURE_MAX = 200  # page furniture is short; a longer line is the document's own


def is_furniture(line: str) -> bool:
    line = line.strip()
    return len(line) <= FURNITURE_MAX and bool(BREADCRUMB.search(line) or TABLE_ROW.match(line) or WELCOME.search(line)
                or PAGE_LINE.search(line) or SITE_NAME.match(line) or bare_label(line))


def without_bullet(line: str) -> str:
    """'• 中共某某局党组关于…的通报' → the headline (a list item's bullet is not part of it)."""
    return re.sub(r"^[•·▪■◆●○◇□-]\s*", "", line.strip())
