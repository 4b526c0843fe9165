"""A bad value in the URL or the query, said in one Chinese sentence on the page, and the search
run without it (the query stays in the box). Which parameter is at fault is found by asking the
engine's own check about each alone, so the rules live in one place (indexer/engine/request.py)."""
from indexer.engine.search import MAX_PAGE, BadFilterValue, BadRequest, Request

from .querytext import without_filter

MAX_LIMIT_SHOWN = 100
SENTENCES = {
    "year": "年份要写成数字（如 2025）或范围（如 2020-2023），“{value}”不是年份，这个条件没有用上。",
    "page": "页码要写成 1 到 " + str(MAX_PAGE) + " 之间的整数，“{value}”不行，已显示第 1 页。",
    "limit": "每页条数要写成 1 到 " + str(MAX_LIMIT_SHOWN) + " 之间的整数，“{value}”不行，已按每页 10 条显示。",
    "sort": "排序只能按相关度或日期，“{value}”不是排序方式，已按相关度排序。",
    "match": "匹配范围只能是全部或精确，“{value}”不行，已显示全部结果。",
    "q": "检索词太长（{length} 个字），最多 500 个字，已只用前 500 个字检索。",
}
TYPED = "检索词里的“{key}:{value}”不是年份：年份要写成 {key}:2025 或 {key}:2020-2023，这个条件没有用上。"
OTHER = "网址里的“{key}={value}”不对，这个条件没有用上。"


def checked(state: dict) -> tuple[dict, list]:
    """(the state the search can run with, sentences about what was left out of it)."""
    try:
        Request.from_params(state)
        return state, []
    except BadRequest:
        pass
    usable, said = dict(state), []
    for key, value in state.items():
        try:
            Request.from_params({key: value})
        except BadRequest:
            if key == "q":
                usable["q"] = value[:500]
                said.append(SENTENCES["q"].format(length=len(value)))
            else:
                usable.pop(key)
                said.append(SENTENCES.get(key, OTHER).format(key=key, value=str(value)[:20]))
    return usable, said


def without_bad_typed(q: str, error: BadFilterValue) -> tuple[str, str]:
    """The query without the typed filter the engine refused, and the sentence that says so."""
    return without_filter(q, error.key, error.value, False), TYPED.format(key=error.key, value=error.value[:20])
