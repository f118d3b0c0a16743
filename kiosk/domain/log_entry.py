"""One immutable check-in log entry and its place in the station's tamper-evident chain.

Two chain rules, told apart by the hash itself, so a log written under both still verifies:

- rule 1 (every log before this change, and stations whose server does not offer rule 2):
  `hash` = SHA-256 hex of the entry's canonical JSON. Anyone can compute it again, so an edited
  row with the chain re-hashed after it is not seen offline.
- rule 2 (`KEYED_PREFIX` "k2:" + 64 hex): HMAC-SHA256 of the same text with the station's
  chain key (`chain_key`, derived by HKDF from its station credential, which the server sees
  on every request). A re-hash without the key is seen by `verify_chain`. Once an entry of a
  log is keyed, every later one must be (`verify_chain` refuses a fall-back).
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass, fields
from typing import Any

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from kiosk.domain.verdicts import Action, Verdict

GENESIS_HASH = "0" * 64
KEYED_PREFIX = "k2:"
# The name of rule 2 in the protocol: a server that checks keyed chains says `log_chain: "k2"`.
KEYED_RULE = "k2"
CHAIN_KEY_INFO = b"doorline station log chain, rule 2"
# Fields added after the first release: left out of the hashed text while they are null, so
# every entry written before them keeps its hash.
_OPTIONAL_FIELDS = ("pin_signature",)


@dataclass(frozen=True)
class LogEntry:
    """An action at a station. `id` is the idempotency key; (`station_id`, `seq`) reveals gaps.

    `hash` covers every other field including `prev_hash`, so removing or editing an entry
    breaks the chain from that point on, which `verify_chain` reports. `pin_signature` is the
    operator's PIN signature of a privileged entry (override, conflict acknowledgement; see
    `kiosk.domain.operator_pin`), None on every other entry.
    """

    id: str
    station_id: str
    seq: int
    hlc: int
    wall_ms: int
    event_id: int
    gate_id: str | None
    ticket_id: int | None
    action: Action
    verdict: Verdict | None
    offline: bool
    method: str
    ref: str | None
    detail: str
    prev_hash: str
    hash: str
    pin_signature: str | None = None

    def to_json(self) -> dict[str, Any]:
        """A plain dict (no `asdict`: its deep copy made this the bottleneck of a push)."""
        data = {name: getattr(self, name) for name in ENTRY_FIELDS}
        data["action"] = str(self.action)
        data["verdict"] = None if self.verdict is None else str(self.verdict)
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> LogEntry:
        values = {name: data[name] for name in ENTRY_FIELDS if name not in _OPTIONAL_FIELDS}
        values["action"] = Action(values["action"])
        values["verdict"] = None if values["verdict"] is None else Verdict(values["verdict"])
        values["offline"] = bool(values["offline"])
        return cls(**values, pin_signature=data.get("pin_signature"))

    @property
    def keyed(self) -> bool:
        """Sealed under chain rule 2 (HMAC with the station's chain key)."""
        return self.hash.startswith(KEYED_PREFIX)

    def expected_hash(self, key: bytes | None = None) -> str:
        """The hash this entry's fields give under its own rule: keyed ones need `key`
        (without it, "" — which matches no hash)."""
        if self.keyed and key is None:
            return ""
        unhashed = {k: v for k, v in self.to_json().items() if k != "hash"}
        return entry_hash(unhashed, key if self.keyed else None)


#: The entry's fields in order: also the log table's columns and the wire's keys.
ENTRY_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(LogEntry))


def chain_key(credential: str) -> bytes:
    """The station's chain key (32 bytes): HKDF-SHA256 (RFC 5869) of its station credential.
    The station holds the credential; the server sees it on every request of the station
    (and keeps only its SHA-256), so both can compute the key and nobody else can."""
    return HKDF(hashes.SHA256(), 32, salt=None, info=CHAIN_KEY_INFO).derive(credential.encode())


def hashed_text(unhashed: dict[str, Any]) -> dict[str, Any]:
    """The fields the chain hash covers: every field but `hash`, and the optional ones only
    when they hold something (so entries written before they existed keep their hash)."""
    return {
        k: v
        for k, v in unhashed.items()
        if k != "hash" and not (k in _OPTIONAL_FIELDS and v is None)
    }


def entry_hash(unhashed: dict[str, Any], key: bytes | None = None) -> str:
    """Rule 1 without `key` (SHA-256 hex), rule 2 with it ("k2:" + HMAC-SHA256 hex)."""
    canonical = json.dumps(
        hashed_text(unhashed), sort_keys=True, separators=(",", ":"), ensure_ascii=True
    ).encode()
    return keyed_hash(canonical, key)


def keyed_hash(canonical: bytes, key: bytes | None) -> str:
    """The chain hash of an entry's canonical text, under rule 1 (`key` None) or rule 2."""
    if key is None:
        return hashlib.sha256(canonical).hexdigest()
    return KEYED_PREFIX + hmac.digest(key, canonical, "sha256").hex()  # one-shot, in C


def seal(unhashed: dict[str, Any], key: bytes | None = None) -> LogEntry:
    """Build an entry from its fields, computing the chain hash (keyed when `key` is given)."""
    return LogEntry.from_json({**unhashed, "hash": entry_hash(unhashed, key)})


@dataclass(frozen=True)
class ChainReport:
    ok: bool
    entries: int
    first_bad_seq: int | None = None
    problem: str = ""
    keyed_from: int | None = None  # the first entry sealed under rule 2 (None: none is)

    def rule_words(self) -> str:
        """Which rule covers which entries, for `station verify-log` and `status`."""
        if self.keyed_from is None:
            return "plain SHA-256 chain (not keyed)"
        if self.keyed_from == 1:
            return "keyed chain (HMAC-SHA256) throughout"
        return (
            f"plain SHA-256 up to #{self.keyed_from - 1}, keyed (HMAC-SHA256) from "
            f"#{self.keyed_from}"
        )


def verify_chain(
    entries: list[LogEntry], key: bytes | None = None, keyed_from: int | None = None
) -> ChainReport:
    """Check one station's entries, in sequence order, for edits, removals and gaps.

    `key`: the station's chain key (rule 2 entries cannot be checked without it).
    `keyed_from`: the sequence number from which the station has been writing keyed entries
    (its own record of the switch); an unkeyed entry at or after it, or after any keyed
    entry, is a rewrite by someone without the key."""
    previous = GENESIS_HASH
    first_keyed: int | None = None
    for expected_seq, entry in enumerate(entries, start=1):
        if entry.seq != expected_seq:
            return ChainReport(False, len(entries), expected_seq, f"entry {expected_seq} missing")
        if entry.prev_hash != previous:
            return ChainReport(False, len(entries), entry.seq, "chain broken before this entry")
        if entry.keyed:
            first_keyed = first_keyed or entry.seq
            if key is None:
                return ChainReport(
                    False, len(entries), entry.seq, "entry is keyed and there is no key to check it"
                )
        elif first_keyed is not None or (keyed_from is not None and entry.seq >= keyed_from):
            switch = first_keyed or keyed_from
            return ChainReport(
                False,
                len(entries),
                entry.seq,
                f"entry is not keyed, though this log is keyed from #{switch}: it was "
                "rewritten without the station's key",
            )
        if entry.expected_hash(key) != entry.hash:
            return ChainReport(False, len(entries), entry.seq, "entry was altered")
        previous = entry.hash
    return ChainReport(True, len(entries), keyed_from=first_keyed)
