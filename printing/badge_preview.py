"""PNG previews of badge templates: for the kiosk's printer settings and for docs/badges/.

The preview is the badge's own PDF rasterised by poppler's `pdftoppm`, so what the operator sees
is exactly what a PDF or CUPS printer receives (thermal templates are previewed as their PDF
layout). Regenerate the documentation images with:

    .venv/bin/python -m printing.badge_preview docs/badges
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from printing.badge_data import BadgeData, sample_badge
from printing.badge_pdf import render_pdf
from printing.badge_template import BadgeTemplate, load_library
from printing.errors import PrintingError

DEFAULT_DPI = 150


def render_png(
    template: BadgeTemplate, badge: BadgeData | None = None, dpi: int = DEFAULT_DPI
) -> bytes:
    """The badge for `badge` (default: a made-up attendee) on `template`, as PNG bytes."""
    return rasterise_pdf(render_pdf(badge or sample_badge(), template), dpi)


def rasterise_pdf(pdf: bytes, dpi: int = DEFAULT_DPI) -> bytes:
    """Page 1 of a PDF as PNG bytes, drawn by poppler as a printer driver would draw it."""
    if shutil.which("pdftoppm") is None:
        raise PrintingError("badge previews need pdftoppm (Debian package poppler-utils)")
    with tempfile.TemporaryDirectory(prefix="doorline-preview-") as folder:
        source = Path(folder) / "badge.pdf"
        source.write_bytes(pdf)
        command = ["pdftoppm", "-r", str(dpi), "-png", "-singlefile", str(source),
                   str(source.with_suffix(""))]  # fmt: skip
        try:
            subprocess.run(command, check=True, capture_output=True, timeout=30)
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as error:
            raise PrintingError(f"the badge preview could not be drawn: {error}") from error
        return source.with_suffix(".png").read_bytes()


#: Made-up attendees that show how the templates cope: a plain name, a long one, other
#: scripts, and scripts that need right-to-left order and shaping.
SHOWCASE = {
    "": sample_badge(),
    "long-name": sample_badge(
        first_name="Maximilian Alexander",
        last_name="von Hohenzollern-Sigmaringen",
        organisation="Internationale Gesellschaft für angewandte Informatik e.V.",
        ticket_type="General admission",
        type_colour="#2E7D32",
    ),
    "scripts": sample_badge(
        first_name="太郎",
        last_name="山田",
        organisation="Αθήνα · Москва · 서울",
        ticket_type="VIP",
        type_colour="#C9A227",
    ),
    "shaped": sample_badge(
        first_name="ليلى",
        last_name="حداد",
        organisation="अनुष्का शर्मा · דוד כהן · สมชาย",
        ticket_type="Speaker",
        type_colour="#6A1B9A",
    ),
}


def write_previews(folder: Path) -> list[Path]:
    """One PNG per template and showcase attendee into `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for template in load_library():
        for suffix, badge in SHOWCASE.items():
            path = folder / (f"{template.name}-{suffix}.png" if suffix else f"{template.name}.png")
            path.write_bytes(render_png(template, badge, dpi=110))
            written.append(path)
    return written


if __name__ == "__main__":
    for written_path in write_previews(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/badges")):
        print(written_path)
