"""The compiled-knowledge-base cache: hits, misses on any change, pruning, failures ignored."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from pvrules.kb import KnowledgeBase, load_kb
from pvrules.load import cache

DATA = Path(__file__).resolve().parents[1] / "data" / "kb"


def _load(rules: Path) -> KnowledgeBase:
    return load_kb([rules], [DATA / "knowledge"], include_builtin=False, use_env=False)


@pytest.fixture(autouse=True)
def _own_key(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("PVRULES_CACHE_KEY_FILE", str(tmp_path / "config" / "cache.key"))
    cache._notices.clear()


def test_hit_and_miss(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("PVRULES_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("PVRULES_NO_CACHE", raising=False)
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "r.yaml").write_text((DATA / "rules" / "rules.yaml").read_text())
    first = _load(rules)
    assert len(list((tmp_path / "cache").glob("kb-*.kbc"))) == 1
    second = _load(rules)
    assert second.content_hash == first.content_hash
    assert [r.id for r in second.rules] == [r.id for r in first.rules]
    # any change to a file is a miss
    (rules / "r.yaml").write_text((rules / "r.yaml").read_text().replace("Draagvlak is", "D"))
    third = _load(rules)
    assert third.content_hash != first.content_hash
    assert len(list((tmp_path / "cache").glob("kb-*.kbc"))) == 2


def test_broken_or_unwritable_cache_is_ignored(tmp_path: Path, monkeypatch) -> None:
    folder = tmp_path / "cache"
    monkeypatch.setenv("PVRULES_CACHE_DIR", str(folder))
    kb = _load(DATA / "rules")
    for entry in folder.glob("kb-*.kbc"):
        entry.write_bytes(b"not a pickle")
    assert _load(DATA / "rules").content_hash == kb.content_hash
    monkeypatch.setenv("PVRULES_CACHE_DIR", str(tmp_path / "file"))
    (tmp_path / "file").write_text("a file where the folder should be")
    assert _load(DATA / "rules").content_hash == kb.content_hash


def test_pruned_to_the_newest(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("PVRULES_CACHE_DIR", str(tmp_path / "cache"))
    for i in range(cache.KEEP + 5):
        cache.store(f"k{i}", {"i": i})
    assert len(list((tmp_path / "cache").glob("kb-*.kbc"))) == cache.KEEP


def test_off_switch(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("PVRULES_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("PVRULES_NO_CACHE", "1")
    _load(DATA / "rules")
    assert not (tmp_path / "cache").exists()


class _Planted:
    """Unpickling this runs code: what an attacker with a writable cache would plant."""

    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (Path.touch, (Path(_Planted.marker),))

    marker = ""


def test_planted_entry_is_never_unpickled(tmp_path: Path, monkeypatch, capsys) -> None:
    folder = tmp_path / "cache"
    monkeypatch.setenv("PVRULES_CACHE_DIR", str(folder))
    kb = _load(DATA / "rules")
    _Planted.marker = str(tmp_path / "pwned")
    planted = pickle.dumps(_Planted())
    for entry in folder.glob("kb-*.kbc"):
        entry.write_bytes(planted)  # no tag at all
    assert _load(DATA / "rules").content_hash == kb.content_hash
    assert not (tmp_path / "pwned").exists()
    err = capsys.readouterr().err
    assert "not authentic" in err and "rebuilding" in err
    # a forged tag (wrong key) is refused the same way
    for entry in folder.glob("kb-*.kbc"):
        entry.write_bytes(b"\0" * 32 + planted)
    assert _load(DATA / "rules").content_hash == kb.content_hash
    assert not (tmp_path / "pwned").exists()
    # and the rebuilt entry is authentic again: a later load is a quiet hit
    capsys.readouterr()
    assert _load(DATA / "rules").content_hash == kb.content_hash
    assert capsys.readouterr().err == ""


def test_key_inside_the_cache_folder_turns_the_cache_off(tmp_path: Path, monkeypatch,
                                                          capsys) -> None:
    folder = tmp_path / "cache"
    monkeypatch.setenv("PVRULES_CACHE_DIR", str(folder))
    monkeypatch.setenv("PVRULES_CACHE_KEY_FILE", str(folder / "cache.key"))
    _load(DATA / "rules")
    assert not list(folder.glob("kb-*"))
    assert "must not be inside the cache folder" in capsys.readouterr().err


def test_shared_key_turns_the_cache_off(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.setenv("PVRULES_CACHE_DIR", str(tmp_path / "cache"))
    key = tmp_path / "config" / "cache.key"
    key.parent.mkdir()
    key.write_bytes(b"k" * 32)
    key.chmod(0o644)
    _load(DATA / "rules")
    assert not list((tmp_path / "cache").glob("kb-*"))
    assert "chmod 600" in capsys.readouterr().err


def test_unreadable_cache_entry_is_a_notice(tmp_path: Path, monkeypatch, capsys) -> None:
    folder = tmp_path / "cache"
    monkeypatch.setenv("PVRULES_CACHE_DIR", str(folder))
    kb = _load(DATA / "rules")
    plain = Path.read_bytes

    def denied(self: Path) -> bytes:
        if self.suffix == ".kbc":
            raise PermissionError(13, "Permission denied", str(self))
        return plain(self)

    monkeypatch.setattr(Path, "read_bytes", denied)
    assert _load(DATA / "rules").content_hash == kb.content_hash
    assert "cannot read it (Permission denied)" in capsys.readouterr().err


def test_a_knowledge_base_is_unpickled_once_per_process(tmp_path: Path, monkeypatch,
                                                        capsys) -> None:
    monkeypatch.setenv("PVRULES_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("PVRULES_NO_CACHE", raising=False)
    built = _load(DATA / "rules")
    first = _load(DATA / "rules")  # from the cache file
    assert first is not built
    assert _load(DATA / "rules") is first  # the same authentic bytes: the same object
    (entry,) = (tmp_path / "cache").glob("kb-*.kbc")
    assert cache.load(entry.name[3:-4]) is not first  # without keep: unpickled again
    data = bytearray(entry.read_bytes())
    data[-1] ^= 0xFF
    entry.write_bytes(bytes(data))
    again = _load(DATA / "rules")  # changed bytes are checked, refused and rebuilt
    assert again is not first and again.content_hash == first.content_hash
    assert "not authentic" in capsys.readouterr().err
    for i in range(cache.KEEP_IN_MEMORY + 2):  # the memory holds a few objects only
        cache.store(f"k{i}", {"i": i})
        assert cache.load(f"k{i}", keep=True) == {"i": i}
    assert len(cache._kept) <= cache.KEEP_IN_MEMORY
