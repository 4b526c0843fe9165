"""What the real server answers on its own (issue 22, item 10): waitress's 400 and 431 carry the
security headers like every page, and a 405 names the methods allowed. A real `notices serve` on
loopback, spoken to through a raw socket."""
import socket

import pytest

from webapp import SECURITY_HEADERS

from ..live_server import live_server


@pytest.fixture(scope="module")
def port(seed_index):
    with live_server(seed_index) as url:
        yield int(url.rsplit(":", 1)[1])


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
