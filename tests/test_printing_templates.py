"""Badge templates as data, the name-fitting rule, fonts and band colours."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from printing.badge_data import BadgeData, sample_badge
from printing.badge_template import (
    DEFAULT_TEMPLATE_DIR,
    TemplateKind,
    load_library,
    load_template,
    parse_template,
)
from printing.band_colour import label_colour, parse_hex
from printing.errors import TemplateError
from printing.fonts import font_chain
from printing.name_fit import FitLimits, fit_cells, fit_text

NAMES = {
    "latin": "Ada Lovelace",
    "cyrillic": "Дмитрий Шостакович",
    "greek": "Αλέξανδρος Παπαδόπουλος",
    "chinese": "欧阳 娜娜",
    "japanese": "山田 太郎 やまだ タロウ",
    "korean": "김 민준",
}


def test_shipped_templates_cover_every_required_size() -> None:
    library = load_library()
    sizes = {(t.kind, round(t.width_mm, 1), round(t.height_mm, 1)) for t in library}
    assert (TemplateKind.SHEET, 101.6, 76.2) in sizes  # 4 × 3 in
    assert (TemplateKind.SHEET, 105.0, 148.0) in sizes  # A6
    assert any(k is TemplateKind.THERMAL and w == 58 for k, w, _ in sizes)
    assert any(k is TemplateKind.THERMAL and w == 80 for k, w, _ in sizes)


def test_every_field_of_every_template_lies_on_the_badge() -> None:
    for template in load_library():
        fields = [template.name_field, template.organisation, template.event]
        for field in [f for f in fields if f]:
            box = field.box
            assert box.x_mm + box.width_mm <= template.width_mm + 0.01, template.name
            assert box.y_mm + box.height_mm <= template.height_mm + 0.01, template.name
        assert template.qr.x_mm + template.qr.size_mm <= template.width_mm, template.name
        assert template.qr.y_mm + template.qr.size_mm <= template.height_mm, template.name


def test_template_is_chosen_by_ticket_type_then_default() -> None:
    library = load_library()
    assert library.choose(TemplateKind.SHEET, "speaker").name == "badge-4x3-speaker"
    assert library.choose(TemplateKind.SHEET, "General admission").name == "badge-4x3"
    assert library.choose(TemplateKind.THERMAL, "Speaker").name == "thermal-80"
    assert library.choose(TemplateKind.SHEET, required="badge-a6").name == "badge-a6"


def test_a_stale_preferred_name_falls_back_but_an_explicit_one_fails() -> None:
    library = load_library()
    chosen = library.choose(TemplateKind.SHEET, "VIP", preferred=("standard",))
    assert chosen.name == "badge-4x3"
    with pytest.raises(TemplateError, match="no badge template named 'standard'"):
        library.choose(TemplateKind.SHEET, required="standard")
    with pytest.raises(TemplateError, match="cannot print on a thermal printer"):
        library.choose(TemplateKind.THERMAL, required="badge-a6")


def test_a_typo_in_a_template_is_refused_at_load_time(tmp_path: Path) -> None:
    source = (DEFAULT_TEMPLATE_DIR / "badge-4x3.toml").read_text(encoding="utf-8")
    broken = tmp_path / "broken.toml"
    broken.write_text(
        source.replace("size_pt = 32", "size_pt = 32\nsise_pt = 32"), encoding="utf-8"
    )
    with pytest.raises(TemplateError, match="sise_pt"):
        load_template(broken)


def test_a_template_needs_a_name_field_and_a_qr(tmp_path: Path) -> None:
    data = tomllib.loads((DEFAULT_TEMPLATE_DIR / "badge-4x3.toml").read_text(encoding="utf-8"))
    del data["qr"]
    with pytest.raises(TemplateError, match=r"\[qr\]"):
        parse_template(data, tmp_path / "x.toml")


def _limits() -> FitLimits:
    return FitLimits(width=260, height=65, max_size=32, min_size=10, wrap_below=22, max_lines=2)


def test_short_names_keep_the_largest_size_on_one_line() -> None:
    fitted = fit_text("Ada Lovelace", _limits(), font_chain(bold=True).unit_width)
    assert fitted.lines == ("Ada Lovelace",)
    assert fitted.size == 32


def test_long_names_shrink_then_wrap_to_two_lines_without_overflowing() -> None:
    chain = font_chain(bold=True)
    shrunk = fit_text("Katherine Johnson", _limits(), chain.unit_width)
    assert len(shrunk.lines) == 1 and 22 <= shrunk.size < 32
    wrapped = fit_text(
        "Maximilian Alexander von Hohenzollern-Sigmaringen", _limits(), chain.unit_width
    )
    assert len(wrapped.lines) == 2 and not wrapped.truncated
    for line in wrapped.lines:
        assert chain.unit_width(line) * wrapped.size <= 260 + 1e-6
    assert 2 * wrapped.size * 1.18 <= 65 + 1e-6


def test_cjk_names_wrap_between_characters_and_one_long_word_is_hyphenated() -> None:
    chain = font_chain(bold=True)
    cjk = fit_text("欧阳娜娜" * 5, _limits(), chain.unit_width)
    assert len(cjk.lines) == 2 and "".join(cjk.lines) == "欧阳娜娜" * 5
    word = fit_text("Wolfeschlegelsteinhausenbergerdorff" * 2, _limits(), chain.unit_width)
    assert len(word.lines) == 2 and word.lines[0].endswith("-") and not word.truncated


def test_printer_text_compares_whole_magnifications() -> None:
    fitted = fit_cells(
        "Ada Lovelace-Byron", columns=48, rows=8, max_mag=4, wrap_below=2.6, max_lines=2
    )
    assert fitted.lines == ("Ada", "Lovelace-Byron") and fitted.size == 3


@pytest.mark.parametrize("script", list(NAMES))
def test_the_badge_fonts_have_a_glyph_for_every_script(script: str) -> None:
    for bold in (False, True):
        assert font_chain(bold=bold).uncovered(NAMES[script]) == ""


def test_band_label_is_black_or_white_whichever_reads_better() -> None:
    assert label_colour(parse_hex("#1E88E5")) == (0, 0, 0) or label_colour(
        parse_hex("#1E88E5")
    ) == (255, 255, 255)
    assert label_colour(parse_hex("#FFEB3B")) == (0, 0, 0)
    assert label_colour(parse_hex("#0D47A1")) == (255, 255, 255)
    assert parse_hex("not a colour") == (0x60, 0x7D, 0x8B)


def test_badge_data_from_the_station_dict() -> None:
    badge = BadgeData.from_source(
        {
            "ticket_id": "7",
            "first_name": "  Ada ",
            "last_name": "Lovelace\n",
            "organisation": None,
            "ticket_type": "VIP",
            "type_colour": "#C9A227",
            "code": "CODE",
            "event_name": "Summit",
            "template": "",
        }
    )
    assert badge.ticket_id == 7 and badge.display_name == "Ada Lovelace"
    assert badge.organisation == "" and badge.template is None
    assert sample_badge(first_name="太郎", last_name="山田").display_name == "山田 太郎"
    with pytest.raises(ValueError, match="code"):
        BadgeData.from_source({"ticket_id": 1, "first_name": "A", "last_name": "B"})


def test_a_field_is_drawn_in_one_typeface_when_one_covers_it_all() -> None:
    chain = font_chain(bold=True)
    (run,) = chain.runs("John 山田")
    assert run.face.covers("山") and run.face.covers("J")
    assert [r.face for r in chain.runs("Ada")] == [chain.primary]
