"""Turn exceptions into one clear line on stderr, never a traceback.

Bad input raises :class:`workbench.errors.UserError` (a ``ValueError``; or
``OSError`` for files) with a message written for the user; those are shown as
they are. Anything else is a
bug: the user gets a one-line summary, and ``WORKBENCH_DEBUG=1`` shows the
traceback for a bug report.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar, cast

import click

from workbench.errors import describe_error

F = TypeVar("F", bound=Callable[..., Any])


def friendly_errors(func: F) -> F:
    """Decorate a click command so that errors end it with a one-line message."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except (ValueError, LookupError, OSError) as exc:  # UserError is a ValueError
            raise click.ClickException(describe_error(exc)) from None
        except KeyboardInterrupt:
            raise click.Abort() from None
        except Exception as exc:
            if os.environ.get("WORKBENCH_DEBUG"):
                raise
            raise click.ClickException(
                f"{describe_error(exc)} (set WORKBENCH_DEBUG=1 to see the details)"
            ) from None

    return cast(F, wrapper)
