"""argparse types for counts given on a command line: a whole number of at least 1."""

from __future__ import annotations

import argparse
from collections.abc import Callable


def at_least_one(not_a_number: str, too_small: str) -> Callable[[str], int]:
    """An argparse `type` taking a whole number of at least 1 (as `int()` reads it). The words
    for argparse's error are formatted with `text` (what was given) and, for `too_small`,
    `value` (the number read): the parser raises argparse.ArgumentTypeError with them, which
    argparse prints after the option's name with exit 2."""

    def count(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(not_a_number.format(text=text)) from None
        if value < 1:
            raise argparse.ArgumentTypeError(too_small.format(text=text, value=value))
        return value

    return count
