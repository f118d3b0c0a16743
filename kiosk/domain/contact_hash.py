"""Keyed hashes of attendee e-mail and phone: a station can match what an attendee types
without ever holding the address itself (a stolen kiosk leaks no contact list)."""

from __future__ import annotations

import hashlib
import hmac
import re
import unicodedata


def normalise_email(email: str) -> str:
    return unicodedata.normalize("NFKC", email).strip().casefold()


def normalise_phone(phone: str) -> str:
    return re.sub(r"\D", "", phone)


def contact_hash(key: bytes, value: str) -> str:
    return hmac.new(key, value.encode(), hashlib.sha256).hexdigest()


def email_hash(key: bytes, email: str) -> str:
    return contact_hash(key, "email:" + normalise_email(email))


def phone_hash(key: bytes, phone: str) -> str:
    return contact_hash(key, "phone:" + normalise_phone(phone))
