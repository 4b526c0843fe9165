"""What the real server answers on its own (issue 22, item 10): waitress's 400 and 431 carry the
security headers like every page, and a 405 names the methods allowed. A real `notices serve` on
loopback, spoken to through a raw socket."""
import socket
import subprocess
import sys
import time

import pytest

from webapp import SECURITY_HEADERS

from ..conftest import ROOT


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def port(seed_index):
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "indexer.cli", "serve", "--port", str(port),
                                "--index-dir", str(seed_index)], cwd=ROOT, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            time.sleep(0.2)
    yield port
    process.terminate()
    process.wait(timeout=30)


def raw(port: int, request: bytes) -> tuple[int, dict]:
    """(status, headers) of the answer to bytes sent as they are."""
    with socket.create_connection(("127.0.0.1", port), timeout=30) as connection:
        connection.sendall(request)
        answer = b""
        while b"\r\n\r\n" not in answer:
            chunk = connection.recv(65536)
            if not chunk:
                break
            answer += chunk
    head = answer.split(b"\r\n\r\n", 1)[0].decode("latin-1").split("\r\n")
    headers = dict(line.split(": ", 1) for line in head[1:])
    return int(head[0].split()[1]), headers


@pytest.mark.parametrize("request_bytes, status", [
    (b"GET / HTTP/1.1\r\nHost: x\r\nContent-Length: nope\r\n\r\n", 400),          # a header it cannot read
    (b"GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 300_000 + b"\r\n\r\n", 431),  # headers over its limit
])
def test_the_servers_own_error_answers_carry_the_security_headers(port, request_bytes, status):
    answered, headers = raw(port, request_bytes)
    assert answered == status
    for name, value in SECURITY_HEADERS.items():
        assert headers.get(name) == value, (name, headers)


def test_a_405_names_the_methods_allowed(port):
    answered, headers = raw(port, b"DELETE / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
    assert answered == 405 and headers["Allow"] == "GET, HEAD, OPTIONS"
    assert headers["X-Frame-Options"] == "DENY"
    answered, headers = raw(port, b"GET /api/precedents HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
    assert answered == 405 and headers["Allow"] == "OPTIONS, POST"
