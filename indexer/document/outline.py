"""Cleaned text → an outline of headings, and the problems among them.

The numbering grammar lives here alone. Marker kinds, by how they are written:
  cn     一、  二.            (top level in most notices)
  pcn    (一)                 (after width unification full-width brackets are half-width)
  num    1.  1、  1．  "2. "
  pnum   (1)
A notice may use any subset in any order of depth; the depth of a marker kind is the order in
which it first nests, tracked with a stack, so no per-file rules are needed.
"""
import re
from dataclasses import dataclass, field

NUMERALS = "一二三四五六七八九十百零〇"
MARKERS = [
    ("cn", re.compile(rf"^([{NUMERALS}]{{1,4}})[、.](?!\d)\s*")),
    ("pcn", re.compile(rf"^\(([{NUMERALS}]{{1,4}}|\?)\)\s*")),  # (?) : a number lost to a decoding fault
    ("pnum", re.compile(r"^\((\d{1,3})\)\s*")),
    ("num", re.compile(r"^(\d{1,3})(?:[、.](?!\d)|\s+(?=\D))\s*")),
]

# Top-level headings whose section lists the problems (and those that never do).
PROBLEM_SECTION = re.compile(r"问题|任务|反馈意见|整改(?:落实|进展)?情况$")
NOT_PROBLEM_SECTION = re.compile(r"线索|信访|下一步|打算|计划|组织领导|基本情况|主体责任情况|工作开展情况|工作措施")
# A line that opens the rectification of the heading above it.
RECTIFICATION_OPENER = re.compile(r"^(?:整改(?:进展|落实|完成)?情况|整改进度|整改措施|整改结果|整改成效)[:]")
# The status of a problem: its own line, or a bracket at the end of its heading.
STATUS_LINE = re.compile(r"^整改(?:进度|状态|完成情况)[:]\s*(\S.{0,19})$")
STATUS_BRACKET = re.compile(r"[(]((?:已|基本|正在|持续|长期|未)[^()]{0,10}(?:完成|整改|坚持|推进|改))[)]$")
QUOTES = {"“": "”", "‘": "’", "《": "》", '"': '"'}


@dataclass
class Node:
    kind: str                 # marker kind, or "root"
    number: str
    heading: str              # the heading line as written (cleaned), number included
    title: str                # heading without its number, up to the first full stop
    inline: str = ""          # text after the title on the heading's own line
    body: list = field(default_factory=list)   # the lines below the heading, up to the next heading
    children: list = field(default_factory=list)
    parent: "Node | None" = None

    def text(self) -> str:
        return "\n".join(([self.inline] if self.inline else []) + self.body)

    def all_text(self) -> str:
        """Its own text and everything below it, headings included, each line once."""
        return "\n".join(p for p in [self.inline, self.below()] if p)

    def below(self) -> str:
        """The lines under the heading line: its body, then each child's heading line (which holds
        the child's inline text already) and what lies under that."""
        parts = list(self.body)
        for child in self.children:
            parts.append(child.heading)
            parts.append(child.below())
        return "\n".join(p for p in parts if p)

    def path(self) -> list:
        out, node = [], self.parent
        while node is not None and node.kind != "root":
            out.append(node.heading_title())
            node = node.parent
        return out[::-1]

    def heading_title(self) -> str:
        return self.heading if not self.inline else self.heading[: len(self.heading) - len(self.inline)].rstrip()


@dataclass
class Problem:
    seq: int
    path: list
    title: str
    text: str
    status: str | None
    node: Node


@dataclass
class Section:
    seq: int
    path: list
    title: str
    text: str
    role: str = "body"   # "opening" (before the first heading), "body", or "footer" (the closing lines)


@dataclass
class Outline:
    root: Node
    problems: list
    sections: list
    footer: list   # the closing lines: contacts, the issuer's name, the date

    def opening(self) -> str:
        """The text before the first heading: who inspected whom, and when."""
        return next((s.text for s in self.sections if s.role == "opening"), "")


def match_marker(line: str):
    for kind, pattern in MARKERS:
        m = pattern.match(line)
        if m and len(line) > m.end():
            return kind, m.group(1), line[m.end():]
    return None


def split_title(rest: str) -> tuple[str, str]:
    """'持续强化理论武装。一是…' → ('持续强化理论武装', '一是…'); a heading alone stays whole.

    The title ends at the first full stop outside quotation marks (quoted findings contain stops).
    """
    closing = []
    for i, ch in enumerate(rest):
        if closing and ch == closing[-1]:
            closing.pop()
        elif ch in QUOTES:
            closing.append(QUOTES[ch])
        elif ch == "。" and not closing and i + 1 < len(rest):
            return rest[:i].strip(), rest[i + 1:].strip()
    return rest.rstrip("。;:").strip(), ""


