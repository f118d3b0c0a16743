"""Damaged files get words, never tracebacks: a corrupted station database (zeroed pages,
flipped bytes, truncated), a full disk, a malformed bundle, a broken server address."""

from __future__ import annotations

import contextlib
import functools
import gzip
import os
import sqlite3
import struct
import subprocess
import time
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import SeededEvent, make_station

from kiosk.cli.main import main as doorline
from kiosk.domain.bundle import write_bundle
from kiosk.station_store import DB_FILENAME

PAGE = 4096


def _zero_pages(path: Path) -> None:
    data = bytearray(path.read_bytes())
    for page in range(2, len(data) // PAGE, 3):  # every third page after the header page
        data[page * PAGE : (page + 1) * PAGE] = bytes(PAGE)
    path.write_bytes(bytes(data))


def _flip_bytes(path: Path) -> None:
    data = bytearray(path.read_bytes())
    for offset in range(PAGE + 100, len(data), 997):
        data[offset] ^= 0xFF
    path.write_bytes(bytes(data))


def _truncate(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])


def _zero_header(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[:100] = bytes(100)
    path.write_bytes(bytes(data))


def _zero_a_log_page(path: Path) -> None:
    """Zero one leaf page of the check-in log table: the file opens, some rows cannot be read."""
    with contextlib.closing(sqlite3.connect(path)) as conn:
        pages = [
            p for (p,) in conn.execute(
                "SELECT pageno FROM dbstat WHERE name = 'checkin_log' AND pagetype = 'leaf'"
            )
        ]  # fmt: skip
    data = bytearray(path.read_bytes())
    page = pages[len(pages) // 2]
    data[(page - 1) * PAGE : page * PAGE] = bytes(PAGE)
    path.write_bytes(bytes(data))


DAMAGE: dict[str, Callable[[Path], None]] = {
    "a log page zeroed": _zero_a_log_page,
    "zeroed pages": _zero_pages,
    "flipped bytes": _flip_bytes,
    "truncated": _truncate,
    "zeroed header": _zero_header,
}


def _station_dir(tmp_path: Path, seeded_event: SeededEvent) -> tuple[Path, list[str]]:
    data_dir = tmp_path / "station"
    station = make_station(data_dir, seeded_event.snapshot)
    codes = [row["code"] for row in seeded_event.codes]
    for code in codes[:60]:
        station.scan(code)
        station.scan(code)
    station.replica.close()
    for leftover in data_dir.glob(DB_FILENAME + "-*"):  # closed: the WAL is checkpointed
        leftover.unlink()
    return data_dir, codes


def _run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = doorline(args)
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


DAMAGED_WORDS = "the station's database is damaged"


@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_every_command_says_the_database_is_damaged(
    damage: str, tmp_path: Path, seeded_event: SeededEvent, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir, codes = _station_dir(tmp_path, seeded_event)
    DAMAGE[damage](data_dir / DB_FILENAME)
    d = str(data_dir)
    status, out, err = _run(["station", "verify-log", "--data-dir", d], capsys)
    assert status == 2 and DAMAGED_WORDS in err, err
    assert "damaged: " in out, out  # which rows / pages SQLite finds
    if damage == "a log page zeroed":
        assert "damaged: log row" in out, out
    for args in (
        ["station", "status", "--data-dir", d],
        ["station", "export-log", "--data-dir", d, "--out", str(tmp_path / "log.json")],
        ["station", "sync", "--data-dir", d],
    ):
        status, _, err = _run(args, capsys)
        assert status == 2 and DAMAGED_WORDS in err, (args, err)
    for code in codes[:50]:
        status, out, err = _run(["station", "scan", "--data-dir", d, code], capsys)
        assert status == 2 and DAMAGED_WORDS in err, (status, out, err)


@pytest.mark.parametrize(
    "url", ["http://[::1", "http://", "ftp://x", "not a url", "http://h:99999"]
)
def test_a_broken_server_address_gets_words(
    url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir = tmp_path / "d"
    status, _, err = _run(
        ["station", "init", "--data-dir", str(data_dir), "--server", url, "--token", "abc"], capsys
    )
    assert status == 2 and err.count("\n") == 1, err


@functools.cache
def _compression_bomb() -> bytes:
    """400 MiB of zeros in ~400 KB, one gzip member (RFC 1952), made once per session.

    Deflating 400 MiB takes seconds, so one MiB of zeros is deflated and its bytes repeated:
    after a full flush the compressor starts afresh, byte-aligned, so every MiB deflates to
    the same bytes, and the member (header, 400 repeats, the last block, CRC-32 and size) is
    the one `gzip.compress` would give in spirit, an ordinary valid gzip file."""
    mib = 1024 * 1024
    zeros = bytes(mib)
    deflate = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)  # raw deflate (RFC 1951)
    one_mib = deflate.compress(zeros) + deflate.flush(zlib.Z_FULL_FLUSH)
    last_block = deflate.flush()
    crc = 0
    for _ in range(400):
        crc = zlib.crc32(zeros, crc)
    header = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff"  # deflate, no name, mtime 0
    trailer = struct.pack("<II", crc, 400 * mib)
    return b"DLBUNDLE0\n" + header + one_mib * 400 + last_block + trailer


def _broken_bytes(good: bytes) -> dict[str, Callable[[], bytes]]:
    """Bundles broken as bytes, by what is wrong with them (made only when asked for)."""
    return {
        "truncated": lambda: good[: len(good) // 2],
        "only the header": lambda: good[:10],
        "not a bundle": lambda: b"PK\x03\x04 a zip file, say",
        "gzip of garbage": lambda: b"DLBUNDLE0\n" + gzip.compress(b"\xff\xfe not json"),
        "json but a list": lambda: b"DLBUNDLE0\n" + gzip.compress(b"[1, 2, 3]"),
        # deeper than Python's JSON parser recurses (RecursionError, not ValueError)
        "json nested too deep": lambda: b"DLBUNDLE0\n" + gzip.compress(b"[" * 100_000),
        # refused without unpacking it all
        "compression bomb": _compression_bomb,
    }


def _broken_snapshots(snapshot: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Well-formed bundles of snapshots broken in what they say."""
    return {
        "bad key algorithm": {**snapshot, "keys": [{**snapshot["keys"][0], "algorithm": "rot13"}]},
        "key not hex": {**snapshot, "keys": [{**snapshot["keys"][0], "material": "xyz"}]},
        "no keys": {**snapshot, "keys": []},
        "ticket without a code": {
            **snapshot,
            "tickets": [{k: v for k, v in snapshot["tickets"][0].items() if k != "code"}],
        },
        "no event": {k: v for k, v in snapshot.items() if k != "event"},
    }


def _bundle_case(snapshot: dict[str, Any], tmp_path: Path, case: str) -> Path:
    """The broken bundle `case` made in the test (and a good one beside it, `good.bundle`)."""
    good = tmp_path / "good.bundle"
    write_bundle(good, snapshot, None)
    path = tmp_path / f"{case}.bundle"
    broken_bytes = _broken_bytes(good.read_bytes())
    if case in broken_bytes:
        path.write_bytes(broken_bytes[case]())
    else:
        write_bundle(path, _broken_snapshots(snapshot)[case], None)
    return path


BUNDLE_CASES = (
    "truncated", "only the header", "not a bundle", "gzip of garbage", "json but a list",
    "json nested too deep", "compression bomb", "bad key algorithm", "key not hex", "no keys",
    "ticket without a code", "no event",
)  # fmt: skip


@pytest.mark.parametrize("case", BUNDLE_CASES)
def test_a_malformed_bundle_is_refused_whole_and_leaves_nothing(
    case: str,
    tmp_path: Path,
    seeded_event: SeededEvent,
    capsys: pytest.CaptureFixture[str],
) -> None:
    bundle = _bundle_case(seeded_event.snapshot, tmp_path, case)
    data_dir = tmp_path / "station"
    started = time.monotonic()
    status, _, err = _run(
        ["station", "init", "--data-dir", str(data_dir), "--bundle", str(bundle)], capsys
    )
    assert status == 2 and err.count("\n") == 1, err
    assert not data_dir.exists() or not any(data_dir.iterdir()), list(data_dir.iterdir())
    assert time.monotonic() - started < 10
    # the same data directory then takes a good bundle
    good = tmp_path / "good.bundle"
    status, _, err = _run(
        ["station", "init", "--data-dir", str(data_dir), "--bundle", str(good)], capsys
    )
    assert status == 0, err


@contextlib.contextmanager
def _small_disk(path: Path, size_kib: int) -> Iterator[Path]:
    """A real filesystem of `size_kib` KiB (tmpfs) mounted at `path`; skips where mounting is
    not allowed (not root), except in CI."""
    path.mkdir(parents=True, exist_ok=True)
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size_kib}k", "tmpfs", str(path)],
        capture_output=True,
        text=True,
    )
    if mounted.returncode != 0:
        if os.environ.get("CI") == "true":
            pytest.fail(f"cannot mount a small tmpfs in CI: {mounted.stderr}")
        pytest.skip(f"cannot mount a small tmpfs here: {mounted.stderr.strip()}")
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], check=False)


def test_a_full_disk_during_the_first_download_gets_words_and_stores_whole_pages(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from sync_support import seed

    from server_stub.local_server import LocalServer, station_token

    db = tmp_path / "server.db"
    event = seed(db, tickets=4000, name="full disk")
    server = LocalServer(db)
    server.start()
    try:
        token = station_token(db, event.event_id, "small disk")
        with _small_disk(tmp_path / "disk", 700) as disk:
            data_dir = disk / "station"
            status, _, err = _run(
                ["station", "init", "--data-dir", str(data_dir), "--server", server.url,
                 "--token", token],
                capsys,
            )  # fmt: skip
            assert status == 2, err
            assert "disk is full" in err and err.count("\n") == 1, err
            if (data_dir / DB_FILENAME).exists():  # what was stored is whole pages
                status, out, err = _run(["station", "status", "--data-dir", str(data_dir)], capsys)
                assert "first download is not complete" in out + err
    finally:
        server.stop()
