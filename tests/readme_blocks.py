"""The README's blocks made from the code: the command line's synopsis (from the same click
commands `notices --help` prints) and the table of settings (from indexer/settings.py).

Each block stands between `<!-- generated: NAME -->` and `<!-- end: NAME -->`; tests/test_docs.py
fails when one differs from what the code makes now, and `python -m tests.readme_blocks` writes
them in again.
"""
import re
import sys
from pathlib import Path

import click

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
WIDTH = 110      # a synopsis line longer than this goes on under the command's name
BLOCK = re.compile(r"(<!-- generated: (?P<name>[a-z-]+) -->\n)(?P<body>.*?)(<!-- end: (?P=name) -->)", re.S)


def option_synopsis(option: click.Option) -> str:
    name = max(option.opts, key=len)
    if option.is_flag:
        return f"[{name}]"
    if isinstance(option.type, click.Choice):
        shown = "|".join(map(str, option.type.choices))
    else:
        shown = option.metavar or option.name.upper()
    return f"[{name} {shown}]"


def argument_synopsis(argument: click.Argument) -> str:
    name = argument.name.upper()
    return name if argument.required else f"[{name}]"


def command_synopsis(name: str, command: click.Command) -> list:
    """The lines of one command: its help's first line as a comment, then its usage, wrapped."""
    pieces = [argument_synopsis(p) if isinstance(p, click.Argument) else option_synopsis(p)
              for p in command.params if not (isinstance(p, click.Option) and p.name == "help")]
    lines, line = [], f"notices {name}"
    indent = " " * len(line)
    for piece in pieces:
        if len(line) + 1 + len(piece) > WIDTH:
            lines.append(line)
            line = indent
        line += " " + piece
    return [f"# {command.get_short_help_str(limit=WIDTH)}", *lines, line]


def cli_synopsis() -> str:
    from indexer.cli import main

    lines = []
    for name, command in main.commands.items():
        lines += command_synopsis(name, command)
    return "```sh\n" + "\n".join(lines) + "\n```\n"


def settings_table() -> str:
    from indexer import settings

    return settings.table() + "\n"


MAKERS = {"cli": cli_synopsis, "settings": settings_table}


def blocks(text: str) -> dict:
    """NAME → the block as the README holds it."""
    return {m["name"]: m["body"] for m in BLOCK.finditer(text)}


def regenerated(text: str) -> str:
    return BLOCK.sub(lambda m: m[1] + MAKERS[m["name"]]() + m[4], text)


if __name__ == "__main__":
    README.write_text(regenerated(README.read_text(encoding="utf-8")), encoding="utf-8")
    sys.exit(0)
