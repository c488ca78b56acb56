"""The compiled-knowledge-base cache: hits, misses on any change, pruning, failures ignored."""

from __future__ import annotations

from pathlib import Path

from pvrules.kb import KnowledgeBase, load_kb
from pvrules.load import cache

DATA = Path(__file__).resolve().parents[1] / "data" / "kb"


def _load(rules: Path) -> KnowledgeBase:
    return load_kb([rules], [DATA / "knowledge"], include_builtin=False, use_env=False)


def test_hit_and_miss(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("PVRULES_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("PVRULES_NO_CACHE", raising=False)
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "r.yaml").write_text((DATA / "rules" / "rules.yaml").read_text())
    first = _load(rules)
    assert len(list((tmp_path / "cache").glob("kb-*.pickle"))) == 1
    second = _load(rules)
    assert second.content_hash == first.content_hash
    assert [r.id for r in second.rules] == [r.id for r in first.rules]
    # any change to a file is a miss
    (rules / "r.yaml").write_text((rules / "r.yaml").read_text().replace("Draagvlak is", "D"))
    third = _load(rules)
    assert third.content_hash != first.content_hash
    assert len(list((tmp_path / "cache").glob("kb-*.pickle"))) == 2


def test_broken_or_unwritable_cache_is_ignored(tmp_path: Path, monkeypatch) -> None:
    folder = tmp_path / "cache"
    monkeypatch.setenv("PVRULES_CACHE_DIR", str(folder))
    kb = _load(DATA / "rules")
    for entry in folder.glob("kb-*.pickle"):
        entry.write_bytes(b"not a pickle")
    assert _load(DATA / "rules").content_hash == kb.content_hash
    monkeypatch.setenv("PVRULES_CACHE_DIR", str(tmp_path / "file"))
    (tmp_path / "file").write_text("a file where the folder should be")
    assert _load(DATA / "rules").content_hash == kb.content_hash


def test_pruned_to_the_newest(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("PVRULES_CACHE_DIR", str(tmp_path))
    for i in range(cache.KEEP + 5):
        cache.store(f"k{i}", {"i": i})
    assert len(list(tmp_path.glob("kb-*.pickle"))) == cache.KEEP


def test_off_switch(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("PVRULES_CACHE_DIR", str(tmp_path))
    monkeypatch.setenv("PVRULES_NO_CACHE", "1")
    _load(DATA / "rules")
    assert not list(tmp_path.iterdir())
