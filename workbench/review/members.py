"""Who may do what in a project: roles, sharing, owners (accounts are in :mod:`.accounts`).

A project has members with one role each (owner > reviewer > viewer); it always
keeps at least one owner, and the project a user creates is theirs.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, exists, select
from sqlalchemy.orm import Session

from workbench.review.accounts import AccountError, find_user
from workbench.review.errors import NotFoundError
from workbench.store.models import ROLES, Membership, Project, UserModel

ROLE_RANK = {role: len(ROLES) - i for i, role in enumerate(ROLES)}  # owner 3 .. viewer 1


@dataclass(frozen=True)
class MemberInfo:
    user_id: int
    name: str
    role: str


def role_in(session: Session, user_id: int, project_id: int) -> str | None:
    """The user's role in the project, None when not a member."""
    return session.scalar(select(Membership.role).where(Membership.user_id == user_id,
                                                        Membership.project_id == project_id))


def visible_project_ids(user_id: int) -> Select[Any]:
    """A subquery of the projects the user is a member of (for query filters)."""
    return select(Membership.project_id).where(Membership.user_id == user_id)


def make_owner(session: Session, project_id: int, user_id: int | None) -> None:
    """Record ``user_id`` as owner of a project created outside a request (no commit).

    Within a request the creator becomes owner by itself (web/access.py); a background
    job that creates a project for a user calls this (``None``: the local user, no-op).
    """
    if user_id is not None and role_in(session, user_id, project_id) is None:
        session.add(Membership(user_id=user_id, project_id=project_id, role="owner"))


def list_members(session: Session, project_id: int) -> list[MemberInfo]:
    rows = session.execute(
        select(Membership.user_id, UserModel.name, Membership.role)
        .join(UserModel, UserModel.id == Membership.user_id)
        .where(Membership.project_id == project_id).order_by(UserModel.name)).tuples()
    ordered = sorted(rows, key=lambda r: (-ROLE_RANK[r[2]], r[1].casefold()))
    return [MemberInfo(user_id, name, role) for user_id, name, role in ordered]


def share_project(session: Session, project_id: int, user_name: str, role: str) -> MemberInfo:
    """Give ``user_name`` the role in the project (or change it)."""
    if role not in ROLES:
        raise AccountError("role", f"a role is one of {', '.join(ROLES)}")
    if session.get(Project, project_id) is None:
        raise NotFoundError(f"project {project_id} does not exist")
    user = find_user(session, user_name)
    if user is None:
        raise AccountError("unknown_user", f"there is no user called {user_name.strip()!r}")
    member = session.scalar(select(Membership).where(Membership.user_id == user.id,
                                                     Membership.project_id == project_id))
    if member is not None and member.role == "owner" and role != "owner":
        _keep_an_owner(session, project_id, user.id)
    if member is None:
        session.add(Membership(user_id=user.id, project_id=project_id, role=role))
    else:
        member.role = role
    session.commit()
    return MemberInfo(user.id, user.name, role)


def remove_member(session: Session, project_id: int, user_id: int) -> MemberInfo:
    member = session.scalar(select(Membership).where(Membership.user_id == user_id,
                                                     Membership.project_id == project_id))
    if member is None:
        raise NotFoundError(f"user {user_id} is not a member of project {project_id}")
    if member.role == "owner":
        _keep_an_owner(session, project_id, user_id)
    user = session.get(UserModel, user_id)
    info = MemberInfo(user_id, user.name if user else "", member.role)
    session.delete(member)
    session.commit()
    return info


def _keep_an_owner(session: Session, project_id: int, leaving_user_id: int) -> None:
    others = session.scalar(select(exists().where(
        Membership.project_id == project_id, Membership.role == "owner",
        Membership.user_id != leaving_user_id)))
    if not others:
        raise AccountError("last_owner", "a project keeps at least one owner")
