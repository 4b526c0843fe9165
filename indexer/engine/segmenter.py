"""The segmenter behind one seam: plain jieba is the reference, jieba-next the accelerator.

jieba (the package users asked for) and jieba-next (a Rust port, a release candidate, two to three
times as fast here: bench/segmenter_check.py) load the same user dictionary and are asked the same things: `cut` for queries,
`cut_for_search` for documents, both with jieba's defaults (HMM on, never cut_all). jieba-next is used
when it can be imported and, on a small sample of notice wording written here, cuts exactly the words
plain jieba cuts (SAMPLE holds plain jieba's words; tests/engine/test_segmenter.py proves they are
still plain jieba's, and bench/segmenter_check.py compares the two on thousands of passages). Else
plain jieba runs: slower, the same words. `segmenter_line()` says which one runs, for the build's summary.
"""
import functools
import logging
from dataclasses import dataclass
from typing import Any
from importlib import metadata, resources

from . import prepared_dictionary

ACCELERATOR = "jieba-next"
REFERENCE = "jieba"

# Notice wording written for the self-check (no published text): headings, numbering, quotes,
# brackets, full-width and Latin letters, digits and dates, words of the user dictionary, and a run
# of rare characters (a name, or what a wrong encoding leaves) that the HMM never saw.
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
    ("经查，原报账员毣瑖駥经手的票据未及时入账",
     "经查/，/原/报账/员/毣/瑖/駥/经手/的/票据/未/及时/入账",
     "经查/，/原/报账/员/毣/瑖/駥/经手/的/票据/未/及时/入账"),
    ("县政协机关食堂财务管理不规范，个别干部因私出国（境）证照未按规定集中保管；ＰＰＰ项目与EPC合同台账缺失",
     "县政协/机关/食堂/财务管理/不/规范/，/个别/干部/因私出国/（/境/）/证照/未/按规定/集中/保管/；/Ｐ/Ｐ/Ｐ/项目/与/EPC/合同/台账/缺失",
     "县政/政协/县政协/机关/食堂/财务/管理/财务管理/不/规范/，/个别/干部/因私/出国/因私出国/（/境/）/证照/未/规定/按规定/集中/保管/；/Ｐ/Ｐ/Ｐ/项目/与/EPC/合同/台账/缺失"),
)


@dataclass(frozen=True)
class Segmenter:
    """A loaded segmenter: the module that segments, its name and version, and why the accelerator
    is not the one (None when it is)."""
    module: Any             # jieba or jieba_next: both ship no types
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
    """jieba-next with the user dictionary and jieba's tie-breaking; ImportError when it is not installed."""
    import jieba_next

    jieba_next.set_log_level(logging.WARNING)
    with_jiebas_ties(jieba_next)
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
        words = path.read_bytes()
        kept = None
        if prepared_dictionary.supported(module) and not forces_splits(words):
            kept = prepared_dictionary.cache_path(module, version_of(module.__name__.replace("_", "-"), module), words)
            if prepared_dictionary.load(module.dt, kept):
                return module
        module.load_userdict(str(path))
    module.initialize()
    if kept is not None:
        prepared_dictionary.save(module.dt, kept)
    return module


def forces_splits(user_words: bytes) -> bool:
    """Whether a user word has frequency 0: jieba then also tells its HMM never to join it, which
    the kept frequencies alone would not repeat."""
    for line in user_words.decode("utf-8").splitlines():
        fields = line.split()
        if len(fields) >= 2 and fields[1] == "0":
            return True
    return False


# --- the one place jieba-next's words differed: ties in the HMM ----------------------------------
# Characters the dictionary does not hold are grouped into words by an HMM (states B, M, E, S: a
# word's beginning, middle, end, a single character). A character the HMM never saw in some state
# gets jieba's log-probability UNSEEN there, so large that it swallows every other term of the
# sum: the competing paths tie, and the tie decides. Plain jieba takes the greatest state letter
# (S over M over E over B: single characters); jieba-next's Rust port took another, and joined a
# run of rare characters into one word. The Rust HMM still does the work; only a text whose best
# path swallowed an UNSEEN (a run of rare characters: a name, or what a wrong encoding leaves) is
# done again here, the ties going jieba's way.
UNSEEN = -3.14e100
STATES = "BMES"
BEFORE = {"B": "ES", "M": "MB", "S": "SE", "E": "BM"}  # the states that may precede each


@functools.cache
def with_jiebas_ties(accelerator) -> bool:
    """Have jieba-next's HMM redo, as plain jieba does, the texts where a tie decided: those whose
    likeliest path holds an UNSEEN (a path of finite log-probability never met a tie that mattered).
    False when this jieba-next is built otherwise (the self-check then decides whether it may run)."""
    model = getattr(accelerator, "finalseg", None)
    fast = getattr(model, "viterbi_hmm", None)
    if model is None or fast is None:
        return False

    def viterbi(text, states, start, transitions, emissions):
        probability, path = fast(text, states, start, transitions, emissions)
        if probability > UNSEEN / 2:
            return probability, path
        return viterbi_as_jieba(text, start, transitions, emissions)

    model.viterbi_hmm = viterbi
    return True


def viterbi_as_jieba(text: str, start: dict, transitions: dict, emissions: dict) -> tuple:
    """(log-probability, states) of the likeliest states of text, a tie going to the greater state
    letter, as in plain jieba; the sums in its order, so that UNSEEN swallows the same terms."""
    best = {state: start[state] + emissions[state].get(text[0], UNSEEN) for state in STATES}
    paths = dict(zip(STATES, STATES))
    for char in text[1:]:
        scores, extended = {}, {}
        for state in STATES:
            seen = emissions[state].get(char, UNSEEN)
            scores[state], before = max((best[prior] + transitions[prior].get(state, UNSEEN) + seen, prior)
                                        for prior in BEFORE[state])
            extended[state] = paths[before] + state
        best, paths = scores, extended
    probability, last = max((best[state], state) for state in "ES")
    return probability, paths[last]


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


def segmenters() -> tuple:
    """(plain jieba, jieba-next) loaded as the engine loads them: for comparing them word for word."""
    return load_reference(), load_accelerator()


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
