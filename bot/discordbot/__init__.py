"""The Discord front: turns gateway events into engine calls and engine replies into messages."""
