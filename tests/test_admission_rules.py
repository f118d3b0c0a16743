"""The admission rules, one row per verdict and per gate rule (a pure function, no database)."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from kiosk.domain.admission import TicketRecord, TypeWindow, decide
from kiosk.domain.gate_rules import EntryMode, GateRules, UnknownTicketPolicy
from kiosk.domain.merge import Admission, TicketState, TicketStatus
from kiosk.domain.reasons import UNPAID_REVOCATION, Reason, said
from kiosk.domain.station_directory import StationLabel
from kiosk.domain.ticket_codec import (
    KeyAlgorithm,
    Keyring,
    SigningKey,
    TicketClaims,
    encode,
    generate_key,
)
from kiosk.domain.verdicts import Action, Direction, Verdict

EVENT = 4242
KEY = SigningKey(EVENT, 1, KeyAlgorithm.HMAC_SHA256, b"k" * 32)
NOW = 1_767_268_800_000  # 2026-01-01 12:00 UTC
HOUR = 3_600_000
EARLIER = Admission("e1", "station-a", "main", (NOW - HOUR) << 16, NOW - HOUR)
YESTERDAY = Admission("e0", "station-a", "main", (NOW - 24 * HOUR) << 16, NOW - 24 * HOUR)


@dataclass
class FakeView:
    """An in-memory replica view: what the rules see, nothing else."""

    tickets: dict[int, TicketRecord] = field(default_factory=dict)
    states: dict[int, TicketState] = field(default_factory=dict)
    revoked: dict[int, str] = field(default_factory=dict)
    windows: dict[int, TypeWindow] = field(default_factory=dict)
    shop_barcodes: dict[str, int] = field(default_factory=dict)
    event_id: int = EVENT

    def keyring(self) -> Keyring:
        return Keyring([KEY.verify_key()])

    def ticket(self, ticket_id: int) -> TicketRecord | None:
        return self.tickets.get(ticket_id)

    def ticket_state(self, ticket_id: int) -> TicketState:
        return self.states.get(ticket_id, TicketState())

    def revocation(self, ticket_id: int) -> str | None:
        return self.revoked.get(ticket_id)

    def type_window(self, ticket_type: int) -> TypeWindow:
        return self.windows.get(ticket_type, TypeWindow())

    def gate_name(self, gate_id: str | None) -> str:
        return {"main": "Main entrance"}.get(gate_id or "", "?")

    def station_label(self, station_id: str, gate_id: str | None = None) -> StationLabel:
        return StationLabel(station_id, {"s1": "Door 1"}.get(station_id), self.gate_name(gate_id))

    def ticket_by_external_code(self, code: str) -> TicketRecord | None:
        ticket_id = self.shop_barcodes.get(code)
        return None if ticket_id is None else self.tickets.get(ticket_id)


def record(tid: int = 1, type_id: int = 0, flagged: bool = False) -> TicketRecord:
    return TicketRecord(
        tid,
        type_id,
        "General",
        "Ada",
        "Lovelace",
        flagged=flagged,
        note="ID check" if flagged else "",
    )


def code(tid: int = 1, type_id: int = 0, vfrom: int | None = None, vuntil: int | None = None):
    return encode(TicketClaims(EVENT, tid, type_id, vfrom, vuntil), KEY)


MAIN = GateRules("main", "Main entrance")
inside = TicketState(TicketStatus.INSIDE, (EARLIER,), EARLIER.hlc, inside_since=EARLIER)
left = TicketState(TicketStatus.OUTSIDE, (EARLIER,), EARLIER.hlc + 1)
was_in_yesterday = TicketState(TicketStatus.OUTSIDE, (YESTERDAY,), YESTERDAY.hlc)
foreign = encode(
    TicketClaims(EVENT + 1, 1, 0), generate_key(EVENT + 1, 1, KeyAlgorithm.HMAC_SHA256)
)
unknown_key = encode(TicketClaims(EVENT, 1, 0), generate_key(EVENT, 7, KeyAlgorithm.HMAC_SHA256))
forged = encode(
    TicketClaims(EVENT, 1, 0), SigningKey(EVENT, 1, KeyAlgorithm.HMAC_SHA256, b"x" * 32)
)
now_s = NOW // 1000

CASES = [
    # (id, raw, view, gate, direction, expected verdict)
    ("admitted", code(), FakeView({1: record()}), MAIN, Direction.ENTRY, Verdict.ADMITTED),
    (
        "exit_recorded",
        code(),
        FakeView({1: record()}, {1: inside}),
        MAIN,
        Direction.EXIT,
        Verdict.EXIT_RECORDED,
    ),
    (
        "exit_recorded_even_when_revoked",
        code(),
        FakeView({1: record()}, revoked={1: "refund"}),
        MAIN,
        Direction.EXIT,
        Verdict.EXIT_RECORDED,
    ),
    (
        "already_checked_in_single",
        code(),
        FakeView({1: record()}, {1: left}),
        MAIN,
        Direction.ENTRY,
        Verdict.ALREADY_CHECKED_IN,
    ),
    ("malformed", "hello world", FakeView(), MAIN, Direction.ENTRY, Verdict.MALFORMED),
    ("malformed_empty", "", FakeView(), MAIN, Direction.ENTRY, Verdict.MALFORMED),
    (
        "bad_signature",
        forged,
        FakeView({1: record()}),
        MAIN,
        Direction.ENTRY,
        Verdict.BAD_SIGNATURE,
    ),
    (
        "unknown_key",
        unknown_key,
        FakeView({1: record()}),
        MAIN,
        Direction.ENTRY,
        Verdict.UNKNOWN_KEY,
    ),
    ("wrong_event", foreign, FakeView(), MAIN, Direction.ENTRY, Verdict.WRONG_EVENT),
    (
        "not_yet_valid_code",
        code(vfrom=now_s + 60),
        FakeView({1: record()}),
        MAIN,
        Direction.ENTRY,
        Verdict.NOT_YET_VALID,
    ),
    (
        "expired_code",
        code(vuntil=now_s - 60),
        FakeView({1: record()}),
        MAIN,
        Direction.ENTRY,
        Verdict.EXPIRED,
    ),
    (
        "expired_at_the_exact_end",
        code(vuntil=now_s),
        FakeView({1: record()}),
        MAIN,
        Direction.ENTRY,
        Verdict.EXPIRED,
    ),
    (
        "not_yet_valid_type_window",
        code(),
        FakeView({1: record()}, windows={0: TypeWindow(valid_from_ms=NOW + HOUR)}),
        MAIN,
        Direction.ENTRY,
        Verdict.NOT_YET_VALID,
    ),
    (
        "expired_gate_window",
        code(),
        FakeView({1: record()}),
        GateRules("main", "Main", valid_until_ms=NOW - 1),
        Direction.ENTRY,
        Verdict.EXPIRED,
    ),
    (
        "revoked",
        code(),
        FakeView({1: record()}, revoked={1: "refunded"}),
        MAIN,
        Direction.ENTRY,
        Verdict.REVOKED,
    ),
    (
        "wrong_gate",
        code(type_id=2),
        FakeView({1: record(type_id=2)}),
        GateRules("vip", "VIP", allowed_types=frozenset({1})),
        Direction.ENTRY,
        Verdict.WRONG_GATE,
    ),
    (
        "unknown_ticket_refused_by_policy",
        code(tid=99),
        FakeView(),
        GateRules("main", "Main", unknown_ticket_policy=UnknownTicketPolicy.REFUSE),
        Direction.ENTRY,
        Verdict.UNKNOWN_TICKET,
    ),
    (
        "unknown_ticket_admitted_offline",
        code(tid=99),
        FakeView(),
        MAIN,
        Direction.ENTRY,
        Verdict.ADMITTED,
    ),
    (
        "needs_supervisor",
        code(),
        FakeView({1: record(flagged=True)}),
        MAIN,
        Direction.ENTRY,
        Verdict.NEEDS_SUPERVISOR,
    ),
    (
        "reentry_after_exit",
        code(),
        FakeView({1: record()}, {1: left}),
        GateRules("main", "Main", entry_mode=EntryMode.REENTRY),
        Direction.ENTRY,
        Verdict.ADMITTED,
    ),
    (
        "reentry_while_inside",
        code(),
        FakeView({1: record()}, {1: inside}),
        GateRules("main", "Main", entry_mode=EntryMode.REENTRY),
        Direction.ENTRY,
        Verdict.ALREADY_CHECKED_IN,
    ),
    (
        "multi_entry_while_inside",
        code(),
        FakeView({1: record()}, {1: inside}),
        GateRules("main", "Main", entry_mode=EntryMode.MULTI),
        Direction.ENTRY,
        Verdict.ADMITTED,
    ),
    (
        "daily_second_time_today",
        code(),
        FakeView({1: record()}, {1: left}),
        GateRules("main", "Main", entry_mode=EntryMode.DAILY),
        Direction.ENTRY,
        Verdict.ALREADY_CHECKED_IN,
    ),
    (
        "daily_again_next_day",
        code(),
        FakeView({1: record()}, {1: was_in_yesterday}),
        GateRules("main", "Main", entry_mode=EntryMode.DAILY),
        Direction.ENTRY,
        Verdict.ADMITTED,
    ),
]


@pytest.mark.parametrize(
    ("raw", "view", "gate", "direction", "expected"),
    [c[1:] for c in CASES],
    ids=[c[0] for c in CASES],
)
def test_verdict_table(raw, view, gate, direction, expected):
    decision = decide(raw, view, gate, NOW, direction)
    assert decision.verdict is expected
    assert decision.detail
    if expected.lets_through:
        assert decision.action in (Action.ENTRY, Action.EXIT)
    else:
        assert decision.action is Action.REFUSED


def test_every_verdict_has_a_row_in_the_table():
    assert {c[5] for c in CASES} == set(Verdict)


def test_already_checked_in_says_when_and_at_which_gate():
    decision = decide(code(), FakeView({1: record()}, {1: left}), MAIN, NOW, Direction.ENTRY)
    assert decision.previous == EARLIER
    assert "2026-01-01 11:00" in decision.detail and "Main entrance" in decision.detail


def test_daily_mode_counts_days_in_the_event_time_zone():
    tokyo = GateRules("main", "Main", entry_mode=EntryMode.DAILY, timezone="Asia/Tokyo")
    # 23:30 UTC on Jan 1 is already Jan 2 in Tokyo; an admission at 12:00 UTC Jan 1 was Jan 1.
    late = NOW + 11 * HOUR + 30 * 60_000
    admission = Admission("a", "s", "main", NOW << 16, NOW)
    state = TicketState(TicketStatus.OUTSIDE, (admission,), NOW << 16)
    decision = decide(code(), FakeView({1: record()}, {1: state}), tokyo, late, Direction.ENTRY)
    assert decision.verdict is Verdict.ADMITTED


def test_unknown_but_genuine_ticket_is_marked_verified_offline():
    decision = decide(code(tid=77), FakeView(), MAIN, NOW, Direction.ENTRY)
    assert decision.offline and decision.ticket_id == 77


def test_a_ticket_shops_barcode_the_replica_holds_follows_the_same_rules() -> None:
    view = FakeView(tickets={1: record(1)}, shop_barcodes={"EB-4521889901": 1})
    gate = GateRules("main", "Main entrance", entry_mode=EntryMode.SINGLE)
    first = decide(" eb-4521889901\r\n", view, gate, NOW, Direction.ENTRY)
    assert (first.verdict, first.ticket_id) == (Verdict.ADMITTED, 1)
    view.revoked[1] = "refunded"
    assert decide("EB-4521889901", view, gate, NOW, Direction.ENTRY).verdict is Verdict.REVOKED
    assert decide("EB-4521889902", view, gate, NOW, Direction.ENTRY).verdict is Verdict.MALFORMED


def test_daily_rules_read_the_scans_wall_time_not_an_hlc_a_fast_clock_pushed_ahead():
    """An admission stamped at 11:00 today whose HLC a skewed station pushed two days ahead:
    a second scan today is a repeat, a scan tomorrow is a new day."""
    daily = GateRules("main", "Main", entry_mode=EntryMode.DAILY)
    ahead = (NOW + 48 * HOUR) << 16
    today = Admission("a", "skewed", "main", ahead, NOW - HOUR)
    state = TicketState(TicketStatus.OUTSIDE, (today,), ahead)
    view = FakeView({1: record()}, {1: state})
    assert decide(code(), view, daily, NOW, Direction.ENTRY).verdict is Verdict.ALREADY_CHECKED_IN
    tomorrow = NOW + 24 * HOUR
    assert decide(code(), view, daily, tomorrow, Direction.ENTRY).verdict is Verdict.ADMITTED
    in_two_days = NOW + 48 * HOUR
    assert decide(code(), view, daily, in_two_days, Direction.ENTRY).verdict is Verdict.ADMITTED


def test_the_replicas_ticket_type_wins_over_the_type_in_an_older_code() -> None:
    """A re-import downgraded ticket 1 from VIP (type 1) to general (type 0); the attendee
    still holds the VIP code printed before."""
    view = FakeView(tickets={1: record(1, type_id=0)})
    vip_lounge = GateRules("vip", "VIP lounge", allowed_types=frozenset({1}))
    decision = decide(code(1, type_id=1), view, vip_lounge, NOW, Direction.ENTRY)
    assert decision.verdict is Verdict.WRONG_GATE


def test_an_unpaid_ticket_is_refused_as_not_paid_not_as_cancelled() -> None:
    """An order the shop has not seen paid is refused, but in its own words: door staff send
    the person to the box office instead of turning away a 'cancelled' ticket."""
    view = FakeView({1: record()}, revoked={1: UNPAID_REVOCATION})
    unpaid = decide(code(), view, MAIN, NOW, Direction.ENTRY)
    assert unpaid.verdict is Verdict.REVOKED
    assert unpaid.said == said(Reason.NOT_PAID)
    assert unpaid.detail == "not paid yet — send to the box office"
    assert "cancel" not in unpaid.detail
    view.revoked[1] = "refunded"
    refunded = decide(code(), view, MAIN, NOW, Direction.ENTRY)
    assert refunded.said == said(Reason.CANCELLED, "refunded")
