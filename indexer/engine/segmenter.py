"""The segmenter behind one seam: plain jieba is the reference, jieba-next the accelerator.

jieba (the package users asked for) and jieba-next (a Rust port, a release candidate, about three
times as fast here) load the same user dictionary and are asked the same things: `cut` for queries,
`cut_for_search` for documents, both with jieba's defaults (HMM on, never cut_all). jieba-next is used
when it can be imported and, on a small sample of notice wording written here, cuts exactly the words
plain jieba cuts (SAMPLE holds plain jieba's words; tests/engine/test_segmenter.py proves they are
still plain jieba's, and bench/segmenter_check.py compares the two on thousands of passages). Else
plain jieba runs: slower, the same words. `segmenter_line()` says which one runs, for the build's summary.
"""
import functools
import logging
from dataclasses import dataclass
from importlib import metadata, resources

ACCELERATOR = "jieba-next"
REFERENCE = "jieba"

# Notice wording written for the self-check (no published text): headings, numbering, quotes,
# brackets, full-width and Latin letters, digits and dates, words of the user dictionary.
# Each entry: (text, plain jieba's cut, plain jieba's cut_for_search), "/" between pieces.
# After a change to the user dictionary: `python -m indexer.engine.segmenter` prints it anew.
SAMPLE = (
    ("二、巡察反馈问题的整改进展情况",
     "二/、/巡察/反馈/问题/的/整改进展/情况",
     "二/、/巡察/反馈/问题/的/整改/改进/进展/整改进展/情况"),
    ("（三）关于“三重一大”事项集体决策制度落实不到位的问题",
     "（/三/）/关于/“/三重一大/”/事项/集体/决策/制度/落实/不/到位/的/问题",
     "（/三/）/关于/“/三重/一大/三重一大/”/事项/集体/决策/制度/落实/不/到位/的/问题"),
    ("整改进展情况：已完成。2024年5月，镇党委组织召开专题民主生活会，对公务接待和公车使用开展自查自纠，清退违规发放的津补贴3.6万元。",
     "整改进展/情况/：/已/完成/。/2024/年/5/月/，/镇党委/组织/召开/专题/民主生活会/，/对/公务/接待/和/公车/使用/开展/自查自纠/，/清退/违规/发放/的/津/补贴/3.6/万元/。",
     "整改/改进/进展/整改进展/情况/：/已/完成/。/2024/年/5/月/，/党委/镇党委/组织/召开/专题/民主/生活/活会/民主生活会/，/对/公务/接待/和/公车/使用/开展/自查/自纠/自查自纠/，/清退/违规/发放/的/津/补贴/3.6/万元/。"),
    ("村（社区）“两委”班子成员履行“一岗双责”不够有力，基层党组织软弱涣散问题仍有发生",
     "村/（/社区/）/“/两委/”/班子成员/履行/“/一岗双责/”/不够/有力/，/基层党组织/软弱涣散/问题/仍/有/发生",
     "村/（/社区/）/“/两委/”/班子/成员/班子成员/履行/“/一岗双责/”/不够/有力/，/基层/党组/组织/党组织/基层党组织/软弱/涣散/软弱涣散/问题/仍/有/发生"),
    ("县政协机关食堂财务管理不规范，个别干部因私出国（境）证照未按规定集中保管；ＰＰＰ项目与EPC合同台账缺失",
     "县政协/机关/食堂/财务管理/不/规范/，/个别/干部/因私出国/（/境/）/证照/未/按规定/集中/保管/；/Ｐ/Ｐ/Ｐ/项目/与/EPC/合同/台账/缺失",
     "县政/政协/县政协/机关/食堂/财务/管理/财务管理/不/规范/，/个别/干部/因私/出国/因私出国/（/境/）/证照/未/规定/按规定/集中/保管/；/Ｐ/Ｐ/Ｐ/项目/与/EPC/合同/台账/缺失"),
)


@dataclass(frozen=True)
class Segmenter:
    """A loaded segmenter: the module that segments, its name and version, and why the accelerator
    is not the one (None when it is)."""
    module: object
    name: str
    version: str
    fallback_reason: str | None = None

    def cut(self, text: str):
        return self.module.cut(text)

    def cut_for_search(self, text: str):
        return self.module.cut_for_search(text)

    def line(self) -> str:
        """The build summary's line: "分词：jieba-next 1.0.0rc1" or "分词：jieba 0.42.1 (jieba-next 不可用)"."""
        why = f" ({ACCELERATOR} {self.fallback_reason})" if self.fallback_reason else ""
        return f"分词：{self.name} {self.version}{why}"


def user_dictionary():
    """The field's user dictionary, as a context manager giving its path on disk."""
    return resources.as_file(resources.files("indexer") / "data" / "userdict.txt")


def version_of(distribution: str, module) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return str(getattr(module, "__version__", "?"))


def load_accelerator():
    """jieba-next with the user dictionary; ImportError when it is not installed."""
    import jieba_next

    jieba_next.set_log_level(logging.WARNING)
    return with_user_dictionary(jieba_next)


def load_reference():
    """Plain jieba with the user dictionary."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    return with_user_dictionary(jieba)


# Once per module and process: loading the user dictionary again adds each word's frequency to the
# dictionary's total again, and that shifts plain jieba's words.
@functools.cache
def with_user_dictionary(module):
    with user_dictionary() as path:
        module.load_userdict(str(path))
    module.initialize()
    return module


def agrees_with_reference(module) -> bool:
    """Whether module cuts the SAMPLE into plain jieba's pieces, in both modes."""
    return all("/".join(module.cut(text)) == cut and "/".join(module.cut_for_search(text)) == search
               for text, cut, search in SAMPLE)


def choose() -> Segmenter:
    """jieba-next when it loads and agrees with plain jieba on the sample, else plain jieba."""
    try:
        accelerator = load_accelerator()
    except Exception:  # not installed, or a broken build of it: either way plain jieba does the job
        reason = "不可用"
    else:
        if agrees_with_reference(accelerator):
            return Segmenter(accelerator, ACCELERATOR, version_of(ACCELERATOR, accelerator))
        reason = "与 jieba 分词不同"
    logging.getLogger(__name__).warning("segmentation runs on plain jieba: %s %s", ACCELERATOR, reason)
    reference = load_reference()
    return Segmenter(reference, REFERENCE, version_of(REFERENCE, reference), reason)


@functools.cache
def segmenter() -> Segmenter:
    """The segmenter of this process, chosen and loaded once."""
    return choose()


def segmenter_line() -> str:
    """Which segmenter runs, as one line of the build's summary."""
    return segmenter().line()


def sample_table(module) -> str:
    """SAMPLE as module segments it, in the form of the source above."""
    rows = []
    for text, _, _ in SAMPLE:
        rows.append(f'    ("{text}",\n     "{"/".join(module.cut(text))}",\n     "{"/".join(module.cut_for_search(text))}"),')
    return "SAMPLE = (\n" + "\n".join(rows) + "\n)"


if __name__ == "__main__":
    print(sample_table(load_reference()))
