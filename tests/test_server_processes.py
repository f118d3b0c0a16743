"""`doorline server run --workers N`: N uvicorn processes on one port, each answering without
Nagle's 40 ms wait, and never on a SQLite file.

With Nagle on, a response written as head then body waits for the client's delayed ACK before
its body leaves: every keep-alive request of a multi-process server cost ~45 ms instead of a
few (docs/benchmarks.md). The promise checked here is the socket option itself, not a time.
"""

from __future__ import annotations

import asyncio
import socket
from pathlib import Path

import pytest
from uvicorn import Config

from kiosk.cli.main import main
from server_stub.server_processes import supervisor, tcp_listener


async def _accepted_nodelay(listener: socket.socket) -> int:
    """TCP_NODELAY on the server side of one connection accepted by asyncio on `listener`
    (as each uvicorn worker accepts)."""
    loop = asyncio.get_running_loop()
    seen: asyncio.Future[int] = loop.create_future()

    class Probe(asyncio.Protocol):
        def connection_made(self, transport: asyncio.BaseTransport) -> None:
            sock = transport.get_extra_info("socket")
            seen.set_result(sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
            transport.close()

    server = await loop.create_server(Probe, sock=listener)
    try:
        host, port = listener.getsockname()[:2]
        _reader, writer = await asyncio.open_connection(host, port)
        try:
            return await asyncio.wait_for(seen, 10)
        finally:
            writer.close()
    finally:
        server.close()


def _config() -> Config:
    return Config("server_stub.app:app_from_environment", factory=True, workers=2, port=0)


def test_a_worker_answers_every_connection_without_nagle() -> None:
    listener = tcp_listener(_config())
    assert listener.proto == socket.IPPROTO_TCP
    assert asyncio.run(_accepted_nodelay(listener)) != 0


def test_the_supervisor_hands_its_workers_the_tcp_listener() -> None:
    processes = supervisor(_config())
    assert processes.processes_num == 2
    [listener] = processes.sockets
    assert listener.get_inheritable()
    assert asyncio.run(_accepted_nodelay(listener)) != 0


def test_several_processes_on_a_sqlite_file_are_refused_in_words(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "server.db"
    status = main(["server", "run", "--db", str(db), "--workers", "2"])
    err = capsys.readouterr().err
    assert status == 2
    assert "--workers above 1 needs PostgreSQL" in err and "database is locked" in err
    assert "Traceback" not in err and not db.exists()


@pytest.mark.parametrize("port", ["80000", "-1", "0", "http"])
def test_a_port_that_is_no_port_is_refused_in_words(
    port: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """uvicorn answered --port 80000 with an OverflowError traceback and exit 1."""
    with pytest.raises(SystemExit) as exited:
        main(["server", "run", "--db", str(tmp_path / "s.db"), f"--port={port}"])
    err = capsys.readouterr().err
    assert exited.value.code == 2
    assert "is not a port number (1-65535)" in err and "Traceback" not in err


def test_a_port_another_program_holds_is_said_before_the_server_claims_to_listen(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """uvicorn printed 'address already in use' after our 'doorline server on …' banner and
    exited 3, which the CLI contract (0/1/2) does not know."""
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        db = tmp_path / "s.db"
        status = main(["server", "run", "--db", str(db), "--port", str(port)])
    err = capsys.readouterr().err
    assert status == 2
    assert f"cannot listen on 127.0.0.1:{port}" in err and "another --port" in err
    assert "doorline server on" not in err and not db.exists()


def _served_config(monkeypatch: pytest.MonkeyPatch, db: str, workers: int) -> Config:
    """The uvicorn configuration `doorline server run` serves with (`serve`), caught before
    anything listens."""
    import server_stub.app
    import server_stub.server_processes as processes
    from server_stub.app import DB_ENV, serve

    caught: list[Config] = []

    class Caught:
        def run(self) -> None:
            pass

    def catch_supervisor(config: Config) -> Caught:
        caught.append(config)
        return Caught()

    monkeypatch.setattr(processes, "supervisor", catch_supervisor)

    class CaughtServer:  # one process: `serve` runs uvicorn's Server (a subclass) itself
        started = True

        def __init__(self, config: Config) -> None:
            caught.append(config)

        def run(self) -> None:
            pass

    monkeypatch.setattr(server_stub.app, "_StreamEndingServer", CaughtServer)
    monkeypatch.setenv(DB_ENV, "")
    serve(db, workers=workers)
    [config] = caught
    return config


@pytest.mark.parametrize("workers", [1, 2])
def test_the_server_runs_on_uvloop_and_httptools_without_an_access_log(
    workers: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """uvicorn's "standard" speedups (libuv's loop, the llhttp parser) cut the server's CPU a
    request (docs/benchmarks.md); uvicorn picks them itself ("auto") when installed, so setup
    must install them and `serve` must not pin the pure-Python ones. A line logged per request
    would cost CPU at every one of hundreds a second."""
    import uvloop
    from uvicorn.protocols.http.auto import AutoHTTPProtocol
    from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

    db = str(tmp_path / "s.db") if workers == 1 else "postgresql://doorline@127.0.0.1/none"
    config = _served_config(monkeypatch, db, workers)
    assert (config.loop, config.http) == ("auto", "auto")
    assert config.get_loop_factory() is uvloop.new_event_loop
    assert AutoHTTPProtocol is HttpToolsProtocol
    assert config.access_log is False and config.workers == workers


def test_uvloop_answers_every_connection_without_nagle_too() -> None:
    """uvloop turns TCP_NODELAY on by itself; the listener keeps it so under asyncio's loop."""
    import uvloop

    assert uvloop.run(_accepted_nodelay(tcp_listener(_config()))) != 0
