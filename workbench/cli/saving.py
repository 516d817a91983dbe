"""``--save``: store a comparison made on the command line for review in the browser."""

from __future__ import annotations

from collections.abc import Sequence

import click

from workbench.aligned import AlignedComparison, VersionInput

SAVE_HELP = ("Also store the comparison in the workbench's database (the one `workbench serve` "
             "uses), under the project named here, for review in the browser.")


def save_for_review(result: AlignedComparison, project: str,
                    inputs: Sequence[VersionInput] = ()) -> int:
    """Save ``result`` under the project ``project`` (created if needed); the comparison id.

    ``inputs`` (the versions as read) give each stored version its file name, encoding
    and title, as an upload in the browser does."""
    # lazy: `workbench --help` imports every command module, and this one with them; the
    # store (SQLAlchemy, 1.5 s of import) is loaded by --save only
    from sqlalchemy import select

    from workbench.store import create_project, save_comparison, session_scope, upgrade_database
    from workbench.store.models import Project

    upgrade_database()
    with session_scope() as session:
        project_id = session.scalars(select(Project.id).where(Project.name == project.strip())
                                     .order_by(Project.id)).first()
        if project_id is None:
            project_id = create_project(session, project, commit=False)
        comparison_id = save_comparison(session, project_id, result, inputs=inputs)
    click.echo(f"saved as comparison {comparison_id} in project {project.strip()!r}: "
               f"/comparisons/{comparison_id} in `workbench serve`", err=True)
    return comparison_id
