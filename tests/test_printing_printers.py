"""Printer specs and backends: ESC/POS over a real loopback socket and files, CUPS via doubles."""

from __future__ import annotations

import os
import stat
import time
from pathlib import Path

import pytest
from printing_support import native_qr_payload

from printing.badge_data import sample_badge
from printing.badge_delivery import deliver_badge, pdf_target, probe_printer
from printing.cups import list_printers, print_pdf
from printing.errors import (
    CupsUnavailable,
    PrinterSetupError,
    PrinterSpecError,
    PrinterUnavailable,
)
from printing.escpos_transport import PaperState, send_escpos
from printing.printer_emulator import EscposPrinterEmulator, PrinterMode, closed_port
from printing.printer_spec import PrinterKind, parse_printer_spec

# -- specs ------------------------------------------------------------------------------------


def test_printer_specs_parse_with_defaults_and_options() -> None:
    net = parse_printer_spec("escpos-net:192.168.1.50")
    assert (net.kind, net.target, net.port, net.status_check) == (
        PrinterKind.ESCPOS_NET,
        "192.168.1.50",
        9100,
        True,
    )
    v6 = parse_printer_spec("escpos-net:[fe80::1]:9200?profile=TM-T88V&timeout=2&status=off")
    assert (v6.target, v6.port, v6.profile, v6.timeout_s, v6.status_check) == (
        "fe80::1",
        9200,
        "TM-T88V",
        2.0,
        False,
    )
    assert parse_printer_spec("escpos-usb:04b8:0e15").usb_ids == (0x04B8, 0x0E15)
    assert parse_printer_spec("escpos-serial:/dev/ttyUSB0?baudrate=19200").baudrate == 19200
    assert parse_printer_spec("cups:Front_Desk").is_thermal is False
    assert parse_printer_spec("escpos-file:/dev/usb/lp0").is_thermal is True


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("laser:office", "unknown kind 'laser'"),
        ("pdf:", "nothing after"),
        ("escpos-net:host:99999", "out of range"),
        ("escpos-usb:printer", "VID:PID"),
        ("escpos-net:host?speed=fast", "unknown option speed"),
        ("escpos-net:host?timeout=soon", "timeout must be a number"),
    ],
)
def test_bad_printer_specs_say_what_was_expected(text: str, words: str) -> None:
    with pytest.raises(PrinterSpecError, match=words):
        parse_printer_spec(text)


# -- ESC/POS over TCP -------------------------------------------------------------------------


def test_a_badge_reaches_a_real_tcp_listener_through_escpos_net() -> None:
    with EscposPrinterEmulator() as printer:
        spec = parse_printer_spec(printer.spec + "?profile=TM-T20II")
        delivery = deliver_badge(sample_badge(), spec)
        assert printer.wait_for_jobs(1)
    job = printer.jobs[0]
    assert b"Lovelace-Byron" in job
    assert native_qr_payload(job) == sample_badge().code
    assert delivery.template == "thermal-80" and "bytes to network printer" in delivery.detail


def test_a_refused_connection_is_a_clear_retryable_failure() -> None:
    spec = parse_printer_spec(f"escpos-net:127.0.0.1:{closed_port()}")
    with pytest.raises(PrinterUnavailable, match="refused the connection") as caught:
        send_escpos(spec, b"job")
    assert caught.value.retryable


def test_a_listener_that_hangs_times_out_instead_of_hanging() -> None:
    with EscposPrinterEmulator(PrinterMode.SILENT) as printer:
        spec = parse_printer_spec(printer.spec + "?timeout=0.3")
        started = time.monotonic()
        with pytest.raises(PrinterUnavailable, match=r"did not answer within 0\.3 s"):
            send_escpos(spec, b"job")
        assert time.monotonic() - started < 2


@pytest.mark.parametrize(
    ("mode", "words"),
    [(PrinterMode.OUT_OF_PAPER, "out of paper"), (PrinterMode.COVER_OPEN, "cover is open")],
)
def test_the_printer_status_explains_why_it_cannot_print(mode: PrinterMode, words: str) -> None:
    with EscposPrinterEmulator(mode) as printer:
        with pytest.raises(PrinterUnavailable, match=words):
            send_escpos(parse_printer_spec(printer.spec), b"job")
        assert printer.jobs == []


def test_paper_low_still_prints_and_is_reported() -> None:
    with EscposPrinterEmulator(PrinterMode.PAPER_LOW) as printer:
        status = send_escpos(parse_printer_spec(printer.spec), b"job")
        assert printer.wait_for_jobs(1)
    assert status.paper is PaperState.LOW and printer.jobs == [b"job"]


def test_probe_asks_for_status_without_printing() -> None:
    with EscposPrinterEmulator() as printer:
        assert "answered" in probe_printer(parse_printer_spec(printer.spec))
        time.sleep(0.1)
    assert printer.jobs == [] and printer.connections == 1


# -- ESC/POS into files and devices -----------------------------------------------------------


def test_escpos_file_writes_the_job(tmp_path: Path) -> None:
    target = tmp_path / "lp0"
    deliver_badge(sample_badge(), parse_printer_spec(f"escpos-file:{target}"))
    assert native_qr_payload(target.read_bytes()) == sample_badge().code


