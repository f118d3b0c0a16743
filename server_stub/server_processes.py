"""Several server processes on one port: uvicorn's own supervisor, with a listening socket that
keeps Nagle's algorithm off on every connection.

Why not plain `uvicorn.run(..., workers=N)`: its supervisor binds the port with
`socket.socket(family)`, which leaves the socket's `proto` at 0; accepted connections inherit
it, and asyncio turns on TCP_NODELAY only for sockets whose `proto` is IPPROTO_TCP
(`asyncio.base_events._set_nodelay`). uvicorn writes a response's head and body in two
`write()` calls, so with Nagle on, the body of every keep-alive response after the first waits
for the client's delayed ACK: about 40 ms on Linux (RFC 1122 §4.2.3.2 and RFC 896), which made
every request of a multi-process server cost ~45 ms instead of 1–4 ms (docs/benchmarks.md).
Upstream: https://github.com/Kludex/uvicorn/issues/3149. The single-process path is not
affected: there asyncio binds from `getaddrinfo`, which reports IPPROTO_TCP.

The fix keeps uvicorn's bind (its address checks and log line) and hands the supervisor the
same file descriptor as a socket that says what it is: TCP. The workers receive it pickled
with its `proto` (multiprocessing's socket reduction), so every worker, also one restarted
after a crash, sets TCP_NODELAY on what it accepts.
"""

from __future__ import annotations

import socket

from uvicorn import Config
from uvicorn.supervisors import Multiprocess


def tcp_listener(config: Config) -> socket.socket:
    """The listening socket for `config` (uvicorn's `bind_socket`, same address, same log
    line), as a socket whose `proto` is IPPROTO_TCP so asyncio sets TCP_NODELAY on every
    connection it accepts. Exits the process (uvicorn's way) if the address is taken."""
    bound = config.bind_socket()
    if bound.family not in (socket.AF_INET, socket.AF_INET6):
        return bound  # a Unix socket: no Nagle to turn off
    listener = socket.socket(bound.family, bound.type, socket.IPPROTO_TCP, fileno=bound.detach())
    listener.set_inheritable(True)
    return listener


def supervisor(config: Config) -> Multiprocess:
    """uvicorn's multi-process supervisor for `config` (`config.workers` processes, each
    restarted if it dies) over `tcp_listener(config)`; `.run()` serves until a signal."""
    return Multiprocess(config, sockets=[tcp_listener(config)])
