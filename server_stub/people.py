"""Realistic attendees for seeded events: names from several scripts (Latin with diacritics,
Cyrillic, Greek, Chinese, Japanese, Korean), organisations and e-mail addresses, so the badge
printer, the search and the kiosk meet real-world names in every demo and test."""

from __future__ import annotations

import random
import unicodedata
from collections.abc import Iterator

# (first names, last names, ascii stems for e-mail) per script
_NAMES: list[tuple[list[str], list[str], str]] = [
    (
        ["Olivia", "Liam", "Emma", "Noah", "Amelia", "Oliver", "Ava", "Elijah", "Sophia", "James"],
        [
            "Smith",
            "Johnson",
            "Brown",
            "Taylor",
            "Wilson",
            "Davies",
            "Evans",
            "Thomas",
            "Walker",
            "Robinson",
        ],
        "latin",
    ),
    (
        [
            "Zoé",
            "Léa",
            "Chloé",
            "Étienne",
            "François",
            "Jürgen",
            "Björn",
            "Søren",
            "Zofia",
            "Łukasz",
        ],
        [
            "Müller",
            "Dubois",
            "Lefèvre",
            "García",
            "Núñez",
            "Kowalski",
            "Wiśniewski",
            "Ødegård",
            "Schäfer",
            "Brontë",
        ],
        "latin",
    ),
    (
        ["Анна", "Иван", "Мария", "Дмитрий", "Ольга"],
        ["Иванова", "Смирнов", "Кузнецова", "Попов", "Соколова"],
        "cyr",
    ),
    (
        ["Γιώργος", "Ελένη", "Νίκος", "Μαρία", "Κώστας"],
        ["Παπαδόπουλος", "Οικονόμου", "Γεωργίου", "Νικολάου", "Καραγιάννη"],
        "gr",
    ),
    (["伟", "芳", "娜", "敏", "静"], ["王", "李", "张", "刘", "陈"], "zh"),
    (["陽翔", "結衣", "蓮", "陽葵", "湊"], ["佐藤", "鈴木", "高橋", "田中", "渡辺"], "ja"),
    (["민준", "서연", "도윤", "하은", "지호"], ["김", "이", "박", "최", "정"], "ko"),
]
_LONG_NAMES = [
    ("Maria-Magdalena Alexandra", "Rodríguez de la Fuente y Montenegro-Villalobos"),
    ("Hubert Blaine", "Wolfeschlegelsteinhausenbergerdorff"),
]
_ORGS = [
    "Acme Corp",
    "Globex",
    "Initech",
    "Umbrella Research",
    "Stark Industries",
    "",
    "Université de Lyon",
    "Технопарк",
    "東京大学",
    "Wayne Enterprises",
    "Hooli",
    "",
]


def attendees(
    count: int, type_weights: dict[int, int], seed: int = 7
) -> Iterator[dict[str, object]]:
    rng = random.Random(seed)
    types = list(type_weights)
    weights = list(type_weights.values())
    for n in range(1, count + 1):
        if n % 97 == 0:
            first, last = _LONG_NAMES[n % len(_LONG_NAMES)]
            stem = "long"
        else:
            firsts, lasts, stem = _NAMES[0 if rng.random() < 0.55 else rng.randrange(len(_NAMES))]
            first, last = rng.choice(firsts), rng.choice(lasts)
        yield {
            "first_name": first,
            "last_name": last,
            "email": _email(first, last, stem, n),
            "phone": f"+44 20 7946 {n % 10000:04d}",
            "organisation": rng.choice(_ORGS),
            "type_id": rng.choices(types, weights)[0],
            "flagged": n % 250 == 0,
            "note": "check photo ID" if n % 250 == 0 else "",
        }


def _email(first: str, last: str, stem: str, n: int) -> str:
    """first.last.N@example.org for Latin names (accents folded), script.N@ for the others."""
    ascii_name = unicodedata.normalize("NFKD", f"{first}.{last}").encode("ascii", "ignore").decode()
    local = "".join(c for c in ascii_name.lower() if c.isalnum() or c == ".")
    if stem not in ("latin", "long") or len(local) < 3:
        local = stem
    return f"{local}.{n}@example.org"
