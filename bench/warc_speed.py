"""WARC reading speed, records per second, of warcio and fastwarc on a generated crawl.

    python bench/warc_speed.py [--records 10000]

Writes a gzipped WARC of N response records (HTML pages of a few KB, each with its request record,
as wget --warc-file writes them) with warcio, then reads every response record's payload with each
library, best of three runs.
"""
import argparse
import io
import tempfile
import time
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

PAGE = ("<html><head><title>第{n}号通报</title></head><body><h1>关于巡察整改进展情况的通报</h1>"
        + "<p>整改进展情况：建立制度，按月公示。</p>" * 40 + "</body></html>")


def generate(path: Path, records: int):
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=True)
        for n in range(records):
            url = f"http://portal.example/notice/{n}.html"
            body = PAGE.format(n=n).encode("utf-8")
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")))
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                          http_headers=headers))


def with_warcio(path: Path) -> int:
    from warcio.archiveiterator import ArchiveIterator

    count = 0
    with open(path, "rb") as stream:
        for record in ArchiveIterator(stream):
            if record.rec_type == "response":
                record.content_stream().read()
                count += 1
    return count


def with_fastwarc(path: Path) -> int:
    from fastwarc import ArchiveIterator, WarcRecordType

    count = 0
    for record in ArchiveIterator(str(path), record_types=WarcRecordType.response):
        record.reader.read()
        count += 1
    return count


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=10000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "crawl.warc.gz"
        generate(path, args.records)
        print(f"{args.records} response records, {path.stat().st_size / 1048576:.1f} MB gzipped")
        for name, read in (("warcio", with_warcio), ("fastwarc", with_fastwarc)):
            best = float("inf")
            for _ in range(3):
                started = time.perf_counter()
                assert read(path) == args.records
                best = min(best, time.perf_counter() - started)
            print(f"{name:9s} {args.records / best:10.0f} records/s")


if __name__ == "__main__":
    main()
