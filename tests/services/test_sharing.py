"""Identities, contacts and share files through the services layer: the round trip
between two researchers, audiences, updates, conflicts, passphrases and age interop."""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import stat
import subprocess
from datetime import date

import pytest

from dossier.cli.case_cmds import case_json
from dossier.core.errors import (
    DossierError,
    IntegrityError,
    NotFoundError,
    StoreExistsError,
    UnlockError,
    UsageError,
    ValidationError,
)
from dossier.core.model import Event, Source
from dossier.crypto import keys
from dossier.services import sharing
from dossier.share.container import MAGIC, ContainerReader
from dossier.share.manifest import parse
from tests.share.helpers import (
    PASS_A,
    PASS_B,
    add_sample,
    exchange,
    researcher,
    scrypt_may_refuse,
    store_digest,
)

AS_OF = date(2018, 2, 3)
AGE = shutil.which("age")


@pytest.fixture(autouse=True)
def _fast_kdf(monkeypatch):
    monkeypatch.setenv("DOSSIER_KDF_FAST", "1")


@pytest.fixture
def pair(tmp_path):
    a = researcher(tmp_path / "a", "alice", PASS_A)
    b = researcher(tmp_path / "b", "bob", PASS_B)
    exchange(a, b)
    yield a, b
    a.d.close()
    b.d.close()


@pytest.fixture
def shared(pair, tmp_path):
    """Alice shares two of her three cases to Bob, who imports them."""
    a, b = pair
    ids = add_sample(a.d, tmp_path / "files", attachment=os.urandom(300_000))
    out = tmp_path / "two.age"
    rep = sharing.export_share(a.d, out, [ids["wang"], ids["jiang"]], to=["bob"])
    imported = sharing.import_share(b.d, out)
    return a, b, ids, rep, imported


# --- identity and contacts ---------------------------------------------------------------------


def test_identity_is_created_once_and_shown(tmp_path):
    r = researcher(tmp_path, "r", PASS_A)
    shown = sharing.identity_info(r.d)
    assert shown == r.info
    assert shown.recipient.startswith("age1")
    assert shown.signing_key.startswith("ed25519:")
    assert keys.fingerprint(shown.signing_key) == shown.fingerprint
    assert shown.card().splitlines()[2] == f"fingerprint: {shown.fingerprint}"
    with pytest.raises(StoreExistsError):
        sharing.create_identity(r.d)
    r.d.close()


def test_no_identity_yet(tmp_path):
    from dossier.services.dossier import Dossier

    d = Dossier.create(tmp_path / "x.db", PASS_A)
    with pytest.raises(NotFoundError, match="no identity yet"):
        sharing.identity_info(d)
    assert not sharing.has_identity(d)
    d.close()


def test_export_age_identity_is_0600_and_age_format(tmp_path):
    r = researcher(tmp_path, "r", PASS_A)
    out = sharing.export_age_identity(r.d, tmp_path / "id.txt")
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o600
    text = out.read_text()
    assert f"# public key: {r.info.recipient}" in text
    assert keys.parse_age_identity_text(text).startswith("AGE-SECRET-KEY-1")
    with pytest.raises(StoreExistsError):
        sharing.export_age_identity(r.d, out)
    sharing.export_age_identity(r.d, out, overwrite=True)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".id.txt")] == []
    r.d.close()


