"""Long names never lose words: shrink, then wrap (up to the field's lines), and only then
shorten the middle names; the given name and the family name always print whole."""

from __future__ import annotations

import random

import pytest
from printing_support import escpos_text, pdf_text, squeeze

from printing.badge_data import BadgeData, sample_badge
from printing.badge_escpos import render_escpos, single_byte_pages
from printing.badge_pdf import render_pdf
from printing.badge_template import TemplateKind, load_library

GIVEN = (
    "Maria-Magdalena",
    "Alexandra",
    "Jean-Baptiste",
    "Hubertus",
    "Wilhelmina",
    "Bartholomew",
    "Konstantinos",
    "Anastasia",
    "Guadalupe",
    "Christopher",
    "Oluwaseun",
    "Nkechinyere",
    "Siddharth",
    "Aleksandr",
    "Przemysław",
    "Þórhildur",
    "Marie-Éléonore",
    "Friedrich",
)
FAMILY = (
    "Rodríguez",
    "de la Fuente",
    "y Montenegro-Villalobos",
    "von Hohenzollern-Sigmaringen",
    "Papadimitriou-Konstantopoulou",
    "Oyelaran-Oyeyinka",
    "Van der Westhuizen",
    "Bhattacharyya",
    "Brzęczyszczykiewicz",
    "Ó Súilleabháin",
    "dos Santos Nascimento",
    "Fitzgerald-Montgomery",
    "Castellanos Echeverría",
)
MAX_LENGTH = 64  # longer than nearly every real name; the fields hold it without cutting


def long_names(count: int, seed: int = 14) -> list[BadgeData]:
    """`count` made-up long names: one to three given names, one to three family parts."""
    rng = random.Random(seed)
    names = [
        sample_badge(
            first_name="Maria-Magdalena Alexandra",
            last_name="Rodríguez de la Fuente y Montenegro-Villalobos",
        )
    ]
    while len(names) < count:
        first = " ".join(rng.sample(GIVEN, rng.randint(1, 3)))
        last = " ".join(rng.sample(FAMILY, rng.randint(1, 3)))
        if 30 <= len(f"{first} {last}") <= MAX_LENGTH:
            names.append(sample_badge(ticket_id=len(names), first_name=first, last_name=last))
    return names


NAMES = long_names(200)


@pytest.mark.parametrize("template_name", ["badge-4x3", "badge-4x3-speaker", "badge-a6"])
def test_every_word_of_200_long_names_is_on_the_pdf_badge(template_name: str) -> None:
    template = load_library().get(template_name)
    lost = [
        badge.display_name
        for badge in NAMES
        if squeeze(badge.display_name) not in squeeze(pdf_text(render_pdf(badge, template)))
    ]
    assert lost == []


@pytest.mark.parametrize("template_name", ["thermal-80", "thermal-58"])
def test_every_word_of_200_long_names_is_on_the_thermal_badge(template_name: str) -> None:
    template = load_library().get(template_name)
    assert template.escpos is not None
    pages = single_byte_pages(template.escpos.profile)
    lost = [
        badge.display_name
        for badge in NAMES
        if squeeze(badge.display_name)
        not in squeeze(escpos_text(render_escpos(badge, template), pages))
    ]
    assert lost == []


def test_a_name_too_long_for_any_size_shortens_only_its_middle_names() -> None:
    badge = sample_badge(
        first_name="Maria-Magdalena Alexandra Wilhelmina Guadalupe Anastasia Hubertus",
        last_name="Rodríguez de la Fuente y Montenegro-Villalobos",
    )
    assert badge.name_variants[1].startswith("Maria-Magdalena A. W. G. A. H. Rodríguez")
    library = load_library()
    for template in (library.get(name) for name in library.names()):
        if template.kind is TemplateKind.THERMAL:
            assert template.escpos is not None
            printed = escpos_text(
                render_escpos(badge, template), single_byte_pages(template.escpos.profile)
            )
        else:
            printed = pdf_text(render_pdf(badge, template))
        text = squeeze(printed)
        assert "Maria-Magdalena" in text and squeeze(badge.last_name) in text, template.name
        assert "…" not in text, template.name
