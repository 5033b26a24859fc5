"""Reading run logs: CSVLogger files, History JSON, TensorBoard folders, and every way they go wrong."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import pytest

from tflint.diagnose import record
from tflint.diagnose.readers import LogError, load, read_csv, read_history_json

CSV = "epoch,accuracy,loss,val_accuracy,val_loss\n0,0.5,0.9,0.55,0.85\n1,0.7,0.6,0.68,0.66\n2,0.8,0.4,0.75,0.52\n"


def test_csvlogger_file(tmp_path):
    path = tmp_path / "log.csv"
    path.write_text(CSV)
    run = load(path)
    assert run.epochs == 3
    assert run.series["val_loss"] == [0.85, 0.66, 0.52]
    assert "epoch" not in run.series
    assert run.epoch_lines == {1: 2, 2: 3, 3: 4}  # findings point at the epoch's row


def test_csv_with_nan_and_missing_values():
    run = read_csv("epoch,loss,val_loss,lr\n0,0.9,NA,0.1\n1,nan,,0.1\n2,inf,nan,0.1\n")
    assert math.isnan(run.series["val_loss"][0]) and math.isnan(run.series["loss"][1])
    assert run.series["loss"][2] == math.inf


def test_csv_semicolon_separated():
    assert read_csv("epoch;loss\n0;0.5\n1;0.4\n").series["loss"] == [0.5, 0.4]


def test_an_appended_log_repeats_its_header():
    run = read_csv(CSV + "epoch,accuracy,loss,val_accuracy,val_loss\n0,0.85,0.3,0.8,0.45\n")
    assert run.series["loss"] == [0.9, 0.6, 0.4, 0.3] and run.epoch_lines[4] == 6


def test_a_truncated_last_row_is_dropped():
    run = read_csv(CSV + "3,0.85,0.3")  # killed while writing epoch 4
    assert run.epochs == 3
    assert run.notes == ["line 5 is cut short (the run stopped while writing it): read the 3 epochs before it"]
    assert read_csv(CSV).notes == []


def test_a_short_row_in_the_middle_is_an_error():
    with pytest.raises(LogError, match=r"log.csv:3: 3 values for 5 columns"):
        read_csv("epoch,accuracy,loss,val_accuracy,val_loss\n0,0.5,0.9,0.55,0.85\n1,0.7,0.6\n2,0.8,0.4,0.75,0.52\n", "log.csv")


@pytest.mark.parametrize(
    "text,message",
    [
        ("", "the file is empty"),
        ("   \n\n", "the file is empty"),
        ("epoch,loss,val_loss\n", "no epochs: the file has a header but no rows"),
        ("epoch,foo,bar\n0,1,2\n", r"no 'loss' or 'val_loss' column \(found: epoch, foo, bar\)"),
        ("epoch,loss\n0,abc\n", r"line 2, column 'loss': 'abc' is not a number"),
        ("loss,loss\n1,2\n", "the header repeats a column"),
    ],
)
def test_bad_csv_says_what_is_wrong(text, message):
    with pytest.raises(LogError, match=message):
        read_csv(text, "log.csv")


def test_history_json_forms():
    as_dict = read_history_json(json.dumps({"loss": [0.9, 0.5], "val_loss": [0.8, 0.6]}))
    as_list = read_history_json(json.dumps([{"epoch": 0, "loss": 0.9, "val_loss": 0.8}, {"epoch": 1, "loss": 0.5, "val_loss": 0.6}]))
    wrapped = read_history_json(json.dumps({"history": {"loss": [0.9, 0.5], "val_loss": [0.8, 0.6]}, "params": {"epochs": 2}}))
    assert as_dict.series == as_list.series == wrapped.series == {"loss": [0.9, 0.5], "val_loss": [0.8, 0.6]}


def test_history_json_with_nan_null_and_a_late_key():
    run = read_history_json('{"loss": [0.9, NaN, null], "learning_rate": [0.01, 0.001]}')
    assert math.isnan(run.series["loss"][1]) and math.isnan(run.series["loss"][2])
    assert math.isnan(run.series["learning_rate"][0]) and run.series["learning_rate"][1:] == [0.01, 0.001]


@pytest.mark.parametrize(
    "text,message",
    [
        ("{", r"h.json:1:2: not valid JSON"),
        ("[]", "an empty list: no epochs"),
        ("[1, 2]", "one object per epoch"),
        ('"loss"', "expected a Keras History as JSON"),
        ('{"loss": 0.5}', "'loss' must be a list with one value per epoch"),
        ('{"accuracy": [0.5, 0.6]}', r"no 'loss' or 'val_loss' column \(found: accuracy\)"),
        ('{"loss": []}', "no epochs: every list is empty"),
        ('{"loss": ["x"]}', r"'loss'\[0\]: 'x' is not a number"),
        ('{"loss": [true]}', "is not a number"),
    ],
)
def test_bad_history_json_says_what_is_wrong(text, message):
    with pytest.raises(LogError, match=message):
        read_history_json(text, "h.json")


def test_the_run_record_round_trips_non_finite_values(tmp_path):
    path = tmp_path / ".tflint" / "last_run.json"
    record.write(path, {"history": {"loss": [0.5, math.nan, math.inf]}, "fit": {"path": "train.py", "line": 9}})
    data = json.loads(path.read_text())  # strict JSON: NaN is a string
    assert data["history"]["loss"] == [0.5, "NaN", "Infinity"] and data["format"] == record.FORMAT
    run = load(path)
    assert math.isnan(run.series["loss"][1]) and run.series["loss"][2] == math.inf
    assert record.fit_location(record.read(path)) == ("train.py", 9)


def test_missing_paths_and_binary_files(tmp_path):
    with pytest.raises(LogError, match="no such file or folder"):
        load(tmp_path / "nope.csv")
    blob = tmp_path / "model.h5"
    blob.write_bytes(b"\x89HDF\r\n\x1a\n\xff\xfe\x00")
    with pytest.raises(LogError, match="not a text file"):
        load(blob)


# -- TensorBoard ---------------------------------------------------------------------


def write_events(folder: Path, run: str, values: dict[str, list[float]], as_tensor: bool = True) -> None:
    """Event files as Keras' TensorBoard callback writes them (TF2: tensor scalars, metadata on the first)."""
    from tensorboard.compat.proto import event_pb2, summary_pb2
    from tensorboard.summary.writer.record_writer import RecordWriter
    from tensorboard.util import tensor_util

    (folder / run).mkdir(parents=True, exist_ok=True)
    with open(folder / run / "events.out.tfevents.1.host.1.v2", "wb") as f:
        writer = RecordWriter(f)
        writer.write(event_pb2.Event(wall_time=1.0, file_version="brain.Event:2").SerializeToString())
        for tag, points in values.items():
            for step, v in enumerate(points):
                if as_tensor:
                    meta = summary_pb2.SummaryMetadata(plugin_data=summary_pb2.SummaryMetadata.PluginData(plugin_name="scalars"))
                    value = summary_pb2.Summary.Value(
                        tag=tag, tensor=tensor_util.make_tensor_proto(v), metadata=meta if step == 0 else None
                    )
                else:
                    value = summary_pb2.Summary.Value(tag=tag, simple_value=v)
                event = event_pb2.Event(wall_time=2.0 + step, step=step, summary=summary_pb2.Summary(value=[value]))
                writer.write(event.SerializeToString())
        writer.flush()


