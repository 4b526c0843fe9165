"""OFD files (GB/T 33190) made for the tests: a ZIP of OFD.xml, Doc_0/Document.xml and a Content.xml
per page, each paragraph printed as a producer prints it — lines of a fixed column, the first
indented two characters, each line cut into TextCode runs written out of order."""
import io
import random
import zipfile

NS = "http://www.ofdspec.org/2016"
LEFT, COLUMN, TOP, SIZE = 25.0, 160.0, 30.0, 4.0   # millimetres: a 40-character column of 4 mm characters
LEADING = 7.0                                       # from one baseline to the next

# A notice of an imagined inspection, in our own words: title, opening, three problems, signature, date.
NOTICE = [
    "中共青田县委巡察工作领导小组办公室关于县农业农村局党组巡察整改进展情况的通报",
    "根据县委统一部署，2023年10月至12月，县委第二巡察组对县农业农村局党组开展了常规巡察，"
    "并于2024年1月反馈了巡察意见。局党组对照反馈的问题逐条制定措施，现将整改进展情况通报如下。",
    "一、关于落实惠农补贴政策不到位的问题",
    "整改情况：已完成。对近三年涉农补贴发放情况开展全面核查，追回多发资金3.2万元，建立补贴发放公示制度。",
    "二、关于机关食堂财务管理不规范的问题",
    "整改情况：基本完成。清理食堂往来账目，规范食材采购台账，明确专人负责食堂收支管理。",
    "三、关于年轻干部培养力度不够的问题",
    "整改情况：持续推进。制定年度干部教育培训计划，已开展业务培训4期，选派6名年轻干部到乡镇一线锻炼。",
    "欢迎广大干部群众对巡察整改落实情况进行监督。",
    "中共青田县委巡察工作领导小组办公室",
    "2024年6月18日",
]


def printed_lines(paragraph: str) -> list:
    """(x, text) of the lines a paragraph is printed on: the first indented two characters, each as
    full as the column allows."""
    lines, x, line = [], LEFT + 2 * SIZE, ""
    for ch in paragraph:
        if x + offset(line + ch, len(line) + 1) > LEFT + COLUMN:
            lines.append((x, line))
            x, line = LEFT, ""
        line += ch
    return [*lines, (x, line)]


def width(ch: str) -> float:
    return SIZE / 2 if ch.isascii() else SIZE  # Latin letters and digits are half as wide as Chinese


def offset(text: str, start: int) -> float:
    return sum(width(ch) for ch in text[:start])


def advances(run: str) -> str:
    return " ".join(str(width(ch)) for ch in run[:-1])


def page_xml(paragraphs: list, seed: int = 0, prefix: str = "ofd:") -> str:
    """A page's Content.xml: one TextObject per printed line, its runs of 1–4 characters shuffled."""
    objects, y, rng = [], TOP, random.Random(seed)
    for paragraph in paragraphs:
        for x, text in printed_lines(paragraph):
            runs, start = [], 0
            while start < len(text):
                length = rng.randint(1, 4)
                runs.append((start, text[start:start + length]))
                start += length
            rng.shuffle(runs)
            codes = "".join(f'<{prefix}TextCode X="{offset(text, start)}" Y="{SIZE}" DeltaX="{advances(run)}">'
                            f"{run}</{prefix}TextCode>" for start, run in runs)
            boundary = f"{x} {y - SIZE} {COLUMN} {SIZE * 1.5}"
            objects.append(f'<{prefix}TextObject ID="{len(objects) + 10}" Boundary="{boundary}" Font="1" Size="{SIZE}">'
                           f"{codes}</{prefix}TextObject>")
            y += LEADING
    rng.shuffle(objects)  # written in no particular order: reading order comes from the positions
    xmlns = f' xmlns:{prefix[:-1]}="{NS}"' if prefix else f' xmlns="{NS}"'
    return (f'<?xml version="1.0" encoding="UTF-8"?><{prefix}Page{xmlns}><{prefix}Content>'
            f'<{prefix}Layer ID="2" Type="Body">{"".join(objects)}</{prefix}Layer></{prefix}Content></{prefix}Page>')


def make_ofd(pages: list, parts: dict | None = None, prefix: str = "ofd:") -> bytes:
    """An .ofd of pages (each a list of paragraphs); parts replaces (bytes) or leaves out (None) parts by name."""
    xmlns = f' xmlns:{prefix[:-1]}="{NS}"' if prefix else f' xmlns="{NS}"'
    files = {
        "OFD.xml": f'<?xml version="1.0" encoding="UTF-8"?><{prefix}OFD{xmlns} Version="1.0" DocType="OFD">'
                   f"<{prefix}DocBody><{prefix}DocInfo><{prefix}DocID>0123456789abcdef</{prefix}DocID></{prefix}DocInfo>"
                   f"<{prefix}DocRoot>Doc_0/Document.xml</{prefix}DocRoot></{prefix}DocBody></{prefix}OFD>",
        "Doc_0/Document.xml": f'<?xml version="1.0" encoding="UTF-8"?><{prefix}Document{xmlns}><{prefix}CommonData>'
                              f"<{prefix}MaxUnitID>999</{prefix}MaxUnitID><{prefix}PageArea>"
                              f"<{prefix}PhysicalBox>0 0 210 297</{prefix}PhysicalBox></{prefix}PageArea>"
                              f"</{prefix}CommonData><{prefix}Pages>"
                              + "".join(f'<{prefix}Page ID="{n + 1}" BaseLoc="Pages/Page_{n}/Content.xml"/>'
                                        for n in range(len(pages)))
                              + f"</{prefix}Pages></{prefix}Document>",
    }
    for number, paragraphs in enumerate(pages):
        files[f"Doc_0/Pages/Page_{number}/Content.xml"] = page_xml(paragraphs, seed=number, prefix=prefix)
    for name, data in (parts or {}).items():
        files.pop(name, None)
        if data is not None:
            files[name] = data
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data.encode("utf-8") if isinstance(data, str) else data)
    return out.getvalue()


def notice_ofd() -> bytes:
    """The notice on two pages: the title, opening and first problem on the first."""
    return make_ofd([NOTICE[:4], NOTICE[4:]])


def with_bomb(ofd: bytes, unpacked_mb: int = 100) -> bytes:
    """The .ofd with one more part that unpacks to unpacked_mb MB (written in pieces: the test stays small)."""
    out = io.BytesIO()
    source = zipfile.ZipFile(io.BytesIO(ofd))
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for member in source.infolist():
            archive.writestr(member, source.read(member))
        with archive.open("Doc_0/Res/Big.xml", "w", force_zip64=True) as part:
            chunk = b"<a/>" * (1048576 // 4)
            for _ in range(unpacked_mb):
                part.write(chunk)
    return out.getvalue()
