"""Realistic camera frames and videos with ticket QR codes: the demo's camera, rehearsals, tests.

A real door camera never sees a clean QR: it sees a phone screen or a printed sheet held at an
angle in a cluttered room, out of focus, noisy, with glare and poor contrast, compressed as MJPG.
This module renders exactly that, with the truth (which code, where) alongside each frame, so
read rates measured here mean something at a door.

    .venv/bin/python -m kiosk.scanning.frame_generator --codes CODES.csv --out rehearsal.avi

OpenCV's wheel cannot write H.264: videos are MJPG in .avi (or mp4v in .mp4).
"""

from __future__ import annotations

import argparse
import csv
import functools
import math
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path

import cv2
import numpy as np
import segno

FRAME_SIZE = (1280, 720)  # width, height: the door camera's default resolution
QUIET_ZONE_MODULES = 4
_RENDER_MODULE_PX = 8
_NOISE_SHIFT_PX = 64  # how far a steady noise field's window moves between frames, at most
_FOCAL_FRACTION = 0.72  # focal length / frame width: a ~70° webcam
# The room light's slight colour cast over the grey frame (B +0, G +4, R -6), as lookup tables.
_GREEN_CAST = np.clip(np.arange(256) + 4, 0, 255).astype(np.uint8)
_RED_CAST = np.clip(np.arange(256) - 6, 0, 255).astype(np.uint8)

Point = tuple[float, float]
Polygon = tuple[tuple[int, int], ...]


class Surface(StrEnum):
    """What the attendee holds up."""

    PHONE = "phone"
    PAPER = "paper"


@dataclass(frozen=True)
class Placement:
    """How one code appears in one frame (all lengths relative to the frame)."""

    surface: Surface = Surface.PHONE
    code_size: float = 0.35  # side of the QR symbol (no quiet zone) / frame height
    center: Point = (0.5, 0.5)  # of the QR symbol, as fractions of width and height
    rotation_deg: float = 0.0  # in the image plane
    tilt_deg: float = 0.0  # out of the image plane (perspective)
    tilt_axis_deg: float = 0.0  # direction of the axis the card is tilted around
    contrast: float = 1.0  # 1 = full print/screen contrast, 0.4 = washed out
    shading: float = 0.0  # 0..1: one side of the card darker (hand shadow, angle to light)
    glare: float = 0.0  # 0..1: a specular highlight over part of the code
    glare_at: Point = (0.3, 0.3)  # where on the QR the highlight sits (fractions of its side)
    inverted: bool = False  # light modules on dark: a phone in dark mode, an inverted print


@dataclass(frozen=True)
class Camera:
    """What the camera and its compression add to the whole frame."""

    blur_sigma: float = 0.6  # defocus, pixels
    motion_px: int = 0  # length of a motion-blur streak, pixels
    motion_angle_deg: float = 0.0
    noise_sigma: float = 3.0  # sensor noise, grey levels
    exposure: float = 1.0  # gain on the whole frame
    jpeg_quality: int | None = 85  # MJPG webcams compress each frame; None = raw


@dataclass(frozen=True)
class FrameTruth:
    """The codes a frame contains and where their symbols' corners are."""

    codes: tuple[str, ...] = ()
    polygons: tuple[Polygon, ...] = ()


@dataclass(frozen=True)
class Shot:
    """One frame's recipe: codes with their placements, and the camera's contribution."""

    placements: tuple[tuple[str, Placement], ...] = ()
    camera: Camera = field(default_factory=Camera)


# --------------------------------------------------------------------------------------------
# Scene pieces


@functools.lru_cache(maxsize=256)
def qr_matrix(text: str, error: str = "m") -> np.ndarray:
    """The QR modules of `text` as a bool array (True = dark), without quiet zone; read-only.

    Cached: a video holds each code up for many frames, and encoding it again for every frame
    was most of the time a video took to render (the demo's start, rehearsals, benchmarks).
    """
    matrix = np.array(segno.make_qr(text, error=error, boost_error=False).matrix, dtype=bool)
    matrix.flags.writeable = False
    return matrix


