import csv
import io

import pytest
from django.core.management import CommandError, call_command

from ridealong.language.tests.test_themes import GROUPS


def _write(path, rows, *, bom=False, delimiter=","):
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\n").writerows(rows)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + buffer.getvalue().encode("utf-8"))
    return path


def _read(path):
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(autouse=True)
def _light_model(monkeypatch):
    monkeypatch.setenv("RIDEALONG_THEME_MODEL", "tfidf")
    from ridealong.language import embeddings

    embeddings.encoder.cache_clear()
    yield
    embeddings.encoder.cache_clear()


def test_it_adds_sentiment_and_score_to_each_row_of_a_bom_file(tmp_path, capsys):
    source = _write(
        tmp_path / "in.csv",
        [
            ["id", "Comment"],
            ["1", "Still waiting for the spare part, nobody calls back"],
            ["2", "Great service, thank you so much!"],
            ["3", "Ünïcode café order number 12"],
        ],
        bom=True,
    )
    out = tmp_path / "out.csv"
    call_command("analyze", "sentiment", str(source), "--text-column", "Comment", "--out", str(out))
    rows = _read(out)
    assert [r["id"] for r in rows] == ["1", "2", "3"]
    assert [r["sentiment"] for r in rows] == ["negative", "positive", "neutral"]
    assert all(-1 <= float(r["score"]) <= 1 for r in rows)
    assert rows[2]["Comment"] == "Ünïcode café order number 12"
    captured = capsys.readouterr()
    assert "scored 3 of 3 rows" in captured.err
    assert "1 negative, 1 neutral, 1 positive" in captured.out


def test_it_adds_theme_id_and_name_to_each_row(tmp_path, capsys):
    texts = [t for group in GROUPS.values() for t in group]
    source = _write(
        tmp_path / "in.csv",
        [["text", "n"], *([t, str(i)] for i, t in enumerate(texts))],
        delimiter=";",
    )
    out = tmp_path / "out.csv"
    call_command("analyze", "themes", str(source), "--text-column", "text", "--out", str(out))
    rows = _read(out)
    assert len(rows) == len(texts)
    assert len({r["theme_id"] for r in rows}) == 3
    by_text = {r["text"]: r["theme_name"] for r in rows}
    assert "changeover" in by_text[GROUPS["changeover"][0]]
    assert "model: tfidf" in capsys.readouterr().err


def test_it_lists_the_available_columns_when_the_column_is_missing(tmp_path):
    source = _write(tmp_path / "in.csv", [["id", "Comment"], ["1", "hello"]])
    with pytest.raises(CommandError) as error:
        call_command(
            "analyze",
            "sentiment",
            str(source),
            "--text-column",
            "text",
            "--out",
            str(tmp_path / "o.csv"),
        )
    assert 'No column "text"' in str(error.value)
    assert '"id", "Comment"' in str(error.value)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "is empty"),
        (b"\xef\xbb\xbf\n\n", "is empty"),
        (b"text\n", "no rows"),
        (b"text\n\xff\xfe\n", "not UTF-8"),
    ],
)
def test_it_explains_an_empty_or_unreadable_file(tmp_path, content, message):
    source = tmp_path / "in.csv"
    source.write_bytes(content)
    with pytest.raises(CommandError, match=message):
        call_command(
            "analyze",
            "themes",
            str(source),
            "--text-column",
            "text",
            "--out",
            str(tmp_path / "o.csv"),
        )


def test_it_refuses_a_missing_file_and_overwriting_the_input(tmp_path):
    with pytest.raises(CommandError, match="No such file"):
        call_command(
            "analyze",
            "sentiment",
            str(tmp_path / "nope.csv"),
            "--text-column",
            "t",
            "--out",
            str(tmp_path / "o.csv"),
        )
    source = _write(tmp_path / "in.csv", [["t"], ["x"]])
    with pytest.raises(CommandError, match="another file"):
        call_command(
            "analyze", "sentiment", str(source), "--text-column", "t", "--out", str(source)
        )


def test_it_exits_with_1_on_bad_input_from_the_command_line(tmp_path):
    import subprocess
    import sys

    source = _write(tmp_path / "in.csv", [["id"], ["1"]])
    done = subprocess.run(  # noqa: S603
        [
            sys.executable,
            "-m",
            "ridealong",
            "analyze",
            "sentiment",
            str(source),
            "--text-column",
            "text",
            "--out",
            str(tmp_path / "o.csv"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    assert "Available columns" in done.stderr
