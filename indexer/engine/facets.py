"""Facet counting over the index's columns, with numpy.

At each index generation the columns are read once into integer arrays (one code per document),
so counting the facets of any set of matching documents is a bincount, not a loop over hits.
"""
from dataclasses import dataclass

import numpy as np

SINGLE = ("province", "city", "county", "year", "doc_type", "category", "status")
MULTI = "type"
COLUMN_OF = {"type": "type_list"}


@dataclass
class Column:
    values: list        # code → value ("" is unknown)
    codes: np.ndarray   # docnum → code

    def __post_init__(self):
        self._code = {value: code for code, value in enumerate(self.values)}

    def code_of(self, value: str) -> int | None:
        return self._code.get(value)


def read_column(reader, fieldname: str, split: bool = False):
    values, index, codes = [""], {"": 0}, []
    rows = []
    for raw in reader.column_reader(fieldname):
        raw = raw.decode("utf-8") if isinstance(raw, bytes) else (raw or "")
        parts = [p for p in raw.split("|") if p] if split else [raw]
        row = []
        for value in parts:
            if value not in index:
                index[value] = len(values)
                values.append(value)
            row.append(index[value])
        rows.append(row)
        codes.append(row[0] if row else 0)
    return values, rows, np.array(codes, dtype=np.int32)


class FacetTable:
    """The facet columns of one index generation."""

    def __init__(self, reader):
        self.doc_count = reader.doc_count_all()
        self.columns = {}
        for name in SINGLE:
            values, _, codes = read_column(reader, name)
            self.columns[name] = Column(values, codes)
        for name in ("kind", "notice_id"):
            values, _, codes = read_column(reader, name)
            self.columns[name] = Column(values, codes)
        values, rows, _ = read_column(reader, COLUMN_OF[MULTI], split=True)
        self.type_values = values
        self.type_matrix = np.zeros((self.doc_count, len(values)), dtype=bool)
        for docnum, row in enumerate(rows):
            self.type_matrix[docnum, row] = True
        published_values, _, published = read_column(reader, "published")
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
        kind = self.columns["kind"]
        passage_codes = [kind.code_of(k) for k in ("problem", "section")]
        self.passage = self.live & np.isin(kind.codes, [c for c in passage_codes if c is not None])

    def mask(self, filters: dict, kinds=None) -> np.ndarray:
        """Documents that satisfy every filter (and are live passages of the given kinds)."""
        keep = self.passage.copy()
        if kinds:
            kind = self.columns["kind"]
            keep &= np.isin(kind.codes, [kind.code_of(k) for k in kinds if kind.code_of(k) is not None])
        for name, value in filters.items():
            if value in (None, ""):
                continue
            if name == MULTI:
                try:
                    keep &= self.type_matrix[:, self.type_values.index(value)]
                except ValueError:
                    keep[:] = False
                continue
            column = self.columns[name]
            code = column.code_of(str(value))
            if code is None:
                keep[:] = False
            else:
                keep &= column.codes == code
        return keep

    def counts(self, docnums: np.ndarray, filters: dict, limit: int = 100) -> dict:
        out = {}
        for name in SINGLE:
            column = self.columns[name]
            tally = np.bincount(column.codes[docnums], minlength=len(column.values))
            out[name] = listing(column.values, tally, filters.get(name), limit, by_value=(name == "year"))
        tally = self.type_matrix[docnums].sum(axis=0) if len(docnums) else np.zeros(len(self.type_values), int)
        out[MULTI] = listing(self.type_values, tally, filters.get(MULTI), limit)
        return out

    def crosstab(self, docnums: np.ndarray, rows: str, columns: str) -> dict:
        """{"rows": [...], "columns": [...], "counts": [[...]]} for two facets over docnums."""
        row_values, row_matrix = self.indicator(rows, docnums)
        column_values, column_matrix = self.indicator(columns, docnums)
        counts = row_matrix.T.astype(np.int64) @ column_matrix.astype(np.int64)
        keep_rows = [i for i, v in enumerate(row_values) if v and counts[i].sum()]
        keep_columns = [j for j, v in enumerate(column_values) if v and counts[:, j].sum()]
        return {
            "rows": [row_values[i] for i in keep_rows],
            "columns": [column_values[j] for j in keep_columns],
            "counts": [[int(counts[i, j]) for j in keep_columns] for i in keep_rows],
        }

    def indicator(self, name: str, docnums: np.ndarray):
        """(values, matrix): matrix[k, v] is True when the k-th document has the v-th value."""
        if name == MULTI:
            return self.type_values, self.type_matrix[docnums]
        column = self.columns[name]
        matrix = np.zeros((len(docnums), len(column.values)), dtype=bool)
        matrix[np.arange(len(docnums)), column.codes[docnums]] = True
        return column.values, matrix

    def distinct_notices(self, docnums: np.ndarray) -> int:
        return int(len(np.unique(self.columns["notice_id"].codes[docnums]))) if len(docnums) else 0


def listing(values, tally, selected, limit, by_value=False) -> list:
    rows = [
        {"value": values[code], "count": int(count), "selected": values[code] == str(selected or "")}
        for code, count in enumerate(tally)
        if count and values[code]
    ]
    if by_value:
        rows.sort(key=lambda r: r["value"], reverse=True)
    else:
        rows.sort(key=lambda r: (-r["count"], r["value"]))
    chosen = [r for r in rows if r["selected"]]
    rows = rows[:limit]
    return rows + [r for r in chosen if r not in rows]
