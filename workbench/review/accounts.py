"""Accounts, project roles and API tokens (no Flask here: the CLI and the web both use it).

Passwords are hashed with argon2id (argon2-cffi). API tokens are 32 random bytes
shown once; only their SHA-256 is stored (a token is not guessable, so a slow
hash adds nothing and would slow every API request). Every function that
changes something commits once or raises an :class:`AccountError` having
changed nothing.
"""

from __future__ import annotations

import hashlib
import secrets
import threading
import time
from dataclasses import dataclass
from datetime import datetime

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, exists, select
from sqlalchemy.orm import Session

from workbench.review.errors import InvalidOperationError, NotFoundError
from workbench.store.models import ApiToken, Membership, UserModel, utcnow

USER_NAME_MAX = 100
PASSWORD_MIN = 8
PASSWORD_MAX = 1000
TOKEN_PREFIX = "wb_"

_hasher = PasswordHasher()
_dummy_hash: list[str] = []


def _dummy() -> str:
    """Verified against when the name is unknown: a wrong name costs as much as a wrong password."""
    if not _dummy_hash:
        _dummy_hash.append(_hasher.hash("no such user: constant-time refusal"))
    return _dummy_hash[0]


class AccountError(InvalidOperationError):
    """A refused account operation; ``kind`` says which (for translated messages)."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


@dataclass(frozen=True)
class UserInfo:
    id: int
    name: str
    is_admin: bool
    created_at: datetime


@dataclass(frozen=True)
class TokenInfo:
    id: int
    user: str
    name: str
    created_at: datetime
    last_used_at: datetime | None


def _info(user: UserModel) -> UserInfo:
    return UserInfo(id=user.id, name=user.name, is_admin=user.is_admin,
                    created_at=user.created_at)


ACCOUNTS_RECHECK_SECONDS = 1.0
"""How long a process trusts what it last read about whether accounts exist (every request
asks). An account created or removed by another process (``workbench users add`` beside a
running server) is seen within this bound; this process's own changes at once."""

_accounts_known: dict[str, tuple[bool, float]] = {}
"""Database URL -> (accounts exist, until when that answer holds: :data:`_clock`)."""
_accounts_lock = threading.Lock()
_clock = time.monotonic


def _database_key(session: Session) -> str:
    bind = session.get_bind()
    return str(bind.engine.url)


def any_accounts(session: Session) -> bool:
    """Whether at least one account exists (then every route needs a login): read again at
    most every :data:`ACCOUNTS_RECHECK_SECONDS`."""
    key = _database_key(session)
    known = _accounts_known.get(key)
    if known is not None and _clock() < known[1]:
        return known[0]
    found = bool(session.scalar(select(exists().where(UserModel.id.is_not(None)))))
    with _accounts_lock:
        _accounts_known[key] = (found, _clock() + ACCOUNTS_RECHECK_SECONDS)
    return found


def forget_accounts(session: Session) -> None:
    """After this process created or removed an account: the next request reads again."""
    with _accounts_lock:
        _accounts_known.pop(_database_key(session), None)


def check_user_name(name: str) -> str:
    name = name.strip()
    if not name or len(name) > USER_NAME_MAX or any(c.isspace() or not c.isprintable()
                                                    for c in name):
        raise AccountError("name", f"a user name has 1 to {USER_NAME_MAX} characters and no "
                                   "spaces")
    return name


def check_password(password: str) -> str:
    if not PASSWORD_MIN <= len(password) <= PASSWORD_MAX:
        raise AccountError("password", f"a password has {PASSWORD_MIN} to {PASSWORD_MAX} "
                                       "characters")
    return password


def find_user(session: Session, name: str) -> UserModel | None:
    """The account called ``name`` (names are compared without case)."""
    wanted = name.strip().casefold()
    return next((u for u in session.scalars(select(UserModel)) if u.name.casefold() == wanted),
                None)


def create_user(session: Session, name: str, password: str, *, admin: bool = False) -> UserInfo:
    name = check_user_name(name)
    check_password(password)
    if find_user(session, name) is not None:
        raise AccountError("taken", f"there is already a user called {name!r}")
    user = UserModel(name=name, password_hash=_hasher.hash(password), is_admin=admin,
                     session_token=secrets.token_hex(16))
    session.add(user)
    session.commit()
    forget_accounts(session)
    return _info(user)


def list_users(session: Session) -> list[UserInfo]:
    return [_info(u) for u in session.scalars(select(UserModel).order_by(UserModel.name))]


