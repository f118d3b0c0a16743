"""Doorline's shared domain: what station and server agree on, in plain Python.

Ticket codec, verdicts, gate rules, admission, log entries, hybrid logical clocks, the merge
(last writer plus log) and the offline bundle format. Nothing here imports Qt, SQLite storage,
the sync engine, the server or any other package of the project; `tests/test_architecture.py`
holds us to that.
"""
