"""Each event's operator PIN, as the server keeps it (`OperatorPins`), and the check of the
privileged entries stations push (`refuse_unsigned_privileged`).

The server keeps the PIN's verifier (handed to stations with every pull, with the event info
and in bundles) and its signing key (never handed out); see `kiosk.domain.pin_signature`. A
station-made override or conflict acknowledgement is stored only with a signature made with
the current PIN's key: a station nobody unlocked with the PIN cannot make one the server
accepts (docs/sync-protocol.md, "Operator entries need the PIN").
"""

from __future__ import annotations

import json
from typing import Any

from kiosk.domain.pin_signature import (
    PRIVILEGED_ACTIONS,
    PinSecrets,
    PinVerifier,
    new_pin_secrets,
    signature_matches,
    signature_version,
)
from server_stub.storage.catalog import now_ms, pin_verifier_json
from server_stub.storage.database import Database, Dialect, Tx
from server_stub.storage.entry_check import rejected
from server_stub.storage.interface import AckProblem, EntryAck

NOT_UNLOCKED = "refused by the server: not unlocked by PIN"
_PRIVILEGED = frozenset(str(a) for a in PRIVILEGED_ACTIONS)


class OperatorPins:
    """`Pins` over a `Database`."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def set_pin(self, event_id: int, pin: str) -> PinVerifier:
        """Set (or change) the event's operator PIN; returns the new verifier. Its version is
        the time it was set, later than any before; signatures made with an earlier PIN are
        refused from now on. Raises PinFormatError for a PIN that is not 4-32 digits."""
        with self.db.transaction() as tx:
            row = tx.execute(
                "SELECT set_ms FROM event_pins WHERE event_id = ?", (event_id,)
            ).fetchone()
            version = max(now_ms(), int(row[0]) + 1) if row else now_ms()
            made = new_pin_secrets(pin, version)
            tx.execute(
                "INSERT INTO event_pins (event_id, verifier, signing_key, set_ms) "
                "VALUES (?, ?, ?, ?) ON CONFLICT (event_id) DO UPDATE SET "
                "verifier = excluded.verifier, signing_key = excluded.signing_key, "
                "set_ms = excluded.set_ms",
                (
                    event_id,
                    json.dumps(made.verifier.to_json()),
                    made.signing_key.hex(),
                    version,
                ),
            )
        return made.verifier

    def verifier(self, event_id: int) -> PinVerifier | None:
        """The event's PIN verifier (what stations may hold), None when no PIN is set."""
        with self.db.reading() as tx:
            found = pin_verifier_json(tx, event_id)
        return None if found is None else PinVerifier.from_json(found)


def _secrets(tx: Tx, event_id: int) -> PinSecrets | None:
    row = tx.execute(
        "SELECT verifier, signing_key FROM event_pins WHERE event_id = ?", (event_id,)
    ).fetchone()
    if row is None:
        return None
    return PinSecrets(PinVerifier.from_json(json.loads(row[0])), bytes.fromhex(row[1]))


def refuse_unsigned_privileged(
    tx: Tx,
    dialect: Dialect,
    event_id: int,
    checked: list[dict[str, Any] | EntryAck],
    held: set[str] | None = None,
) -> list[dict[str, Any] | EntryAck]:
    """Overrides and conflict acknowledgements pushed by a station, entry by entry: kept only
    when signed with the event's current PIN key; otherwise rejected (`not_pin_unlocked`)
    with words the station shows. An entry the log already holds is left to the duplicate
    check (a resend of a stored entry is never refused after a PIN change). `held`: entry
    ids of the batch the log holds, when the caller has read them already."""
    privileged = [c for c in checked if not isinstance(c, EntryAck) and c["action"] in _PRIVILEGED]
    if not privileged:
        return checked
    if held is None:
        held = {
            r[0]
            for r in tx.execute(
                "SELECT id FROM log WHERE " + dialect.in_list("id", "text"),
                (dialect.list_param([c["id"] for c in privileged]),),
            )
        }
    pin = _secrets(tx, event_id)
    out: list[dict[str, Any] | EntryAck] = []
    for entry in checked:
        if isinstance(entry, EntryAck) or entry["action"] not in _PRIVILEGED or entry["id"] in held:
            out.append(entry)
            continue
        why = _unsigned_because(pin, entry)
        out.append(
            entry
            if why is None
            else rejected(entry["id"], f"{NOT_UNLOCKED} ({why})", AckProblem.NOT_PIN_UNLOCKED)
        )
    return out


def _unsigned_because(pin: PinSecrets | None, entry: dict[str, Any]) -> str | None:
    """Why `entry` is not signed with the current PIN, None when it is."""
    if pin is None:
        return (
            "no operator PIN is set for this event on the server; an operator sets one with "
            "'doorline server pin'"
        )
    version = signature_version(entry.get("pin_signature"))
    if version is None:
        return "the station was not unlocked with the operator PIN when this was recorded"
    if version != pin.verifier.version:
        return "it was signed with an operator PIN that has since been changed"
    if not signature_matches(pin.signing_key, version, entry):
        return "its PIN signature does not match: forged, or made with another PIN"
    return None
