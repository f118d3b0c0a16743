"""Names at the edges: nothing printable, soft hyphens, only a family name, numbers beside
right-to-left words, control characters, the narrow 58 mm roll. Each prints something a
person can read, or the job says why."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from bidi import get_display
from printing_support import MemoryBadgeStation, escpos_text, pdf_text, squeeze

from printing.badge_data import sample_badge
from printing.badge_delivery import deliver_badge
from printing.badge_escpos import name_plan, render_escpos, single_byte_pages
from printing.badge_pdf import fit_badge_name, render_pdf
from printing.badge_template import load_library
from printing.fonts import font_chain
from printing.name_fit import FitLimits, fit_cells, fit_text
from printing.print_queue import JobState, PrintQueue
from printing.printer_spec import parse_printer_spec
from printing.text_layout import layout_runs, paragraph_direction

LIBRARY = load_library()
SHY = "\u00ad"


def _thermal_text(badge: object, template_name: str) -> str:
    template = LIBRARY.get(template_name)
    assert template.escpos is not None
    job = render_escpos(badge, template)  # type: ignore[arg-type]
    return escpos_text(job, single_byte_pages(template.escpos.profile))


@pytest.mark.parametrize("first, last", [("🎉", "🎈👩🏽‍💻"), ("", ""), ("\u200b", "\u200d")])
def test_a_name_with_nothing_printable_prints_the_ticket_and_says_so(
    first: str, last: str, tmp_path: Path
) -> None:
    badge = sample_badge(ticket_id=1042, first_name=first, last_name=last)
    assert "Ticket 1042" in pdf_text(render_pdf(badge, LIBRARY.get("badge-4x3")))
    assert "Ticket 1042" in _thermal_text(badge, "thermal-58")
    delivery = deliver_badge(badge, parse_printer_spec(f"pdf:{tmp_path}/"))
    assert delivery.note and "Ticket 1042" in delivery.note and "nothing" in delivery.note


def test_the_queue_keeps_the_fallback_note_with_the_printed_job(tmp_path: Path) -> None:
    station = MemoryBadgeStation(tickets=3)
    station.sources[2].update(first_name="🎉🎉", last_name="🎈")
    with PrintQueue(tmp_path / "queue.sqlite3", station) as queue:
        job = queue.enqueue(2, f"pdf:{tmp_path}/badges/")
        assert queue.wait_idle(10)
        done = queue.job(job.id)
    assert done.state is JobState.DONE and station.badge_printed(2)
    assert done.note and "'Ticket 2'" in done.note
    (pdf,) = (tmp_path / "badges").glob("*.pdf")
    assert "Ticket 2" in pdf_text(pdf.read_bytes())


def test_a_soft_hyphen_is_invisible_unless_the_line_breaks_there() -> None:
    badge = sample_badge(first_name="Ana", last_name=f"Ber{SHY}nard")
    for template in ("badge-4x3", "badge-a6"):
        text = pdf_text(render_pdf(badge, LIBRARY.get(template)))
        assert "Ana Bernard" in text and SHY not in text and "Ber-" not in text
    printed = _thermal_text(badge, "thermal-80")
    assert "Ana Bernard" in printed and SHY not in printed and "-" not in printed
    word = f"Donau{SHY}dampf{SHY}schiff{SHY}fahrts{SHY}gesellschaft"
    limits = FitLimits(width=200, height=200, max_size=40, min_size=8, wrap_below=30, max_lines=3)
    fitted = fit_text(word, limits, lambda t: len(t) * 0.6)
    assert len(fitted.lines) > 1 and fitted.lines[0].endswith("-")
    assert SHY not in "".join(fitted.lines)
    assert "".join(line.removesuffix("-") for line in fitted.lines) == word.replace(SHY, "")
    cells = fit_cells(word, columns=16, rows=8, max_mag=2, wrap_below=2, max_lines=4)
    assert cells.lines[0].endswith("-") and SHY not in "".join(cells.lines)


def test_a_name_with_only_a_family_name_prints_it() -> None:
    for first, last in (("", "Nakamura"), ("", "de la Fuente y Montenegro-Villalobos")):
        badge = sample_badge(first_name=first, last_name=last)
        assert squeeze(last) in squeeze(pdf_text(render_pdf(badge, LIBRARY.get("badge-4x3"))))
        assert squeeze(last) in squeeze(_thermal_text(badge, "thermal-58"))


@pytest.mark.parametrize(
    "text",
    [
        "Ali محمد 2",
        "Layla حداد 2024",
        "محمد 2 علي",
        "محمد123",
        "فاطمة 3",
        "אבי 25 כהן",
        "Room 12 محمد",
        "Ali محمد ١٢",
    ],
)
def test_numbers_beside_right_to_left_words_are_ordered_as_unicode_bidi_orders_them(
    text: str,
) -> None:
    runs = layout_runs(text, font_chain(bold=True), paragraph_direction(text))
    shown = "".join(run.text[::-1] if run.rtl else run.text for run in runs)
    assert shown == get_display(text)  # python-bidi: UAX #9 over the characters themselves


def test_control_characters_in_a_name_never_reach_the_printer() -> None:
    badge = sample_badge(first_name="Ada\x1b@\x1dV\x00", last_name="Love\x07lace")
    assert badge.display_name == "Ada@ V Lovelace"  # GS is whitespace, ESC NUL BEL gone
    job = render_escpos(badge, LIBRARY.get("thermal-80"))
    name_at = job.index(b"Ada@")
    assert b"\x1b@" not in job[name_at - 2 : name_at + 20] and b"\x07" not in job


def test_the_narrow_58_mm_roll_takes_long_words_and_long_names_whole() -> None:
    word = "Wolfeschlegelsteinhausenbergerdorffvoralternwarengewissenhaft"
    badge = sample_badge(first_name="Hubert", last_name=word)
    template = LIBRARY.get("thermal-58")
    plan = name_plan(badge, template)
    assert not plan.fitted.truncated and all(len(line) <= 32 for line in plan.fitted.lines)
    printed = squeeze(_thermal_text(badge, "thermal-58")).replace("-", "")
    assert squeeze(badge.display_name) in printed
    fitted = fit_badge_name(badge, template)
    assert not fitted.truncated and fitted.size >= template.name_field.min_size_pt


@pytest.mark.parametrize(
    "word",
    [
        "ปิ่นทิพย์ศรีสุขสวัสดิ์วงศ์ไพบูลย์" * 3,  # Thai: no spaces, vowels and tone marks
        "राजेश्वरीकृष्णमूर्तिसुब्रह्मण्यम" * 4,  # Devanagari: conjuncts joined by a virama
    ],
)
def test_a_word_broken_by_force_keeps_each_letter_with_its_marks(word: str) -> None:
    broken = 0
    for width in range(60, 600, 3):  # many widths: many different break positions
        limits = FitLimits(width, 600, max_size=40, min_size=6, wrap_below=30, max_lines=8)
        fitted = fit_text(word, limits, lambda t: len(t) * 0.7)
        if fitted.truncated or len(fitted.lines) == 1:
            continue
        broken += 1
        for line in fitted.lines[1:]:
            assert not unicodedata.category(line[0]).startswith("M"), (width, line)
        for line in fitted.lines[:-1]:  # no virama at a line's end: a conjunct split
            assert unicodedata.combining(line.removesuffix("-")[-1]) != 9, (width, line)
        assert "".join(line.removesuffix("-") for line in fitted.lines) == word
    assert broken > 20


def test_a_retried_job_chooses_its_template_again(tmp_path: Path) -> None:
    # A name too long for the station's template fails; the operator points the ticket type
    # at a bigger template and retries: the retry must not be pinned to the one that failed.
    station = MemoryBadgeStation(tickets=3)
    station.sources[1].update(first_name="Bartholomew " * 30, last_name="Rodríguez")
    station.sources[1]["template"] = "badge-4x3"
    with PrintQueue(tmp_path / "queue.sqlite3", station) as queue:
        job = queue.enqueue(1, f"pdf:{tmp_path}/badges/")
        assert queue.wait_idle(10)
        failed = queue.job(job.id)
        assert failed.state is JobState.FAILED and "name too long" in (failed.last_error or "")
        assert failed.shown_template == "badge-4x3" and failed.template is None
        station.sources[1]["template"] = "badge-a6"
        queue.retry(job.id)
        assert queue.wait_idle(10)
        done = queue.job(job.id)
    assert done.state is JobState.DONE, done.last_error
    assert done.shown_template == "badge-a6"
