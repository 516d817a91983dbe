"""A small corpus for batch tests: two good German/French sets and two bad ones."""

from __future__ import annotations

from pathlib import Path

import pytest

TEXTS = {
    "alps.de.txt": "Wir stiegen vor Tagesanbruch auf. Der Gipfel lag noch im Nebel.\n\n"
                   "Am Mittag waren wir zurück in der Hütte.",
    "alps.fr.txt": "Nous sommes montés avant l'aube. Le sommet était encore dans le brouillard."
                   "\n\nÀ midi, nous étions de retour à la cabane.",
    "lake.de.txt": "Der See war ruhig. Drei Boote lagen am Ufer.",
    "lake.fr.txt": ("Le lac était calme. Trois bateaux étaient au bord. Le maire a annoncé "
                    "hier un nouveau budget pour les écoles de la ville."),
    "single.de.txt": "Nur eine Fassung. Sie ist kurz.",
    "empty.de.txt": "",
    "empty.fr.txt": "Vide.",
}


@pytest.fixture()
def corpus_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name, text in TEXTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder
