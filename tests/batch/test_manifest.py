"""Finding document sets: CSV/TSV and JSONL manifests, directories, and the digest of a set."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from workbench.batch.manifest import DocumentSet, ManifestError, load_corpus, scan_directory
from workbench.batch.work import BatchSettings, set_digest


def _write(folder: Path, name: str, text: str = "Ein Satz.\n") -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_csv_manifest_groups_lines_by_set_in_order(tmp_path: Path) -> None:
    manifest = _write(tmp_path, "sets.csv", "set,file,lang,label\n"
                      "ch1,texts/ch1-zh.txt,zh,source\nch2,texts/ch2-en.txt,en,\n"
                      "ch1,texts/ch1-en.txt,en,target\nch2,texts/ch2-ru.txt,ru,\n")
    corpus = load_corpus(manifest)
    assert [s.name for s in corpus.sets] == ["ch1", "ch2"]
    first, second = corpus.sets
    assert first.files == [tmp_path / "texts/ch1-zh.txt", tmp_path / "texts/ch1-en.txt"]
    assert first.langs == ["zh", "en"] and first.labels == ["source", "target"]
    assert second.langs == ["en", "ru"]
    assert second.labels == []  # a label column left empty for a set: labels are defaulted


def test_tsv_manifest_and_missing_columns(tmp_path: Path) -> None:
    corpus = load_corpus(_write(tmp_path, "m.tsv", "set\tfile\na\tx.txt\na\ty.txt\n"))
    assert corpus.sets[0].files == [tmp_path / "x.txt", tmp_path / "y.txt"]
    with pytest.raises(ManifestError, match="missing file"):
        load_corpus(_write(tmp_path, "bad.csv", "set,path\na,x.txt\n"))
    with pytest.raises(ManifestError, match="gives a lang for some of its files only"):
        load_corpus(_write(tmp_path, "half.csv", "set,file,lang\na,x.txt,de\na,y.txt,\n"))
    with pytest.raises(ManifestError, match="line 3: set and file are required"):
        load_corpus(_write(tmp_path, "gap.csv", "set,file\na,x.txt\n,y.txt\n"))


def test_jsonl_manifest_with_chain(tmp_path: Path) -> None:
    lines = [{"set": "s1", "files": ["a.txt", "b.txt"], "langs": ["zh", "en"], "chain": "zh,en"},
             {"set": "s2", "files": ["c.txt", "d.txt"]}]
    manifest = _write(tmp_path, "m.jsonl", "\n".join(json.dumps(x) for x in lines) + "\n\n")
    first, second = load_corpus(manifest).sets
    assert first.chain == ["zh", "en"] and first.langs == ["zh", "en"]
    assert second.files == [tmp_path / "c.txt", tmp_path / "d.txt"] and second.langs == []


@pytest.mark.parametrize(("content", "message"), [
    ('{"set": "a", "files": ["x"]}\n{"set": "b", "files": [\n', "line 2: not JSON"),
    ('{"files": ["x", "y"]}\n', "line 1: \"set\""),
    ('{"set": "a"}\n', "lists no files"),
    ('{"set": "a", "files": [1, 2]}\n', "must be a list of strings"),
    ('["a", "b"]\n', "expected an object"),
    ("\n", "names no document sets"),
])
def test_bad_jsonl_manifest_names_the_line(tmp_path: Path, content: str, message: str) -> None:
    with pytest.raises(ManifestError, match=message):
        load_corpus(_write(tmp_path, "m.jsonl", content))


def test_manifest_kinds_and_encoding(tmp_path: Path) -> None:
    with pytest.raises(ManifestError, match=r"\.csv, \.tsv or \.jsonl"):
        load_corpus(_write(tmp_path, "m.txt", "set,file\n"))
    (tmp_path / "latin.csv").write_bytes("set,file\nä,x\n".encode("latin-1"))
    with pytest.raises(ManifestError, match="not UTF-8"):
        load_corpus(tmp_path / "latin.csv")
    with pytest.raises(ManifestError, match="does not exist"):
        load_corpus(tmp_path / "absent.jsonl")


def test_names_that_would_share_output_files_are_refused(tmp_path: Path) -> None:
    manifest = _write(tmp_path, "m.csv", "set,file\na/b,x\na/b,y\na:b,z\na:b,w\n")
    with pytest.raises(ManifestError, match="same output files"):
        load_corpus(manifest)


def test_directory_of_name_lang_ext_files(tmp_path: Path) -> None:
    for name in ("ch01.zh.txt", "ch01.en.txt", "ch02.ru.md", "ch02.en.txt", "ch02.en.md",
                 "README", "notes.txt", ".hidden.en.txt"):
        _write(tmp_path, name)
    (tmp_path / "sub.en.dir").mkdir()
    corpus = scan_directory(tmp_path)
    by_name = {s.name: s for s in corpus.sets}
    assert sorted(by_name) == ["ch01", "ch02"]
    assert by_name["ch01"].langs == ["en", "zh"] and by_name["ch01"].labels == ["en", "zh"]
    # two English files in one set: told apart by their extension
    assert by_name["ch02"].labels == ["en-md", "en-txt", "ru-md"]
    assert sorted(p.name for p in corpus.ignored) == ["README", "notes.txt"]


def test_empty_directory_is_a_clear_error(tmp_path: Path) -> None:
    _write(tmp_path, "README")
    with pytest.raises(ManifestError, match=r"no name\.<lang>\.<ext> files"):
        load_corpus(tmp_path)


def test_digest_follows_contents_and_settings_not_location(tmp_path: Path) -> None:
    first = [_write(tmp_path / "one", "a.de.txt", "Hallo.\n"), _write(tmp_path / "one", "a.fr.txt")]
    moved = [_write(tmp_path / "two", "a.de.txt", "Hallo.\n"), _write(tmp_path / "two", "a.fr.txt")]
    plain = BatchSettings()
    digest = set_digest(DocumentSet("a", first, ["de", "fr"]), plain)
    assert set_digest(DocumentSet("a", moved, ["de", "fr"]), plain) == digest
    assert set_digest(DocumentSet("a", first, ["de", "fr"]), BatchSettings(tmx=True)) == digest
    assert set_digest(DocumentSet("a", first, ["de", "fr"]),
                      BatchSettings(chain=("de", "fr"))) != digest
    assert set_digest(DocumentSet("a", first, ["de", "en"]), plain) != digest
    first[0].write_text("Hallo!\n", encoding="utf-8")
    assert set_digest(DocumentSet("a", first, ["de", "fr"]), plain) != digest
    first[0].unlink()
    with pytest.raises(OSError):
        set_digest(DocumentSet("a", first, ["de", "fr"]), plain)
