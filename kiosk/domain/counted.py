"""English counts for the CLI and reports: "1 entry", "2 entries".

The windows count through Qt Linguist's plural forms (every language has its own); the CLI and
`server report` speak English, where a count takes the singular only for exactly one. Shared by
station and server, so it lives in the domain and imports nothing else of the project.
"""

from __future__ import annotations


def counted(count: int, singular: str, plural: str) -> str:
    """Return `count` with the noun that agrees with it: (1, "entry", "entries") → "1 entry".

    Takes any integer (0 and negatives take the plural, as English does) and the two forms of the
    noun; returns "N noun". Raises nothing.
    """
    return f"{count} {singular if count == 1 else plural}"
