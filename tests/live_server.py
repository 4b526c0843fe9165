"""A real `notices serve` (waitress) on a free loopback port, for the tests that speak to the
server as a client does: browsers, raw sockets, concurrent uploads."""
import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def live_server(index: Path, env: dict | None = None, seconds: float = 60):
    """Yields the base URL of a server of index once it answers; stops it afterwards."""
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "indexer.cli", "serve", "--port", str(port),
                                "--index-dir", str(index)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               cwd=ROOT, env={**os.environ, **(env or {})})
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + seconds
    while True:
        try:
            urllib.request.urlopen(url + "/api/search?q=x", timeout=5)
            break
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                raise RuntimeError("the server did not start: " + process.stdout.read().decode("utf-8", "replace"))
            time.sleep(0.2)
    try:
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)
        process.stdout.close()
