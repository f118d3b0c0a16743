"""Every script on a badge: right-to-left order and shaping, checked against HarfBuzz itself.

Each name is rendered on a real badge (PDF through reportlab + uharfbuzz, rasterised by
pdftoppm; ESC/POS raster through Pillow's raqm layout), then compared with a reference drawn
in one call by Pillow's raqm layout (HarfBuzz shaping + FriBiDi order) from the same font
file, and with the naive rendering (one glyph per character, left to right). The badge must
look like the reference, and clearly more like it than like the naive one.
"""

from __future__ import annotations

import io
from typing import Any

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont
from printing_support import pdf_text, pdf_to_image, raster_images

from printing.badge_data import sample_badge
from printing.badge_escpos import render_escpos
from printing.badge_pdf import fit_field, render_pdf
from printing.badge_template import load_library
from printing.fonts import font_chain
from printing.text_layout import drop_undrawable_emoji, layout_runs, needs_layout

DPI = 200
NAMES = {
    "arabic": ("محمد", "عبد الله"),
    "hebrew": ("דוד", "כהן"),
    "devanagari": ("अनुष्का", "शर्मा"),
    "bengali": ("কৃষ্ণ", "চট্টোপাধ্যায়"),
    "tamil": ("தெய்வா", "கோபால்"),  # vowel signs drawn before their consonant
    "thai": ("ปิ่นทิพย์", "ศรีสุข"),  # tone marks stacked over vowel signs
    "mixed": ("Layla", "حداد"),
    "mixed-digits": ("Layla", "حداد 2"),  # the 2 sits left of حداد (UAX #9 W2, I1)
}
GRID = (320, 64)  # both pictures are compared at this size, ink box to ink box


def _ink(image: Image.Image) -> np.ndarray:
    """Dark pixels as True, cropped to their bounding box, resized onto GRID."""
    grey = np.asarray(image.convert("L"))
    ink = grey < 128
    rows, cols = np.nonzero(ink)
    assert rows.size, "nothing was drawn"
    box = ink[rows.min() : rows.max() + 1, cols.min() : cols.max() + 1]
    picture = Image.fromarray((box * 255).astype(np.uint8)).resize(GRID, Image.Resampling.BILINEAR)
    return np.asarray(picture) > 96


def _overlap(a: np.ndarray, b: np.ndarray) -> float:
    """Intersection over union of two ink pictures (1.0 = identical)."""
    return float((a & b).sum() / max(1, (a | b).sum()))


def _reference(text: str, bold: bool, px: int, *, shaped: bool) -> Image.Image:
    """The whole line drawn in one call by Pillow: raqm (HarfBuzz + FriBiDi) or naive."""
    (face,) = {run.face for run in layout_runs(text, font_chain(bold=bold)) if run.text != " "}
    engine = ImageFont.Layout.RAQM if shaped else ImageFont.Layout.BASIC
    font = ImageFont.truetype(str(face.path), px, layout_engine=engine)
    image = Image.new("L", (px * (len(text) + 4), px * 3), 255)
    ImageDraw.Draw(image).text((px, px), text, font=font, fill=0)
    return image


def _compare(badge_ink: np.ndarray, name: str, bold: bool, px: int) -> tuple[float, float]:
    shaped = _overlap(badge_ink, _ink(_reference(name, bold, px, shaped=True)))
    naive = _overlap(badge_ink, _ink(_reference(name, bold, px, shaped=False)))
    return shaped, naive


@pytest.mark.parametrize("script", sorted(NAMES))
def test_pdf_badges_print_each_script_shaped_and_in_reading_order(script: str) -> None:
    first, last = NAMES[script]
    badge = sample_badge(first_name=first, last_name=last)
    template = load_library().get("badge-4x3")
    field = template.name_field
    fitted = fit_field(badge.display_name, field, font_chain(bold=field.bold))
    assert len(fitted.lines) == 1
    page = pdf_to_image(render_pdf(badge, template), dpi=DPI)
    px_per_mm = DPI / 25.4
    box = field.box
    name_area = page.crop(
        (
            int(box.x_mm * px_per_mm),
            int(box.y_mm * px_per_mm),
            int((box.x_mm + box.width_mm) * px_per_mm),
            int((box.y_mm + box.height_mm) * px_per_mm),
        )
    )
    size_px = round(fitted.size / 72 * DPI)
    shaped, naive = _compare(_ink(name_area), badge.display_name, field.bold, size_px)
    assert shaped >= 0.6, f"{script}: the badge does not look like HarfBuzz's rendering"
    assert shaped >= naive + 0.1, f"{script}: shaped {shaped:.2f} vs naive {naive:.2f}"


