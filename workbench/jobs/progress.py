"""Writing job progress to the database, so it survives a page reload and a restart."""

from __future__ import annotations

import time

from sqlalchemy import update
from sqlalchemy.orm import Session, sessionmaker

from workbench.store.models import Job, utcnow

# overall percent range of each phase of pipeline.compare
PHASES: dict[str, tuple[float, float]] = {
    "segmenting": (0.0, 5.0),
    "embedding": (5.0, 60.0),
    "aligning": (60.0, 85.0),
    "checking": (85.0, 100.0),
}
MIN_INTERVAL_S = 0.5


class JobProgress:
    """A ``pipeline.Progress`` callback writing phase, percent and message to a job row.

    Writes are throttled (phase changes always go through) and each one is its
    own short transaction on its own session.
    """

    def __init__(self, sessions: sessionmaker[Session], job_id: int) -> None:
        self.sessions = sessions
        self.job_id = job_id
        self._last_phase = ""
        self._last_write = 0.0
        self.percent = 0.0

    def __call__(self, phase: str, fraction: float, message: str) -> None:
        low, high = PHASES.get(phase, (self.percent, self.percent))
        percent = max(self.percent, low + (high - low) * min(max(fraction, 0.0), 1.0))
        now = time.monotonic()
        if phase == self._last_phase and now - self._last_write < MIN_INTERVAL_S \
                and fraction < 1.0:
            return
        self.write(phase, percent, message)

    def write(self, phase: str, percent: float, message: str) -> None:
        self.percent, self._last_phase, self._last_write = percent, phase, time.monotonic()
        with self.sessions() as session:
            session.execute(update(Job).where(Job.id == self.job_id).values(
                phase=phase, percent=round(percent, 1), message=message[:500],
                updated_at=utcnow()))
            session.commit()
