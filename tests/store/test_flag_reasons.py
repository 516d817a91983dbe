"""A signal's reason survives storage and JSONL as message key plus arguments."""

from __future__ import annotations

import json

from sqlalchemy.orm import Session

from workbench.aligned import AlignedComparison
from workbench.comparison import FlagRecord, RowRecord
from workbench.export import export
from workbench.ingest.aligned import read_aligned
from workbench.nlp.drift.messages import message, reason_args, render
from workbench.nlp.embed.fake import FakeEncoder
from workbench.pipeline import VersionInput, compare
from workbench.store import create_project, load_record, save_comparison
from workbench.store.rowdata import load_rows

EN = ["The dam cost 350 million dollars.", "He did not come back.", "The river rose."]
RU = ["Плотина стоила 500 миллионов долларов.", "Он вернулся.", "Река поднялась."]


def _checked(encoder: FakeEncoder) -> AlignedComparison:
    inputs = [VersionInput(label="en", text="\n".join(EN), lang="en", segmented=True),
              VersionInput(label="ru", text="\n".join(RU), lang="ru", segmented=True)]
    return compare(inputs, encoder, chain=["en", "ru"], title="Dam")


def _keyed(rows: list[RowRecord]) -> list[tuple[int, str, str, dict[str, object]]]:
    return [(r.index, f.type, f.reason_key, f.reason_args) for r in rows for f in r.flags]


def test_detectors_flags_carry_key_and_arguments(fake_encoder: FakeEncoder) -> None:
    flags = _keyed(_checked(fake_encoder).record.rows)
    kinds = {(row, kind, key) for row, kind, key, _ in flags}
    assert (0, "number", "number_changed") in kinds
    assert (1, "negation", "negation") in kinds
    for row in _checked(fake_encoder).record.rows:
        for flag in row.flags:
            assert flag.reason_key, flag
            assert render(flag.reason_key, flag.reason_args) == flag.detail


def test_key_and_arguments_round_trip_through_the_store(session: Session,
                                                        fake_encoder: FakeEncoder) -> None:
    result = _checked(fake_encoder)
    comparison_id = save_comparison(session, create_project(session, "P"), result)
    assert _keyed(load_record(session, comparison_id).rows) == _keyed(result.record.rows)
    stored = [f for row in load_rows(session, comparison_id) for f in row.flags]
    assert stored and all(f.reason_key and f.reason_args for f in stored)


def test_relay_reason_round_trips_nested(session: Session, fake_encoder: FakeEncoder) -> None:
    result = _checked(fake_encoder)
    relay = message("relay", detail=message("number_alone", side="ru", found="“2000”",
                                            other="en"))
    result.record.rows[2].flags = [FlagRecord("number", "en|ru", relay, severity="critical",
                                              reason_key=relay.key,
                                              reason_args=reason_args(relay))]
    comparison_id = save_comparison(session, create_project(session, "P"), result)
    flag = load_record(session, comparison_id).rows[2].flags[0]
    assert flag.reason_args == {"detail": {"key": "number_alone", "args": {
        "side": "ru", "found": "“2000”", "other": "en"}}}
    assert render(flag.reason_key, flag.reason_args) == relay


def test_key_and_arguments_round_trip_through_jsonl(fake_encoder: FakeEncoder) -> None:
    record = _checked(fake_encoder).record
    back = read_aligned(export(record, "jsonl"), "dam.jsonl")
    assert _keyed(back.rows) == _keyed(record.rows)
    line = next(json.loads(x) for x in export(record, "jsonl").decode().splitlines()
                if '"row": 0' in x)
    number = next(f for f in line["flags"] if f["type"] == "number")
    assert number["reason"]["key"] == "number_changed"
    assert number["reason"]["args"]["b"] == "ru"


def test_jsonl_written_before_reasons_had_keys_still_reads() -> None:
    old = {"row": 0, "segments": {"en": [0], "ru": [0]},
           "text": {"en": "He did not come back.", "ru": "Он вернулся."},
           "similarity": {"en|ru": 0.8}, "score": {"en|ru": 0.9},
           "flags": [{"type": "negation", "hop": "en|ru",
                      "detail": "en negates (“not”) where ru does not", "spans": {},
                      "severity": "critical", "source": "auto"}]}
    back = read_aligned((json.dumps(old, ensure_ascii=False) + "\n").encode(), "old.jsonl")
    flag = back.rows[0].flags[0]
    assert (flag.detail, flag.reason_key, flag.reason_args) == (
        "en negates (“not”) where ru does not", "", {})
    assert "reason" not in flag.to_json()


def test_corrections_and_undo_keep_the_keys(session: Session, fake_encoder: FakeEncoder) -> None:
    from workbench import review

    result = _checked(fake_encoder)
    comparison_id = save_comparison(session, create_project(session, "P"), result)
    first = load_rows(session, comparison_id)[0]
    review.merge_with_next(session, first.id, encoder=fake_encoder)
    merged = load_record(session, comparison_id).rows[0]
    assert merged.flags and all(f.reason_key for f in merged.flags)  # rescored: new keys
    review.undo(session, comparison_id)
    assert _keyed(load_record(session, comparison_id).rows) == _keyed(result.record.rows)