def test_contacts_add_list_remove(pair):
    a, b = pair
    (bob,) = sharing.list_contacts(a.d)
    assert (bob.name, bob.recipient, bob.fingerprint, bob.verified) == (
        "bob",
        b.info.recipient,
        b.info.fingerprint,
        True,
    )
    c = sharing.add_contact(a.d, "Carol", keys.Identity.generate().recipient)
    assert c.signing_key is None and c.fingerprint is None and not c.verified
    with pytest.raises(ValidationError, match="already a contact"):
        sharing.add_contact(a.d, "Carol", b.info.recipient)
    with pytest.raises(ValidationError, match="age recipient"):
        sharing.add_contact(a.d, "Dan", "age1notarecipient")
    with pytest.raises(ValidationError, match="signing key"):
        sharing.add_contact(a.d, "Dan", b.info.recipient, "ed25519:nope")
    with pytest.raises(ValidationError, match="name"):
        sharing.add_contact(a.d, " ", b.info.recipient)
    assert sharing.set_contact_verified(a.d, "Carol", True).verified
    assert sharing.remove_contact(a.d, "Carol").name == "Carol"
    assert [x.name for x in sharing.list_contacts(a.d)] == ["bob"]
    with pytest.raises(NotFoundError):
        sharing.remove_contact(a.d, "Carol")


def test_recipients_resolve_from_names_and_strings(pair):
    a, b = pair
    stranger = keys.Identity.generate().recipient
    recips, labels = sharing.resolve_recipients(a.d, ["BOB", b.info.recipient, stranger])
    assert [r.recipient for r in recips] == [b.info.recipient, stranger]
    assert recips[0].fingerprint == b.info.fingerprint and recips[1].fingerprint is None
    assert labels == ["bob", "bob", stranger]
    with pytest.raises(NotFoundError, match="no contact named"):
        sharing.resolve_recipients(a.d, ["nobody"])


# --- the round trip ----------------------------------------------------------------------------


def test_round_trip_two_cases_equal_show_json_and_identical_attachments(shared):
    a, b, ids, rep, imported = shared
    assert rep.counts["cases"] == 2 and rep.counts["attachments"] == 2
    for cid in (ids["wang"], ids["jiang"]):
        assert case_json(b.d, cid, AS_OF) == case_json(a.d, cid, AS_OF)
    with pytest.raises(NotFoundError):
        b.d.get_case(ids["other"])
    for src_id in (ids["source"], ids["secret"]):
        for att in a.d.get_source(src_id).attachments:
            mine = hashlib.sha256(a.d.attachment_bytes(att.id)).hexdigest()
            assert hashlib.sha256(b.d.attachment_bytes(att.id)).hexdigest() == mine == att.sha256
    assert {h.case_id for h in b.d.search("Tianjin")} == {ids["wang"]}
    # the facts cache; since issue #11 a detention after a disappearance leaves the
    # whereabouts unknown, so the summary word stays "disappeared"
    assert [s.status for s in b.d.summaries([ids["wang"]])] == ["disappeared"]
    doc = imported.to_json()
    assert doc["added"]["cases"] == 2 and doc["added"]["events"] == 3
    assert doc["conflicts"] == [] and doc["signer"]["name"] == "alice"


