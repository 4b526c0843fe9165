"""Charts drawn on the server as SVG (no script, nothing from outside): bars and a heat grid."""
from html import escape

from .downloads import cell

BAR_HEIGHT = 22
LABEL_WIDTH = 150
CHART_WIDTH = 640
CELL = 34
ROW_LABEL = 130
MAX_SHADE = 0.6  # the darkest cell: black numbers on it keep a contrast above 6:1


def bar_chart(rows: list, title: str, link=None) -> str:
    """Horizontal bars for (label, count) rows; each bar a link to link(label) when given."""
    if not rows:
        return empty(title)
    top = max(count for _, count in rows) or 1
    span = CHART_WIDTH - LABEL_WIDTH - 60
    height = 30 + BAR_HEIGHT * len(rows)
    parts = [svg_open(CHART_WIDTH, height, title, link is not None), f'<text class="title" x="0" y="16">{escape(title)}</text>']
    for i, (label, count) in enumerate(rows):
        y = 28 + i * BAR_HEIGHT
        width = max(1, round(span * count / top))
        bar = (f'<text class="label" x="{LABEL_WIDTH - 6}" y="{y + 15}" text-anchor="end">{escape(str(label))}</text>'
               f'<rect class="bar" x="{LABEL_WIDTH}" y="{y + 3}" width="{width}" height="{BAR_HEIGHT - 6}"/>'
               f'<text class="count" x="{LABEL_WIDTH + width + 6}" y="{y + 15}">{count}</text>')
        parts.append(linked(bar, link(label) if link else None, f"{label}：{count}"))
    return "".join(parts) + "</svg>"


def heat_grid(table: dict, title: str, link=None) -> str:
    """Rows × columns of counts as shaded cells with their numbers (problems per type by year);
    each counted cell a link to link(row, column) when given."""
    table = sorted_by_column(table)
    rows, columns, counts = table["rows"], table["columns"], table["counts"]
    if not rows or not columns:
        return empty(title)
    top = max(max(row) for row in counts) or 1
    wide = max(CELL, min(3 * CELL, (CHART_WIDTH - ROW_LABEL - 10) // len(columns)))  # few years: wider cells
    width = ROW_LABEL + wide * len(columns) + 10
    height = 50 + CELL * len(rows)
    parts = [svg_open(width, height, title, link is not None), f'<text class="title" x="0" y="16">{escape(title)}</text>']
    for k, column in enumerate(columns):
        x = ROW_LABEL + k * wide + wide / 2
        parts.append(f'<text class="axis" x="{x}" y="40" text-anchor="middle">{escape(str(column))}</text>')
    for i, label in enumerate(rows):
        y = 46 + i * CELL
        parts.append(f'<text class="label" x="{ROW_LABEL - 6}" y="{y + CELL / 2 + 5}" text-anchor="end">{escape(label)}</text>')
        for k, column in enumerate(columns):
            count = counts[i][k]
            shade = 0.08 + (MAX_SHADE - 0.08) * count / top if count else 0
            x = ROW_LABEL + k * wide
            cell = (f'<rect class="cell" x="{x + 1}" y="{y + 1}" width="{wide - 2}" height="{CELL - 2}" '
                    f'fill-opacity="{shade:.2f}"><title>{escape(label)} {escape(str(column))}: {count}</title></rect>')
            if count:
                cell += f'<text class="value" x="{x + wide / 2}" y="{y + CELL / 2 + 5}" text-anchor="middle">{count}</text>'
            parts.append(linked(cell, link(label, column) if link and count else None, f"{label} {column}年：{count}"))
    return "".join(parts) + "</svg>"


def sorted_by_column(table: dict) -> dict:
    """The table with its columns in order (years ascending), for the grid and its data table;
    years run without a gap (a year with nothing counts 0: a trend must not skip it)."""
    columns = [str(c) for c in table["columns"]]
    if columns and all(c.isdigit() for c in columns):
        years = [int(c) for c in columns]
        every = [str(y) for y in range(min(years), max(years) + 1)]
    else:
        every = sorted(columns)
    at = {c: j for j, c in enumerate(columns)}
    return {"rows": table["rows"], "columns": every,
            "counts": [[row[at[c]] if c in at else 0 for c in every] for row in table["counts"]]}


def linked(svg: str, href: str | None, label: str) -> str:
    """An SVG part as a link (keyboard and screen reader reach it by its label) or as it is."""
    if not href:
        return svg
    return f'<a href="{escape(href)}" aria-label="{escape(label)}">{svg}</a>'


def as_csv(header: list, rows: list) -> str:
    """Rows as CSV text (UTF-8 with a BOM, so spreadsheet programs read the Chinese right)."""
    import csv
    import io

    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow([cell(v) for v in header])
    writer.writerows([[cell(v) for v in row] for row in rows])
    return out.getvalue()


def svg_open(width, height, title, linked: bool = False) -> str:
    """A chart with links inside is a group (an image's parts cannot be links to assistive technology)."""
    role = "group" if linked else "img"
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="{role}" aria-label="{escape(title)}" '
            f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" preserveAspectRatio="xMinYMin meet">')


def empty(title: str) -> str:
    return f'{svg_open(CHART_WIDTH, 40, title)}<text class="title" x="0" y="24">{escape(title)}：没有数据</text></svg>'
