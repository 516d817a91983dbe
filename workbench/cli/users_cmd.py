"""``workbench users`` and ``workbench tokens``: accounts and API tokens, on the server.

Once an account exists the web workbench asks everyone to log in (see
:mod:`workbench.web.access`); ``workbench serve`` on an address other than
127.0.0.1 / localhost / ::1 refuses to start until one exists.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

import click
from sqlalchemy.orm import Session

from workbench.cli.errors import friendly_errors


@contextmanager
def _session() -> Iterator[Session]:
    """A session on the instance's database (migrated first: the tables must exist)."""
    from workbench.store import session_scope, upgrade_database
    from workbench.store.db import database_url

    url = database_url()
    upgrade_database(url)
    with session_scope(url) as session:
        yield session


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    password: str = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    return password


@click.group()
def users() -> None:
    """Accounts of the web workbench (with any account, every page needs a login)."""


@users.command("add")
@click.argument("name")
@click.option("--admin", is_flag=True, help="An administrator sees and owns every project.")
@click.option("--password-stdin", is_flag=True,
              help="Read the password from the first line of standard input (scripts).")
@friendly_errors
def add_user(name: str, admin: bool, password_stdin: bool) -> None:
    """Create the account NAME (the password is asked twice)."""
    from workbench.review.accounts import check_password, check_user_name, create_user, find_user

    with _session() as session:
        name = check_user_name(name)
        if find_user(session, name) is not None:
            raise click.ClickException(f"there is already a user called {name!r}")
        password = check_password(_read_password(password_stdin))
        info = create_user(session, name, password, admin=admin)
    kind = "administrator" if info.is_admin else "user"
    click.echo(f"added {kind} {info.name}: the web workbench now asks everyone to log in")


@users.command("list")
@friendly_errors
def list_users_cmd() -> None:
    """The accounts, one a line (name, admin, created)."""
    from workbench.review.accounts import list_users

    with _session() as session:
        found = list_users(session)
    if not found:
        click.echo("no accounts: the workbench runs as the one local user on 127.0.0.1")
    for user in found:
        flag = "admin" if user.is_admin else "-"
        click.echo(f"{user.name}\t{flag}\t{user.created_at:%Y-%m-%d %H:%M}")


@users.command("remove")
@click.argument("name")
@friendly_errors
def remove_user_cmd(name: str) -> None:
    """Delete the account NAME, its memberships and tokens (projects stay)."""
    from workbench.review.accounts import remove_user

    with _session() as session:
        info = remove_user(session, name)
    click.echo(f"removed {info.name}")


@users.command("password")
@click.argument("name")
@click.option("--password-stdin", is_flag=True,
              help="Read the new password from the first line of standard input (scripts).")
@friendly_errors
def reset_password_cmd(name: str, password_stdin: bool) -> None:
    """Set a new password for NAME (asked twice); every login of NAME ends."""
    from workbench.review.accounts import check_password, find_user, reset_password

    with _session() as session:
        if find_user(session, name) is None:
            raise click.ClickException(f"there is no user called {name.strip()!r}")
        password = check_password(_read_password(password_stdin))
        info = reset_password(session, name, password)
    click.echo(f"new password set for {info.name}: its open sessions have ended "
               "(API tokens stay; see `workbench tokens`)")


@click.group()
def tokens() -> None:
    """API tokens for scripts (sent as ``Authorization: Bearer <token>``)."""


@tokens.command("add")
@click.argument("user")
@click.option("--name", "token_name", default="", help="What the token is for.")
@friendly_errors
def add_token(user: str, token_name: str) -> None:
    """A new token for USER, printed once (only its hash is kept)."""
    from workbench.review.accounts import create_token

    with _session() as session:
        info, token = create_token(session, user, token_name)
    click.echo(token)
    click.echo(f"token {info.id} for {info.user}: keep it now, it is not shown again", err=True)


@tokens.command("list")
@click.argument("user", required=False)
@friendly_errors
def list_tokens_cmd(user: str | None) -> None:
    """The tokens (of USER, or all): id, user, name, created, last used."""
    from workbench.review.accounts import list_tokens

    with _session() as session:
        found = list_tokens(session, user)
    if not found:
        click.echo("no tokens")
    for token in found:
        used = f"{token.last_used_at:%Y-%m-%d %H:%M}" if token.last_used_at else "never used"
        click.echo(f"{token.id}\t{token.user}\t{token.name or '-'}\t"
                   f"{token.created_at:%Y-%m-%d %H:%M}\t{used}")


@tokens.command("revoke")
@click.argument("token_id", type=click.IntRange(1, 2**63 - 1))
@friendly_errors
def revoke_token_cmd(token_id: int) -> None:
    """Revoke the token TOKEN_ID (see ``workbench tokens list``)."""
    from workbench.review.accounts import revoke_token

    with _session() as session:
        info = revoke_token(session, token_id)
    click.echo(f"revoked token {info.id} of {info.user}")