@pytest.mark.parametrize("script", sorted(NAMES))
def test_thermal_badges_rasterise_each_script_shaped_and_in_reading_order(script: str) -> None:
    first, last = NAMES[script]
    badge = sample_badge(first_name=first, last_name=last)
    template = load_library().get("thermal-80")
    (name_picture, *_rest) = raster_images(render_escpos(badge, template))
    field = template.name_field
    height = name_picture.height
    shaped, naive = _compare(_ink(name_picture), badge.display_name, field.bold, int(height * 0.6))
    assert shaped >= 0.6, f"{script}: the raster does not look like HarfBuzz's rendering"
    assert shaped >= naive + 0.1, f"{script}: shaped {shaped:.2f} vs naive {naive:.2f}"


def test_emoji_are_dropped_cleanly_and_the_rest_of_the_name_prints() -> None:
    chain = font_chain()
    assert drop_undrawable_emoji("Ana 🎉 Lima 👩🏽‍💻", chain) == "Ana Lima"
    assert needs_layout("Ana 🎉") and not needs_layout("Ana Lima") and not needs_layout("山田 太郎")
    badge = sample_badge(first_name="Ana 🎉", last_name="Lima")
    assert "Ana Lima" in pdf_text(render_pdf(badge, load_library().get("badge-4x3")))


def test_a_right_to_left_name_starts_at_the_right_edge_of_a_left_aligned_field() -> None:
    template = load_library().get("badge-4x3-speaker")  # its name field is left-aligned
    box = template.name_field.box
    px_per_mm = DPI / 25.4

    def ink_columns(first: str, last: str) -> tuple[float, float]:
        page = pdf_to_image(render_pdf(sample_badge(first_name=first, last_name=last), template))
        area = np.asarray(
            page.crop(
                (
                    int(box.x_mm * px_per_mm),
                    int(box.y_mm * px_per_mm),
                    int((box.x_mm + box.width_mm) * px_per_mm),
                    int((box.y_mm + box.height_mm) * px_per_mm),
                )
            )
        )
        cols = np.nonzero((area < 128).any(axis=0))[0]
        return cols.min() / px_per_mm, (area.shape[1] - cols.max()) / px_per_mm

    left_gap, right_gap = ink_columns("زيد", "علي")
    assert right_gap < 2 and left_gap > 10  # mm: flush right
    left_gap, right_gap = ink_columns("Ada", "Li")
    assert left_gap < 2 and right_gap > 10  # Latin stays flush left


def test_a_wrapped_line_keeps_the_names_word_order() -> None:
    # "Layla حداد Smith" is a left-to-right paragraph (UAX #9 P2: its first strong letter is
    # Latin). Wrapped as "Layla" / "حداد Smith", the second line is reordered at that level:
    # حداد stays left of Smith. Ordered by itself, the line flips ("Smith حداد"), and a
    # reader reads "Layla Smith حداد".
    from pypdf import PdfReader

    template = load_library().get("badge-4x3-speaker")
    badge = sample_badge(first_name="Layla", last_name="حداد Smith")
    field = template.name_field
    assert fit_field(badge.display_name, field, font_chain(bold=field.bold)).lines == (
        "Layla",
        "حداد Smith",
    )
    drawn: list[tuple[str, float, float]] = []

    def visit(text: str, _cm: Any, tm: Any, _font: Any, _size: Any) -> None:
        if text.strip():
            drawn.append((text.strip(), tm[4], tm[5]))

    PdfReader(io.BytesIO(render_pdf(badge, template))).pages[0].extract_text(visitor_text=visit)
    smith = next((x, y) for text, x, y in drawn if text == "Smith")
    same_line = [x for text, x, y in drawn if abs(y - smith[1]) < 1 and text != "Smith"]
    assert same_line and min(same_line) < smith[0], drawn


def test_a_wrapped_thermal_line_keeps_the_names_word_order() -> None:
    from printing.badge_escpos import text_image
    from printing.badge_template import Align
    from printing.name_fit import FittedText

    chain = font_chain(bold=True)
    fitted = FittedText(lines=("Layla", "حداد Smith"), size=40.0, truncated=False)
    image = text_image(fitted, chain, 600, Align.LEFT)
    line = image.crop((0, image.height // 2, 600, image.height))
    reference = {order: _ink(_pil_line(order, chain, 40)) for order in ("حداد Smith", "Smith حداد")}
    ink = _ink(line.convert("L").point(lambda v: 0 if v else 255))
    assert _overlap(ink, reference["حداد Smith"]) > _overlap(ink, reference["Smith حداد"])


def _pil_line(visual: str, chain: Any, px: int) -> Image.Image:
    """`visual` drawn word by word, left to right, each word shaped by raqm on its own."""
    image = Image.new("L", (px * (len(visual) + 4), px * 3), 255)
    draw = ImageDraw.Draw(image)
    x = float(px)
    for word in visual.split(" "):
        (face,) = {run.face for run in layout_runs(word, chain)}
        font = ImageFont.truetype(str(face.path), px)
        draw.text((x, px), word, font=font, fill=0)
        x += font.getlength(word) + font.getlength(" ")
    return image