def remove_user(session: Session, name: str) -> UserInfo:
    """Delete the account, its memberships and tokens (its projects stay, for admins)."""
    user = find_user(session, name)
    if user is None:
        raise NotFoundError(f"there is no user called {name!r}")
    info = _info(user)
    session.execute(delete(Membership).where(Membership.user_id == user.id))
    session.execute(delete(ApiToken).where(ApiToken.user_id == user.id))
    session.delete(user)
    session.commit()
    forget_accounts(session)
    return info


def authenticate(session: Session, name: str, password: str) -> UserModel | None:
    """The account when ``name`` and ``password`` match; None otherwise (same cost either way)."""
    user = find_user(session, name) if len(name) <= USER_NAME_MAX else None
    try:
        _hasher.verify(user.password_hash if user else _dummy(), password[:PASSWORD_MAX])
    except (VerificationError, InvalidHashError):
        return None
    if user is None:
        return None
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = _hasher.hash(password)
        session.commit()
    return user


def change_password(session: Session, user_id: int, current: str, new: str) -> UserModel:
    """Set a new password after checking the current one; every login of the account ends
    (its session token rotates: the caller signs the asking session in again)."""
    user = session.get(UserModel, user_id)
    if user is None:
        raise NotFoundError(f"there is no user {user_id}")
    try:
        _hasher.verify(user.password_hash, current[:PASSWORD_MAX])
    except (VerificationError, InvalidHashError):
        raise AccountError("wrong_password", "the current password is wrong") from None
    check_password(new)
    user.password_hash = _hasher.hash(new)
    user.session_token = secrets.token_hex(16)
    session.commit()
    return user


def reset_password(session: Session, name: str, new: str) -> UserInfo:
    """An administrator's reset (``workbench users password``): no current password needed;
    every login of the account ends. API tokens are kept (revoke them separately)."""
    user = find_user(session, name)
    if user is None:
        raise NotFoundError(f"there is no user called {name!r}")
    check_password(new)
    user.password_hash = _hasher.hash(new)
    user.session_token = secrets.token_hex(16)
    session.commit()
    return _info(user)


def end_sessions(session: Session, user_id: int) -> None:
    """Rotate the account's session token: every login cookie issued before stops working."""
    user = session.get(UserModel, user_id)
    if user is not None:
        user.session_token = secrets.token_hex(16)
        session.commit()


# -- API tokens -------------------------------------------------------------------------


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create_token(session: Session, user_name: str, name: str = "") -> tuple[TokenInfo, str]:
    """A new token for the user: its info and the token itself (shown once, never stored)."""
    user = find_user(session, user_name)
    if user is None:
        raise NotFoundError(f"there is no user called {user_name!r}")
    name = " ".join(name.split())[:100]
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    row = ApiToken(user_id=user.id, name=name, token_hash=_token_hash(token))
    session.add(row)
    session.commit()
    return TokenInfo(row.id, user.name, row.name, row.created_at, None), token


def list_tokens(session: Session, user_name: str | None = None) -> list[TokenInfo]:
    query = (select(ApiToken, UserModel.name).join(UserModel, UserModel.id == ApiToken.user_id)
             .order_by(ApiToken.id))
    if user_name is not None:
        user = find_user(session, user_name)
        if user is None:
            raise NotFoundError(f"there is no user called {user_name!r}")
        query = query.where(ApiToken.user_id == user.id)
    return [TokenInfo(t.id, owner, t.name, t.created_at, t.last_used_at)
            for t, owner in session.execute(query).tuples()]


def revoke_token(session: Session, token_id: int) -> TokenInfo:
    row = session.get(ApiToken, token_id)
    if row is None:
        raise NotFoundError(f"there is no token {token_id}")
    owner = session.get(UserModel, row.user_id)
    info = TokenInfo(row.id, owner.name if owner else "", row.name, row.created_at,
                     row.last_used_at)
    session.delete(row)
    session.commit()
    return info


def user_for_token(session: Session, token: str) -> UserModel | None:
    """The account a Bearer token belongs to (and note when it was last used)."""
    if not token.startswith(TOKEN_PREFIX) or len(token) > 200:
        return None
    row = session.scalar(select(ApiToken).where(ApiToken.token_hash == _token_hash(token)))
    if row is None:
        return None
    row.last_used_at = utcnow()
    session.commit()
    return session.get(UserModel, row.user_id)


# -- memberships ------------------------------------------------------------------------
