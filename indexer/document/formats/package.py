"""Documents that are ZIP packages of XML parts (.docx, .ofd, .odt): the archive checked before anything
is unpacked, its parts found by name, their XML parsed without entities or network.

What a package unpacks to is checked from the archive's directory first: a zip bomb (a few hundred
kilobytes that unpack to gigabytes of XML) is refused in milliseconds, not after minutes and
gigabytes of memory. zipfile never unpacks more of a member than its stated size, so the directory
bounds what is read. The limits are those of a .docx (NOTICES_DOCX_MAX_UNPACKED_MB, _RATIO) for all.
"""
import io
import posixpath
import zipfile

from ... import settings
from ..errors import UnreadableDocument

# Members smaller than this unpack to little whatever their ratio (tiny XML parts compress well).
RATIO_FROM_BYTES = 1 << 20
ZIP_ERRORS = (zipfile.BadZipFile, ValueError, OSError, EOFError, KeyError, NotImplementedError, RuntimeError)


def damaged(name: str, suffix: str, error: Exception) -> UnreadableDocument:
    return UnreadableDocument(f"{name} is not a readable {suffix} (damaged or truncated: {type(error).__name__}).")


def check_archive(data: bytes, name: str, suffix: str) -> zipfile.ZipFile:
    """The archive, refused when it unpacks to more than a notice can be, from its directory alone."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except ZIP_ERRORS as e:
        raise damaged(name, suffix, e) from None
    limit_mb = settings.number("DOCX_MAX_UNPACKED_MB")
    unpacked = sum(member.file_size for member in members)
    if unpacked > limit_mb * 1048576:
        raise UnreadableDocument(f"{name} unpacks to {unpacked / 1048576:,.0f} MB, more than the {limit_mb:.0f} MB "
                                 f"a {suffix} notice may hold (a zip bomb?); raise NOTICES_DOCX_MAX_UNPACKED_MB if "
                                 f"it is a real document.")
    ratio = settings.number("DOCX_MAX_RATIO")
    for member in members:
        if member.file_size > RATIO_FROM_BYTES and member.file_size > ratio * max(member.compress_size, 1):
            packed = member.file_size / max(member.compress_size, 1)
            raise UnreadableDocument(f"{name} holds a part packed {packed:,.0f} times, more than the {ratio:.0f} of "
                                     f"any real document (a zip bomb?); it was not unpacked.")
    return archive


def part_key(path: str) -> str:
    """A part's name as looked up: producers differ in case, in leading slashes and in backslashes."""
    return posixpath.normpath(path.replace("\\", "/").lstrip("/")).lower()


class Package:
    """A checked ZIP package of a format known by suffix (".ofd"): its parts by name, as XML."""

    def __init__(self, data: bytes, name: str, suffix: str):
        self.name, self.suffix = name, suffix
        self.archive = check_archive(data, name, suffix)
        self.parts = {part_key(member): member for member in self.archive.namelist()}
        self.parsed: dict = {}  # part key → its tree: template pages are drawn on many pages

    def has(self, path: str) -> bool:
        return part_key(path) in self.parts

    def xml(self, path: str):
        """The part at path as an XML tree (lxml); a sentence when it is missing or is not XML."""
        key = part_key(path)
        if key not in self.parsed:
            self.parsed[key] = self.parse(path)
        return self.parsed[key]

    def parse(self, path: str):
        import lxml.etree

        if not self.has(path):
            raise UnreadableDocument(f"{self.name} is not a readable {self.suffix}: its part {path} is missing.")
        try:
            data = self.archive.read(self.parts[part_key(path)])
        except ZIP_ERRORS as e:
            raise damaged(self.name, self.suffix, e) from None
        parser = lxml.etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
        try:
            root = lxml.etree.fromstring(data, parser)
        except (lxml.etree.XMLSyntaxError, ValueError):
            root = None
        if root is None:
            raise UnreadableDocument(f"{self.name} is not a readable {self.suffix}: its part {path} is not XML.")
        return root


def local(element) -> str:
    """An element's name without its namespace: producers of one format differ in namespaces and prefixes."""
    tag = element.tag
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def children(element, name: str) -> list:
    return [child for child in element if local(child) == name]


def descendants(element, name: str) -> list:
    return [node for node in element.iter() if local(node) == name]
