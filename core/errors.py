"""Errors core raises; pages show their message to the user as it is."""

from __future__ import annotations


class CoreError(Exception):
    """Base of every error meant for the user: the message is written for them."""


class NotFound(CoreError, LookupError):
    """The thing asked for does not exist (or the actor may not know it exists)."""


class AccessDenied(CoreError, PermissionError):
    """The acting user may not see or change this session, question or answer."""


class InvalidInput(CoreError, ValueError):
    """The request is malformed: the message says which field and why."""


class InvalidTransition(CoreError, ValueError):
    """A session status change that the lifecycle does not allow."""
