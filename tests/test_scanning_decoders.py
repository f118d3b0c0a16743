"""Both code readers keep the Decoder promise: QR text and outline from a grayscale frame."""

from __future__ import annotations

import numpy as np
import pytest
import zxingcpp
from scanning_support import (
    Camera,
    FrameRenderer,
    Placement,
    Shot,
    Surface,
    qr_matrix,
    random_codes,
)

from kiosk.scanning.decoder import DEFAULT_DECODER, CodeFormat, InversionSchedule, make_decoder
from kiosk.scanning.errors import DecoderUnavailable, UnsupportedFormat
from kiosk.scanning.pipeline import to_gray
from kiosk.scanning.zxing_decoder import ZxingDecoder

BACKENDS = ("zxing", "pyzbar")


def _clean_qr(text: str, module_px: int = 6) -> np.ndarray:
    matrix = qr_matrix(text)
    image = np.where(np.kron(matrix, np.ones((module_px, module_px), bool)), 0, 255)
    return np.pad(image.astype(np.uint8), 8 * module_px, constant_values=255)


def _camera_frame(placements: list[tuple[str, Placement]]) -> tuple[np.ndarray, list]:
    renderer = FrameRenderer((1280, 720), seed=4)
    shot = Shot(tuple(placements), Camera(blur_sigma=0.6, noise_sigma=3, jpeg_quality=85))
    bgr, truth = renderer.render(shot)
    return to_gray(bgr), list(truth.polygons)


@pytest.mark.parametrize("name", BACKENDS)
def test_each_backend_reads_a_ticket_code_held_up_to_the_camera(name: str) -> None:
    code = random_codes(1, seed=1)[0]
    gray, (truth,) = _camera_frame([(code, Placement(code_size=0.4, tilt_deg=15))])
    (found,) = make_decoder(name).decode(gray)
    assert found.text == code
    assert found.format is CodeFormat.QR
    assert len(found.polygon) == 4
    for x, y in found.polygon:  # each reported corner is near one true corner
        assert min(abs(x - tx) + abs(y - ty) for tx, ty in truth) < 20


@pytest.mark.parametrize("name", BACKENDS)
def test_several_codes_in_one_frame_are_all_found(name: str) -> None:
    first, second = random_codes(2, seed=2)
    gray, _ = _camera_frame(
        [
            (first, Placement(code_size=0.32, center=(0.27, 0.5))),
            (second, Placement(code_size=0.32, center=(0.73, 0.5), surface=Surface.PAPER)),
        ]
    )
    assert {c.text for c in make_decoder(name).decode(gray)} == {first, second}


@pytest.mark.parametrize("name", BACKENDS)
def test_a_frame_without_a_code_yields_nothing(name: str) -> None:
    gray, _ = _camera_frame([])
    assert make_decoder(name).decode(gray) == []


@pytest.mark.parametrize("name", BACKENDS)
def test_decoding_leaves_the_frame_untouched(name: str) -> None:
    gray = _clean_qr(random_codes(1, seed=3)[0])
    before = gray.copy()
    make_decoder(name).decode(gray)
    assert np.array_equal(gray, before)


@pytest.mark.parametrize("name", BACKENDS)
def test_other_barcode_formats_are_ignored_unless_enabled(name: str) -> None:
    barcode = zxingcpp.create_barcode("DOOR1234", zxingcpp.BarcodeFormat.Code128)
    image = np.ascontiguousarray(np.array(barcode.to_image(scale=3)))
    assert make_decoder(name).decode(image) == []
    enabled = make_decoder(name, formats={CodeFormat.QR, CodeFormat.CODE_128})
    (found,) = enabled.decode(image)
    assert (found.text, found.format) == ("DOOR1234", CodeFormat.CODE_128)


@pytest.mark.parametrize("name", BACKENDS)
def test_a_colour_frame_is_refused_rather_than_silently_converted(name: str) -> None:
    colour = np.zeros((40, 40, 3), np.uint8)
    with pytest.raises(ValueError, match="grayscale"):
        make_decoder(name).decode(colour)


def test_a_grayscale_view_of_a_larger_frame_is_read_without_copying_it_first() -> None:
    code = random_codes(1, seed=5)[0]
    big = np.full((800, 800), 255, np.uint8)
    qr = _clean_qr(code, module_px=5)
    big[100 : 100 + qr.shape[0], 200 : 200 + qr.shape[1]] = qr
    view = big[50:, 150:]  # a strided view, as a region of interest would be
    assert [c.text for c in make_decoder("zxing").decode(view)] == [code]


def test_the_default_reader_is_zxing_and_names_are_forgiving() -> None:
    assert DEFAULT_DECODER == "zxing"
    assert make_decoder().name == "zxing"
    assert make_decoder(" ZXing-CPP ").name == "zxing"
    assert make_decoder("zbar").name == "pyzbar"


def test_an_unknown_reader_name_says_which_ones_exist() -> None:
    with pytest.raises(DecoderUnavailable, match="zxing, pyzbar"):
        make_decoder("opencv")


def test_pyzbar_refuses_formats_it_cannot_read_in_words_a_steward_can_act_on() -> None:
    with pytest.raises(UnsupportedFormat, match="switch the reader to zxing"):
        make_decoder("pyzbar", formats={CodeFormat.DATA_MATRIX})


@pytest.mark.parametrize("name", BACKENDS)
@pytest.mark.parametrize("surface", [Surface.PHONE, Surface.PAPER])
def test_a_light_on_dark_code_is_read_within_a_few_frames(name: str, surface: Surface) -> None:
    """A phone in dark mode or an inverted print: read on a frame the schedule picks."""
    code = random_codes(1, seed=7)[0]
    gray, _ = _camera_frame([(code, Placement(surface=surface, code_size=0.4, inverted=True))])
    decoder = make_decoder(name)
    reads = [[c.text for c in decoder.decode(gray)] for _ in range(4)]
    assert [code] in reads
    assert reads[-1] == [code]  # once a code was seen, every frame looks for inverted ones


def test_an_idle_camera_looks_for_inverted_codes_on_one_frame_in_four() -> None:
    schedule = InversionSchedule(after_code_frames=4)
    looks = []
    for _ in range(12):
        looks.append(schedule.this_frame())
        schedule.saw_codes(False)
    assert looks.count(True) == 3
    schedule.this_frame()
    schedule.saw_codes(True)  # someone presents a code: every frame looks for a while
    busy = []
    for _ in range(6):
        busy.append(schedule.this_frame())
        schedule.saw_codes(False)
    assert busy[:4] == [True] * 4
    assert InversionSchedule(every=0).this_frame() is False


def test_a_reader_that_never_inverts_misses_light_on_dark_codes() -> None:
    code = random_codes(1, seed=8)[0]
    gray, _ = _camera_frame([(code, Placement(code_size=0.4, inverted=True))])
    plain = ZxingDecoder(inversion=InversionSchedule(every=0))
    assert [plain.decode(gray) for _ in range(4)] == [[], [], [], []]
