"""Long names never lose words: shrink, then wrap onto more lines, down to the field's
documented minimum size; a name that cannot fit even then is refused in words that name a
template holding it, never printed in part.

Every template is checked with the same 200 generated names of 30 to 210 characters (given
and family names, hyphens, particles, family-name-only, Chinese/Japanese/Korean, Arabic,
Devanagari), read back from what would print: the PDF's text (one multi-page PDF per
template, read by poppler's pdftotext in one call), the ESC/POS job's text, and for names the
text cannot show (Devanagari conjuncts in a PDF, raster names on thermal printers) the lines
the renderer draws.
"""

from __future__ import annotations

import random
import subprocess
import unicodedata
from functools import cache
from pathlib import Path

import pytest
from printing_support import escpos_text, squeeze

from printing.badge_data import BadgeData, sample_badge
from printing.badge_delivery import deliver_badge
from printing.badge_escpos import name_plan, render_escpos, single_byte_pages
from printing.badge_pdf import fit_badge_name, render_pdf, render_pdf_pages
from printing.badge_template import BadgeTemplate, TemplateKind, load_library
from printing.errors import NameTooLong
from printing.printer_spec import parse_printer_spec
from printing.text_layout import needs_layout

LATIN_GIVEN = (
    "Maria-Magdalena",
    "Alexandra",
    "Jean-Baptiste",
    "Hubertus",
    "Wilhelmina",
    "Bartholomew",
    "Konstantinos",
    "Oluwaseun",
    "Nkechinyere",
    "Przemysław",
    "Þórhildur",
    "Marie-Éléonore",
)
LATIN_FAMILY = (
    "Rodríguez",
    "de la Fuente",
    "y Montenegro-Villalobos",
    "von Hohenzollern-Sigmaringen",
    "Papadimitriou-Konstantopoulou",
    "Van der Westhuizen",
    "Brzęczyszczykiewicz",
    "Ó Súilleabháin",
    "dos Santos Nascimento",
    "bin Abdul Rahman",
)
CJK = ("欧阳", "诸葛", "司马", "娜娜", "太郎", "美智子", "김", "민준", "서연", "長谷川")
ARABIC = ("محمد", "عبد الرحمن", "بن", "العبد الله", "الحسيني", "فاطمة الزهراء", "أبو بكر")
DEVANAGARI = ("राजेश्वरी", "कृष्णमूर्ति", "सुब्रह्मण्यम", "वेंकटरमण", "श्रीनिवास", "लक्ष्मी")
SCRIPTS = {
    "latin": (LATIN_GIVEN, LATIN_FAMILY, " "),
    "cjk": (CJK, CJK, ""),
    "arabic": (ARABIC, ARABIC, " "),
    "devanagari": (DEVANAGARI, DEVANAGARI, " "),
}
LONGEST = 210  # longer than any real name; every field holds it whole


def _grow(rng: random.Random, pool: tuple[str, ...], joiner: str, length: int) -> str:
    parts: list[str] = []
    while len(joiner.join(parts)) < length:
        parts.append(rng.choice(pool))
    text = joiner.join(parts)
    while len(text) > length and len(parts) > 1:
        parts.pop()
        text = joiner.join(parts)
    return text


