"""How a Chinese document cites a notice: the issuer once, the title in 《》, the date written
2025年11月28日, and where it was published when the notice knows (a sidecar's url, the page's
canonical link, a WARC record's URL) — never a loopback or non-web address."""
import ipaddress
import re
from urllib.parse import urlsplit

ISO_DATE = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$")


def chinese_date(published: str | None, year=None) -> str:
    """'2025-11-28' → '2025年11月28日'; a year alone → '2025年'; nothing known → ''."""
    found = ISO_DATE.match(published or "")
    if found:
        y, m, d = found.groups()
        return f"{int(y)}年{int(m)}月" + (f"{int(d)}日" if d else "")
    return f"{year}年" if year else ""


def web_address(url: str | None) -> str | None:
    """url when it is an http(s) address another machine can open; None otherwise."""
    if not url:
        return None
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname or any(c in url for c in " \n\r\t<>\"'"):
        return None
    host = parts.hostname.lower()
    if host == "localhost" or host.endswith(".localhost"):
        return None
    try:
        if ipaddress.ip_address(host).is_loopback or ipaddress.ip_address(host).is_unspecified:
            return None
    except ValueError:
        pass
    return url


def citation(issuer: str | None, title: str | None, published: str | None, year=None,
             source_url: str | None = None) -> str:
    """'某某办公室《关于……的通报》，2025年11月28日，https://…' with each part only when known, and
    the issuer left out when the title already names it."""
    title = (title or "").strip().strip("《》")
    issuer = (issuer or "").strip()
    named = f"《{title}》" if title else ""
    if issuer and not title.startswith(issuer):
        named = issuer + named
    parts = [named, chinese_date(published, year), web_address(source_url) or ""]
    return "，".join(part for part in parts if part)