def test_imported_attachments_are_blobs_in_bobs_folder_and_a_failed_import_leaves_none(
    shared, tmp_path
):
    """Import streams age -> blob: Bob's folder holds one encrypted file per attachment,
    none named by the content's hash, no plaintext; a share whose attachment bytes fail
    late (after a first blob was written) leaves no file behind."""
    a, b, ids, _rep, _imp = shared
    folder = b.d.store.blobs.path
    atts = [
        att for sid in (ids["source"], ids["secret"]) for att in b.d.get_source(sid).attachments
    ]
    assert len(b.d.store.blobs.names()) == len(atts) == 2
    for att in atts:
        assert att.sha256 not in b.d.store.blobs.names()
        body = b.d.attachment_bytes(att.id)
        assert all(body[:64] not in f.read_bytes() for f in folder.iterdir())
    # A new share with two attachments whose second one is cut: nothing may stay.
    files = [tmp_path / "files" / n for n in ("x1.bin", "x2.bin")]
    for f in files:
        f.write_bytes(os.urandom(80_000))
    src = a.d.add_source(Source(title="Two files"), files)
    case = a.d.get_case(ids["jiang"])
    a.d.add_event(case.id, Event(type="trial", date="2017-08-22", source_ids=[src.id]))
    out = tmp_path / "late.age"
    sharing.export_share(a.d, out, [ids["jiang"]], to=["bob"])
    before = set(os.listdir(folder))
    pending = sharing.preview_share(b.d, out)
    stage = pending.stage
    # staged while it was verified: the two new bodies, not the one Bob holds already
    assert stage is not None and len(stage.blobs) == 2
    assert set(os.listdir(folder)) == before | {stage.path.name}
    from dossier.store.blob_stage import Stage

    real = Stage.adopt
    adopted = []

    def fails_after_the_first_blob(self, blob):
        if adopted:
            raise IntegrityError("cut off after the first attachment")
        adopted.append(real(self, blob))
        return adopted[-1]

    import unittest.mock

    with (
        unittest.mock.patch.object(Stage, "adopt", fails_after_the_first_blob),
        pytest.raises(IntegrityError, match="cut off"),
    ):
        sharing.apply_share(b.d, pending)
    assert adopted and not adopted[0].exists()  # the rollback took the adopted one back
    assert set(os.listdir(folder)) == before  # and the stage is gone
    with pytest.raises(DossierError, match="preview the share again"):
        sharing.apply_share(b.d, pending)  # a spent preview is refused
    sharing.import_share(b.d, out)  # nothing of it arrived: it imports whole now
    assert len(b.d.store.blobs.names()) == len(before) + 2
    assert not [n for n in os.listdir(folder) if n.startswith(".")]


def test_audience_filters_before_anything_is_written(pair, tmp_path):
    a, b = pair
    ids = add_sample(a.d, tmp_path / "files")
    out = tmp_path / "dip.age"
    rep = sharing.export_share(a.d, out, [ids["wang"]], to=["bob"], audience="diplomatic")
    assert rep.counts["events"] == 1 and rep.counts["attachments"] == 1
    sharing.import_share(b.d, out)
    events = b.d.get_case(ids["wang"]).events
    assert [e.type for e in events] == ["disappearance"]  # the confidential detention stayed home
    stub = b.d.get_source(ids["secret"])
    assert stub.title == "confidential source" and stub.attachments == []
    assert b"confidential source" not in out.read_bytes()  # and nothing is readable outside


def test_changed_on_their_side_only_is_updated_and_both_sides_is_a_conflict(shared, tmp_path):
    a, b, ids, _rep, _imp = shared
    wang = a.d.get_case(ids["wang"])
    wang.summary = "Human rights lawyer, disappeared in the 709 crackdown."
    a.d.update_case(wang)
    sharing.export_share(a.d, tmp_path / "2.age", [ids["wang"]], to=["bob"])
    rep = sharing.import_share(b.d, tmp_path / "2.age")
    assert rep.to_json()["updated"]["cases"] == 1
    assert b.d.get_case(ids["wang"]).summary == wang.summary
    # Bob edits and sends back: Alice takes it (changed on his side only).
    bw = b.d.get_case(ids["wang"])
    bw.tags = [*bw.tags, "tianjin"]
    b.d.update_case(bw)
    sharing.export_share(b.d, tmp_path / "3.age", [ids["wang"]], to=["alice"])
    assert sharing.import_share(a.d, tmp_path / "3.age").to_json()["updated"]["cases"] == 1
    assert "tianjin" in a.d.get_case(ids["wang"]).tags
    # Both change the summary: a conflict, kept as both by default.
    for r, text in ((a, "Alice's summary"), (b, "Bob's summary")):
        c = r.d.get_case(ids["wang"])
        c.summary = text
        r.d.update_case(c)
    sharing.export_share(a.d, tmp_path / "4.age", [ids["wang"]], to=["bob"])
    rep = sharing.import_share(b.d, tmp_path / "4.age")
    (conflict,) = rep.conflicts
    assert conflict.fields == ["summary"] and conflict.resolution == "both"
    assert b.d.get_case(ids["wang"]).summary == "Bob's summary"
    assert b.d.get_case(conflict.copy_id).summary == "Alice's summary"
    assert any("kept both" in line for line in rep.lines())


