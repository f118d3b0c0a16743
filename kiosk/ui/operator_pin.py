"""The operator PIN: stored as a salted PBKDF2 hash, compared in constant time."""

from __future__ import annotations

import hashlib
import hmac
import secrets

DEFAULT_PIN = "1234"  # until an operator sets one; `doorline demo` prints it
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