def parse_tree(text: str) -> Node:
    root = Node("root", "", "", "")
    stack = [root]
    for line in text.split("\n"):
        marker = match_marker(line)
        if marker is None:
            stack[-1].body.append(line)
            continue
        kind, number, rest = marker
        kinds = [n.kind for n in stack]
        if kind in kinds:
            del stack[kinds.index(kind):]
        title, inline = split_title(rest)
        node = Node(kind, number, line, title, inline, parent=stack[-1])
        stack[-1].children.append(node)
        stack.append(node)
    return root


def is_problem_section(node: Node) -> bool:
    return bool(PROBLEM_SECTION.search(node.title)) and not NOT_PROBLEM_SECTION.search(node.title)


def opens_rectification(node: Node) -> bool:
    first = node.body[0] if node.body else ""
    return bool(RECTIFICATION_OPENER.match(first) or STATUS_LINE.match(first))


def leaves(node: Node):
    if not node.children:
        yield node
        return
    for child in node.children:
        yield from leaves(child)


def find_problem_nodes(root: Node) -> list:
    """Leaves of the problem sections; failing that, any heading followed by its rectification."""
    found = []
    for section in root.children:
        if is_problem_section(section):
            found.extend(leaves(section))
    if found:
        return found

    def walk(node):
        for child in node.children:
            if opens_rectification(child):
                found.append(child)
            else:
                walk(child)

    walk(root)
    return found


def status_of(node: Node) -> str | None:
    for line in node.body[:3]:
        m = STATUS_LINE.match(line)
        if m:
            return m.group(1).rstrip("。;,")
    m = STATUS_BRACKET.search(node.title)
    return m.group(1) if m else None


def problem_text(node: Node) -> str:
    lines = [node.inline] if node.inline else []
    lines += [line for line in node.body if not STATUS_LINE.match(line)]
    return "\n".join(lines)


# The closing block: invitation to supervise, contacts, the issuer's name and the date.
FOOTER_LINE = re.compile(r"^欢迎.{0,30}监督|联系电话|联系方式|电子邮箱|通信地址|通讯地址|邮政编码|邮编[:]|公开期限|举报电话")
DATE_LINE = re.compile(r"^[\d〇零一二三四五六七八九十]{4}\s*年\s*[\d一二三四五六七八九十]{1,3}\s*月\s*[\d一二三四五六七八九十]{1,3}\s*日$")
SIGNATURE_LINE = re.compile(r"^[^,，。;:！？!?]{2,40}$")


def split_footer(lines: list) -> tuple[list, list]:
    """Peel the closing block off the end: at most a few lines, and only lines that look the part."""
    end = len(lines)
    while end > 0 and len(lines) - end < 6:
        line = lines[end - 1]
        if DATE_LINE.match(line) or FOOTER_LINE.search(line) or (SIGNATURE_LINE.match(line) and not match_marker(line)):
            end -= 1
        else:
            break
    return lines[:end], lines[end:]


def build(text: str, find_problems: bool = True) -> Outline:
    body, footer = split_footer(text.split("\n"))
    root = parse_tree("\n".join(body))
    problem_nodes = find_problem_nodes(root) if find_problems else []
    problems = [
        Problem(seq, node.path(), STATUS_BRACKET.sub("", node.title).strip(), problem_text(node), status_of(node), node)
        for seq, node in enumerate(problem_nodes, 1)
    ]
    sections = sections_outside(root, set(map(id, problem_nodes)))
    if footer:
        sections.append(Section(len(sections) + 1, [], "", "\n".join(footer), "footer"))
    return Outline(root, problems, sections, footer)


def sections_outside(root: Node, problem_ids: set) -> list:
    """Every part of the notice that is not a problem: the opening, and each other section whole."""
    sections = []
    if root.body:
        sections.append(Section(len(sections) + 1, [], "", "\n".join(root.body), "opening"))

    def holds_problem(node):
        return id(node) in problem_ids or any(holds_problem(c) for c in node.children)

    def walk(node):
        for child in node.children:
            if id(child) in problem_ids:
                continue
            if holds_problem(child):
                if child.text():  # words of a heading above problems, such as a focus's preface
                    sections.append(Section(len(sections) + 1, child.path(), child.heading_title(), child.text()))
                walk(child)
            else:
                sections.append(Section(len(sections) + 1, child.path(), child.heading_title(), child.all_text()))

    walk(root)
    return sections
