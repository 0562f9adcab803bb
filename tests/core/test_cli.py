"""The CLI as people and scripts use it: real processes, real pipes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def factbot(*args: str, stdin: bytes | None = None, timeout: float = 60) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input=stdin,
        capture_output=True,
        timeout=timeout,
        cwd=ROOT,
        env=env,
    )


def json_lines(out: bytes) -> list[dict]:
    return [json.loads(line) for line in out.decode("utf-8").splitlines()]


def test_ask_prints_answer_with_citation():
    out = factbot("ask", "When did Bui Thanh Son hold talks with Chung Eui-yong in Seoul?")
    assert out.returncode == 0, out.stderr
    text = out.stdout.decode()
    assert "10 February 2022" in text
    assert "Vietnam Times" in text and "https://vietnamtimes.org.vn/" in text


def test_ask_json_prints_one_object_with_the_contract_fields():
    out = factbot("ask", "--json", "When did Bui Thanh Son hold talks with Chung Eui-yong in Seoul?")
    assert out.returncode == 0, out.stderr
    (obj,) = json_lines(out.stdout)
    assert set(obj) >= {"status", "answer", "language", "fact_id", "score", "sources", "suggestions"}
    assert obj["status"] == "answer" and obj["language"] == "en"
    assert set(obj["sources"][0]) >= {"outlet", "title", "url", "published"}


BAD_LINES = [
    b"",
    b"   \t ",
    b"x" * 10_000,
    "Vi\u0000et\u001bnam \u0007 ties".encode(),
    "🇻🇳🤝🇰🇷🙂".encode(),
    "Quan hệ 한국 베트남 Việt Nam ties 外交".encode(),
    b"\xff\xfe\xfa invalid utf-8 \xc3\x28",
    b"When did Vietnam and the RoK upgrade to a comprehensive strategic partnership?",
]


def test_batch_mode_answers_every_line_in_order_and_survives_bad_input():
    out = factbot("ask", "--json", stdin=b"\n".join(BAD_LINES) + b"\n")
    assert out.returncode == 0, out.stderr
    assert b"Traceback" not in out.stderr
    objs = json_lines(out.stdout)
    assert len(objs) == len(BAD_LINES)
    assert all(o["status"] in {"answer", "suggest", "decline"} and o["answer"] for o in objs)
    assert objs[0]["status"] == objs[1]["status"] == "decline"
    assert "too long" in objs[2]["answer"]
    assert objs[6].get("error") == "invalid_utf8"
    assert objs[-1]["status"] == "answer" and "2022" in objs[-1]["answer"]


def test_batch_mode_flushes_each_answer_before_reading_the_next_line():
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot", "ask", "--json"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        cwd=ROOT,
    )
    try:
        assert proc.stdin and proc.stdout
        proc.stdin.write(b"Who is Park Jin?\n")
        proc.stdin.flush()
        first = json.loads(proc.stdout.readline())  # would block forever without a flush
        assert first["status"] in {"answer", "suggest", "decline"}
    finally:
        proc.kill()
        proc.wait()


@pytest.mark.parametrize("args", [["ask"], ["eval", "/nonexistent.yaml"], ["check", "/nonexistent"], []])
def test_usage_errors_exit_2_with_a_message_not_a_traceback(args):
    out = factbot(*args)
    assert out.returncode == 2
    assert b"Traceback" not in out.stderr


def test_broken_fact_store_is_a_clear_error(tmp_path):
    (tmp_path / "sources.yaml").write_text("sources: [", encoding="utf-8")
    out = factbot("ask", "--facts", str(tmp_path), "hello")
    assert out.returncode == 2
    err = out.stderr.decode()
    assert "sources.yaml:" in err and "YAML syntax error" in err and "Traceback" not in err


def test_check_passes_on_the_shipped_facts():
    out = factbot("check")
    assert out.returncode == 0, out.stdout.decode() + out.stderr.decode()
    assert out.stdout.startswith(b"ok:")


def test_check_reports_a_pattern_under_two_facts_with_file_and_line(tmp_path):
    import shutil

    shutil.copytree(ROOT / "facts", tmp_path / "facts")
    target = tmp_path / "facts" / "son-chung-talks-2022.yaml"
    text = target.read_text(encoding="utf-8")
    first_question = next(line for line in text.splitlines() if line.strip().startswith("- ") and "?" in line)
    victim = tmp_path / "facts" / "vuong-park-2020.yaml"
    vtext = victim.read_text(encoding="utf-8")
    marker = "      en:\n"
    vtext = vtext.replace(
        marker, marker + first_question.replace(first_question.strip(), "") + first_question.strip() + "\n", 1
    )
    victim.write_text(vtext, encoding="utf-8")
    out = factbot("check", str(tmp_path / "facts"))
    assert out.returncode == 1
    assert b"vuong-park-2020.yaml:" in out.stdout and b"is also a question of" in out.stdout


def test_check_reports_a_name_listed_as_both_alias_and_synonym(tmp_path):
    import shutil

    shutil.copytree(ROOT / "facts", tmp_path / "facts")
    aliases = tmp_path / "facts" / "aliases.yaml"
    text = aliases.read_text(encoding="utf-8")
    aliases.write_text(text.replace("synonyms:\n", "synonyms:\n  seoul: [korean capital]\n", 1), encoding="utf-8")
    out = factbot("check", str(tmp_path / "facts"))
    assert out.returncode == 1
    assert b"'seoul' is listed under both `aliases` and `synonyms`" in out.stdout


def test_chat_answers_and_ends_cleanly_on_eof():
    out = factbot("chat", stdin=b"Who is Park Jin?\n\n1\nquit\n")
    assert out.returncode == 0
    assert b"factbot>" in out.stdout and b"Traceback" not in out.stderr


def test_eval_reports_figures_for_a_question_set(tmp_path):
    qs = tmp_path / "q.yaml"
    qs.write_text(
        "- {q: 'When did Bui Thanh Son hold talks with Chung Eui-yong?', expect: answer, kind: plain,"
        " sources: ['002'], must_include: [[feb 10, 10 feb]]}\n"
        "- {q: 'What is the tallest mountain on Mars?', expect: decline, kind: offtopic}\n",
        encoding="utf-8",
    )
    out = factbot("eval", str(qs), "--json")
    assert out.returncode == 0, out.stderr
    figures = json.loads(out.stdout)
    assert figures["overall"] == 1.0 and figures["bad_answer_rate"] == 0.0
