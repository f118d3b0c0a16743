"""Printer specs and backends: ESC/POS over a real loopback socket, files and PDFs (CUPS has
its own file, against a real cupsd)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from printing_support import native_qr_payload

from printing.badge_data import sample_badge
from printing.badge_delivery import deliver_badge, pdf_target, probe_printer
from printing.errors import (
    PrinterSetupError,
    PrinterSpecError,
    PrinterUnavailable,
    PrintUnconfirmed,
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


def test_a_printer_that_dies_mid_job_is_never_a_printed_badge() -> None:
    """It answers the status request, reads part of the job, then resets the connection."""
    with EscposPrinterEmulator(PrinterMode.DIES_MID_JOB) as printer:
        spec = parse_printer_spec(printer.spec + "?timeout=2")
        with pytest.raises(PrintUnconfirmed, match="may have printed") as caught:
            deliver_badge(sample_badge(), spec)
        assert printer.cut_off_jobs and printer.jobs == []
    assert not caught.value.retryable  # resending on a guess could print it twice


def test_a_printer_gone_offline_after_the_job_is_unconfirmed_with_the_reason() -> None:
    with (
        EscposPrinterEmulator(PrinterMode.COVER_OPENED_MID_JOB) as printer,
        pytest.raises(PrintUnconfirmed, match=r"went offline during the badge.*cover is open"),
    ):
        send_escpos(parse_printer_spec(printer.spec), b"job")


def test_a_printer_mute_after_the_job_or_set_to_status_off_is_unconfirmed() -> None:
    with EscposPrinterEmulator(PrinterMode.MUTE_AFTER_JOB) as printer:
        spec = parse_printer_spec(printer.spec + "?timeout=0.3")
        with pytest.raises(PrintUnconfirmed, match="did not confirm the badge"):
            send_escpos(spec, b"job")
    with (
        EscposPrinterEmulator() as printer,
        pytest.raises(PrintUnconfirmed, match="status=off"),
    ):
        send_escpos(parse_printer_spec(printer.spec + "?status=off"), b"job")


def test_a_confirmed_job_reports_the_status_after_it() -> None:
    with EscposPrinterEmulator() as printer:
        status = send_escpos(parse_printer_spec(printer.spec), b"job")
        assert printer.wait_for_jobs(1)
    assert status.confirmed and status.answered and status.words() == "ready"
    assert printer.jobs == [b"job"]  # the status requests are not part of the job


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


def test_pdf_to_a_folder_not_created_yet_is_a_folder_never_one_overwritten_file(
    tmp_path: Path,
) -> None:
    spec = parse_printer_spec(f"pdf:{tmp_path / 'badges' / 'day-1'}")  # missing, no .pdf
    deliver_badge(sample_badge(), spec, label="job1")
    deliver_badge(sample_badge(), spec, label="job2")
    folder = tmp_path / "badges" / "day-1"
    assert folder.is_dir()
    assert sorted(p.name for p in folder.iterdir()) == [
        "badge-1042-job1.pdf",
        "badge-1042-job2.pdf",
    ]


def test_pdf_to_a_full_disk_fails_in_words_and_leaves_no_partial_file(tmp_path: Path) -> None:
    # A real write failure from the kernel: the file-size limit (RLIMIT_FSIZE, with SIGXFSZ
    # ignored) makes write() fail the way a full disk does, in a child so nothing else is hit.
    script = textwrap.dedent(
        f"""
        import resource, signal
        from printing.badge_data import sample_badge
        from printing.badge_delivery import deliver_badge
        from printing.errors import PrinterUnavailable
        from printing.printer_spec import parse_printer_spec
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, resource.RLIM_INFINITY))
        spec = parse_printer_spec("pdf:{tmp_path}/")
        for label in ("job1", "job2"):
            try:
                deliver_badge(sample_badge(), spec, label=label)
            except PrinterUnavailable as error:
                print("failed:", error)
        """
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("failed: cannot write") == 2, done.stdout
    assert list(tmp_path.iterdir()) == []  # no badge, and no hidden half-written temp files


def test_escpos_file_on_a_full_disk_is_a_failure_safe_to_resend(tmp_path: Path) -> None:
    # A regular file is not a printer: bytes that did not reach the disk printed nothing, so
    # the job is failed (retried), never "sent, unconfirmed", and no partial file is left.
    target = tmp_path / "badge.bin"
    script = textwrap.dedent(
        f"""
        import resource, signal
        from printing.badge_data import sample_badge
        from printing.badge_delivery import deliver_badge
        from printing.errors import PrinterUnavailable
        from printing.printer_spec import parse_printer_spec
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (64, resource.RLIM_INFINITY))
        try:
            deliver_badge(sample_badge(), parse_printer_spec("escpos-file:{target}"))
        except PrinterUnavailable as error:
            print("failed:", error)
        """
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"failed: cannot write {target}"), done.stdout
    assert not target.exists()


def test_pdf_never_overwrites_a_file_that_is_not_a_pdf(tmp_path: Path) -> None:
    # `pdf:DIR/station.sqlite3` (a slip of the keyboard) used to replace the station's
    # database, log and all, with a badge.
    database = tmp_path / "station.sqlite3"
    database.write_bytes(b"SQLite format 3\x00" + bytes(4080))
    before = database.read_bytes()
    with pytest.raises(PrinterSetupError, match="is not a PDF"):
        deliver_badge(sample_badge(), parse_printer_spec(f"pdf:{database}"))
    assert database.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["station.sqlite3"]
    earlier = tmp_path / "badge.pdf"  # an earlier badge is still replaced by the new one
    deliver_badge(sample_badge(), parse_printer_spec(f"pdf:{earlier}"))
    deliver_badge(sample_badge(first_name="Zed"), parse_printer_spec(f"pdf:{earlier}"))
    assert earlier.read_bytes().startswith(b"%PDF-")


def test_escpos_file_never_overwrites_a_file_that_is_not_an_escpos_job(tmp_path: Path) -> None:
    database = tmp_path / "station.sqlite3"
    database.write_bytes(b"SQLite format 3\x00" + bytes(4080))
    before = database.read_bytes()
    with pytest.raises(PrinterSetupError, match="not an ESC/POS job"):
        deliver_badge(sample_badge(), parse_printer_spec(f"escpos-file:{database}"))
    assert database.read_bytes() == before
    earlier = tmp_path / "job.bin"  # an earlier job's file is replaced by the next one
    deliver_badge(sample_badge(), parse_printer_spec(f"escpos-file:{earlier}"))
    deliver_badge(sample_badge(first_name="Zed"), parse_printer_spec(f"escpos-file:{earlier}"))
    assert earlier.read_bytes().startswith(b"\x1b@")


class FakeUsbPrinter:
    """A USB ESC/POS printer as python-escpos's `Usb` class shows it (open, _raw, query_status,
    close): the one part that cannot run here is the device itself."""

    def __init__(self, after_job: bytes = b"\x12", fail_write: bool = False) -> None:
        self.after_job = after_job  # the status byte answered once the job is in
        self.fail_write = fail_write
        self.received = bytearray()
        self.device = object()
        self.closed = False

    def open(self) -> None:
        return None

    def _raw(self, data: bytes) -> None:
        if self.fail_write and len(data) > 3:
            self.received += data[: len(data) // 2]
            raise OSError("[Errno 19] No such device (cable pulled)")
        self.received += data

    def query_status(self, question: bytes) -> bytes:
        return self.after_job if self.received else b"\x12"

    def close(self) -> None:
        self.closed = True


def test_usb_and_serial_printers_confirm_by_their_status_after_the_job() -> None:
    from printing.escpos_transport import _send_escpos_device

    spec = parse_printer_spec("escpos-usb:04b8:0202")
    ready = FakeUsbPrinter()
    assert _send_escpos_device(spec, b"job", ready).confirmed and ready.closed
    with pytest.raises(PrintUnconfirmed, match="stopped taking data mid-badge"):
        _send_escpos_device(spec, b"a longer job", FakeUsbPrinter(fail_write=True))
    with pytest.raises(PrintUnconfirmed, match="nothing confirms"):
        _send_escpos_device(spec, b"job", FakeUsbPrinter(after_job=b""))  # no answer
    with pytest.raises(PrintUnconfirmed, match="went offline"):
        _send_escpos_device(spec, b"job", FakeUsbPrinter(after_job=b"\x1a"))  # offline bit
