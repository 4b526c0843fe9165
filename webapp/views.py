"""HTML pages: search, advanced search, notice, similar problems, compare, charts."""
import math

from flask import Blueprint, Response, abort, current_app, redirect, render_template, request

from indexer.engine.search import (FACETS, MAX_PAGE, SORTS, BadFilterValue, Request, citation, has_pictures,
                                   opening_section)

from . import advanced as advanced_form, charts, display, downloads, engine, problems, summary
from .facets import sidebar
from .settings import notice_link
from .state import chips, current, understood_state, url_with, year_bounds, year_value

bp = Blueprint("views", __name__)


@bp.app_template_global()
def public_notice_link(notice_id: str, seq: int | None = None) -> str | None:
    """For text that leaves the page (copied citations): the notice's public address, or None."""
    return notice_link(notice_id, seq)


@bp.app_template_global()
def notice_citation(notice: dict, seq: int | None = None) -> str:
    """A notice cited as a Chinese document cites it, with its public address when the service has
    one (for notice.html's copy button: `——引自：{{ notice_citation(notice, p.seq) }}`)."""
    cited = citation(notice.get("issuer"), notice.get("title"), notice.get("published"), notice.get("year"),
                     notice.get("source_url"))
    link = notice_link(notice["id"], seq)
    return cited + (f"；本库：{link}" if link else "")


for _name in ("place_line", "province_kind", "whole_document", "date_line"):
    bp.add_app_template_global(getattr(display, _name), _name)


# The facets whose values /compare may set side by side (the registry's `compared`), the first the default.
COMPARE_LEVELS = {facet.name: facet.label for facet in FACETS if facet.compared}
MAX_COMPARE_COLUMNS = 4
PAGE_SIZES = (10, 20, 50)   # the first is the default
# The orders offered: those the engine takes (request.SORTS).
SORT_LABELS = (("relevance", "相关度"), ("date", "日期（新→旧）"), ("oldest", "日期（旧→新）"))
MAX_PAGE_IMAGES = 20  # pages of a scan shown in its original view


@bp.get("/")
def search():
    if "year_from" in request.args or "year_to" in request.args:  # the year range boxes: one `year` in the URL
        return redirect(url_with(year=year_value(request.args.get("year_from"), request.args.get("year_to"))))
    asked = current()
    result, search_request, state, said = searched(asked)
    counted = result["notices"] if search_request.group else result["total"]
    pages = min(MAX_PAGE, max(1, math.ceil(counted / search_request.limit)))
    state = {**state, "q": asked["q"]} if asked.get("q") else state  # the box keeps what was typed

    return render_template(
        "search.html", result=result, state=state, chips=chips(state, result), facets=sidebar(result, state),
        pages=pages, page=search_request.page, url_with=url_with, year_range=year_bounds(state.get("year")),
        matches=summary.matches(result, state), synonyms=summary.synonyms(result, state), page_sizes=PAGE_SIZES,
        suggestions=summary.suggestions(result, state), sort_labels=SORT_LABELS, sorts=SORTS,
        problems=said, understood=result.get("understood", []), unclear=result.get("unclear", []),
    )


def searched(asked: dict, **fixed) -> tuple:
    """(result, request, state, sentences): the search of the URL's state, any bad value left out
    and said in Chinese; places typed short carried on under their full names."""
    state, said = problems.checked(asked)
    try:
        search_request = Request.from_params({**state, **fixed})
        result = engine().search(search_request)
    except BadFilterValue as error:
        q, sentence = problems.without_bad_typed(state.get("q", ""), error)
        state, said = {**state, "q": q}, [*said, sentence]
        search_request = Request.from_params({**state, **fixed})
        result = engine().search(search_request)
    return result, search_request, understood_state(state, result), said


@bp.get("/advanced")
def advanced():
    """The form, filled from its own fields in the URL or from the search it was opened from;
    its search button lands on the search page with the composed query."""
    args = request.args
    fields = advanced_form.from_form(args) if advanced_form.is_form(args) else advanced_form.take_apart(current())
    composed = advanced_form.compose(fields)
    if args.get("go"):
        return redirect(url_with(state=composed))
    overview = notices_in()
    cities = notices_in(province=fields["province"]) if fields["province"] else overview
    counties = notices_in(province=fields["province"], city=fields["city"]) if fields["city"] else cities
    return render_template("advanced.html", fields=fields, composed=composed, state=composed, conditions=chips(composed),
                           choices=advanced_form.choices(overview, cities, counties, fields))


def notices_in(**places) -> dict:
    """A search that only counts: the notices within the places given (all of them without any),
    with the index's taxonomy."""
    return engine().search(Request.from_params({**places, "kind": "notice", "limit": 1}))


@bp.get("/favicon.ico")
def favicon():
    return current_app.send_static_file("favicon.svg")


@bp.get("/notice/<notice_id>")
def notice(notice_id):
    data = engine().notice(notice_id)
    if data is None:
        abort(404, description=f"没有编号为 {notice_id[:40]} 的通报。")
    q = request.args.get("q", "")[:500]
    view = "original" if request.args.get("view") == "original" else "clean"
    marked = engine().highlighted_passages(notice_id, q) if q else {}
    sections = data.get("sections") or []
    opening = opening_section(sections)
    other_sections = [s for s in sections if s is not opening]
    page_count = min(data.get("pages") or 0, MAX_PAGE_IMAGES) if has_pictures(data.get("file_kind")) else 0
    return render_template("notice.html", notice=data, q=q, view=view, marked=marked, opening=opening,
                           other_sections=other_sections, state={"q": q} if q else {}, page_count=page_count)


