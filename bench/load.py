"""Load test: concurrent clients on the search API during an incremental index update.

    python bench/load.py --clients 16 --seconds 60

Loopback only, bounded in time and in requests. Starts `notices serve` (waitress) on a free port
over an index of synthetic notices, starts an incremental `notices index` that adds more notices
while the clients run, and writes a JSON report (bench/out/load.json): status counts, errors,
p50/p95/p99 latency and throughput.
"""
import argparse
import json
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.generate import generate  # noqa: E402

CLI = [sys.executable, "-m", "indexer.cli"]
MAX_REQUESTS = 200_000
QUERY_LOG = [
    {"q": "食堂"}, {"q": "因私出国境证照"}, {"q": "因私出国（境）证照"}, {"q": "三重一大"}, {"q": "財務管理"},
    {"q": "政府采购", "province": "福建省"}, {"q": "意识形态工作责任制"}, {"q": "社情民意信息", "sort": "date"},
    {"q": "保密 OR 档案"}, {"q": "公务卡 -现金"}, {"q": "整改", "group": "notice"}, {"province": "广东省"},
    {"q": "针对作风建设缺乏一抓到底的韧劲,四风问题整治不彻底的问题"}, {"q": "中央八项规定", "year": "2024"},
    {"q": "民主集中制", "page": "2"}, {"q": "调研", "limit": "50"}, {"type": "食堂管理"}, {"q": "x" * 20},
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def percentile(values, share):
    return round(values[min(len(values) - 1, int(len(values) * share))], 1) if values else None


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--notices", type=int, default=300)
    parser.add_argument("--added", type=int, default=60, help="notices added by the update during the run")
    parser.add_argument("--report", type=Path, default=ROOT / "bench" / "out" / "load.json")
    args = parser.parse_args()

    work = ROOT / "bench" / "out" / "load"
    shutil.rmtree(work, ignore_errors=True)
    corpus, index = work / "corpus", work / "index"
    generate(args.notices, corpus, seed=5)
    extra = generate(args.added, work / "extra", seed=6)
    subprocess.run([*CLI, "index", str(corpus), "--index-dir", str(index)], check=True, capture_output=True)

    port = free_port()
    server = subprocess.Popen([*CLI, "serve", "--port", str(port), "--index-dir", str(index), "--threads", "8"],
                              stdout=subprocess.DEVNULL, stderr=open(work / "server.log", "w"))
    base = f"http://127.0.0.1:{port}/api/search?"
    for _ in range(150):
        try:
            urllib.request.urlopen(base + "q=x", timeout=2)
            break
        except OSError:
            time.sleep(0.2)

    lock = threading.Lock()
    latencies, statuses, errors = [], {}, []
    stop_at = time.monotonic() + args.seconds
    sent = [0]

    def client(number):
        i = number
        while time.monotonic() < stop_at:
            with lock:
                if sent[0] >= MAX_REQUESTS:
                    return
                sent[0] += 1
            params = QUERY_LOG[i % len(QUERY_LOG)]
            i += 1
            started = time.perf_counter()
            try:
                with urllib.request.urlopen(base + urllib.parse.urlencode(params), timeout=30) as response:
                    response.read()
                    status = response.status
            except urllib.error.HTTPError as e:
                status = e.code
            except OSError as e:
                status = "error"
                with lock:
                    errors.append(str(e))
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                latencies.append(elapsed)
                statuses[str(status)] = statuses.get(str(status), 0) + 1

    threads = [threading.Thread(target=client, args=(n,)) for n in range(args.clients)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    time.sleep(min(5, args.seconds / 4))
    for path in extra.glob("*.txt"):
        shutil.copy(path, corpus / f"added_{path.name}")
    update_started = time.monotonic() - started
    update = subprocess.run([*CLI, "index", str(corpus), "--index-dir", str(index)], capture_output=True, text=True)
    update_seconds = time.monotonic() - started - update_started
    for thread in threads:
        thread.join()
    duration = time.monotonic() - started
    final = json.load(urllib.request.urlopen(base + "q=" + urllib.parse.quote("整改") + "&limit=1", timeout=30))
    server.terminate()
    server.wait(timeout=10)

    latencies.sort()
    report = {
        "clients": args.clients, "seconds": round(duration, 1), "requests": len(latencies),
        "throughput_per_s": round(len(latencies) / duration, 1), "statuses": statuses,
        "server_errors": sum(n for s, n in statuses.items() if s.startswith("5")), "client_errors": len(errors),
        "p50_ms": percentile(latencies, 0.50), "p95_ms": percentile(latencies, 0.95),
        "p99_ms": percentile(latencies, 0.99), "max_ms": round(latencies[-1], 1) if latencies else None,
        "update": {"started_at_s": round(update_started, 1), "seconds": round(update_seconds, 1),
                   "exit": update.returncode, "summary": update.stderr.strip().splitlines()[-1:]},
        "notices_after": final["notices"], "notices_expected": args.notices + args.added,
    }
    args.report.parent.mkdir(parents=True, exist_ok=True)
    args.report.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    print(json.dumps(report, ensure_ascii=False))
    ok = report["server_errors"] == 0 and not errors and update.returncode == 0
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