def test_keras_tensorboard_layout(tmp_path):
    write_events(tmp_path, "train", {"epoch_loss": [0.9, 0.6, 0.4], "epoch_accuracy": [0.5, 0.7, 0.8],
                                     "batch_loss": [1.0] * 30, "epoch_learning_rate": [0.001] * 3})
    write_events(tmp_path, "validation", {"epoch_loss": [0.85, 0.66, 0.52], "evaluation_loss_vs_iterations": [0.8, 0.7, 0.6]})
    run = load(tmp_path)
    assert run.series["loss"] == pytest.approx([0.9, 0.6, 0.4])
    assert run.series["val_loss"] == pytest.approx([0.85, 0.66, 0.52])
    assert run.series["learning_rate"] == pytest.approx([0.001] * 3)
    assert set(run.series) == {"loss", "accuracy", "learning_rate", "val_loss"}


def test_tf1_simple_values(tmp_path):
    write_events(tmp_path, "", {"loss": [0.9, 0.5], "val_loss": [0.95, 0.7]}, as_tensor=False)
    assert load(tmp_path).series == {"loss": pytest.approx([0.9, 0.5]), "val_loss": pytest.approx([0.95, 0.7])}


def test_a_partial_last_record_keeps_what_came_before(tmp_path):
    write_events(tmp_path, "train", {"epoch_loss": [0.9, 0.6, 0.4]})
    events = next((tmp_path / "train").glob("events*"))
    events.write_bytes(events.read_bytes()[:-7])
    assert load(tmp_path).series["loss"] == pytest.approx([0.9, 0.6])


def test_a_folder_of_several_runs_asks_for_one(tmp_path):
    write_events(tmp_path / "run1", "train", {"epoch_loss": [0.9, 0.6]})
    write_events(tmp_path / "run2", "train", {"epoch_loss": [0.8, 0.5]})
    write_events(tmp_path / "run2", "validation", {"epoch_loss": [0.85, 0.55]})
    with pytest.raises(LogError, match=r"2 runs in this folder \(run1, run2\); pass one of them"):
        load(tmp_path)
    assert load(tmp_path / "run2").series["val_loss"] == pytest.approx([0.85, 0.55])


def test_empty_tensorboard_folder(tmp_path):
    (tmp_path / "train").mkdir()
    with pytest.raises(LogError, match="no TensorBoard event files"):
        load(tmp_path)


def test_tensorboard_folder_without_scalars(tmp_path):
    write_events(tmp_path, "train", {})
    with pytest.raises(LogError, match="hold no scalar summaries"):
        load(tmp_path)


def test_reading_tensorboard_never_imports_tensorflow(tmp_path):
    write_events(tmp_path, "train", {"epoch_loss": [0.9, 0.6]})
    code = (
        "import sys; from tflint.diagnose.readers import load; "
        f"run = load({str(tmp_path)!r}); print(run.series['loss'][1] < 0.7, 'tensorflow' in sys.modules, 'keras' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["True", "False", "False"]
