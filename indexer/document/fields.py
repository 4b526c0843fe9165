"""Labelled fields that pages print around a document: 索引号, 文件名称, 发布机构, 成文日期, 来源, 发布时间 ….

They come one to a line (`发布时间:2020-12-10`), several on a line (`• 信息索引号:… • 文件名称:…`,
`来源:某某 发布时间:…`), or as a table whose label and value cells became lines of their own.
Each label is read under one name (the keys of FIELD_NAMES).
"""
import re

# The name a field is read under → the labels pages print for it.
FIELD_NAMES = {
    "title": ("文件名称", "信息名称", "公文标题", "标题", "名称"),
    "publisher": ("发布机构", "发文机关", "发文机构", "发布单位", "发文单位", "公开责任部门"),
    "source": ("信息来源", "来源", "稿源", "供稿单位", "供稿"),
    "signed": ("成文日期", "发文日期", "印发日期"),
    "published": ("发布日期", "发布时间", "公开日期", "公开时间", "发表时间", "更新时间", "日期", "时间"),
    "author": ("作者", "撰稿", "撰稿人", "通讯员", "记者"),
    "other": ("信息索引号", "索引号", "主题分类", "组配分类", "体裁分类", "服务对象分类", "分类", "文号", "发文字号",
              "公开方式", "公开范围", "公开时限", "有效性", "关键词", "主题词", "责任编辑", "编辑", "审核", "浏览次数",
              "阅读次数", "点击数", "访问量", "生效日期", "废止日期", "所属机构", "信息类别"),
}
NAME_OF_LABEL = {label: name for name, labels in FIELD_NAMES.items() for label in labels}
LABEL = "|".join(sorted(NAME_OF_LABEL, key=len, reverse=True))
# A label opens the line or follows a separator; a colon follows it (widths are unified by then).
LABELLED = re.compile(rf"(?:^|(?<=[\s•·|【\[]))({LABEL})\s*[:]\s*")
BARE_LABEL = re.compile(rf"^[•·]?\s*({LABEL})\s*[:]?\s*$")
SEPARATORS = " \t•·|【】[]"


def field_pairs(line: str) -> list:
    """[(name, value), …] when the line is made of labelled fields only, else []."""
    marks = list(LABELLED.finditer(line))
    if not marks or line[: marks[0].start()].strip(SEPARATORS):
        return []
    pairs = []
    for mark, following in zip(marks, marks[1:] + [None]):
        value = line[mark.end(): following.start() if following else len(line)].strip(SEPARATORS)
        pairs.append((NAME_OF_LABEL[mark.group(1)], value))
    return pairs


def bare_label(line: str) -> str | None:
    """The field name of a line that is only a label: its value is on the next line (a table cell)."""
    m = BARE_LABEL.match(line)
    return NAME_OF_LABEL[m.group(1)] if m else None


def read_fields(lines: list) -> tuple[dict, set]:
    """The fields among lines, and the indexes of the lines they took. The first value of a name wins."""
    fields, taken = {}, set()
    i = 0
    while i < len(lines):
        name = bare_label(lines[i])
        if name and i + 1 < len(lines) and not is_field_line(lines[i + 1]):
            pairs = [(name, lines[i + 1].strip())]
            taken.update((i, i + 1))
            i += 1
        elif name:
            pairs = []
            taken.add(i)  # a label whose cell is empty
        elif pairs := field_pairs(lines[i]):
            taken.add(i)
        for name, value in pairs:
            if value and name not in fields:
                fields[name] = value
        i += 1
    return fields, taken


def is_field_line(line: str) -> bool:
    return bool(field_pairs(line) or bare_label(line))
