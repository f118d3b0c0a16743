"""Signed ticket codes: the text inside a ticket's QR (PRODUCT §2, docs/ticket-format.md).

A code is the version prefix "1" followed by the body in Doorline base32. The body is
`header | event_id | ticket_id | ticket_type | [valid_from] | [valid_until] | tag`; the tag is
HMAC-SHA256 truncated to 128 bits, or an Ed25519 signature, over the prefix and every byte before
the tag. The algorithm is not written in the code: it is the algorithm of the key the key id names,
so an attacker cannot downgrade a code to a weaker check.

The alphabet avoids every character that a USB scanner set to a US layout types differently on a
French, Belgian or German keyboard unless the difference can be undone unambiguously, and it is a
subset of QR alphanumeric mode. Scanned text reaches the codec through
`kiosk.domain.scanned_text`, which undoes layouts, scanner add-ons and links; `parse`/`verify`
are strict, so any single changed character is refused.

Nothing here raises on bad input: a refusal is a value (`CodeRefusal`) carrying its verdict.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import struct
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from kiosk.domain.reasons import Reason, Said, said
from kiosk.domain.verdicts import Verdict

VERSION = "1"
ALPHABET = "0123456789ABCDEFGHIJKLMNPRSTUVWX"
MAX_CODE_LENGTH = 120
HMAC_TAG_BYTES = 16
ED25519_TAG_BYTES = 64
MAX_KID = 63
_FLAG_VALID_FROM = 0x80
_FLAG_VALID_UNTIL = 0x40
_KID_MASK = 0x3F
_FIXED_FIELDS = struct.Struct(">BIIB")  # header, event_id, ticket_id, ticket_type
_TIME_FIELD = struct.Struct(">I")
_DECODE_TABLE = {ch: i for i, ch in enumerate(ALPHABET)}
#: The shortest code there is: no validity window, HMAC tag (43 characters).
MIN_CODE_LENGTH = len(VERSION) + -(-(_FIXED_FIELDS.size + HMAC_TAG_BYTES) * 8 // 5)


class KeyAlgorithm(StrEnum):
    HMAC_SHA256 = "hmac-sha256"
    ED25519 = "ed25519"

    @property
    def tag_bytes(self) -> int:
        return HMAC_TAG_BYTES if self is KeyAlgorithm.HMAC_SHA256 else ED25519_TAG_BYTES


@dataclass(frozen=True)
class TicketClaims:
    """What a code says about its ticket. Times are Unix seconds (UTC)."""

    event_id: int
    ticket_id: int
    ticket_type: int
    valid_from: int | None = None
    valid_until: int | None = None


@dataclass(frozen=True)
class SigningKey:
    """A key that can mint codes: HMAC secret or Ed25519 private key (raw 32 bytes)."""

    event_id: int
    kid: int
    algorithm: KeyAlgorithm
    secret: bytes

    def verify_key(self) -> VerifyKey:
        if self.algorithm is KeyAlgorithm.HMAC_SHA256:
            material = self.secret
        else:
            material = (
                Ed25519PrivateKey.from_private_bytes(self.secret).public_key().public_bytes_raw()
            )
        return VerifyKey(self.event_id, self.kid, self.algorithm, material)


@dataclass(frozen=True)
class VerifyKey:
    """What a station holds: the HMAC secret, or only the Ed25519 public key."""

    event_id: int
    kid: int
    algorithm: KeyAlgorithm
    material: bytes


@dataclass(frozen=True)
class CodeRefusal:
    """Why a scanned text is not an acceptable ticket code."""

    verdict: Verdict
    said: Said
    claimed_ticket_id: int | None = None

    @property
    def detail(self) -> str:
        """The log's English words for `said`."""
        return self.said.english()


@dataclass(frozen=True)
class ParsedCode:
    """A structurally valid code whose tag has not been checked yet."""

    claims: TicketClaims
    kid: int
    signed: bytes
    tag: bytes


class CodeTooLong(ValueError):
    """The claims cannot be encoded within MAX_CODE_LENGTH characters with this key."""


class Keyring:
    """The verification keys a station trusts; several may be valid at once (rotation)."""

    def __init__(self, keys: Iterable[VerifyKey] = ()) -> None:
        self._keys: dict[tuple[int, int], VerifyKey] = {(k.event_id, k.kid): k for k in keys}

    def get(self, event_id: int, kid: int) -> VerifyKey | None:
        return self._keys.get((event_id, kid))

    def __len__(self) -> int:
        return len(self._keys)


def generate_key(event_id: int, kid: int, algorithm: KeyAlgorithm) -> SigningKey:
    if not 0 <= kid <= MAX_KID:
        raise ValueError(f"key id must be 0..{MAX_KID}, got {kid}")
    if algorithm is KeyAlgorithm.HMAC_SHA256:
        return SigningKey(event_id, kid, algorithm, secrets.token_bytes(32))
    private = Ed25519PrivateKey.generate().private_bytes_raw()
    return SigningKey(event_id, kid, algorithm, private)


def b32encode(data: bytes) -> str:
    value = int.from_bytes(data, "big")
    n_chars = _chars_for(len(data))
    value <<= n_chars * 5 - len(data) * 8
    out = []
    for _ in range(n_chars):
        out.append(ALPHABET[value & 31])
        value >>= 5
    return "".join(reversed(out))


def b32decode(text: str) -> bytes | None:
    """Strict, canonical decoding: None for a foreign character or non-zero padding bits."""
    n_bytes = len(text) * 5 // 8
    if _chars_for(n_bytes) != len(text):
        return None
    value = 0
    for ch in text:
        digit = _DECODE_TABLE.get(ch)
        if digit is None:
            return None
        value = (value << 5) | digit
    pad_bits = len(text) * 5 - n_bytes * 8
    if value & ((1 << pad_bits) - 1):
        return None
    return (value >> pad_bits).to_bytes(n_bytes, "big")


