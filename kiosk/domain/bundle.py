"""Offline provisioning bundles: a snapshot on a USB stick for venues with no network at all.

A bundle holds verification keys (for HMAC events, the secrets themselves), so it is either
encrypted with a passphrase (scrypt + AES-256-GCM) or written readable by its owner only.
"""

from __future__ import annotations

import gzip
import json
import os
import secrets
import zlib
from enum import StrEnum
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from kiosk.domain.format_check import FormatProblem, check_snapshot
from kiosk.domain.snapshot_format import check_snapshot_format

_PLAIN = b"DLBUNDLE0\n"
_SEALED = b"DLBUNDLE1\n"
_SALT = 16
_NONCE = 12
# A snapshot's JSON compresses 4-10x; unpacking stops at 64x the packed size (plus 1 MiB) and
# never beyond 2 GiB, so a "bomb" of a few MB cannot take gigabytes of memory (a 1.5 MB one
# reached 3.1 GB before).
MAX_RATIO = 64
MAX_SNAPSHOT_BYTES = 2 * 1024**3


class BundleProblem(StrEnum):
    UNREADABLE = "unreadable"  # (the system's reason)
    NEEDS_PASSPHRASE = "needs_passphrase"
    WRONG_PASSPHRASE = "wrong_passphrase"
    NOT_A_BUNDLE = "not_a_bundle"
    DAMAGED = "damaged"
    UNUSABLE = "unusable"  # (what is wrong in it)


class BundleError(Exception):
    """The bundle cannot be read: wrong passphrase, damaged file, or not a bundle. The
    message is the command line's English; `problem` and `params` let a window say it in
    its own language."""

    def __init__(self, message: str, problem: BundleProblem, *params: object) -> None:
        super().__init__(message)
        self.problem = problem
        self.params = tuple(str(p) for p in params)


def _key(passphrase: bytes, salt: bytes) -> bytes:
    return Scrypt(salt=salt, length=32, n=2**15, r=8, p=1).derive(passphrase)


def write_bundle(path: Path, snapshot: dict[str, Any], passphrase: bytes | None) -> None:
    payload = gzip.compress(json.dumps(snapshot, ensure_ascii=False).encode(), compresslevel=6)
    if passphrase:
        salt, nonce = secrets.token_bytes(_SALT), secrets.token_bytes(_NONCE)
        sealed = AESGCM(_key(passphrase, salt)).encrypt(nonce, payload, _SEALED)
        data = _SEALED + salt + nonce + sealed
    else:
        data = _PLAIN + payload
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.chmod(tmp, 0o600)
    os.replace(tmp, path)


def read_bundle(path: Path, passphrase: bytes | None) -> dict[str, Any]:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise BundleError(
            f"cannot read bundle {path}: {error.strerror}", BundleProblem.UNREADABLE, error.strerror
        ) from error
    if data.startswith(_SEALED):
        if not passphrase:
            raise BundleError(
                "this bundle is encrypted: give its passphrase file", BundleProblem.NEEDS_PASSPHRASE
            )
        body = data[len(_SEALED) :]
        salt, nonce, sealed = body[:_SALT], body[_SALT : _SALT + _NONCE], body[_SALT + _NONCE :]
        try:
            payload = AESGCM(_key(passphrase, salt)).decrypt(nonce, sealed, _SEALED)
        except InvalidTag as error:
            raise BundleError(
                "wrong passphrase, or the bundle was altered", BundleProblem.WRONG_PASSPHRASE
            ) from error
    elif data.startswith(_PLAIN):
        payload = data[len(_PLAIN) :]
    else:
        raise BundleError(
            f"{path} is not a Doorline provisioning bundle", BundleProblem.NOT_A_BUNDLE
        )
    raw = _inflate(payload, path)
    try:
        snapshot: dict[str, Any] = json.loads(raw)
    except (ValueError, RecursionError) as error:  # not JSON, not UTF-8, nested past the parser
        raise BundleError(
            f"bundle {path} is damaged (its content is not JSON)", BundleProblem.DAMAGED
        ) from error
    try:
        check_snapshot(snapshot)
        check_snapshot_format(snapshot)
    except FormatProblem as problem:
        raise BundleError(
            f"bundle {path} cannot be used: {problem}", BundleProblem.UNUSABLE, problem
        ) from problem
    except ValueError as error:
        raise BundleError(
            f"bundle {path} cannot be used: {error}", BundleProblem.UNUSABLE, error
        ) from error
    return snapshot


def _inflate(payload: bytes, path: Path) -> bytes:
    """The gzip member unpacked, bounded (`MAX_RATIO`, `MAX_SNAPSHOT_BYTES`); BundleError for
    a damaged, truncated or oversized one."""
    limit = min(MAX_SNAPSHOT_BYTES, len(payload) * MAX_RATIO + 1024 * 1024)
    inflater = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)  # gzip framing (RFC 1952)
    try:
        raw = inflater.decompress(payload, limit + 1)
    except zlib.error as error:
        raise BundleError(f"bundle {path} is damaged ({error})", BundleProblem.DAMAGED) from error
    if len(raw) > limit:
        raise BundleError(
            f"bundle {path} unpacks to more than {limit} bytes, far more than a snapshot of "
            "its size: refused",
            BundleProblem.DAMAGED,
        )
    if not inflater.eof:
        raise BundleError(f"bundle {path} is truncated (copy it again)", BundleProblem.DAMAGED)
    return raw