def test_conflicts_resolved_in_the_preview(shared, tmp_path):
    a, b, ids, _rep, _imp = shared
    for r, text in ((a, "from Alice"), (b, "from Bob")):
        e = r.d.get_case(ids["jiang"]).events[0]
        e.note = text
        r.d.update_event(e)
    sharing.export_share(a.d, tmp_path / "c.age", [ids["jiang"]], to=["bob"])
    pending = sharing.preview_share(b.d, tmp_path / "c.age")
    (c,) = pending.preview.conflicts
    assert c.kind == "event" and c.fields == ["note"]
    rep = sharing.apply_share(b.d, pending, {c.key: sharing.Resolution.THEIRS})
    assert rep.conflicts[0].resolution == "theirs"
    assert b.d.get_case(ids["jiang"]).events[0].note == "from Alice"


def test_the_same_content_twice_changes_nothing(shared, tmp_path):
    a, b, ids, _rep, _imp = shared
    before = {cid: case_json(b.d, cid, AS_OF) for cid in b.d.all_case_ids()}
    sharing.export_share(a.d, tmp_path / "again.age", [ids["wang"], ids["jiang"]], to=["bob"])
    rep = sharing.import_share(b.d, tmp_path / "again.age").to_json()
    assert sum(rep["added"].values()) == sum(rep["updated"].values()) == 0
    assert rep["conflicts"] == []
    assert {cid: case_json(b.d, cid, AS_OF) for cid in b.d.all_case_ids()} == before


def test_preview_then_a_changed_store_is_refused(shared, tmp_path):
    a, b, ids, _rep, _imp = shared
    c = a.d.get_case(ids["jiang"])
    c.summary = "new from Alice"
    a.d.update_case(c)
    sharing.export_share(a.d, tmp_path / "p.age", [ids["jiang"]], to=["bob"])
    pending = sharing.preview_share(b.d, tmp_path / "p.age")
    assert pending.preview.to_json()["changed"]["cases"] == 1
    mine = b.d.get_case(ids["jiang"])
    mine.summary = "Bob edits meanwhile"
    b.d.update_case(mine)
    before = store_digest(b, stages=False)
    assert pending.stage is not None and pending.stage.exists
    with pytest.raises(DossierError, match="changed since the preview"):
        sharing.apply_share(b.d, pending)
    assert store_digest(b) == before  # and the stage went with the refusal


def test_likely_duplicates_are_flagged(pair, tmp_path):
    a, b = pair
    from dossier.core.model import Case

    b.d.add_case(Case(name="Wang Quan-zhang", tags=["lawyers"]))
    ids = add_sample(a.d, tmp_path / "files")
    sharing.export_share(a.d, tmp_path / "d.age", [ids["wang"]], to=["bob"])
    rep = sharing.import_share(b.d, tmp_path / "d.age")
    (dup,) = rep.duplicates
    assert (dup.incoming_name, dup.local_name, dup.score) == (
        "Wang Quanzhang",
        "Wang Quan-zhang",
        100,
    )
    assert any(line.startswith("likely duplicate:") for line in rep.lines())


def test_passphrase_shares(pair, tmp_path):
    a, b = pair
    ids = add_sample(a.d, tmp_path / "files")
    out = tmp_path / "p.age"
    sharing.export_share(a.d, out, [ids["jiang"]], passphrase="水 correct horse")
    assert sharing.share_needs_passphrase(out)
    with pytest.raises(UnlockError, match="protected by a passphrase"):
        sharing.import_share(b.d, out)
    with scrypt_may_refuse(), pytest.raises(UnlockError, match="wrong passphrase"):
        sharing.import_share(b.d, out, "wrong")
    with scrypt_may_refuse():
        pending = sharing.preview_share(b.d, out, "水 correct horse")  # one scrypt, two passes
    assert pending.info.passphrase and pending.info.meant_for_me and pending.info.recipients == []
    assert sharing.apply_share(b.d, pending).to_json()["added"]["cases"] == 1


