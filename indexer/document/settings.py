"""Limits a user may raise through the environment (NOTICES_…), each with its default."""
import os


def number(name: str, default: float) -> float:
    """The environment variable name as a number; the default when it is unset or not a number."""
    try:
        return float(os.environ.get(name, default))
    except ValueError:
        return default
