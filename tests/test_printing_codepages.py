"""ESC/POS text that prints right: the code table each name is sent in is the one the printer
numbers it by, Kanji mode is cancelled first, and what no table holds is drawn as an image.

Every job's text bytes are decoded with the table its `ESC t n` declared, looked up in that
printer profile's own numbering (python-escpos capabilities), and must give the name back.
"""

from __future__ import annotations

import pytest
from printing_support import escpos_text, raster_images, squeeze

from printing.badge_data import sample_badge
from printing.badge_escpos import (
    CANCEL_KANJI,
    has_kanji_mode,
    render_escpos,
    single_byte_pages,
)
from printing.badge_template import load_library

NAMES = {
    "latin": ("Zoë", "Ångström-Müller"),
    "polish": ("Zażółć", "Gęślą"),
    "turkish": ("Şükrü", "Öztürk-Işık"),
    "greek": ("Αλέξανδρος", "Παπαδόπουλος"),
    "cyrillic": ("Дмитрий", "Шостакович"),
    "vietnamese": ("Nguyễn", "Thị Minh Khai"),
}
#: Epson numbering (TM-*), Zjiang's (POS-5890), and others of other vendors.
PROFILES = ("TM-T20II", "TM-T88V", "POS-5890", "ZJ-5870", "NT-5890K", "default", "TM-U220")


@pytest.mark.parametrize("profile", PROFILES)
@pytest.mark.parametrize("script", sorted(NAMES))
def test_each_name_decodes_from_the_table_the_printer_was_told(profile: str, script: str) -> None:
    first, last = NAMES[script]
    badge = sample_badge(first_name=first, last_name=last, organisation="")
    template = load_library().get("thermal-80")
    job = render_escpos(badge, template, profile)
    printed = squeeze(escpos_text(job, single_byte_pages(profile)))
    name = squeeze(badge.display_name)
    if name in printed:
        return  # printer text, in the right table by this printer's numbering
    # Not printable in this printer's tables: drawn as an image, never as mojibake or '?'.
    assert raster_images(job), f"{script} on {profile}: neither text nor image"
    assert squeeze(last) not in printed and "?" not in printed


def test_tables_follow_each_vendors_numbering() -> None:
    badge = sample_badge(first_name="Zażółć", last_name="Gęślą", organisation="")
    template = load_library().get("thermal-58")
    epson = render_escpos(badge, template, "TM-T20II")
    zjiang = render_escpos(badge, template, "POS-5890")
    assert b"\x1bt\x12" in epson  # CP852 is table 18 on Epson printers
    assert b"\x1bt\x12" not in zjiang  # … and something else on Zjiang's
    assert "ZażółćGęślą" in squeeze(escpos_text(zjiang, single_byte_pages("POS-5890")))


def test_kanji_mode_is_cancelled_at_job_start_where_the_printer_has_one() -> None:
    template = load_library().get("thermal-80")
    badge = sample_badge()
    for profile in PROFILES:
        job = render_escpos(badge, template, profile)
        starts_with_cancel = job.startswith(b"\x1b@" + CANCEL_KANJI)
        assert starts_with_cancel == has_kanji_mode(profile), profile
    assert has_kanji_mode("TM-T20II") and not has_kanji_mode("TM-U220")
    assert not has_kanji_mode("TSP600")  # Star's command set has no FS .


def test_vietnamese_is_text_in_a_tcvn_table_where_the_printer_has_one_else_an_image() -> None:
    badge = sample_badge(first_name="Nguyễn", last_name="Thị Minh Khai", organisation="")
    template = load_library().get("thermal-80")
    for profile in PROFILES:
        job = render_escpos(badge, template, profile)
        has_tcvn = any(name.startswith("TCVN") for name in single_byte_pages(profile))
        assert bool(raster_images(job)) is not has_tcvn, profile
