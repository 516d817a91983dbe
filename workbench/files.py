"""Files on disk for the command-line tools and the batch: versions in, outputs written safely.

``workbench align``, ``workbench check`` and ``workbench batch`` read versions from files
the same way (any supported format and encoding, the shared version checks, labels made
from the detected languages or the file names) and write their outputs through a
temporary file, so a killed run never leaves half a file.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from workbench.ingest import Document, read_document
from workbench.ingest.limits import read_input_file
from workbench.ingest.versions import MAX_LABEL, check_count
from workbench.nlp.langid import check_model_language, detect_language
from workbench.pipeline import PipelineError, VersionInput


def read_inputs(
    files: Sequence[Path], langs: Sequence[str], labels: Sequence[str], segmented: bool,
    warn: Callable[[str], None] | None = None,
) -> list[VersionInput]:
    """Read each file (any supported format and encoding) into a :class:`VersionInput`.

    Each version keeps its file's name, detected encoding and document title (as an
    upload in the browser does); what the reader warns of goes to ``warn``."""
    if len(files) < 2:
        raise PipelineError("give two or more files to compare")
    check_count(len(files))  # before reading: nine files are refused at once
    if langs and len(langs) != len(files):
        raise PipelineError(f"--lang lists {len(langs)} languages for {len(files)} files")
    if labels and len(labels) != len(files):
        raise PipelineError(f"--labels lists {len(labels)} labels for {len(files)} files")
    documents: list[Document] = []
    for path in files:
        document = read_document(read_input_file(path), path.name)
        if warn is not None:
            for warning in document.warnings:
                warn(warning)
        if not document.text.strip():
            raise PipelineError(f"{path} is empty")
        documents.append(document)
    texts = [document.text for document in documents]
    codes = [check_model_language(code) for code in langs] or [detect_language(t) for t in texts]
    if not labels:
        repeated = len(set(codes)) != len(codes)
        labels = [path.stem[:MAX_LABEL] if repeated else code
                  for path, code in zip(files, codes, strict=True)]
        if len(set(labels)) != len(labels):
            labels = [f"{label[:MAX_LABEL - 2]}{n + 1}" for n, label in enumerate(labels)]
    return [
        VersionInput(label=label, text=document.text, lang=code, segmented=segmented,
                     title=document.title, filename=path.name,
                     encoding=document.encoding or "")
        for label, document, code, path in zip(labels, documents, codes, files, strict=True)
    ]


def write_atomically(output: Path, data: bytes) -> None:
    """Write ``data`` to ``output`` through a temporary file, so no half-written file stays."""
    directory = output.parent if str(output.parent) else Path(".")
    handle, temporary = tempfile.mkstemp(prefix=f".{output.name}.", dir=directory)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, output)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


__all__ = ["read_inputs", "write_atomically"]