def long_names(count: int, seed: int = 14) -> list[BadgeData]:
    """`count` made-up names, 30 to `LONGEST` characters spread evenly, in every script;
    one in ten has only a family name."""
    rng = random.Random(seed)
    names = [
        sample_badge(
            first_name="Maria-Magdalena Alexandra",
            last_name="Rodríguez de la Fuente y Montenegro-Villalobos",
        )
    ]
    scripts = list(SCRIPTS)
    while len(names) < count:
        index = len(names)
        target = 30 + (LONGEST - 30) * index // (count - 1)
        given_pool, family_pool, joiner = SCRIPTS[scripts[index % len(scripts)]]
        family_only = index % 10 == 3
        given = "" if family_only else _grow(rng, given_pool, joiner, target // 3)
        room = target - len(given) - (1 if given else 0)
        family = _grow(rng, family_pool, joiner, max(room, 2))
        names.append(sample_badge(ticket_id=index, first_name=given, last_name=family))
    return names


NAMES = long_names(200)
LIBRARY = load_library()
SHEETS = [t for t in LIBRARY if t.kind is TemplateKind.SHEET]
THERMALS = [t for t in LIBRARY if t.kind is TemplateKind.THERMAL]


def _readable(text: str) -> str:
    """Text compared as a reader sees it: compatibility forms folded (Arabic presentation
    forms from a PDF back to letters), bidi controls, whitespace and hyphens removed
    (pdftotext joins a word hyphenated at a line's end and drops its hyphen)."""
    folded = unicodedata.normalize("NFKC", text)
    return squeeze("".join(c for c in folded if unicodedata.category(c) not in ("Cf", "Pd")))


@cache
def _pdf_pages(template_name: str) -> tuple[str, ...]:
    """Each page's text of one PDF holding all 200 badges on `template_name`."""
    pdf = render_pdf_pages(NAMES, LIBRARY.get(template_name))
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode("utf-8")
    return tuple(text.split("\f"))


def _lines_hold_every_word(lines: tuple[str, ...], name: str) -> bool:
    return _readable(" ".join(lines)) == _readable(name)


def test_the_names_cover_every_script_length_and_shape() -> None:
    lengths = [len(b.display_name) for b in NAMES]
    assert min(lengths) <= 35 and max(lengths) >= 200
    assert sum(1 for b in NAMES if not b.first_name) >= 15
    assert any("-" in b.display_name and " de " in b.display_name for b in NAMES)
    for probe in ("欧", "م", "र"):
        long_ones = [b for b in NAMES if probe in b.display_name and len(b.display_name) >= 150]
        assert long_ones, probe


@pytest.mark.parametrize("template", SHEETS, ids=lambda t: t.name)
def test_every_word_of_200_long_names_is_on_the_pdf_badge(template: BadgeTemplate) -> None:
    pages = _pdf_pages(template.name)
    lost = []
    for badge, page in zip(NAMES, pages, strict=False):
        name = badge.display_name
        if "र" in name:  # Devanagari conjuncts do not come back as text: check the lines too
            fitted = fit_badge_name(badge, template)
            whole = not fitted.truncated and _lines_hold_every_word(fitted.lines, name)
        else:
            whole = _readable(name) in _readable(page)
        if not whole:
            lost.append(name)
    assert lost == []


@pytest.mark.parametrize("template", THERMALS, ids=lambda t: t.name)
def test_every_word_of_200_long_names_is_on_the_thermal_badge(template: BadgeTemplate) -> None:
    assert template.escpos is not None
    pages = single_byte_pages(template.escpos.profile)
    lost = []
    for badge in NAMES:
        plan = name_plan(badge, template)  # the lines render_escpos prints
        if plan.raster:  # an image: its lines are what the printer gets
            whole = _lines_hold_every_word(plan.fitted.lines, badge.display_name)
        else:
            job = render_escpos(badge, template)
            whole = squeeze(badge.display_name) in squeeze(escpos_text(job, pages))
        if not whole or plan.fitted.truncated:
            lost.append(badge.display_name)
    assert lost == []


def test_the_longest_names_wrap_onto_more_lines_at_no_less_than_the_minimum_size() -> None:
    longest = max(NAMES, key=lambda b: len(b.display_name))
    for template in SHEETS:
        fitted = fit_badge_name(longest, template)
        field = template.name_field
        assert len(fitted.lines) > 3, template.name
        assert field.min_size_pt <= fitted.size <= field.max_size_pt, template.name
        assert len(fitted.lines) * fitted.size * 1.18 <= field.box.height_mm * 72 / 25.4 + 0.01


def test_a_name_no_size_can_hold_is_refused_in_words_naming_a_template_that_holds_it(
    tmp_path: Path,
) -> None:
    given = " ".join(LATIN_GIVEN)
    badge = sample_badge(first_name=given, last_name=" ".join(LATIN_FAMILY[:8]))
    assert 300 < len(badge.display_name) < 420
    with pytest.raises(NameTooLong, match=r"name too long for this badge: \d+ characters"):
        render_escpos(badge, LIBRARY.get("thermal-58"))
    spec = parse_printer_spec(f"escpos-file:{tmp_path / 'job.bin'}?template=thermal-58")
    with pytest.raises(NameTooLong) as refused:
        deliver_badge(badge, spec)
    message = str(refused.value)
    assert f"{len(badge.display_name)} characters" in message
    assert "use template thermal-80" in message
    assert refused.value.template == "thermal-58" and not refused.value.retryable
    assert not (tmp_path / "job.bin").exists()  # nothing half-printed
    endless = sample_badge(first_name="Bartholomew " * 80, last_name="Rodríguez")
    with pytest.raises(NameTooLong, match="shorten it in the attendee list"):
        deliver_badge(endless, parse_printer_spec(f"pdf:{tmp_path}/"))
    assert needs_layout("Bartholomew") is False
    assert render_pdf(sample_badge(), LIBRARY.get("badge-4x3")).startswith(b"%PDF")