def background(size: tuple[int, int] = FRAME_SIZE, seed: int = 0) -> np.ndarray:
    """A cluttered entrance seen by a webcam: walls, a door, posters with text, a person.

    Clutter matters for speed: edges and text are what a reader must reject on every idle
    frame, so a blank background would flatter the idle-decode benchmark.
    """
    rng = np.random.default_rng(seed)
    width, height = size
    ys = np.linspace(0.0, 1.0, height, dtype=np.float32)[:, None]
    img = np.repeat(150 + 40 * ys, width, axis=1).astype(np.float32)
    img[int(height * 0.78) :, :] = 95  # floor
    _door(img, rng)
    for _ in range(3):
        _poster(img, rng)
    _person(img, rng)
    low = rng.normal(0, 10, (height // 40 + 1, width // 40 + 1)).astype(np.float32)
    img += cv2.resize(low, (width, height), interpolation=cv2.INTER_CUBIC)
    return np.clip(img, 0, 255)


def _door(img: np.ndarray, rng: np.random.Generator) -> None:
    h, w = img.shape
    x0 = int(rng.uniform(0.02, 0.15) * w)
    cv2.rectangle(img, (x0, int(0.1 * h)), (x0 + int(0.16 * w), int(0.8 * h)), 70, -1)
    cv2.rectangle(img, (x0 + 8, int(0.1 * h) + 8), (x0 + int(0.16 * w) - 8, int(0.8 * h)), 110, 3)
    cv2.circle(img, (x0 + int(0.14 * w), int(0.47 * h)), 7, 210, -1)


def _poster(img: np.ndarray, rng: np.random.Generator) -> None:
    """A notice with lines of "text" (dark dashes) and a logo: edge-rich, like real signage."""
    h, w = img.shape
    pw, ph = int(rng.uniform(0.08, 0.16) * w), int(rng.uniform(0.15, 0.3) * h)
    x0, y0 = int(rng.uniform(0.2, 0.95) * w - pw), int(rng.uniform(0.05, 0.4) * h)
    cv2.rectangle(img, (x0, y0), (x0 + pw, y0 + ph), float(rng.uniform(190, 240)), -1)
    cv2.circle(img, (x0 + pw // 2, y0 + ph // 5), max(4, pw // 8), float(rng.uniform(20, 90)), -1)
    y = y0 + ph // 3
    while y < y0 + ph - 8:
        x = x0 + 6
        while x < x0 + pw - 10:
            word = int(rng.integers(4, 16))
            cv2.rectangle(img, (x, y), (min(x + word, x0 + pw - 6), y + 4), 40, -1)
            x += word + 5
        y += 11


def _person(img: np.ndarray, rng: np.random.Generator) -> None:
    h, w = img.shape
    cx = int(rng.uniform(0.35, 0.65) * w)
    tone = float(rng.uniform(60, 120))
    cv2.ellipse(img, (cx, int(0.95 * h)), (int(0.17 * w), int(0.45 * h)), 0, 180, 360, tone, -1)
    cv2.ellipse(img, (cx, int(0.33 * h)), (int(0.06 * w), int(0.12 * h)), 0, 0, 360, 165, -1)


def _surface(
    matrix: np.ndarray, kind: Surface, inverted: bool = False
) -> tuple[np.ndarray, np.ndarray, Point]:
    """Render the phone or sheet flat: grey image, coverage mask, and the QR's top-left corner.

    `inverted`: light modules on dark, on a dark-mode phone screen or in a dark box printed on
    the sheet (with its own dark quiet zone).
    """
    m = _RENDER_MODULE_PX
    n = matrix.shape[0]
    dark, light = (240.0, 25.0) if inverted else (25.0, 240.0)
    code = np.where(np.kron(matrix, np.ones((m, m), dtype=bool)), dark, light).astype(np.float32)
    side = n * m
    text = 170.0 if inverted else 90.0
    if kind is Surface.PHONE:
        width, height = int(side * 1.45), int(side * 2.5)
        img = np.full((height, width), 18.0, np.float32)
        bezel = int(width * 0.05)
        img[bezel * 2 : height - bezel * 2, bezel : width - bezel] = 22.0 if inverted else 245.0
        top = (int((width - side) / 2), int(height * 0.38))
        _text_lines(img, (bezel * 2, bezel * 4), width - bezel * 4, 3, m, text)
    else:
        width, height = int(side * 2.1), int(side * 1.5)
        img = np.full((height, width), 228.0, np.float32)
        top = (int(side * 0.15), int((height - side) / 2))
        _text_lines(img, (int(side * 1.35), top[1]), int(side * 0.6), 9, m)
        if inverted:
            q = 4 * m
            y0, x0 = max(0, top[1] - q), max(0, top[0] - q)
            img[y0 : top[1] + side + q, x0 : top[0] + side + q] = light
    img[top[1] : top[1] + side, top[0] : top[0] + side] = code
    mask = np.ones((height, width), np.float32)
    if kind is Surface.PHONE:
        _round_corners(mask, radius=int(width * 0.12))
    return img, mask, (float(top[0]), float(top[1]))


def _text_lines(
    img: np.ndarray, at: tuple[int, int], width: int, lines: int, m: int, tone: float = 90.0
) -> None:
    x0, y0 = at
    for i in range(lines):
        y = y0 + i * m * 3
        if y + m > img.shape[0]:
            return
        cv2.rectangle(
            img, (x0, y), (x0 + int(width * (0.5 + 0.5 * ((i * 7) % 5) / 4)), y + m), tone, -1
        )


def _round_corners(mask: np.ndarray, radius: int) -> None:
    h, w = mask.shape
    corner = np.zeros((radius, radius), np.float32)
    cv2.circle(corner, (radius, radius), radius, 1.0, -1)
    mask[:radius, :radius] = corner
    mask[:radius, w - radius :] = corner[:, ::-1]
    mask[h - radius :, :radius] = corner[::-1, :]
    mask[h - radius :, w - radius :] = corner[::-1, ::-1]


# --------------------------------------------------------------------------------------------
# Geometry: a flat card in 3-D, seen through a pinhole camera


def _projection(
    placement: Placement, qr_side_px: float, qr_center_px: Point, size: tuple[int, int]
) -> np.ndarray:
    """3×3 map from card pixels (QR centre at origin, frontal scale) to frame pixels."""
    width, height = size
    focal = _FOCAL_FRACTION * width
    target = placement.code_size * height
    scale = target / qr_side_px
    rz = math.radians(placement.rotation_deg)
    axis = math.radians(placement.tilt_axis_deg)
    tilt = math.radians(placement.tilt_deg)
    rot_z = np.array([[math.cos(rz), -math.sin(rz), 0], [math.sin(rz), math.cos(rz), 0], [0, 0, 1]])
    k = np.array([math.cos(axis), math.sin(axis), 0.0])
    kx = np.array([[0, -k[2], k[1]], [k[2], 0, -k[0]], [-k[1], k[0], 0]])
    rot_tilt = np.eye(3) + math.sin(tilt) * kx + (1 - math.cos(tilt)) * kx @ kx
    r = rot_tilt @ rot_z
    cx, cy = placement.center[0] * width, placement.center[1] * height
    # plane point (u, v) -> camera (X, Y, Z) = r @ (s(u - u0), s(v - v0), 0) + (tx, ty, focal)
    tx, ty = (cx - width / 2), (cy - height / 2)
    to_plane = np.array(
        [[scale, 0, -scale * qr_center_px[0]], [0, scale, -scale * qr_center_px[1]], [0, 0, 1]]
    )
    extr = np.column_stack([r[:, 0], r[:, 1], np.array([tx, ty, focal])])
    intr = np.array([[focal, 0, width / 2], [0, focal, height / 2], [0, 0, 1]])
    return np.asarray(intr @ extr @ to_plane, dtype=np.float64)


def _apply(h: np.ndarray, points: np.ndarray) -> np.ndarray:
    pts = np.column_stack([points, np.ones(len(points))]) @ h.T
    return np.asarray(pts[:, :2] / pts[:, 2:3], dtype=np.float64)


def _composite(
    frame: np.ndarray, text: str, placement: Placement, size: tuple[int, int]
) -> Polygon:
    """Draw one held-up code into `frame` (in place); return its symbol's corners."""
    matrix = qr_matrix(text)
    card, mask, top = _surface(matrix, placement.surface, placement.inverted)
    side = matrix.shape[0] * _RENDER_MODULE_PX
    card = _light_card(card, placement)
    h = _projection(placement, side, (top[0] + side / 2, top[1] + side / 2), size)
    # Shrink with area averaging first, so the warp does not alias like no real lens would.
    shrink = min(1.0, placement.code_size * size[1] / side * 1.5)
    if shrink < 1.0:
        card = cv2.resize(card, None, fx=shrink, fy=shrink, interpolation=cv2.INTER_AREA)
        mask = cv2.resize(mask, None, fx=shrink, fy=shrink, interpolation=cv2.INTER_AREA)
        h = h @ np.diag([1 / shrink, 1 / shrink, 1.0])
    warped = cv2.warpPerspective(card, h, size, flags=cv2.INTER_LINEAR)
    cover = cv2.warpPerspective(mask, h, size, flags=cv2.INTER_LINEAR)
    frame *= 1.0 - cover
    frame += warped * cover
    corners = np.array([[0, 0], [side, 0], [side, side], [0, side]], np.float64)
    corners += np.array(top)
    if shrink < 1.0:
        corners *= shrink
    projected = _apply(h, corners)
    _glare(frame, placement, projected)
    return tuple((round(x), round(y)) for x, y in projected)


def _light_card(card: np.ndarray, placement: Placement) -> np.ndarray:
    """Contrast loss and a shadow gradient, applied on the card before it is placed."""
    mid = 135.0
    card = mid + (card - mid) * placement.contrast
    if placement.shading > 0:
        ramp = np.linspace(1.0, 1.0 - 0.6 * placement.shading, card.shape[1], dtype=np.float32)
        card = card * ramp[None, :]
    return card


def _glare(frame: np.ndarray, placement: Placement, corners: np.ndarray) -> None:
    """A soft specular highlight over part of the code: washes the modules towards white."""
    if placement.glare <= 0:
        return
    (x0, y0), (x1, y1), _, (x3, y3) = corners
    gx = x0 + (x1 - x0) * placement.glare_at[0] + (x3 - x0) * placement.glare_at[1]
    gy = y0 + (y1 - y0) * placement.glare_at[0] + (y3 - y0) * placement.glare_at[1]
    radius = max(4.0, 0.25 * math.dist((x0, y0), (x1, y1)))
    r = int(radius * 3)
    xa, xb = max(0, int(gx) - r), min(frame.shape[1], int(gx) + r)
    ya, yb = max(0, int(gy) - r), min(frame.shape[0], int(gy) + r)
    if xa >= xb or ya >= yb:
        return
    yy, xx = np.mgrid[ya:yb, xa:xb].astype(np.float32)
    blob = np.exp(-((xx - gx) ** 2 + (yy - gy) ** 2) / (2 * radius**2))
    region = frame[ya:yb, xa:xb]
    region += (255.0 - region) * (placement.glare * blob)


# --------------------------------------------------------------------------------------------
# Frames


class FrameRenderer:
    """Renders shots over one background; keeps the background so videos stay consistent.

    `compress=False` leaves out the per-frame JPEG of `Camera.jpeg_quality`, for frames that
    go into a video file whose codec (MJPG, mp4v) compresses them anyway.

    `steady_noise=True` draws the sensor noise once, as a field a little larger than the frame,
    and gives each frame a randomly shifted window of it: the same grain at the same strength,
    at a few per cent of the cost (fresh Gaussian noise was half of a video's render time).
    Frames' noise is then correlated, so what measures read rates keeps fresh noise; the demo's
    video, which only has to look like a camera, uses the steady field.
    """

    def __init__(
        self,
        size: tuple[int, int] = FRAME_SIZE,
        seed: int = 0,
        *,
        compress: bool = True,
        steady_noise: bool = False,
    ) -> None:
        self.size = size
        self.compress = compress
        self._background = background(size, seed)
        self._rng = np.random.default_rng(seed + 1)
        width, height = size
        margin = _NOISE_SHIFT_PX
        self._noise_field = (
            self._rng.standard_normal((height + margin, width + margin), dtype=np.float32)
            if steady_noise
            else None
        )

    def render(self, shot: Shot) -> tuple[np.ndarray, FrameTruth]:
        """One BGR frame as a webcam would deliver it, and what is in it."""
        frame = self._background.copy()
        polygons = tuple(_composite(frame, t, p, self.size) for t, p in shot.placements)
        bgr = self._camera(frame, shot.camera)
        return bgr, FrameTruth(tuple(t for t, _ in shot.placements), polygons)

    def _camera(self, frame: np.ndarray, camera: Camera) -> np.ndarray:
        if camera.blur_sigma > 0.05:
            frame = cv2.GaussianBlur(frame, (0, 0), camera.blur_sigma)
        if camera.motion_px > 1:
            frame = cv2.filter2D(
                frame, -1, _motion_kernel(camera.motion_px, camera.motion_angle_deg)
            )
        frame *= camera.exposure
        if camera.noise_sigma > 0:
            frame += self._noise(frame.shape) * camera.noise_sigma
        gray = np.clip(frame, 0, 255).astype(np.uint8)
        bgr: np.ndarray = cv2.merge([gray, cv2.LUT(gray, _GREEN_CAST), cv2.LUT(gray, _RED_CAST)])
        if camera.jpeg_quality is not None and self.compress:
            ok, buf = cv2.imencode(".jpg", bgr, [cv2.IMWRITE_JPEG_QUALITY, camera.jpeg_quality])
            decoded = cv2.imdecode(buf, cv2.IMREAD_COLOR) if ok else None
            if decoded is not None:
                bgr = decoded
        return bgr

    def _noise(self, shape: tuple[int, ...]) -> np.ndarray:
        """Unit Gaussian noise for one frame: fresh, or a shifted window of the steady field."""
        if self._noise_field is None:
            return self._rng.standard_normal(shape, dtype=np.float32)
        dy, dx = (int(d) for d in self._rng.integers(0, _NOISE_SHIFT_PX + 1, 2))
        return self._noise_field[dy : dy + shape[0], dx : dx + shape[1]]


def _motion_kernel(length: int, angle_deg: float) -> np.ndarray:
    kernel = np.zeros((length, length), np.float32)
    kernel[length // 2, :] = 1.0
    rot = cv2.getRotationMatrix2D(((length - 1) / 2, (length - 1) / 2), angle_deg, 1.0)
    turned = np.asarray(cv2.warpAffine(kernel, rot, (length, length)), dtype=np.float32)
    return turned / max(float(turned.sum()), 1e-6)


def random_shot(code: str, rng: np.random.Generator, *, hard: bool = True) -> Shot:
    """A plausible door moment for `code`.

    `hard=True` is the benchmark's mix of good and bad moments (small or tilted codes, blur,
    glare, low contrast); `hard=False` is a steady hand in front of the camera, which is what a
    ticket shown for a second or two always includes.
    """
    surface = Surface.PHONE if rng.random() < 0.6 else Surface.PAPER
    if hard:
        placement = Placement(
            surface=surface,
            code_size=float(rng.uniform(0.16, 0.55)),
            center=(float(rng.uniform(0.35, 0.65)), float(rng.uniform(0.35, 0.65))),
            rotation_deg=float(np.clip(rng.normal(0, 15), -40, 40)),
            tilt_deg=float(rng.uniform(0, 45)),
            tilt_axis_deg=float(rng.uniform(0, 180)),
            contrast=float(rng.uniform(0.35, 0.6) if rng.random() < 0.3 else rng.uniform(0.7, 1)),
            shading=float(rng.uniform(0, 0.6)),
            glare=float(rng.uniform(0.3, 0.85) if rng.random() < 0.3 else 0.0),
            glare_at=(float(rng.uniform(0.1, 0.9)), float(rng.uniform(0.1, 0.9))),
        )
        camera = Camera(
            blur_sigma=float(
                rng.uniform(0.3, 1.2) if rng.random() < 0.6 else rng.uniform(1.2, 2.2)
            ),
            motion_px=int(rng.integers(3, 9)) if rng.random() < 0.25 else 0,
            motion_angle_deg=float(rng.uniform(0, 180)),
            noise_sigma=float(rng.uniform(2, 9)),
            exposure=float(rng.uniform(0.75, 1.15)),
            jpeg_quality=int(rng.integers(70, 93)),
        )
    else:
        placement = Placement(
            surface=surface,
            code_size=float(rng.uniform(0.3, 0.5)),
            center=(float(rng.uniform(0.42, 0.58)), float(rng.uniform(0.42, 0.58))),
            rotation_deg=float(rng.normal(0, 8)),
            tilt_deg=float(rng.uniform(0, 20)),
            tilt_axis_deg=float(rng.uniform(0, 180)),
            contrast=float(rng.uniform(0.75, 1.0)),
            shading=float(rng.uniform(0, 0.3)),
        )
        camera = Camera(
            blur_sigma=float(rng.uniform(0.3, 0.9)),
            noise_sigma=float(rng.uniform(2, 5)),
            jpeg_quality=85,
        )
    return Shot(((code, placement),), camera)


def idle_shot(rng: np.random.Generator) -> Shot:
    """A frame with nobody showing a code: the camera's noise and compression only."""
    return Shot(
        (), Camera(blur_sigma=float(rng.uniform(0.3, 1.0)), noise_sigma=float(rng.uniform(2, 6)))
    )


# --------------------------------------------------------------------------------------------
# Videos


@dataclass(frozen=True)
class Appearance:
    """A code's time on screen in a generated video: frames first..last, inclusive."""

    code: str
    first_frame: int
    last_frame: int


def ticket_frames(
    codes: Sequence[str],
    *,
    renderer: FrameRenderer,
    hold_frames: int = 8,
    gap_frames: int = 3,
    seed: int = 0,
    inverted: bool = False,
) -> Iterator[tuple[np.ndarray, FrameTruth]]:
    """Each code held up in turn: a short gap with no code, then the code, moving slightly.
    `inverted`: every code light-on-dark (dark-mode phones, inverted prints)."""
    rng = np.random.default_rng(seed)
    for code in codes:
        for _ in range(gap_frames):
            yield renderer.render(idle_shot(rng))
        held = random_shot(code, rng, hard=False)
        if inverted:
            text, placement = held.placements[0]
            held = replace(held, placements=((text, replace(placement, inverted=True)),))
        for i in range(hold_frames):
            yield renderer.render(_jitter(held, rng, i))


def _jitter(shot: Shot, rng: np.random.Generator, step: int) -> Shot:
    """The same hand a moment later: a few pixels and degrees away, a bit more or less blur."""
    text, p = shot.placements[0]
    moved = replace(
        p,
        center=(
            p.center[0] + float(rng.normal(0, 0.004)),
            p.center[1] + float(rng.normal(0, 0.004)),
        ),
        rotation_deg=p.rotation_deg + float(rng.normal(0, 1.0)),
    )
    camera = replace(
        shot.camera, blur_sigma=max(0.2, shot.camera.blur_sigma + float(rng.normal(0, 0.2)))
    )
    return Shot(((text, moved),), camera)


def appearances(
    codes: Sequence[str], hold_frames: int = 8, gap_frames: int = 3
) -> list[Appearance]:
    """Where each code of `ticket_frames(codes, …)` is on screen."""
    out = []
    for i, code in enumerate(codes):
        first = i * (hold_frames + gap_frames) + gap_frames
        out.append(Appearance(code, first, first + hold_frames - 1))
    return out


def write_video(path: Path, frames: Iterable[np.ndarray], fps: float = 15.0) -> int:
    """Write BGR frames as MJPG (.avi) or mp4v (.mp4); return how many were written."""
    fourcc = "mp4v" if path.suffix.lower() == ".mp4" else "MJPG"
    writer: cv2.VideoWriter | None = None
    count = 0
    try:
        for frame in frames:
            if writer is None:
                height, width = frame.shape[:2]
                writer = cv2.VideoWriter(
                    str(path), cv2.VideoWriter.fourcc(*fourcc), fps, (width, height)
                )
                if not writer.isOpened():
                    raise OSError(f"OpenCV cannot write {fourcc} video to {path}")
            writer.write(frame)
            count += 1
    finally:
        if writer is not None:
            writer.release()
    return count


def write_image_folder(folder: Path, frames: Iterable[np.ndarray]) -> int:
    """Write frames as numbered JPEGs, the image-folder stand-in for a camera."""
    folder.mkdir(parents=True, exist_ok=True)
    count = 0
    for count, frame in enumerate(frames, start=1):
        cv2.imwrite(str(folder / f"frame-{count:05d}.jpg"), frame, [cv2.IMWRITE_JPEG_QUALITY, 90])
    return count


def ticket_video(
    path: Path,
    codes: Sequence[str],
    *,
    size: tuple[int, int] = FRAME_SIZE,
    fps: float = 15.0,
    hold_frames: int = 8,
    gap_frames: int = 3,
    seed: int = 0,
    steady_noise: bool = False,
) -> list[Appearance]:
    """Write a video of `codes` held up one after another; return when each is on screen.
    `steady_noise`: see `FrameRenderer` (a video to look at, not to measure read rates on)."""
    # compress=False: the video's codec compresses
    renderer = FrameRenderer(size, seed, compress=False, steady_noise=steady_noise)
    frames = ticket_frames(
        codes, renderer=renderer, hold_frames=hold_frames, gap_frames=gap_frames, seed=seed
    )
    write_video(path, (f for f, _ in frames), fps)
    return appearances(codes, hold_frames, gap_frames)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m kiosk.scanning.frame_generator",
        description="Render ticket codes into a realistic door-camera video (demo, rehearsal).",
    )
    parser.add_argument("--codes", type=Path, required=True, help="CODES.csv from `server seed`")
    parser.add_argument("--out", type=Path, required=True, help="video file (.avi MJPG, .mp4 mp4v)")
    parser.add_argument("--limit", type=int, default=20, help="how many tickets (default 20)")
    parser.add_argument("--fps", type=float, default=15.0)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    with args.codes.open(newline="") as handle:
        codes = [row["code"] for row in csv.DictReader(handle)][: args.limit]
    shown = ticket_video(args.out, codes, fps=args.fps, seed=args.seed)
    print(
        f"wrote {args.out}: {len(shown)} tickets, {shown[-1].last_frame + 1 if shown else 0} frames"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