def _chars_for(n_bytes: int) -> int:
    return -(-n_bytes * 8 // 5)


def encode(claims: TicketClaims, key: SigningKey) -> str:
    """Mint a code. Raises ValueError for out-of-range claims, CodeTooLong past 120 chars."""
    if claims.event_id != key.event_id:
        raise ValueError("the key belongs to another event")
    signed = VERSION.encode() + _pack_fields(claims, key.kid)
    tag = _tag(signed, key)
    code = VERSION + b32encode(signed[len(VERSION) :] + tag)
    if len(code) > MAX_CODE_LENGTH:
        raise CodeTooLong(
            f"{key.algorithm} code with these fields is {len(code)} characters "
            f"(limit {MAX_CODE_LENGTH}); put the validity window on the ticket type instead"
        )
    return code


def _pack_fields(claims: TicketClaims, kid: int) -> bytes:
    if not 0 <= kid <= MAX_KID:
        raise ValueError(f"key id must be 0..{MAX_KID}")
    header = kid
    extra = b""
    if claims.valid_from is not None:
        header |= _FLAG_VALID_FROM
        extra += _TIME_FIELD.pack(claims.valid_from)
    if claims.valid_until is not None:
        header |= _FLAG_VALID_UNTIL
        extra += _TIME_FIELD.pack(claims.valid_until)
    try:
        fixed = _FIXED_FIELDS.pack(header, claims.event_id, claims.ticket_id, claims.ticket_type)
    except struct.error as error:
        raise ValueError(f"claims out of range: {error}") from error
    return fixed + extra


def _tag(signed: bytes, key: SigningKey) -> bytes:
    if key.algorithm is KeyAlgorithm.HMAC_SHA256:
        return hmac.new(key.secret, signed, hashlib.sha256).digest()[:HMAC_TAG_BYTES]
    return Ed25519PrivateKey.from_private_bytes(key.secret).sign(signed)


def parse(text: object) -> ParsedCode | CodeRefusal:
    """Split a code into claims and tag without checking the tag.

    The tag length depends on the key's algorithm, which only the station's key knows, so any
    length a known algorithm produces is accepted here and `verify` checks it against the key.
    """
    if not isinstance(text, str) or not text.isascii():
        return CodeRefusal(Verdict.MALFORMED, Said(Reason.UNEXPECTED_CHARACTERS))
    if len(text) > MAX_CODE_LENGTH or not text.startswith(VERSION):
        return CodeRefusal(Verdict.MALFORMED, Said(Reason.WRONG_FORMAT))
    body = b32decode(text[len(VERSION) :])
    if body is None or len(body) < _FIXED_FIELDS.size + HMAC_TAG_BYTES:
        return CodeRefusal(Verdict.MALFORMED, Said(Reason.DAMAGED))
    header, event_id, ticket_id, ticket_type = _FIXED_FIELDS.unpack_from(body)
    kid = header & _KID_MASK
    times, offset = _unpack_times(body, header)
    if len(body) - offset not in (HMAC_TAG_BYTES, ED25519_TAG_BYTES):
        return CodeRefusal(Verdict.MALFORMED, Said(Reason.WRONG_LENGTH), ticket_id)
    claims = TicketClaims(event_id, ticket_id, ticket_type, *times)
    signed = VERSION.encode() + body[:offset]
    return ParsedCode(claims, kid, signed, body[offset:])


def _unpack_times(body: bytes, header: int) -> tuple[tuple[int | None, int | None], int]:
    offset = _FIXED_FIELDS.size
    values: list[int | None] = []
    for flag in (_FLAG_VALID_FROM, _FLAG_VALID_UNTIL):
        if header & flag and len(body) >= offset + _TIME_FIELD.size:
            values.append(_TIME_FIELD.unpack_from(body, offset)[0])
            offset += _TIME_FIELD.size
        else:
            values.append(None)
    return (values[0], values[1]), offset


def verify(text: object, keyring: Keyring, event_id: int) -> TicketClaims | CodeRefusal:
    """Check a scanned text against the station's event and keys, in constant time for the tag."""
    parsed = parse(text)
    if isinstance(parsed, CodeRefusal):
        return parsed
    claims = parsed.claims
    if claims.event_id != event_id:
        return CodeRefusal(
            Verdict.WRONG_EVENT, said(Reason.OTHER_EVENT, claims.event_id), claims.ticket_id
        )
    key = keyring.get(claims.event_id, parsed.kid)
    if key is None:
        return CodeRefusal(
            Verdict.UNKNOWN_KEY, said(Reason.UNKNOWN_KEY, parsed.kid), claims.ticket_id
        )
    if len(parsed.tag) != key.algorithm.tag_bytes:
        return CodeRefusal(Verdict.MALFORMED, Said(Reason.WRONG_LENGTH), claims.ticket_id)
    if not _tag_matches(parsed, key):
        return CodeRefusal(Verdict.BAD_SIGNATURE, Said(Reason.SIGNATURE_MISMATCH), claims.ticket_id)
    return claims


def _tag_matches(parsed: ParsedCode, key: VerifyKey) -> bool:
    if key.algorithm is KeyAlgorithm.HMAC_SHA256:
        expected = hmac.new(key.material, parsed.signed, hashlib.sha256).digest()[:HMAC_TAG_BYTES]
        return hmac.compare_digest(expected, parsed.tag)
    try:
        Ed25519PublicKey.from_public_bytes(key.material).verify(parsed.tag, parsed.signed)
    except (InvalidSignature, ValueError):
        return False
    return True
