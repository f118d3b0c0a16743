"""An Ed25519 event's stations hold only public keys, whichever way they were provisioned."""

from __future__ import annotations

from pathlib import Path

from sync_support import in_process_server

from kiosk.domain.verdicts import Verdict
from server_stub.seeding import seed_event
from server_stub.storage import open_storage


def test_a_station_of_an_ed25519_event_holds_only_the_public_key(
    tmp_path: Path, server_db: str
) -> None:
    from conftest import make_station

    from kiosk.domain.ticket_codec import KeyAlgorithm

    db = server_db
    store = open_storage(db)
    seeded = seed_event(store, "Signed", 12, algorithm=KeyAlgorithm.ED25519)
    signing = store.catalog.signing_key(seeded.event_id)
    public = signing.verify_key().material.hex()
    snapshot = store.catalog.snapshot(seeded.event_id)
    store.close()
    assert [k["material"] for k in snapshot["keys"]] == [public]

    with in_process_server(db) as server:
        pulled = server.provision(seeded.event_id, tmp_path / "pulled", "door")
    bundled = make_station(tmp_path / "bundled", snapshot, gate="workshop")
    for station in (pulled, bundled):
        materials = station.replica.key_materials()
        assert materials == [public] and signing.secret.hex() not in materials
        assert station.scan(seeded.tickets[0].code).verdict is Verdict.ADMITTED
        station.replica.close()
