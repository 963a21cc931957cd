"""Errors that end a run with exit code 2 and a one-line message (never a traceback)."""

from __future__ import annotations


class UsageError(Exception):
    """Bad command line, a path that is not a project, or anything else the user must fix first."""


class ConfigError(UsageError):
    """A configuration file that cannot be used; the message names the file and the key."""
