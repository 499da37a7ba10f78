"""SECURITY.md's hostile-file corpus, as tests: whatever arrives, it is refused with a
typed error (exit 3 or 4), the store does not change, and no plaintext is left behind.

Items covered: 1 (every byte flipped), 2 (truncation at every 64 KiB chunk boundary
and ±1), 3 (wrong signer, stripped or replaced signature, wrong recipient, replay),
9 (archive corpus inside a correctly signed container: traversal, absolute, drive
letters, NUL, duplicates, count and size bombs, lying sizes).
"""

from __future__ import annotations

import io
import os
import struct
import tempfile
import time

import pytest

from dossier.core.errors import DossierError, IntegrityError, UnlockError
from dossier.crypto import envelope, keys
from dossier.services import sharing
from dossier.share import manifest as mf
from dossier.share.container import MAGIC, Member, signed_message
from tests.share.helpers import (
    PASS_A,
    PASS_B,
    add_sample,
    encrypt_to,
    exchange,
    files_under,
    researcher,
    sha,
    signed_container,
    store_digest,
)

AGE_CHUNK = 64 * 1024


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    """Alice (author), Bob (recipient), Carol (another contact), Mallory (a stranger)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("DOSSIER_KDF_FAST", "1")
        root = tmp_path_factory.mktemp("hostile")
        a = researcher(root / "a", "alice", PASS_A)
        b = researcher(root / "b", "bob", PASS_B)
        c = researcher(root / "c", "carol", "carol's passphrase")
        exchange(a, b)
        exchange(a, c)
        exchange(b, c)
        ids = add_sample(a.d, root / "files", attachment=os.urandom(200_000))
        shares = root / "shares"
        shares.mkdir()
        # A small share of a few KB (no attachment): the flip-every-byte corpus.
        small = shares / "small.age"
        sharing.export_share(a.d, small, [ids["other"]], to=["bob"])
        # A share of several 64 KiB chunks: the truncation corpus.
        big = shares / "big.age"
        sharing.export_share(a.d, big, [ids["wang"]], to=["bob"])
        world = dict(
            a=a,
            b=b,
            c=c,
            ids=ids,
            small=small,
            big=big,
            root=root,
            mallory=keys.Identity.generate(),
            bob_key=sharing.load_identity(b.d),
            carol=sharing.load_identity(c.d),
        )
        yield world
        for r in (a, b, c):
            r.d.close()


@pytest.fixture
def private_tmp(tmp_path, monkeypatch):
    """Route every temp file of this process into an empty folder we can inspect."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setenv("TMPDIR", str(folder))
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def refused(world, data: bytes, path, **kw) -> DossierError:
    path.write_bytes(data)
    with pytest.raises(DossierError) as info:
        sharing.import_share(world["b"].d, path, **kw)
    return info.value


def plaintext_of(world, path) -> bytes:
    out = io.BytesIO()
    with open(path, "rb") as fh:
        envelope.decrypt_from(fh, out, [world["bob_key"].age_secret], None)
    return out.getvalue()


def test_every_byte_flipped_is_refused_and_nothing_changes(world, tmp_path, private_tmp):
    data = world["small"].read_bytes()
    assert 1_000 < len(data) < 8_000, len(data)
    before = store_digest(world["b"])
    target = tmp_path / "flipped.age"
    codes: dict[int, int] = {}
    started = time.perf_counter()
    for i in range(len(data)):
        bad = bytearray(data)
        bad[i] ^= 0x01
        err = refused(world, bytes(bad), target)
        assert err.exit_code in (3, 4), (i, err)
        codes[err.exit_code] = codes.get(err.exit_code, 0) + 1
    elapsed = time.perf_counter() - started
    assert store_digest(world["b"]) == before
    assert files_under(private_tmp) == set()
    assert sum(codes.values()) == len(data)
    print(
        f"\nflipped {len(data)} bytes: 100% refused "
        f"(exit 4: {codes.get(4, 0)}, exit 3: {codes.get(3, 0)}) in {elapsed:.1f} s"
    )


