"""The hostile corpus (tests/hostile/) built with `skip_check: true`, once per session, for the output tests."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import ScratchProject

CORPUS = Path(__file__).resolve().parent / "hostile" / "initiatives"


def skip_checks(project: ScratchProject) -> None:
    config = project.root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "\n  - doan-ket-sang-tao\n" in text
    config.write_text(text.replace("\n  - doan-ket-sang-tao\n", "\n  - doan-ket-sang-tao:\n      skip_check: true\n"),
                      encoding="utf-8")


@pytest.fixture(scope="session")
def hostile_out_project(tmp_path_factory) -> ScratchProject:
    project = ScratchProject(tmp_path_factory.mktemp("hostile-out"), with_samples=False)
    shutil.rmtree(project.root / "initiatives")
    shutil.copytree(CORPUS, project.root / "initiatives")
    skip_checks(project)
    proc = project.build()
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "Traceback" not in proc.stderr
    return project


@pytest.fixture(scope="session")
def hostile_out_site(hostile_out_project) -> Path:
    return hostile_out_project.root / "site"
