"""The `notices` command: argument parsing and printing only; each command is one call below."""
import functools
import json
import os
import sys
from pathlib import Path

import click

from . import settings
from .document.errors import shown_name
from .engine import search as engine
from .engine.highlight import on_terminal
from .errors import NoticesError



def fail(message: str, status: int = 1):
    click.echo(f"notices: {message}", err=True)
    sys.exit(status)


def dump(data):
    click.echo(json.dumps(data, ensure_ascii=False))


def answer(ask, as_json: bool, show):
    """Print what ask() answers, as JSON or with show()."""
    result = ask()
    if as_json:
        dump(result)
    else:
        show(result)


def index_option(function):
    return click.option("--index-dir", type=click.Path(), default=None, metavar="DIR",
                        help="Index folder (default: $NOTICES_INDEX, else ./index).")(function)


def exit_status(error: NoticesError) -> int:
    """The status a command ends with when it ends with this error's sentence."""
    return error.exit_status


def reported(command):
    """An error meant for the user (an unreadable file, a bad request, a fault of the disk or of
    the index files) ends the command with its sentence and exit status, never a traceback."""
    @functools.wraps(command)
    def run(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except NoticesError as e:  # every error said to the user: its sentence, its exit status
            fail(str(e), exit_status(e))
    return run


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main():
    """Search published inspection-rectification notices (巡察整改进展情况的通报)."""


@main.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the notice as JSON.")
@click.option("--explain", is_flag=True, help="Show the words that decided each problem's category and types.")
@reported
def parse(file, as_json, explain):
    """Read one FILE of any supported kind and print the notice it holds."""
    from .document.parse import parse_file
    from .document.taxonomy import explain as explain_labels

    if not os.path.exists(file):
        fail(f"{file} does not exist; give the path of a document.")
    notice = parse_file(file)
    explanations = [explain_labels(p.path, p.title, p.text) for p in notice.problems] if explain else []
    if as_json:
        data = notice.to_json()
        for problem, explanation in zip(data["problems"], explanations):
            problem["explain"] = explanation
        dump(data)
        return
    region = notice.region
    click.echo(f"{notice.title or '(no title)'}{'  [derived]' if notice.title_derived else ''}")
    click.echo(f"  issuer: {notice.issuer}   region: {region['province']} / {region['city']} / {region['county']}")
    if notice.region_source:  # provenance: what decided the region, and the words
        click.echo(f"  region from: {notice.region_source}" + (f" 「{notice.region_evidence}」" if notice.region_evidence else ""))
    click.echo(f"  published: {notice.published}   year: {notice.year}   type: {notice.doc_type}   script: {notice.script}")
    for number, p in enumerate(notice.problems):
        status = f"  [{p.status}]" if p.status else ""
        click.echo(f"  {p.seq:>3}. {p.title}{status}  <{p.category or '-'}> {', '.join(p.types)}")
        if explain:
            for line in explanation_lines(explanations[number]):
                click.echo(f"         {line}")


def explanation_lines(explanation: dict) -> list:
    """'category ← path (二)聚焦…方面: 不正之风, 腐败问题' and one such line per type; a type the model
    gave says so: '组织生活 ← title, model 0.86: 三会一课, 流于形式' (its weightiest n-grams)."""
    def because(evidence):
        where = evidence["where"]
        if evidence.get("heading"):
            where += f" {evidence['heading']}"
        if evidence.get("via"):
            where += f" (type {evidence['via']})"
        if evidence.get("framework"):
            where += f" [{evidence['framework']}]"
        if evidence.get("probability") is not None:
            where += f", model {evidence['probability']:.2f}"
        count = f" ×{evidence['count']}" if evidence["where"] == "text" else ""
        return f"{where}: {', '.join(evidence['words'])}{count}"

    category = explanation["category"]
    lines = [f"category {category['name'] or '(none)'} ← {because(category)}" if category else "category: no evidence"]
    return lines + [f"{t['name']} ← {because(t)}" for t in explanation["types"]]


@main.command()
@click.argument("corpus_dir", required=False, default="corpus", type=click.Path(file_okay=False))
@index_option
@click.option("--rebuild", is_flag=True, help="Re-read every file instead of only new and changed ones.")
@click.option("--jobs", type=click.IntRange(1, 64), default=None, metavar="N",
              help="Worker processes (default: all cores).")
@click.option("--strict", is_flag=True, help="Exit with status 3 when any file was skipped.")
@click.option("--wait", type=click.FloatRange(0, 3600), default=60.0, metavar="SECONDS",
              help="Seconds to wait for another build.")
@click.option("--watch", is_flag=True,
              help="Keep running: bring the index up to date again whenever files of CORPUS_DIR change.")
@reported
def index(corpus_dir, index_dir, rebuild, jobs, strict, wait, watch):
    """Bring the index up to date with CORPUS_DIR (default: corpus/)."""
    if not Path(corpus_dir).is_dir():
        fail(f"The corpus folder {corpus_dir} does not exist; give a folder of documents.")
    target = engine.index_dir(index_dir)
    if watch:
        if strict:
            raise click.UsageError("--strict ends a build's command with its status; a watch does not end: drop one.")
        keep_watching(corpus_dir, target, rebuild, jobs, wait)
        return
    try:
        report = engine.build_index(corpus_dir, target, rebuild=rebuild, jobs=jobs, wait_seconds=wait)
    except KeyboardInterrupt:
        fail("Interrupted; the previous index is unchanged.", 130)
    summarise(report, target)
    if strict and report.skipped:
        sys.exit(3)


def keep_watching(corpus_dir, target, rebuild, jobs, wait):
    """`notices index --watch`: a summary for each build, a fault's sentence for each that failed
    (the previous index keeps serving, and the build is tried again), until Ctrl-C."""
    from .engine.watch import Watching

    watching = Watching(Path(corpus_dir), target, rebuild=rebuild, jobs=jobs, wait_seconds=wait)
    click.echo(f"watching {shown_name(str(corpus_dir))} for changes (Ctrl-C stops)", err=True)
    try:
        watching.run(lambda report: summarise(report, target),
                     lambda error: click.echo(f"notices: {error} It will be tried again.", err=True))
    except KeyboardInterrupt:  # Ctrl-C while waiting ends run() itself ("signal"); here it came during a build or a summary
        if watching.building:
            fail("Interrupted during a build; the index holds what was committed before.", 130)
    finally:
        watching.close()
    click.echo(f"stopped watching {shown_name(str(corpus_dir))}.", err=True)


def summarise(report, target):
    """The build's summary on stderr: counts, the segmenter, and each skipped file with its reason."""
    click.echo(
        f"indexed {target}: {len(report.added)} added, {len(report.updated)} updated, {len(report.removed)} removed, "
        f"{report.unchanged} unchanged, {len(report.skipped)} skipped; {report.notices} notices in {report.seconds:.1f}s"
        + (f"; labels of {report.relabelled} notices recomputed for the changed taxonomy" if report.relabelled else ""),
        err=True,
    )
    click.echo(engine.segmenter_line(), err=True)  # which segmenter cut the words: jieba-next, or plain jieba
    for source, reason in report.skipped:
        click.echo(f"  skipped {shown_name(source)}: {shown_name(reason)}", err=True)  # one line a file


def open_engine(index_dir):
    opened = engine.Engine(index_dir)
    opened.current()  # an IndexFault here ends the command with its sentence (reported)
    return opened


def facet_metavar(facet) -> str:
    """YEAR, or YEAR|FROM-TO for a facet that takes a range."""
    return facet.name.upper() + ("|FROM-TO" if facet.ranged else "")


def facet_options(function):
    """--province, --city, … : one option per facet of the engine's registry."""
    for facet in reversed(engine.FACETS):
        function = click.option(facet.option, facet.name, metavar=facet_metavar(facet),
                                help=f"Only passages whose {facet.name} is this.")(function)
    return function


@main.command()
@click.argument("query", required=False, default="")
@facet_options
@click.option("--exact", is_flag=True, help="Only passages where every term occurs as written (精确).")
@click.option("--sort", type=click.Choice(list(engine.SORTS)), default="relevance", help="date: newest first; oldest: oldest first.")
@click.option("--group", is_flag=True, help="One hit per notice.")
@click.option("--limit", type=int, default=10, metavar="N", help="Hits a page.")
@click.option("--page", type=int, default=1, metavar="K", help="Which page of hits.")
@click.option("--batch", type=click.Path(dir_okay=False), metavar="FILE",
              help="A file of JSON lines, one search each; prints one result a line.")
@click.option("--json", "as_json", is_flag=True)
@index_option
@reported
def search(query, exact, sort, group, limit, page, batch, as_json, index_dir, **filters):
    """Search the index from the terminal."""
    opened = open_engine(index_dir)
    if batch:
        run_batch(opened, batch)
        return
    params = dict(q=query, match="exact" if exact else None, sort=sort, group=group, limit=limit, page=page, **filters)
    answer(lambda: opened.search(engine.Request.from_params(params)), as_json, print_result)


def run_batch(opened, batch):
    if not os.path.exists(batch):
        fail(f"{batch} does not exist; give a file of JSON lines.")
    with open(batch, encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                params = json.loads(line)
                if not isinstance(params, dict):
                    raise ValueError("not an object")
                dump(opened.search(engine.Request.from_params(params)))
            except (ValueError, engine.BadRequest) as e:
                dump({"error": f"line {number}: {e}"})


def print_result(result):
    """Hits for a reader: terms in bold on a terminal, plain text in a pipe; never HTML."""
    bold = sys.stdout.isatty()
    exact, everything = result["total_exact"], result["total_all"]
    shown = "exact only" if result["match"] == "exact" else "exact first"
    click.echo(f"{result['total']} passages in {result['notices']} notices ({shown}): {exact} exact (精确), "
               f"{everything - exact} related (相关) ({result['took_ms']} ms)")
    for note in result.get("understood", []):
        click.echo(f"  已理解为：{note['as_typed']} → {note['understood']}")
    for note in result.get("unclear", []):
        click.echo(f"  {note['as_typed']} 可指：{'、'.join(note['candidates'])}（请写全名）")
    for suggestion in result.get("suggestions", []):
        click.echo(f"  您是不是要找：{suggestion['instead']}（而不是 {suggestion['term']}）")
    for term, added in result["expanded"].items():
        click.echo(f"  {term} also searched as: {', '.join(added)}")
    first = (result["page"] - 1) * result["limit"] + 1
    for i, hit in enumerate(result["hits"], first):
        place = " ".join(x for x in (hit["province"], hit["city"], hit["county"]) if x)
        title = on_terminal(hit["title"], hit["title_spans"], bold) if hit["title"] else hit["notice_title"] or ""
        related = "" if hit["match"] == "exact" else "  (related)"
        click.echo(f"{i:>3}. {title}{related}")
        click.echo(f"     {hit['issuer'] or ''} {place} {hit['year'] or ''}  [{shown_name(hit['source'])}]")
        click.echo(f"     {on_terminal(hit['snippet_text'], hit['snippet_spans'], bold)}")


def precedent_filter_options(function):
    """--province, --city, --county, --year: what a draft's precedents may be narrowed to."""
    for facet in reversed([f for f in engine.FACETS if f.name in engine.PRECEDENT_FILTERS]):
        function = click.option(facet.option, facet.name, metavar=facet_metavar(facet),
                                help=f"Only precedents whose {facet.name} is this.")(function)
    return function


@main.command()
@click.argument("file")
@precedent_filter_options
@click.option("--limit", type=int, default=5, metavar="N", help="Precedents for each problem (1 to 20).")
@click.option("--json", "as_json", is_flag=True)
@index_option
@reported
def precedents(file, limit, as_json, index_dir, **filters):
    """Precedents for a draft: each problem of FILE with the most similar problems of indexed notices.

    FILE is a draft or feedback list of any supported kind, or - for standard input."""
    from .document.read import read_document

    if file == "-":
        data, name = sys.stdin.buffer.read(), "standard input"
    elif not os.path.exists(file):
        fail(f"{file} does not exist; give the path of a draft, or - to read it from standard input.")
    else:
        data, name = read_document(file).data, Path(file).name
    answer(lambda: open_engine(index_dir).precedents(data, name, limit, filters), as_json, print_precedents)


FOUND_BY = {"numbering": "told apart by their numbering", "outline": "found in the draft's outline",
            "lines": "one a line"}


def print_precedents(result):
    problems = result["problems"]
    if result["found_by"] == "whole":
        click.echo("No separate problem recognised (numbered, or one a line): the whole text is one problem.", err=True)
    else:
        counted = f"{len(problems)} problem" + ("s" if len(problems) != 1 else "")
        click.echo(f"{counted}, {FOUND_BY[result['found_by']]} ({result['took_ms']} ms)", err=True)
    for problem in problems:
        click.echo(f"{problem['seq']}. {problem['title']}  [{', '.join(problem['types'])}]")
        for number, hit in enumerate(problem["hits"], 1):
            place = " ".join(x for x in (hit["province"], hit["city"], hit["county"]) if x)
            why = "、".join(hit["shared_words"]) + (" | " + "、".join(hit["shared_types"]) if hit["shared_types"] else "")
            click.echo(f"   {number}) {hit['title']}  ({hit['closeness']}: {why})")
            click.echo(f"      {hit['issuer'] or ''} {place} {hit['published'] or hit['year'] or ''}  {hit['link']}")
            click.echo(f"      {hit['text'].replace(chr(10), ' ')[:120]}")
        if not problem["hits"]:
            click.echo("   (no similar problem in other notices)")
        elif len(problem["hits"]) < result["limit"]:
            click.echo(f"   (only {len(problem['hits'])} close enough to show)")


@main.command()
@click.argument("notice_id")
@click.option("--json", "as_json", is_flag=True)
@index_option
@reported
def show(notice_id, as_json, index_dir):
    """One indexed notice, whole."""
    notice = open_engine(index_dir).notice(notice_id)
    if notice is None:
        fail(f"No notice has the id {notice_id}; `notices search` shows the ids.")
    if as_json:
        dump(notice)
        return
    click.echo(notice["title"] or "")
    click.echo(notice["text"])


@main.command()
@click.option("--json", "as_json", is_flag=True)
@index_option
@reported
def stats(as_json, index_dir):
    """What the index holds: counts per facet, size, when built."""
    data = open_engine(index_dir).stats()
    if as_json:
        dump(data)
        return
    click.echo(f"{data['notices']} notices, {data['passages']} passages ({data['problems']} problems), "
               f"{data['size_mb']} MB, built {data['built_at']}")
    for name, rows in data["facets"].items():
        if name == "type":
            continue
        shown = ", ".join(f"{r['value']} {r['count']}" for r in rows[:12])
        click.echo(f"  {name}: {shown}")
    click.echo("  problem types:")
    described = data["type_descriptions"]
    for row in data["facets"]["type"]:
        click.echo(f"    {row['value']} {row['count']}  {described.get(row['value']) or ''}".rstrip())


@main.command()
@index_option
@reported
def check(index_dir):
    """Read every file of the index; say what is damaged and which notices a rebuild restores."""
    target = engine.index_dir(index_dir)
    found = engine.check_index(target)
    if found["sound"]:
        click.echo(f"The index at {target} is sound: {found['notices']} notices in {found['segments']} segments, "
                   f"every file as it was written.")
        return
    click.echo(f"The index at {target} is damaged:", err=True)
    for problem in found["problems"]:
        click.echo(f"  {shown_name(problem)}", err=True)
    restored = found["restore"]
    if restored:
        shown = ", ".join(map(shown_name, restored[:20])) + (f" and {len(restored) - 20} more" if len(restored) > 20 else "")
        click.echo(f"`notices index --rebuild` reads the documents again and restores {len(restored)} notices: {shown}.",
                   err=True)
    else:
        click.echo("`notices index --rebuild` reads every document again and restores the whole index.", err=True)
    sys.exit(engine.IndexDamaged.exit_status)


@main.command()
@click.option("--host", default="127.0.0.1", metavar="HOST", help="The address to listen on.")
@click.option("--port", type=click.IntRange(1, 65535), default=5000, metavar="PORT", help="The port to listen on.")
@click.option("--threads", type=click.IntRange(1, 64), default=8, metavar="N", help="Requests served at once.")
@index_option
@reported
def serve(host, port, threads, index_dir):
    """The web application on a production WSGI server (waitress)."""
    from webapp import create_app
    from webapp.server import serve as serve_app

    target = engine.index_dir(index_dir)
    engine.ready(target)  # a fault is said now, before the server starts
    app = create_app({"INDEX_DIR": str(target)})
    click.echo(f"serving {target} on http://{host}:{port}/", err=True)
    serve_app(app, host=host, port=port, threads=threads, ident="notices")


@main.command("settings")
@click.option("--json", "as_json", is_flag=True)
def show_settings(as_json):
    """The settings read from the environment (NOTICES_…): the value each has now, and why."""
    rows = [(s, settings.value(s.name), settings.origin(s.name)) for s in settings.SETTINGS]
    if as_json:
        dump([{"variable": s.variable, "value": None if now is None else str(now), "from": origin,
               "meaning": s.meaning} for s, now, origin in rows])
        return
    for s, now, origin in rows:
        click.echo(f"{s.variable}={settings.shown(now)}  ({origin})")
        click.echo(f"    {s.meaning}")


if __name__ == "__main__":
    main()
