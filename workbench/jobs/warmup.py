"""The slow, read-only half of a background re-alignment."""

from __future__ import annotations

from sqlalchemy.orm import Session

from workbench import pipeline
from workbench.jobs.progress import JobProgress
from workbench.nlp.types import Encoder
from workbench.review.corrections import confirmed_positions
from workbench.store import load_alignment, load_registers
from workbench.store.rowdata import load_rows


def warm_realign(session: Session, comparison_id: int, memo: Encoder,
                  progress: JobProgress) -> None:
    """Do the slow part of a re-alignment (embedding) before taking the write lock.

    Reads only: the comparison is "running", so nobody edits it meanwhile, and
    :func:`realign_rest` then repeats the same work from the warm memo in a short
    write transaction, instead of holding the database's write lock while embedding.
    """
    confirmed = confirmed_positions(load_rows(session, comparison_id, with_details=False))
    versions, rows, chain = load_alignment(session, comparison_id)
    registers = load_registers(session, comparison_id)
    session.commit()  # end the read transaction before the long computation
    new_rows = pipeline.realign(versions, rows, confirmed, memo,
                                progress=lambda f, message: progress("aligning", f, message))
    progress("checking", 0.0, "scoring the new rows and looking for drift")
    pipeline.rescore(versions, new_rows, memo, chain=chain, registers=registers)
    progress("checking", 1.0, "checked")
