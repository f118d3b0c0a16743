"""The body of a test's server process (`sync_support.ServerProcess`): forked from a process
that has already imported the server, it runs what `python -m server_stub.app ARGV` runs.

A module of its own with nothing but the standard library at import, so the forked process
finds it cheaply whatever the fork server could preload."""

from __future__ import annotations

import gc
import os

# What the fork server imports once so that no server process imports it again: the app, and
# what uvicorn and FastAPI import only when a server starts.
PRELOAD = [
    "server_stub.app",
    "server_stub.storage.sqlite_database",
    "server_stub.storage.postgres_database",
    "pydantic.v1",
    "uvicorn.main",
    "uvicorn.lifespan.on",
    "uvicorn.loops.auto",
    "uvicorn.loops.asyncio",
    "uvicorn.protocols.http.auto",
    "uvicorn.protocols.http.h11_impl",
    "uvicorn.protocols.websockets.auto",
    "tests.server_fork",
]


def serve(argv: list[str], stderr_path: str) -> None:
    """`server_stub.app.main(argv)` with stdout discarded and stderr written to `stderr_path`
    (the test shows it if the server exits before it answers)."""
    # What the fork server imported stays as it is: the collector never walks (and so never
    # copies) those pages of memory in this process.
    gc.freeze()
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.close(devnull)
    err = os.open(stderr_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.dup2(err, 2)
    os.close(err)
    from server_stub.app import main

    main(argv)
