"""The operators' live dashboard in a real browser (issue 15 §4): Debian's Chromium driven by
Playwright against a real server (uvicorn on 127.0.0.1) and real stations syncing over HTTP.

An operator signs in, watches a scan pushed by a station appear without reloading, acknowledges
a conflict, revokes a ticket and sees the station refuse it after its next sync. Skips where
Chromium or Playwright is missing, except in CI (CI=true), where it fails instead.

Set DOORLINE_DASHBOARD_SHOTS=DIR to keep the screenshots (the README's come from here).
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sync_support import seed

from kiosk.domain.heartbeat import DeviceState, StationConditions
from kiosk.domain.verdicts import Direction, Verdict
from server_stub.local_server import LocalServer, station_token
from server_stub.storage import open_storage
from server_stub.storage.interface import Role
from sync.engine import SyncEngine
from sync.provisioning import provision_from_server

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
LIVE_MS = 5_000  # the page polls twice a second; generous for a loaded 2-core machine


def _browser_or_skip() -> Any:
    reason = None
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        reason = "the Python package playwright is not installed (pip install -e .[dev])"
    if reason is None and not CHROMIUM.exists():
        reason = "Debian's chromium is not installed (apt-get install chromium)"
    if reason is not None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI requires the browser test: {reason}")
        pytest.skip(reason)
    return sync_playwright


@pytest.fixture
def browser() -> Iterator[Any]:
    sync_playwright = _browser_or_skip()
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


def _shots(tmp_path: Path) -> Path:
    return Path(os.environ.get("DOORLINE_DASHBOARD_SHOTS") or tmp_path / "shots")


def test_an_operator_watches_the_doors_live_and_acts(tmp_path: Path, browser: Any) -> None:
    from playwright.sync_api import expect

    db = tmp_path / "server.sqlite3"
    event = seed(db, tickets=30, name="Harbour Jazz Festival")
    storage = open_storage(db)
    login = storage.operators.add("Olivia Operator", Role.OPERATOR).token
    storage.close()
    server = LocalServer(db)
    server.start()
    engines: list[SyncEngine] = []
    try:

        def station(name: str, gate: str) -> Any:
            token = station_token(db, event.event_id, name)
            data_dir = tmp_path / name.replace(" ", "-")
            door = provision_from_server(data_dir, server.url, token, gate, name)
            engines.append(SyncEngine.for_data_dir(data_dir))
            return door

        north = station("North door", "workshop")
        south = station("South door", "workshop")
        main_gate = station("Main entrance 1", "main")
        north_sync, south_sync, main_sync = engines
        north_sync.set_conditions_provider(
            lambda: StationConditions("door", DeviceState.READY, 0, DeviceState.READY)
        )
        south_sync.set_conditions_provider(
            lambda: StationConditions("self", DeviceState.FAILED, 2, DeviceState.READY)
        )

        page = browser.new_page(viewport={"width": 1280, "height": 1000})
        page.goto(f"{server.url}/dashboard")
        expect(page.get_by_label("Operator login token")).to_be_visible()
        page.get_by_label("Operator login token").fill("dlo_not-a-real-token")
        page.get_by_role("button", name="Sign in").click()
        expect(page.get_by_role("alert")).to_contain_text("not an operator login token")
        page.get_by_label("Operator login token").fill(login)
        page.get_by_role("button", name="Sign in").click()
        expect(page.get_by_role("heading", name="Harbour Jazz Festival")).to_be_visible()
        expect(page.locator("#checked-in")).to_have_text("0")
        expect(page.locator("#registered")).to_have_text("30")
        expect(page.locator("#fleet tbody tr")).to_have_count(3)

        # A scan at the north door, pushed by its sync engine, appears without a reload.
        tickets = event.tickets
        for ticket in tickets[:5]:
            assert north.scan(ticket.code).verdict is Verdict.ADMITTED
        north_sync.sync_once()
        pushed = time.monotonic()
        expect(page.locator("#checked-in")).to_have_text("5", timeout=LIVE_MS)
        print(f"dashboard showed the push after {time.monotonic() - pushed:.2f} s")
        expect(page.locator("#inside")).to_have_text("5", timeout=LIVE_MS)
        north_row = page.locator("#fleet tbody tr", has_text="North door")
        expect(north_row).to_contain_text("Workshop room", timeout=LIVE_MS)
        expect(north_row).to_contain_text("ready", timeout=LIVE_MS)

        # Both doors admit the same ticket before either hears of the other: a conflict.
        doubled = tickets[10]
        assert north.scan(doubled.code).verdict is Verdict.ADMITTED
        assert south.scan(doubled.code).verdict is Verdict.ADMITTED
        at_main = [t for t in tickets[12:20] if t.ticket_type != "Day pass"][:4]
        for ticket in at_main:  # the main entrance does not take day passes
            assert main_gate.scan(ticket.code).verdict is Verdict.ADMITTED
        assert main_gate.scan(at_main[0].code, Direction.EXIT).verdict is Verdict.EXIT_RECORDED
        north_sync.sync_once()
        south_sync.sync_once()
        main_sync.sync_once()
        expect(page.locator("#inside")).to_have_text("9", timeout=LIVE_MS)
        conflict_row = page.locator("#conflicts tbody tr", has_text=str(doubled.ticket_id))
        expect(conflict_row).to_be_visible(timeout=LIVE_MS)
        expect(page.locator("#open-conflicts")).to_have_text("1")
        expect(page.locator("canvas#arrivals")).to_be_visible()
        shots = _shots(tmp_path)
        shots.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(shots / "dashboard-live.png"), full_page=True)

        conflict_row.get_by_role("button", name="Acknowledge").click()
        expect(page.locator("#open-conflicts")).to_have_text("0", timeout=LIVE_MS)
        expect(page.locator("#conflicts tbody")).to_contain_text("No open conflicts")

        # Revoke a ticket found by name; the north door refuses it after its next sync.
        refunded = tickets[20]
        storage = open_storage(db)
        [person] = [
            t for t in storage.roster.roster(event.event_id) if t.ticket_id == refunded.ticket_id
        ]
        storage.close()
        page.get_by_label("Name, e-mail, confirmation code or ticket number").fill(
            person.confirmation
        )
        page.get_by_role("button", name="Search").click()
        result = page.locator("#results tbody tr", has_text=person.last_name)
        expect(result).to_have_count(1)
        result.get_by_role("button", name=f"Revoke ticket {refunded.ticket_id} of").click()
        page.get_by_label("Reason (door staff see it when the ticket is scanned)").fill(
            "refunded on the phone"
        )
        page.screenshot(path=str(shots / "dashboard-revoke.png"))
        page.get_by_role("button", name="Revoke ticket", exact=True).click()
        expect(result).to_contain_text("revoked: refunded on the phone")
        north_sync.sync_once()
        refused = north.scan(refunded.code)
        assert refused.verdict is Verdict.REVOKED
        page.close()
    finally:
        for engine in engines:
            engine.close()
        server.stop()

    storage = open_storage(db)
    try:
        actions = [(a.who, a.via, a.action) for a in storage.operators.actions(event.event_id)]
        conflicts = storage.conflicts.conflicts(event.event_id)
    finally:
        storage.close()
    by_dashboard = {a for w, v, a in actions if v == "dashboard" and "Olivia Operator" in w}
    assert by_dashboard == {"sign in", "conflict ack", "revoke"}
    assert [c["acknowledged_entry_id"] is not None for c in conflicts] == [True]


def test_the_browser_test_is_not_skipped_in_ci() -> None:
    """In CI the tools are installed by setup; a missing one is a failure, not a skip."""
    if os.environ.get("CI") == "true":
        assert CHROMIUM.exists(), "CI needs Debian's chromium (.ci/apt-packages.txt)"
        assert shutil.which("chromium") is not None
