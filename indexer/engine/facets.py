"""Facet counting over the index's columns, with numpy.

At each index generation the columns are read once into integer arrays (one code per document),
so counting the facets of any set of matching documents is a bincount, not a loop over hits.
Each facet of the registry (schema.FACETS) gets a counter of its kind: one value per document, or
several (a problem's types).
"""
import numpy as np

from .schema import FACETS, PASSAGE_KINDS

FACET_LIMIT = 100


def read_column(reader, column: str, split: str | None = None) -> tuple[list, list]:
    """(values, rows): values[0] is "" (unknown); rows[docnum] lists the codes of its values."""
    values, index, rows = [""], {"": 0}, []
    for raw in reader.column_reader(column):
        raw = raw.decode("utf-8") if isinstance(raw, bytes) else (raw or "")
        row = []
        for value in ([p for p in raw.split(split) if p] if split else [raw] if raw else []):
            if value not in index:
                index[value] = len(values)
                values.append(value)
            row.append(index[value])
        rows.append(row)
    return values, rows


class SingleValued:
    """A column with one value per document, as codes."""

    def __init__(self, facet, values: list, rows: list):
        self.facet, self.values = facet, values
        self.codes = np.array([row[0] if row else 0 for row in rows], dtype=np.int32)
        self._code = {value: code for code, value in enumerate(values)}

    @classmethod
    def read(cls, facet, reader):
        return cls(facet, *read_column(reader, facet.column))

    def code_of(self, value: str) -> int | None:
        return self._code.get(value)

    def having(self, value: str) -> np.ndarray:
        """Documents with this value, as a boolean mask."""
        code = self.code_of(str(value))
        return self.codes == code if code is not None else np.zeros(len(self.codes), dtype=bool)

    def tally(self, docnums: np.ndarray) -> np.ndarray:
        return np.bincount(self.codes[docnums], minlength=len(self.values))

    def indicator(self, docnums: np.ndarray) -> np.ndarray:
        """matrix[k, v] is True when the k-th document has the v-th value."""
        matrix = np.zeros((len(docnums), len(self.values)), dtype=bool)
        matrix[np.arange(len(docnums)), self.codes[docnums]] = True
        return matrix


class MultiValued:
    """A column with any number of values per document, as a documents × values matrix."""

    def __init__(self, facet, values: list, rows: list):
        self.facet, self.values = facet, values
        self.matrix = np.zeros((len(rows), len(values)), dtype=bool)
        for docnum, row in enumerate(rows):
            self.matrix[docnum, row] = True
        self._code = {value: code for code, value in enumerate(values)}

    @classmethod
    def read(cls, facet, reader):
        return cls(facet, *read_column(reader, facet.column, split=facet.SEPARATOR))

    def code_of(self, value: str) -> int | None:
        return self._code.get(value)

    def having(self, value: str) -> np.ndarray:
        code = self.code_of(str(value))
        return self.matrix[:, code].copy() if code is not None else np.zeros(len(self.matrix), dtype=bool)

    def tally(self, docnums: np.ndarray) -> np.ndarray:
        return self.matrix[docnums].sum(axis=0) if len(docnums) else np.zeros(len(self.values), dtype=np.int64)

    def indicator(self, docnums: np.ndarray) -> np.ndarray:
        return self.matrix[docnums]


class FacetTable:
    """The facet columns of one index generation, and which documents are live passages."""

    def __init__(self, reader):
        self.doc_count = reader.doc_count_all()
        self.facets = {f.name: (MultiValued if f.multi else SingleValued).read(f, reader) for f in FACETS}
        self.kind = SingleValued.read(_Column("kind"), reader)
        self.notice = SingleValued.read(_Column("notice_id"), reader)
        published_values, rows = read_column(reader, "published")
        published = np.array([row[0] if row else 0 for row in rows], dtype=np.int32)
        # Rank of each document by publication date (unknown dates rank lowest).
        order = np.argsort(np.array(published_values, dtype=object).astype(str))
        rank_of_code = np.empty(len(order), dtype=np.int32)
        rank_of_code[order] = np.arange(len(order))
        self.published_rank = rank_of_code[published]
        self.live = np.ones(self.doc_count, dtype=bool)
        if reader.has_deletions():
            for docnum in range(self.doc_count):
                if reader.is_deleted(docnum):
                    self.live[docnum] = False
        self.passage = self.live & self.of_kinds(PASSAGE_KINDS)

    def of_kinds(self, kinds) -> np.ndarray:
        keep = np.zeros(self.doc_count, dtype=bool)
        for kind in kinds:
            keep |= self.kind.having(kind)
        return keep

    def of_notice(self, notice_id: str) -> np.ndarray:
        return self.notice.having(notice_id)

    def mask(self, filters: dict, kinds=None) -> np.ndarray:
        """Live passages (of the given kinds) that satisfy every filter."""
        keep = self.passage & self.of_kinds(kinds) if kinds else self.passage.copy()
        for name, value in filters.items():
            if value not in (None, ""):
                keep &= self.facets[name].having(value)
        return keep

    def counts(self, docnums: np.ndarray, filters: dict, limit: int = FACET_LIMIT) -> tuple[dict, dict]:
        """({facet: [{value, count, selected}]}, {facet: whether the list was cut at limit})."""
        listed, truncated = {}, {}
        for name, counter in self.facets.items():
            rows = listing(counter.values, counter.tally(docnums), filters.get(name), counter.facet.order)
            listed[name], truncated[name] = cut(rows, limit)
        return listed, truncated

    def crosstab(self, docnums: np.ndarray, rows: str, columns: str) -> dict:
        """{"rows": [...], "columns": [...], "counts": [[...]]} for two facets over docnums."""
        row_counter, column_counter = self.facets[rows], self.facets[columns]
        counts = row_counter.indicator(docnums).T.astype(np.int64) @ column_counter.indicator(docnums).astype(np.int64)
        keep_rows = [i for i, v in enumerate(row_counter.values) if v and counts[i].sum()]
        keep_columns = [j for j, v in enumerate(column_counter.values) if v and counts[:, j].sum()]
        return {
            "rows": [row_counter.values[i] for i in keep_rows],
            "columns": [column_counter.values[j] for j in keep_columns],
            "counts": [[int(counts[i, j]) for j in keep_columns] for i in keep_rows],
        }

    def distinct_notices(self, docnums: np.ndarray) -> int:
        return int(len(np.unique(self.notice.codes[docnums]))) if len(docnums) else 0


class _Column:
    """A column that is not a facet (kind, notice id), read the same way."""

    def __init__(self, name: str):
        self.column = name


def listing(values: list, tally: np.ndarray, selected, order: str) -> list:
    rows = [
        {"value": values[code], "count": int(count), "selected": values[code] == str(selected or "")}
        for code, count in enumerate(tally)
        if count and values[code]
    ]
    if order == "value":
        rows.sort(key=lambda r: r["value"], reverse=True)
    else:
        rows.sort(key=lambda r: (-r["count"], r["value"]))
    return rows


def cut(rows: list, limit: int) -> tuple[list, bool]:
    """The first `limit` rows, and the selected ones wherever they stand."""
    if len(rows) <= limit:
        return rows, False
    shown = rows[:limit]
    return shown + [r for r in rows[limit:] if r["selected"]], True
