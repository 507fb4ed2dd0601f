"""The GitHub side of the editor's path: workflows run the README's commands, and every file GitHub reads is valid."""

from __future__ import annotations

import os
import re
import shutil
import sys
import subprocess
from pathlib import Path

import pytest
import yaml

from generator.common import urls
from generator.entries.model import Entry

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = ROOT / ".github/workflows"
PR = WORKFLOWS / "pull-request.yml"
DEPLOY = WORKFLOWS / "deploy.yml"

# The README's commands the workflows must run.
TEST_COMMAND = "make test"
BUILD_COMMAND = "mkdocs build --strict"
CHECK_COMMAND = "python -m generator check --format github"


def load(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def runs(job: dict) -> list[str]:
    return [" ".join(step["run"].split()) for step in job["steps"] if "run" in step]


def uses(job: dict) -> list[str]:
    return [step["uses"] for step in job["steps"] if "uses" in step]


def normal(command: str) -> str:
    return command.replace("python -m mkdocs", "mkdocs")


def test_the_readme_gives_the_commands_the_workflows_run():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert TEST_COMMAND in readme
    assert BUILD_COMMAND in readme
    assert re.search(r"python -m generator check[^\n]*--format[^\n]*github", readme)


def test_pull_requests_are_checked_tested_and_built_with_the_readme_commands():
    wf = load(PR)
    assert "pull_request" in wf["on"]
    jobs = wf["jobs"]
    commands = {name: [normal(c) for c in runs(job)] for name, job in jobs.items()}
    everything = [c for cs in commands.values() for c in cs]
    assert CHECK_COMMAND in everything, "errors must appear as annotations on the changed lines"
    assert TEST_COMMAND in everything
    assert BUILD_COMMAND in [c.replace("python -m ", "") for c in everything]
    assert wf["permissions"] == {"contents": "read"}


def test_the_test_job_runs_on_debian_like_the_developers_machines():
    job = load(PR)["jobs"]["test"]
    image = job["container"] if isinstance(job["container"], str) else job["container"]["image"]
    assert re.fullmatch(r"python:3\.1[1-9]-(bookworm|trixie)", image)
    assert runs(job) == [TEST_COMMAND]


def test_main_is_built_and_deployed_to_github_pages():
    wf = load(DEPLOY)
    assert wf["on"]["push"]["branches"] == ["main"]
    build, deploy = wf["jobs"]["build"], wf["jobs"]["deploy"]
    assert CHECK_COMMAND in runs(build)
    assert BUILD_COMMAND in [normal(c) for c in runs(build)]
    site_dir = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["site_dir"]
    upload = next(s for s in build["steps"] if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"].rstrip("/") == site_dir
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert [u.split("@")[0] for u in uses(deploy)] == ["actions/deploy-pages"]
    assert wf["permissions"] == {"contents": "read"}, "only the deploy job may write"
    assert wf["concurrency"]["cancel-in-progress"] is False


def test_actions_are_pinned_to_a_major_version():
    for path in sorted(WORKFLOWS.glob("*.yml")):
        for job in load(path)["jobs"].values():
            for ref in uses(job):
                assert re.fullmatch(r"actions/[a-z-]+@v\d+", ref), f"{path.name}: {ref}"


def _tool(name: str) -> str:
    # The project's virtual environment need not be activated: look beside the interpreter first.
    path = shutil.which(name, path=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}")
    if path is None:
        pytest.fail(f"`{name}` is missing: install the test dependencies with `pip install -e '.[test]'` (or `make test`).")
    return path


def test_actionlint_finds_nothing_wrong_in_the_workflows():
    """actionlint (kjanat's fork, the wheel on PyPI that bundles the binary) checks syntax, expressions,
    runner labels, action inputs and outdated action runtimes."""
    files = [str(p) for p in sorted(WORKFLOWS.glob("*.yml"))]
    proc = subprocess.run([_tool("actionlint"), "-no-color", "-oneline", *files], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_actionlint_is_real_and_catches_a_broken_workflow(tmp_path):
    bad = tmp_path / "bad.yml"
    bad.write_text("on: pull_request\njobs:\n  a:\n    runs-on: ubuntu-latst\n    steps:\n"
                   "      - uses: actions/checkout@v5\n        with:\n          fetch-deph: 0\n", encoding="utf-8")
    proc = subprocess.run([_tool("actionlint"), "-no-color", "-oneline", str(bad)], capture_output=True, text=True)
    assert proc.returncode == 1
    assert "ubuntu-latst" in proc.stdout and "fetch-deph" in proc.stdout


@pytest.mark.parametrize("schema, files", [
    ("vendor.github-workflows", [".github/workflows/pull-request.yml", ".github/workflows/deploy.yml"]),
    ("vendor.github-issue-forms", [".github/ISSUE_TEMPLATE/de-xuat-sang-kien.yml"]),
    ("vendor.github-issue-config", [".github/ISSUE_TEMPLATE/config.yml"]),
])
def test_github_files_match_their_published_schemas(schema, files):
    """SchemaStore's schemas, as bundled by check-jsonschema (no network)."""
    proc = subprocess.run([_tool("check-jsonschema"), "--builtin-schema", schema, *files],
                          capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_the_pre_commit_hooks_run_check_and_fmt():
    tool = _tool("pre-commit")
    for args in (["validate-manifest", ".pre-commit-hooks.yaml"], ["validate-config", ".pre-commit-config.yaml"]):
        proc = subprocess.run([tool, *args], capture_output=True, text=True, cwd=ROOT)
        assert proc.returncode == 0, proc.stdout + proc.stderr
    manifest = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}
    assert manifest["check"]["entry"] == "python -m generator check"
    assert manifest["fmt"]["entry"] == "python -m generator fmt"
    assert re.match(manifest["fmt"]["files"], "initiatives/2022/may-say.md")
    assert not re.match(manifest["fmt"]["files"], "initiatives/2022/may-say.png")
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = {h["id"]: h for repo in config["repos"] for h in repo["hooks"]}
    assert {k: hooks[k]["entry"] for k in ("check", "fmt")} == {k: manifest[k]["entry"] for k in ("check", "fmt")}
    assert [h["id"] for h in config["repos"][0]["hooks"]] == ["fmt", "check"], "format first, then check the result"


def test_the_pull_request_template_is_the_editors_checklist():
    text = (ROOT / ".github/pull_request_template.md").read_text(encoding="utf-8")
    items = re.findall(r"^- \[ \] (.+)$", text, re.M)
    assert len(items) >= 6
    required = [name for name, info in Entry.model_fields.items() if info.is_required()]
    assert all(f"`{name}`" in text for name in required)
    assert "initiatives/<năm>/<tên-tệp>.md" in text
    assert "không** ghi số điện thoại" in text


def test_the_issue_chooser_links_to_the_sites_pages():
    config = yaml.safe_load((ROOT / ".github/ISSUE_TEMPLATE/config.yml").read_text(encoding="utf-8"))
    site_url = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["site_url"]
    links = [link["url"] for link in config["contact_links"]]
    assert links == [site_url + "de-xuat/", site_url + urls.GUIDE]
