"""The operator PIN: stored as a salted PBKDF2 hash, compared in constant time, and guarded
against guessing by a growing lockout."""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from kiosk.domain.pin_signature import DEFAULT_PIN  # `doorline demo` prints it

log = logging.getLogger(__name__)

__all__ = ["DEFAULT_PIN", "PinCheck", "PinGuard", "PinResult", "check_pin", "hash_pin"]
# A stored PIN hash (`hash_pin`), or a function that says whether a typed PIN is right.
PinCheck = str | Callable[[str], bool]
_ROUNDS = 50_000


def hash_pin(pin: str, salt: bytes | None = None) -> str:
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.pbkdf2_hmac("sha256", pin.encode(), salt, _ROUNDS)
    return f"{salt.hex()}${digest.hex()}"


def check_pin(pin: str, stored: str) -> bool:
    try:
        salt_hex, digest_hex = stored.split("$", 1)
        salt = bytes.fromhex(salt_hex)
    except ValueError:
        return False
    expected = hash_pin(pin, salt).split("$", 1)[1]
    return hmac.compare_digest(expected, digest_hex)


class PinResult(StrEnum):
    GRANTED = "granted"
    WRONG = "wrong"
    LOCKED = "locked"


@dataclass
class PinGuard:
    """Wrong PINs in a row lock the prompt, each lockout twice as long as the one before.

    `free_attempts` wrong PINs are allowed; the next wrong one locks for `first_lock_s`, then
    2×, 4×… until the right PIN is entered. One guard per window family (door and kiosk share
    the station's), so closing and reopening the dialog does not reset the count. Each lockout
    is logged (a warning, with the count) for the operator's records.
    """

    free_attempts: int = 5
    first_lock_s: float = 30.0
    clock: Callable[[], float] = time.monotonic
    failures: int = 0
    locked_until: float = 0.0

    def locked_for_s(self) -> float:
        """Seconds until the next attempt is allowed (0: allowed now)."""
        return max(0.0, self.locked_until - self.clock())

    def attempt(self, pin: str, stored: PinCheck) -> PinResult:
        """`stored`: the PIN's hash, or a check (the station's, against the server's PIN
        verifier, which also unlocks the station's signing key)."""
        if self.locked_for_s() > 0:
            return PinResult.LOCKED
        right = stored(pin) if callable(stored) else check_pin(pin, stored)
        if right:
            self.failures = 0
            return PinResult.GRANTED
        self.failures += 1
        if self.failures < self.free_attempts:
            return PinResult.WRONG
        lock_s = self.first_lock_s * 2 ** (self.failures - self.free_attempts)
        self.locked_until = self.clock() + lock_s
        log.warning(
            "operator PIN: %d wrong in a row; the prompt is locked for %d s",
            self.failures,
            int(lock_s),
        )
        return PinResult.LOCKED
