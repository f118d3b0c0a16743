"""The server database schema as numbered migrations (index = version - 1).

Every row that stations pull carries `change_seq`, the server cursor value of its last change.
"""

from __future__ import annotations

MIGRATIONS: list[list[str]] = [
    [
        "CREATE TABLE change_counter (value INTEGER NOT NULL)",
        "INSERT INTO change_counter (value) VALUES (0)",
        """CREATE TABLE events (
            id INTEGER PRIMARY KEY, name TEXT NOT NULL, timezone TEXT NOT NULL DEFAULT 'UTC',
            starts_ms INTEGER, ends_ms INTEGER, contact_key TEXT NOT NULL,
            created_ms INTEGER NOT NULL, change_seq INTEGER NOT NULL)""",
        """CREATE TABLE signing_keys (
            event_id INTEGER NOT NULL REFERENCES events (id), kid INTEGER NOT NULL,
            algorithm TEXT NOT NULL, secret TEXT NOT NULL, status TEXT NOT NULL,
            created_ms INTEGER NOT NULL, change_seq INTEGER NOT NULL,
            PRIMARY KEY (event_id, kid))""",
        """CREATE TABLE ticket_types (
            event_id INTEGER NOT NULL REFERENCES events (id), id INTEGER NOT NULL,
            name TEXT NOT NULL, colour TEXT, template TEXT, valid_from_ms INTEGER,
            valid_until_ms INTEGER, change_seq INTEGER NOT NULL, PRIMARY KEY (event_id, id))""",
        """CREATE TABLE gates (
            id TEXT PRIMARY KEY, event_id INTEGER NOT NULL REFERENCES events (id),
            name TEXT NOT NULL, allowed_types TEXT, entry_mode TEXT NOT NULL,
            valid_from_ms INTEGER, valid_until_ms INTEGER, unknown_policy TEXT NOT NULL,
            timezone TEXT NOT NULL, change_seq INTEGER NOT NULL)""",
        """CREATE TABLE tickets (
            event_id INTEGER NOT NULL REFERENCES events (id), id INTEGER NOT NULL,
            type_id INTEGER NOT NULL, code TEXT NOT NULL, confirmation TEXT NOT NULL,
            first_name TEXT NOT NULL, last_name TEXT NOT NULL, organisation TEXT,
            email TEXT, phone TEXT, flagged INTEGER NOT NULL DEFAULT 0, note TEXT,
            change_seq INTEGER NOT NULL, PRIMARY KEY (event_id, id))""",
        "CREATE INDEX idx_tickets_change ON tickets (event_id, change_seq)",
        "CREATE UNIQUE INDEX idx_tickets_confirmation ON tickets (event_id, confirmation)",
        """CREATE TABLE revocations (
            event_id INTEGER NOT NULL, ticket_id INTEGER NOT NULL, reason TEXT,
            revoked_ms INTEGER NOT NULL, revoked INTEGER NOT NULL DEFAULT 1,
            change_seq INTEGER NOT NULL, PRIMARY KEY (event_id, ticket_id))""",
        "CREATE INDEX idx_revocations_change ON revocations (event_id, change_seq)",
    ],
]