@bp.get("/notice/<notice_id>/page/<int:number>.png")
def original_page(notice_id, number):
    """A picture of a page of the file the notice was read from (a scan's original view)."""
    if not 1 <= number <= MAX_PAGE_IMAGES:
        abort(404, description="没有这一页。")
    picture = engine().original_page(notice_id, number)
    if picture is None:
        abort(404, description="这一页的原件图片不可用：原文件已不在文档库中，或已改动。")
    return Response(picture, content_type="image/png", headers={"Cache-Control": "private, max-age=3600"})


@bp.get("/similar/<problem_id>")
def similar(problem_id):
    result = engine().similar(problem_id, limit=20)
    if result is None:
        abort(404, description="没有这个问题。")
    descriptions = notices_in()["type_descriptions"]
    return render_template("similar.html", result=result, notice=engine().notice(result["notice_id"]),
                           descriptions=descriptions)


@bp.get("/compare")
def compare():
    """One query or problem type side by side across regions, one column per region."""
    state = current()
    level = request.args.get("level") if request.args.get("level") in COMPARE_LEVELS else next(iter(COMPARE_LEVELS))
    base = {k: v for k, v in state.items() if k not in ("page", "limit", "group", level)}
    base["kind"] = "problem"
    overview = engine().search(Request.from_params({**base, "limit": 1}))
    chosen = [r for r in request.args.getlist("region") if r][:MAX_COMPARE_COLUMNS]
    if not chosen:
        chosen = [row["value"] for row in overview["facets"][level][:3]]
    columns = []
    for region in chosen:
        result = engine().search(Request.from_params({**base, level: region, "limit": 10}))
        columns.append({"region": region, "result": result})
    available = [row["value"] for row in overview["facets"][level]]
    # The types to choose from, with how many problems of this search each has (the type itself aside).
    without_type = {k: v for k, v in base.items() if k != "type"}
    types = engine().search(Request.from_params({**without_type, "limit": 1}))["facets"]["type"]
    for column in columns:
        column["search_url"] = url_with(state={**base, level: column["region"]})
    return render_template("compare.html", state=state, level=level, levels=COMPARE_LEVELS, columns=columns,
                           available=available, chosen=chosen, overview=overview, types=types,
                           chips=chips(state, overview, endpoint="views.compare"))


CHARTS = {"types-by-year": "各类问题按年份", "provinces": "各省份的问题数"}


@bp.get("/charts")
def chart_page():
    """The current search's problems as charts: the search page's filters and chips, every year on
    the axis, each cell and bar a link to the search it counts, each chart's data as CSV."""
    if "year_from" in request.args or "year_to" in request.args:  # the year range boxes, as on the search page
        return redirect(url_with("views.chart_page", year=year_value(request.args.get("year_from"),
                                                                     request.args.get("year_to"))))
    state, said, result, by_year, by_province = chart_data()
    cell_link = lambda row, year: url_with(state=state, type=row, year=str(year), kind="problem")  # noqa: E731
    bar_link = lambda province: url_with(state=state, province=province, kind="problem")  # noqa: E731
    return render_template(
        "charts.html", state=state, chips=chips(state, result, endpoint="views.chart_page"), result=result,
        facets=sidebar(result, state, endpoint="views.chart_page"), by_year=by_year, by_province=by_province,
        province_svg=charts.bar_chart(by_province, CHARTS["provinces"], bar_link),
        type_year_svg=charts.heat_grid(by_year, CHARTS["types-by-year"], cell_link), problems=said,
        understood=result.get("understood", []), charts_names=CHARTS, url_with=url_with,
        year_range=year_bounds(state.get("year")),
    )


@bp.get("/charts/<name>.csv")
def chart_csv(name):
    """A chart's data as CSV, for the same search."""
    if name not in CHARTS:
        abort(404, description="没有这张图表。")
    state, _, _, by_year, by_province = chart_data()
    if name == "types-by-year":
        text = charts.as_csv(["问题类型", *by_year["columns"]],
                             [[row, *by_year["counts"][i]] for i, row in enumerate(by_year["rows"])])
    else:
        text = charts.as_csv(["省份", "问题数"], by_province)
    name_of_file = downloads.file_name(CHARTS[name], state.get("q"), "csv")
    return Response(text.encode("utf-8"), mimetype="text/csv", headers={
        "Content-Disposition": downloads.content_disposition(name_of_file, f"chart-{name}.csv")})


def chart_data() -> tuple:
    """(state, sentences about bad values, the problems' result, types × years, provinces)."""
    result, _, state, said = searched(current(), kind="problem", limit=1)
    state = {k: v for k, v in state.items() if k not in ("page", "limit", "group", "sort")}
    search_request = Request.from_params({**state, "kind": "problem"})
    by_year = charts.sorted_by_column(engine().crosstab(search_request, "type", "year"))
    by_province = [(row["value"], row["count"]) for row in result["facets"]["province"]]
    return state, said, result, by_year, by_province
