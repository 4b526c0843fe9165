"""Charts drawn on the server as SVG (no script, nothing from outside): bars and a heat grid."""
from html import escape

BAR_HEIGHT = 22
LABEL_WIDTH = 150
CHART_WIDTH = 640
CELL = 34
ROW_LABEL = 130
MAX_SHADE = 0.6  # the darkest cell: black numbers on it keep a contrast above 6:1


def bar_chart(rows: list, title: str) -> str:
    """Horizontal bars for (label, count) rows."""
    if not rows:
        return empty(title)
    top = max(count for _, count in rows) or 1
    span = CHART_WIDTH - LABEL_WIDTH - 60
    height = 30 + BAR_HEIGHT * len(rows)
    parts = [svg_open(CHART_WIDTH, height, title), f'<text class="title" x="0" y="16">{escape(title)}</text>']
    for i, (label, count) in enumerate(rows):
        y = 28 + i * BAR_HEIGHT
        width = max(1, round(span * count / top))
        parts.append(f'<text class="label" x="{LABEL_WIDTH - 6}" y="{y + 15}" text-anchor="end">{escape(str(label))}</text>')
        parts.append(f'<rect class="bar" x="{LABEL_WIDTH}" y="{y + 3}" width="{width}" height="{BAR_HEIGHT - 6}"/>')
        parts.append(f'<text class="count" x="{LABEL_WIDTH + width + 6}" y="{y + 15}">{count}</text>')
    return "".join(parts) + "</svg>"


def heat_grid(table: dict, title: str) -> str:
    """Rows × columns of counts as shaded cells with their numbers (problems per type by year)."""
    table = sorted_by_column(table)
    rows, columns, counts = table["rows"], table["columns"], table["counts"]
    if not rows or not columns:
        return empty(title)
    top = max(max(row) for row in counts) or 1
    width = ROW_LABEL + CELL * len(columns) + 10
    height = 50 + CELL * len(rows)
    parts = [svg_open(width, height, title), f'<text class="title" x="0" y="16">{escape(title)}</text>']
    for k, column in enumerate(columns):
        x = ROW_LABEL + k * CELL + CELL / 2
        parts.append(f'<text class="axis" x="{x}" y="40" text-anchor="middle">{escape(str(column))}</text>')
    for i, label in enumerate(rows):
        y = 46 + i * CELL
        parts.append(f'<text class="label" x="{ROW_LABEL - 6}" y="{y + CELL / 2 + 5}" text-anchor="end">{escape(label)}</text>')
        for k, column in enumerate(columns):
            count = counts[i][k]
            shade = 0.08 + (MAX_SHADE - 0.08) * count / top if count else 0
            x = ROW_LABEL + k * CELL
            parts.append(f'<rect class="cell" x="{x + 1}" y="{y + 1}" width="{CELL - 2}" height="{CELL - 2}" '
                         f'fill-opacity="{shade:.2f}"><title>{escape(label)} {escape(str(column))}: {count}</title></rect>')
            if count:
                parts.append(f'<text class="value" x="{x + CELL / 2}" y="{y + CELL / 2 + 5}" text-anchor="middle">{count}</text>')
    return "".join(parts) + "</svg>"


def sorted_by_column(table: dict) -> dict:
    """The table with its columns in order (years ascending), for the grid and its data table."""
    order = sorted(range(len(table["columns"])), key=lambda j: table["columns"][j])
    return {"rows": table["rows"], "columns": [table["columns"][j] for j in order],
            "counts": [[row[j] for j in order] for row in table["counts"]]}


def svg_open(width, height, title) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" aria-label="{escape(title)}" '
            f'viewBox="0 0 {width} {height}" width="{width}" height="{height}">')


def empty(title: str) -> str:
    return f'{svg_open(CHART_WIDTH, 40, title)}<text class="title" x="0" y="24">{escape(title)}：没有数据</text></svg>'
