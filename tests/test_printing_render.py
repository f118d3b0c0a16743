"""Rendered badges read back: PDF text and QR, embedded fonts, ESC/POS text, QR and raster."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image, ImageOps
from printing_support import (
    ATTENDEES,
    decode_qr,
    native_qr_payload,
    pdf_text,
    pdf_to_image,
    raster_images,
    squeeze,
    without_rasters,
)

from printing.badge_data import BadgeData, sample_badge
from printing.badge_escpos import render_escpos
from printing.badge_pdf import render_pdf
from printing.badge_preview import render_png
from printing.badge_template import TemplateKind, load_library
from printing.errors import TemplateError

CODE = "DL1.1.42.1042.0.Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MA"


def _badge(person: dict[str, str] | None = None, **overrides: str) -> BadgeData:
    return sample_badge(code=CODE, **(person or {}), **overrides)


def _embedded_fonts(pdf: bytes) -> set[str]:
    from pypdf import PdfReader  # imported here: only these tests read PDFs

    reader = PdfReader(io.BytesIO(pdf))
    fonts = reader.pages[0]["/Resources"]["/Font"]
    found = set()
    for ref in fonts.values():
        font = ref.get_object()
        descriptor = font.get("/FontDescriptor")
        assert descriptor is not None, f"{font['/BaseFont']} is not embedded"
        assert "/FontFile2" in descriptor.get_object(), f"{font['/BaseFont']} has no font file"
        found.add(str(font["/BaseFont"]).split("+")[-1])
    return found


@pytest.mark.parametrize("template", [t.name for t in load_library()])
def test_every_template_prints_name_and_event_and_a_qr_that_scans(
    template: str, tmp_path: Path
) -> None:
    pdf = render_pdf(_badge(), load_library().get(template))
    text = squeeze(pdf_text(pdf))
    assert "AdaLovelace-Byron" in text  # whole, though maybe wrapped onto two lines
    assert "DoorlineSummit2025" in text
    assert decode_qr(pdf_to_image(pdf, dpi=150)) == [CODE]


@pytest.mark.parametrize("person", ATTENDEES[1:5], ids=["cyrillic", "greek", "japanese", "korean"])
def test_non_latin_names_print_with_embedded_glyphs(person: dict[str, str], tmp_path: Path) -> None:
    badge = _badge(person)
    pdf = render_pdf(badge, load_library().get("badge-4x3"))
    assert squeeze(badge.display_name) in squeeze(pdf_text(pdf))
    fonts = _embedded_fonts(pdf)
    assert fonts <= {"DejaVuSans-Bold", "DejaVuSans", "WenQuanYiMicroHei-0"}
    if person["first_name"] in ("太郎", "민준"):
        assert "WenQuanYiMicroHei-0" in fonts
    assert decode_qr(pdf_to_image(pdf, dpi=150)) == [CODE]


def test_the_qr_is_one_vector_path_not_an_image() -> None:
    from pypdf import PdfReader  # imported here: only these tests read PDFs

    pdf = render_pdf(_badge(), load_library().get("badge-4x3"))
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    assert "/XObject" not in page["/Resources"]
    content = page.get_contents().get_data()
    assert content.count(b" f Q") == 1  # all modules filled by a single operator


def test_escpos_bytes_carry_the_name_a_native_qr_and_a_cut() -> None:
    data = render_escpos(_badge(), load_library().get("thermal-80"), profile="TM-T88V")
    assert b"Ada\nLovelace-Byron\n" in data  # wrapped to print 3× wide on 42 columns
    assert b"\x1d!\x22" in data  # GS ! : triple width and height for the name
    assert b"Doorline Summit 2025" in data
    assert native_qr_payload(data) == CODE
    assert data.endswith(b"\x1dV\x00")  # full cut (the TM-T88V has a cutter)


def test_a_printer_without_native_qr_gets_a_raster_qr_that_scans() -> None:
    data = render_escpos(_badge(), load_library().get("thermal-58"), profile="POS-5890")
    assert native_qr_payload(data) is None
    images = raster_images(data)
    assert images and max(i.width for i in images) <= 384
    decoded = [text for image in images for text in decode_qr(ImageOps.expand(image, 16, 255))]
    assert decoded == [CODE]


def test_cjk_names_go_to_thermal_printers_as_pictures_not_question_marks() -> None:
    badge = _badge({"first_name": "太郎", "last_name": "山田", "organisation": "東京大学"})
    data = render_escpos(badge, load_library().get("thermal-80"))
    text = without_rasters(data)
    assert b"?" not in text.split(b"\x1d(k")[0]  # no unprintable-char placeholders
    assert "山田".encode("gb18030") not in data
    pictures = [i for i in raster_images(data) if i.height > 20]
    assert len(pictures) == 2  # the name and the organisation, drawn with the badge fonts
    assert all(ImageOps.invert(p).getbbox() is not None for p in pictures)


def test_cyrillic_and_greek_use_the_printers_code_pages() -> None:
    badge = _badge({"first_name": "Дмитрий", "last_name": "Шостакович"})
    data = render_escpos(badge, load_library().get("thermal-80"))
    assert "Дмитрий".encode("cp866") in data or "Дмитрий".encode("cp1251") in data


def test_thermal_printers_refuse_sheet_templates_and_unknown_profiles() -> None:
    with pytest.raises(TemplateError, match="sheet layout"):
        render_escpos(_badge(), load_library().get("badge-4x3"))
    with pytest.raises(TemplateError, match="unknown ESC/POS printer profile"):
        render_escpos(_badge(), load_library().get("thermal-80"), profile="NoSuchPrinter")


def test_preview_png_of_every_template() -> None:
    for template in load_library():
        png = render_png(template, dpi=60)
        image = Image.open(io.BytesIO(png))
        expected = round(template.width_mm / 25.4 * 60)
        assert abs(image.width - expected) <= 1
        if template.kind is TemplateKind.SHEET:
            assert image.height < 400
