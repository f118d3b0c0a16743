"""The operator PIN as a proof the server can check: a privileged log entry (a supervisor
override, a conflict acknowledgement made at a station) is signed with a key derived from the
PIN while an operator has the station unlocked, and the server, which knows the PIN, checks it.

How the secrets hang together (RFC 7914 scrypt, RFC 5869 HKDF, RFC 2104 HMAC):

    stretched   = scrypt(PIN, salt, n, r, p)                 (slow: ~50 ms, 16 MiB)
    check       = HKDF-SHA256(stretched, info="doorline operator PIN check")
    signing key = HKDF-SHA256(stretched, info="doorline operator PIN signing")

- The server (`doorline server pin`) keeps the verifier (salt, cost, check, version) and the
  signing key; stations and bundles receive only the verifier (`PinVerifier`), which lets a
  station tell a right PIN from a wrong one and nothing else.
- A station unlocked with the right PIN holds the signing key in memory, never on disk, and
  signs each privileged entry (`sign_entry`); locked, it cannot.
- The signature covers what the entry records (id, event, gate, ticket, action, verdict, times,
  method, ref, words), not its place in a station's chain, so an entry re-issued under a new
  station identity (docs/sync-protocol.md) keeps it. Its MAC is HMAC-SHA256 truncated to 128
  bits, like a ticket's.

What the verifier does not stop: someone holding it (the station's disk, a bundle) can try
every PIN offline at scrypt's cost — 10,000 four-digit PINs in minutes, a million six-digit
ones in about a day on one core. Longer PINs cost more; docs/sync-protocol.md says so.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from kiosk.domain.verdicts import Action

DEFAULT_PIN = "1234"  # demo events and stations until an operator sets one
MIN_PIN_DIGITS = 4
MAX_PIN_DIGITS = 32
SIGNATURE_PREFIX = "pin1"
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
# Bounds on a verifier received from elsewhere: a hostile server must not make a station
# spend minutes or gigabytes on one PIN check.
_MAX_N, _MAX_R, _MAX_P = 2**17, 16, 4
PRIVILEGED_ACTIONS = frozenset({Action.OVERRIDE, Action.CONFLICT_ACK})
# The entry fields a PIN signature covers (not station_id, seq or the chain hashes).
SIGNED_FIELDS = (
    "id", "event_id", "gate_id", "ticket_id", "action", "verdict", "hlc", "wall_ms", "offline",
    "method", "ref", "detail",
)  # fmt: skip
_CHECK_INFO = b"doorline operator PIN check"
_SIGNING_INFO = b"doorline operator PIN signing"
_MAC_BYTES = 16


class PinFormatError(ValueError):
    """A PIN that is not 4 to 32 digits, or a verifier of the wrong shape (words)."""


def pin_problem(pin: str) -> str | None:
    """Why `pin` cannot be an operator PIN (the keypad has digits only), None when it can."""
    if not pin.isascii() or not pin.isdigit():
        return "a PIN is digits only (the station's keypad has nothing else)"
    if not MIN_PIN_DIGITS <= len(pin) <= MAX_PIN_DIGITS:
        return f"a PIN is {MIN_PIN_DIGITS} to {MAX_PIN_DIGITS} digits"
    return None


@dataclass(frozen=True)
class PinVerifier:
    """What a station holds of the operator PIN: enough to check a PIN typed at it (slowly),
    not enough to sign. `version` is when the PIN was set (Unix ms)."""

    salt: bytes
    n: int
    r: int
    p: int
    check: bytes
    version: int

    def to_json(self) -> dict[str, Any]:
        return {
            "kdf": "scrypt",
            "salt": self.salt.hex(),
            "n": self.n,
            "r": self.r,
            "p": self.p,
            "check": self.check.hex(),
            "version": self.version,
        }

    @classmethod
    def from_json(cls, data: Any) -> PinVerifier:
        """Raises PinFormatError naming the field for anything but a well-formed verifier with
        a bounded cost."""
        if type(data) is not dict or data.get("kdf") != "scrypt":
            raise PinFormatError("operator_pin must be an object with kdf 'scrypt'")
        numbers = {}
        for name, top in (("n", _MAX_N), ("r", _MAX_R), ("p", _MAX_P), ("version", 2**63 - 1)):
            value = data.get(name)
            if type(value) is not int or not 1 <= value <= top:
                raise PinFormatError(f"operator_pin.{name} must be an integer from 1 to {top}")
            numbers[name] = value
        if numbers["n"] & (numbers["n"] - 1):
            raise PinFormatError("operator_pin.n must be a power of two")
        blobs = {}
        for name in ("salt", "check"):
            value = data.get(name)
            try:
                blobs[name] = bytes.fromhex(value) if type(value) is str else b""
            except ValueError:
                blobs[name] = b""
            if not 16 <= len(blobs[name]) <= 64:
                raise PinFormatError(f"operator_pin.{name} must be 16 to 64 bytes in hex")
        return cls(blobs["salt"], numbers["n"], numbers["r"], numbers["p"], blobs["check"],
                   numbers["version"])  # fmt: skip


@dataclass(frozen=True)
class PinSecrets:
    """What the server keeps of an operator PIN: the verifier it hands out, and the key."""

    verifier: PinVerifier
    signing_key: bytes = b""

    def __repr__(self) -> str:  # the key never reaches a log line
        return f"PinSecrets(version={self.verifier.version})"


def _stretch(pin: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(pin.encode())


def _hkdf(stretched: bytes, info: bytes) -> bytes:
    return HKDF(hashes.SHA256(), 32, salt=None, info=info).derive(stretched)


def new_pin_secrets(pin: str, version: int, n: int = SCRYPT_N) -> PinSecrets:
    """A fresh salt and everything derived from `pin` (PinFormatError for a bad PIN)."""
    problem = pin_problem(pin)
    if problem is not None:
        raise PinFormatError(problem)
    salt = secrets.token_bytes(16)
    stretched = _stretch(pin, salt, n, SCRYPT_R, SCRYPT_P)
    verifier = PinVerifier(salt, n, SCRYPT_R, SCRYPT_P, _hkdf(stretched, _CHECK_INFO), version)
    return PinSecrets(verifier, _hkdf(stretched, _SIGNING_INFO))


def unlock(pin: str, verifier: PinVerifier) -> bytes | None:
    """The signing key when `pin` is the operator PIN (compared in constant time), else None.
    Costs one scrypt (~50 ms): call it off the scanning path."""
    if pin_problem(pin) is not None:
        return None
    stretched = _stretch(pin, verifier.salt, verifier.n, verifier.r, verifier.p)
    if not hmac.compare_digest(_hkdf(stretched, _CHECK_INFO), verifier.check):
        return None
    return _hkdf(stretched, _SIGNING_INFO)


def _signed_text(fields: Mapping[str, Any]) -> bytes:
    values = {name: fields.get(name) for name in SIGNED_FIELDS}
    values["action"] = str(values["action"])
    values["verdict"] = None if values["verdict"] is None else str(values["verdict"])
    values["offline"] = bool(values["offline"])
    return json.dumps(values, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode()


def sign_entry(key: bytes, version: int, fields: Mapping[str, Any]) -> str:
    """`pin1:VERSION:MAC` for an entry's fields (a LogEntry's `to_json()`, or its fields
    before sealing)."""
    mac = hmac.new(key, _signed_text(fields), hashlib.sha256).digest()[:_MAC_BYTES]
    return f"{SIGNATURE_PREFIX}:{version}:{mac.hex()}"


def signature_version(signature: str | None) -> int | None:
    """The PIN version a signature claims, None when it is not a PIN signature at all."""
    parts = (signature or "").split(":")
    if len(parts) != 3 or parts[0] != SIGNATURE_PREFIX or not parts[1].isdigit():
        return None
    return int(parts[1])


def signature_matches(key: bytes, version: int, fields: Mapping[str, Any]) -> bool:
    """Whether `fields["pin_signature"]` was made with this PIN version's key over exactly
    these fields (constant-time comparison)."""
    claimed = fields.get("pin_signature")
    if not isinstance(claimed, str):
        return False
    return hmac.compare_digest(claimed.encode(), sign_entry(key, version, fields).encode())