def test_export_needs_a_destination_and_not_both(pair, tmp_path):
    a, _b = pair
    with pytest.raises(UsageError):
        sharing.export_share(a.d, tmp_path / "x.age", None)
    with pytest.raises(UsageError, match="not both"):
        sharing.export_share(a.d, tmp_path / "x.age", None, to=["bob"], passphrase="p")
    with pytest.raises(ValidationError, match="audience"):
        sharing.export_share(a.d, tmp_path / "x.age", None, to=["bob"], audience="press")
    assert not (tmp_path / "x.age").exists()


def test_unknown_signer_can_be_accepted(pair, tmp_path):
    a, b = pair
    sharing.remove_contact(b.d, "alice")
    sharing.add_contact(b.d, "alice-no-key", a.info.recipient)  # no signing key: unknown signer
    ids = add_sample(a.d, tmp_path / "files")
    out = tmp_path / "u.age"
    sharing.export_share(a.d, out, [ids["jiang"]], to=["bob"])
    with pytest.raises(IntegrityError, match="unknown key") as info:
        sharing.import_share(b.d, out)
    assert info.value.exit_code == 4
    rep = sharing.import_share(b.d, out, accept_unknown_signer=True)
    assert not rep.signer.known and rep.to_json()["added"]["cases"] == 1


def test_import_without_identity_is_exit_3(pair, tmp_path):
    a, _b = pair
    from dossier.services.dossier import Dossier

    ids = add_sample(a.d, tmp_path / "files")
    sharing.export_share(a.d, tmp_path / "n.age", [ids["jiang"]], to=["bob"])
    d = Dossier.create(tmp_path / "none.db", PASS_B)
    with pytest.raises(UnlockError, match="no identity"):
        sharing.import_share(d, tmp_path / "n.age")
    d.close()


# --- interop with the age command-line tool ----------------------------------------------------


needs_age = pytest.mark.skipif(AGE is None, reason="the age command-line tool is not installed")


@needs_age
def test_the_age_cli_decrypts_a_share_with_the_exported_identity(pair, tmp_path):
    a, b = pair
    ids = add_sample(a.d, tmp_path / "files", attachment=os.urandom(150_000))
    out = tmp_path / "s.age"
    sharing.export_share(a.d, out, [ids["wang"]], to=["bob"])
    ident = sharing.export_age_identity(b.d, tmp_path / "bob.key")
    plain = subprocess.run(
        [AGE, "-d", "-i", str(ident), str(out)], capture_output=True, check=True
    ).stdout
    assert plain.startswith(MAGIC)
    body, _sig = ContainerReader(io.BytesIO(plain)).head()
    m = parse(body)
    assert m.fingerprint == a.info.fingerprint
    assert [r.recipient for r in m.recipients] == [b.info.recipient]
    # ...and the other way round: a share encrypted by the age tool imports here.
    again = tmp_path / "by-age.age"
    subprocess.run([AGE, "-r", b.info.recipient, "-o", str(again)], input=plain, check=True)
    rep = sharing.import_share(b.d, again)
    assert rep.to_json()["added"]["cases"] == 1


@needs_age
def test_the_age_cli_opens_passphrase_shares_too(pair, tmp_path):
    a, _b = pair
    ids = add_sample(a.d, tmp_path / "files")
    out = tmp_path / "p.age"
    sharing.export_share(a.d, out, [ids["jiang"]], passphrase="correct horse battery")
    res = subprocess.run(
        ["script", "-qec", f"{AGE} -d -o {tmp_path / 'p.bin'} {out}", "/dev/null"],
        input=b"correct horse battery\n",
        capture_output=True,
        timeout=60,
    )
    if res.returncode != 0 or not (tmp_path / "p.bin").exists():
        pytest.skip("age reads passphrases from a terminal only; no pty available here")
    assert (tmp_path / "p.bin").read_bytes().startswith(MAGIC)
