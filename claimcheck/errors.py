"""Exception family. The CLI maps every ClaimcheckError to exit code 2 with its message."""

from __future__ import annotations


class ClaimcheckError(Exception):
    """Base of every error claimcheck raises on purpose; its message is shown to the user."""


class InputError(ClaimcheckError):
    """A file or folder given to claimcheck cannot be read as articles."""


class ConfigError(ClaimcheckError):
    """An option or setting is invalid."""


class ModelError(ClaimcheckError):
    """An embedding model or judge cannot be loaded or run."""


class OutputError(ClaimcheckError):
    """A report or index cannot be written where it was asked to go."""