def _chunk_boundaries(data: bytes) -> list[int]:
    """Every 64 KiB boundary of the file and of age's payload chunks, and ±1 byte."""
    header_end = data.index(b"\n---") + 1
    payload = data.index(b"\n", header_end) + 1 + 16  # after the MAC line and the nonce
    cuts = set()
    for k in range(1, len(data) // AGE_CHUNK + 2):
        for base in (k * AGE_CHUNK, payload + k * (AGE_CHUNK + 16)):
            cuts.update({base - 1, base, base + 1})
    cuts.update({payload - 1, payload, payload + 1, len(data) - 1, len(data) - 16})
    return sorted(c for c in cuts if 0 < c < len(data))


def test_truncation_at_every_chunk_boundary_is_refused(world, tmp_path, private_tmp):
    data = world["big"].read_bytes()
    assert len(data) > 3 * AGE_CHUNK
    before = store_digest(world["b"])
    target = tmp_path / "cut.age"
    cuts = _chunk_boundaries(data)
    for cut in cuts:
        err = refused(world, data[:cut], target)
        assert isinstance(err, IntegrityError), (cut, err)
        assert "truncated" in str(err), (cut, err)
    assert store_digest(world["b"]) == before
    assert files_under(private_tmp) == set()
    assert files_under(tmp_path) == {"tmp", "cut.age"}
    print(f"\ntruncated at {len(cuts)} points (64 KiB boundaries ±1): all refused")


def test_wrong_recipient_is_exit_3(world, tmp_path):
    out = tmp_path / "for-carol.age"
    sharing.export_share(world["a"].d, out, [world["ids"]["jiang"]], to=["carol"])
    before = store_digest(world["b"])
    with pytest.raises(UnlockError) as info:
        sharing.import_share(world["b"].d, out)
    assert info.value.exit_code == 3
    assert "not encrypted to you" in str(info.value)
    assert store_digest(world["b"]) == before


def test_forwarded_share_is_not_meant_for_you(world, tmp_path):
    """Carol decrypts a share made for her and re-encrypts it to Bob: the signed
    recipient list still says Carol, so Bob refuses it."""
    out = tmp_path / "for-carol.age"
    sharing.export_share(world["a"].d, out, [world["ids"]["jiang"]], to=["carol"])
    plain = io.BytesIO()
    with open(out, "rb") as fh:
        envelope.decrypt_from(fh, plain, [world["carol"].age_secret], None)
    err = refused(
        world, encrypt_to(plain.getvalue(), [world["b"].info.recipient]), tmp_path / "fwd.age"
    )
    assert isinstance(err, UnlockError) and err.exit_code == 3
    assert "not meant for you" in str(err)


def _head(plain: bytes) -> tuple[bytes, bytes, bytes]:
    """(manifest, signature, rest) of a container."""
    (mlen,) = struct.unpack(">I", plain[8:12])
    body = plain[12 : 12 + mlen]
    sig = plain[14 + mlen : 14 + mlen + 64]
    return body, sig, plain[14 + mlen + 64 :]


def _frame(body: bytes, sig: bytes, rest: bytes) -> bytes:
    return MAGIC + struct.pack(">I", len(body)) + body + struct.pack(">H", len(sig)) + sig + rest


def test_stripped_signature_is_exit_4(world, tmp_path):
    body, _sig, rest = _head(plaintext_of(world, world["small"]))
    bob = world["b"].info.recipient
    err = refused(world, encrypt_to(_frame(body, b"", rest), [bob]), tmp_path / "s.age")
    assert isinstance(err, IntegrityError) and "no valid signature" in str(err)
    err = refused(world, encrypt_to(_frame(body, b"\0" * 64, rest), [bob]), tmp_path / "z.age")
    assert isinstance(err, IntegrityError) and "signature does not match" in str(err)


def test_replaced_signature_is_exit_4(world, tmp_path):
    body, _sig, rest = _head(plaintext_of(world, world["small"]))
    forged = keys.sign(world["mallory"], signed_message(body))
    err = refused(
        world,
        encrypt_to(_frame(body, forged, rest), [world["b"].info.recipient]),
        tmp_path / "f.age",
    )
    assert isinstance(err, IntegrityError) and err.exit_code == 4


def test_unknown_signer_refused_unless_accepted(world, tmp_path):
    """Mallory re-signs Alice's content as herself: an unknown signer."""
    body, _sig, rest = _head(plaintext_of(world, world["small"]))
    m = mf.parse(body)
    m.signing_key = world["mallory"].signing_key
    new_body = m.to_bytes()
    sig = keys.sign(world["mallory"], signed_message(new_body))
    data = encrypt_to(_frame(new_body, sig, rest), [world["b"].info.recipient])
    before = store_digest(world["b"])
    err = refused(world, data, tmp_path / "m.age")
    assert isinstance(err, IntegrityError) and err.exit_code == 4
    assert world["mallory"].fingerprint in str(err) and "unknown" in str(err)
    assert store_digest(world["b"]) == before
    info = sharing.inspect_share(world["b"].d, tmp_path / "m.age")
    assert not info.signer.known and info.signer.fingerprint == world["mallory"].fingerprint


def test_replayed_share_is_refused(world, tmp_path):
    out = tmp_path / "once.age"
    sharing.export_share(world["a"].d, out, [world["ids"]["jiang"]], to=["bob"])
    sharing.import_share(world["b"].d, out)
    before = store_digest(world["b"])
    with pytest.raises(IntegrityError) as info:
        sharing.import_share(world["b"].d, out)
    assert "already imported" in str(info.value)
    assert store_digest(world["b"]) == before
    assert sharing.inspect_share(world["b"].d, out).imported_at


# --- the archive corpus, inside a correctly signed container ------------------------------


RECORDS_OK = (
    b'{"format":"dossier-interchange","version":1,"cases":[],"sources":[],"organisations":[]}'
)
SYNC_OK = b'{"ancestors":{},"format":"dossier-share-sync","version":1}'


def _base_members(records: bytes = RECORDS_OK, sync: bytes = SYNC_OK) -> list[Member]:
    return [
        Member("records.json", len(records), sha(records)),
        Member("sync.json", len(sync), sha(sync)),
    ]


def _hostile(world, tmp_path, members, bodies, **kw) -> DossierError:
    before = store_digest(world["b"])
    plain = signed_container(
        sharing.load_identity(world["a"].d),
        members,
        bodies,
        recipients=[world["b"].info.recipient],
        **kw,
    )
    err = refused(world, encrypt_to(plain, [world["b"].info.recipient]), tmp_path / "h.age")
    assert store_digest(world["b"]) == before
    assert files_under(tmp_path) == {"h.age"}
    return err


def test_a_well_formed_signed_container_is_accepted(world, tmp_path):
    """The control for the corpus below: the same construction, nothing hostile."""
    plain = signed_container(
        sharing.load_identity(world["a"].d),
        _base_members(),
        [RECORDS_OK, SYNC_OK],
        recipients=[world["b"].info.recipient],
    )
    (tmp_path / "ok.age").write_bytes(encrypt_to(plain, [world["b"].info.recipient]))
    rep = sharing.import_share(world["b"].d, tmp_path / "ok.age")
    assert rep.to_json()["conflicts"] == []


@pytest.mark.parametrize(
    "name",
    [
        "../../etc/passwd",
        "/etc/passwd",
        "attachments/../../x",
        "C:\\Windows\\x",
        "\\\\server\\share",
        "attachments/" + "0" * 36,
        "attachments/a\0b",
        "records.json/../x",
        "CON",
        "link -> /etc",
        "attachments/4F0C3A2E-8D1B-4C5E-9F7A-1B2C3D4E5F60",
    ],
)
def test_member_names_outside_the_format_are_refused(world, tmp_path, name):
    body = b"x"
    err = _hostile(
        world, tmp_path, [*_base_members(), Member(name, 1, sha(body))], [RECORDS_OK, SYNC_OK, body]
    )
    assert isinstance(err, IntegrityError) and "not allowed" in str(err)


def test_duplicate_members_are_refused(world, tmp_path):
    aid = "attachments/4f0c3a2e-8d1b-4c5e-9f7a-1b2c3d4e5f60"
    m = Member(aid, 1, sha(b"x"))
    err = _hostile(world, tmp_path, [*_base_members(), m, m], [RECORDS_OK, SYNC_OK, b"x", b"x"])
    assert "appears twice" in str(err)
    err = _hostile(
        world, tmp_path, [*_base_members(), _base_members()[0]], [RECORDS_OK, SYNC_OK, RECORDS_OK]
    )
    assert "appears twice" in str(err)


def test_size_bomb_and_lying_sizes_are_refused(world, tmp_path):
    aid = "attachments/4f0c3a2e-8d1b-4c5e-9f7a-1b2c3d4e5f60"
    bomb = Member(aid, mf.MAX_ATTACHMENT_BYTES + 1, "0" * 64)
    err = _hostile(world, tmp_path, [*_base_members(), bomb], [RECORDS_OK, SYNC_OK])
    assert "over the limit" in str(err)
    lying = Member(aid, 10 * 2**30, "0" * 64)  # within the caps, far beyond the file
    err = _hostile(world, tmp_path, [*_base_members(), lying], [RECORDS_OK, SYNC_OK, b"tiny"])
    assert "more data than the file holds" in str(err)
    big_records = Member("records.json", mf.MAX_RECORDS_BYTES + 1, sha(RECORDS_OK))
    err = _hostile(world, tmp_path, [big_records, _base_members()[1]], [RECORDS_OK, SYNC_OK])
    assert "over the limit" in str(err)


def test_count_bomb_is_refused(world, tmp_path):
    many = [
        Member(f"attachments/00000000-0000-4000-8000-{i:012x}", 0, sha(b""))
        for i in range(mf.MAX_MEMBERS)
    ]
    err = _hostile(world, tmp_path, [*_base_members(), *many], [RECORDS_OK, SYNC_OK])
    assert "at most" in str(err)


def test_member_bytes_that_do_not_match_the_manifest_are_refused(world, tmp_path):
    # a hash that lies
    other = RECORDS_OK.replace(b"[]", b"[ ]", 1)[: len(RECORDS_OK)]
    err = _hostile(world, tmp_path, _base_members(), [other, SYNC_OK])
    assert "does not match the SHA-256" in str(err)
    # a member shorter than declared (the container cut inside an intact age file)
    err = _hostile(world, tmp_path, _base_members(), [RECORDS_OK, SYNC_OK[:-5]])
    assert "truncated" in str(err)
    # bytes after the last member
    err = _hostile(world, tmp_path, _base_members(), [RECORDS_OK, SYNC_OK, b"more"])
    assert "after its last member" in str(err)


def test_records_that_disagree_with_the_manifest_are_refused(world, tmp_path):
    counts = {"cases": 3, "events": 0, "sources": 0, "attachments": 0, "organisations": 0}
    err = _hostile(world, tmp_path, _base_members(), [RECORDS_OK, SYNC_OK], counts=counts)
    assert "counts" in str(err)
    sync = b'{"ancestors":{"4f0c3a2e-8d1b-4c5e-9f7a-1b2c3d4e5f60":[]},"format":"dossier-share-sync","version":1}'
    err = _hostile(world, tmp_path, _base_members(sync=sync), [RECORDS_OK, sync])
    assert "does not hold" in str(err)


def test_a_manifest_that_is_not_json_is_refused(world, tmp_path):
    err = _hostile(
        world, tmp_path, _base_members(), [RECORDS_OK, SYNC_OK], manifest_override=b"\xff not json"
    )
    assert "malformed" in str(err)


def test_a_changed_byte_in_an_attachment_imports_nothing_and_stages_nothing(world, tmp_path):
    """The attachment bodies are staged as they are verified (one pass): a body whose
    bytes do not match the signed manifest is refused after part of it was staged,
    and the stage goes with the refusal -- the store and its blob folder are as before."""
    plain = bytearray(plaintext_of(world, world["big"]))
    plain[-1000] ^= 0x01  # inside the last member: the 200,000-byte attachment
    before = store_digest(world["b"])
    folder = world["b"].d.store.blobs.path
    err = refused(world, encrypt_to(bytes(plain), [world["b"].info.recipient]), tmp_path / "t.age")
    assert "does not match the SHA-256" in str(err)
    assert store_digest(world["b"]) == before
    assert not folder.is_dir() or not [n for n in os.listdir(folder) if n.startswith(".")]
