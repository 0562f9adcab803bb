"""The core never imports discord: the console and CLI run without it, and the edge stays thin."""

import subprocess
import sys


def test_importing_the_engine_does_not_import_discord():
    code = (
        "import sys; import bot.engine, bot.store, bot.text, bot.model, bot.render, bot.cli, bot.evaluate;"
        "from bot.engine import Engine; from pathlib import Path;"
        "Engine.load(Path('facts')).ask('When did Vietnam and Korea establish diplomatic ties?');"
        "print('discord' in sys.modules, 'aiohttp' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=__file__.rsplit("/tests/", 1)[0],
    )
    assert out.stdout.split() == ["False", "False"]
