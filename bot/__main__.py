"""`python -m bot` runs the same CLI as the `factbot` command."""

from bot.cli import main

raise SystemExit(main())
