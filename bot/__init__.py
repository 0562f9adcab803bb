"""factbot: sourced answers about Vietnam – Republic of Korea relations."""

__version__ = "0.1.0"
