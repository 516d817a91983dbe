"""NLP core: segmentation, embeddings, alignment and drift detection.

Nothing under this package imports Flask, SQLAlchemy or any web code.
"""

from __future__ import annotations