def test_a_device_nobody_reads_fails_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "printer-fifo"
    os.mkfifo(fifo)
    with pytest.raises(PrinterUnavailable, match="nothing is reading"):
        send_escpos(parse_printer_spec(f"escpos-file:{fifo}?timeout=0.3"), b"job")
    with pytest.raises(PrinterUnavailable, match="does not exist"):
        send_escpos(parse_printer_spec(f"escpos-file:{tmp_path}/no/such/lp0"), b"job")


def test_usb_without_pyusb_says_what_to_install() -> None:
    pytest.importorskip("escpos.printer")
    try:
        import usb  # noqa: F401
    except ImportError:
        with pytest.raises(PrinterSetupError, match="pyusb"):
            send_escpos(parse_printer_spec("escpos-usb:04b8:0202"), b"job")
    else:
        pytest.skip("pyusb is installed here")


# -- PDF files --------------------------------------------------------------------------------


def test_pdf_into_a_folder_writes_one_file_per_badge(tmp_path: Path) -> None:
    folder = tmp_path / "badges"
    folder.mkdir()
    spec = parse_printer_spec(f"pdf:{folder}")
    deliver_badge(sample_badge(), spec, label="job1")
    deliver_badge(sample_badge(), spec, label="job2")
    assert sorted(p.name for p in folder.iterdir()) == [
        "badge-1042-job1.pdf",
        "badge-1042-job2.pdf",
    ]
    single = parse_printer_spec(f"pdf:{tmp_path / 'one.pdf'}")
    assert pdf_target(single, sample_badge(), "x") == tmp_path / "one.pdf"


# -- CUPS through test doubles on PATH --------------------------------------------------------

LP_DOUBLE = """#!/bin/sh
# Test double for CUPS lp: keeps the job and its arguments, answers like lp does.
dest=""
while [ $# -gt 0 ]; do
  case "$1" in -d) dest="$2"; shift;; esac
  shift
done
if [ "$dest" = "missing" ]; then
  echo "lp: The printer or class does not exist." >&2; exit 1
fi
n=$(ls "$CUPS_DOUBLE_DIR" | grep -c '^job-')
/bin/cat > "$CUPS_DOUBLE_DIR/job-$n.pdf"
echo "$dest" > "$CUPS_DOUBLE_DIR/dest-$n"
echo "request id is $dest-$n (1 file(s))"
"""

LPSTAT_DOUBLE = """#!/bin/sh
# Test double for CUPS lpstat: prints the canned answer of the scenario under test.
if [ -f "$CUPS_DOUBLE_DIR/down" ]; then
  echo "lpstat: Scheduler is not running." >&2; exit 1
fi
/bin/cat "$CUPS_DOUBLE_DIR/lpstat.out"
"""

LPSTAT_OUT = """printer Front_Desk is idle.  enabled since Sat 01 Jun 2024 09:00:00 AM UTC
printer Badges now printing Badges-7.  enabled since Sat 01 Jun 2024 09:00:00 AM UTC
printer Old_Laser disabled since Sat 01 Jun 2024 09:00:00 AM UTC -
\tPaused
system default destination: Badges
"""


@pytest.fixture
def cups_double(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    bin_dir = tmp_path / "bin"
    spool = tmp_path / "spool"
    bin_dir.mkdir()
    spool.mkdir()
    for name, body in (("lp", LP_DOUBLE), ("lpstat", LPSTAT_DOUBLE)):
        script = bin_dir / name
        script.write_text(body)
        script.chmod(script.stat().st_mode | stat.S_IEXEC)
    (spool / "lpstat.out").write_text(LPSTAT_OUT)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("CUPS_DOUBLE_DIR", str(spool))
    return spool


def test_cups_printers_are_listed_with_state_and_default(cups_double: Path) -> None:
    printers = {p.name: p for p in list_printers()}
    assert set(printers) == {"Front_Desk", "Badges", "Old_Laser"}
    assert printers["Badges"].is_default and printers["Badges"].state == "printing"
    assert printers["Old_Laser"].enabled is False
    assert printers["Front_Desk"].state == "idle"


def test_a_badge_goes_to_cups_as_a_pdf(cups_double: Path) -> None:
    delivery = deliver_badge(sample_badge(), parse_printer_spec("cups:Front_Desk"))
    assert delivery.detail == "CUPS request Front_Desk-0"
    assert (cups_double / "job-0.pdf").read_bytes().startswith(b"%PDF")
    assert (cups_double / "dest-0").read_text().strip() == "Front_Desk"


def test_cups_problems_are_told_plainly(cups_double: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(PrinterSetupError, match="no printer named 'missing'"):
        print_pdf("missing", b"%PDF", title="t")
    (cups_double / "down").touch()
    with pytest.raises(CupsUnavailable, match="not running"):
        list_printers()
    monkeypatch.setenv("PATH", str(cups_double))  # no lp, no lpstat
    with pytest.raises(CupsUnavailable, match="CUPS is not installed"):
        print_pdf("Front_Desk", b"%PDF", title="t")
