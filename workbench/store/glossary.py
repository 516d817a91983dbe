"""A project's glossary in the database: stored parsed, used by its alignment jobs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from workbench.nlp.drift.glossary import Glossary
from workbench.store.models import Comparison, GlossaryModel, Project


@dataclass(frozen=True)
class GlossaryInfo:
    """What the project page shows about its glossary."""

    filename: str
    term_count: int
    languages: list[str]
    created_at: datetime


def save_glossary(session: Session, project_id: int, glossary: Glossary, filename: str,
                  *, commit: bool = True) -> GlossaryInfo:
    """Store ``glossary`` as the project's glossary, replacing the one it had."""
    if session.get(Project, project_id) is None:
        raise LookupError(f"project {project_id} does not exist")
    session.execute(delete(GlossaryModel).where(GlossaryModel.project_id == project_id))
    model = GlossaryModel(project_id=project_id, filename=filename[:500],
                          term_count=len(glossary), data=glossary.to_json())
    session.add(model)
    session.flush()
    info = _info(model)
    if commit:
        session.commit()
    return info


def _model(session: Session, project_id: int) -> GlossaryModel | None:
    return session.scalars(select(GlossaryModel)
                           .where(GlossaryModel.project_id == project_id)).first()


def load_glossary(session: Session, project_id: int) -> Glossary | None:
    """The project's glossary, or ``None`` when it has none."""
    model = _model(session, project_id)
    return None if model is None else Glossary.from_json(model.data)


def comparison_glossary(session: Session, comparison_id: int) -> Glossary | None:
    """The glossary of the project a comparison belongs to (for re-checks after corrections)."""
    comparison = session.get(Comparison, comparison_id)
    return None if comparison is None else load_glossary(session, comparison.project_id)


def _info(model: GlossaryModel) -> GlossaryInfo:
    glossary = Glossary.from_json(model.data)
    return GlossaryInfo(model.filename, model.term_count, glossary.languages, model.created_at)


def glossary_info(session: Session, project_id: int) -> GlossaryInfo | None:
    model = _model(session, project_id)
    return None if model is None else _info(model)


def remove_glossary(session: Session, project_id: int) -> None:
    session.execute(delete(GlossaryModel).where(GlossaryModel.project_id == project_id))
    session.commit()


__all__ = ["GlossaryInfo", "comparison_glossary", "glossary_info", "load_glossary",
           "remove_glossary", "save_glossary"]
