"""The one base class of refusals: input or an action the program declines, said in words.

Every layer's refusal exceptions (bad files, review operations the reviewer may
not do, alignment settings that cannot work, ...) subclass :class:`UserError`;
anything else that is raised is a bug. The web maps a ``UserError`` to its
``status`` (4xx) with its message and every other exception to a 500 page
without internals; the CLI shows a ``UserError``'s message as it is.

It subclasses ``ValueError`` so that code catching bad input the old way keeps
working. This module imports nothing: every layer, the NLP core included, may
use it.
"""

from __future__ import annotations


class UserError(ValueError):
    """A refusal; ``str(error)`` is a one-line message for people, ``status`` its HTTP code."""

    status: int = 400


def describe_error(exc: BaseException) -> str:
    """The one line a person is shown for ``exc`` (the CLI's and the batch's wording).

    A refusal (and the older ``ValueError`` / ``LookupError`` checks) says its own message;
    a file that cannot be read names the file; anything else is a bug, summarised by
    its type and text.
    """
    if isinstance(exc, (UserError, ValueError, LookupError)):
        return str(exc) or type(exc).__name__
    if isinstance(exc, OSError):
        where = f" {exc.filename}" if getattr(exc, "filename", None) else ""
        return f"cannot access{where}: {exc.strerror or exc}"
    return getattr(exc, "user_message", None) or f"{type(exc).__name__}: {exc}"


__all__ = ["UserError", "describe_error"]
