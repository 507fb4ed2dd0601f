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
ISSUES = WORKFLOWS / "de-xuat.yml"
ZIZMOR_CONFIG = ROOT / ".github/zizmor.yml"

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
    upload = next(s for s in build["steps"] if s.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["with"]["path"].rstrip("/") == site_dir
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"contents": "write"}
    assert runs(deploy) == [], "the job that can write runs no code of the repository"
    publish = next(s for s in deploy["steps"] if s.get("uses", "").startswith("JamesIves/github-pages-deploy-action@"))
    assert publish["with"]["branch"] == "gh-pages"
    assert publish["with"]["clean-exclude"].rstrip("/") == "pr-preview", "the previews stay when main is published"
    assert wf["permissions"] == {"contents": "read"}, "only the deploy job may write"
    assert wf["concurrency"]["cancel-in-progress"] is False


def _ref_pinned() -> set[str]:
    """Actions the zizmor configuration allows on a release tag (its reason is written there)."""
    config = yaml.safe_load(ZIZMOR_CONFIG.read_text(encoding="utf-8"))
    return {name for name, rule in config["rules"]["unpinned-uses"]["config"]["policies"].items() if rule == "ref-pin"}


def test_actions_are_pinned_to_a_commit_or_listed_with_a_reason():
    allowed = _ref_pinned()
    assert "*" not in allowed and ZIZMOR_CONFIG.read_text(encoding="utf-8").count("verified") >= 1
    for path in sorted(WORKFLOWS.glob("*.yml")):
        for job in load(path)["jobs"].values():
            for ref in uses(job):
                name, _, version = ref.partition("@")
                if re.fullmatch(r"[0-9a-f]{40}", version):
                    continue
                listed = name in allowed or f"{name.split('/')[0]}/*" in allowed
                assert listed and re.fullmatch(r"v\d+", version), f"{path.name}: {ref}"


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
    ("vendor.github-workflows", [".github/workflows/pull-request.yml", ".github/workflows/deploy.yml",
                                 ".github/workflows/de-xuat.yml"]),
    ("vendor.github-issue-forms", [".github/ISSUE_TEMPLATE/de-xuat-sang-kien.yml", ".github/ISSUE_TEMPLATE/sua-sang-kien.yml"]),
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


# --- zizmor ------------------------------------------------------------------------------------------
def _zizmor(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([_tool("zizmor"), "--offline", "--no-progress", "--format", "plain", *args],
                          capture_output=True, text=True, cwd=ROOT)


def test_zizmor_finds_nothing_at_medium_severity_or_above_in_the_workflows():
    """zizmor (PyPI wheel with the binary) audits script injection, token permissions, persisted checkout
    credentials, dangerous triggers and unpinned actions; its configuration states the pinning policy."""
    proc = _zizmor("--min-severity", "medium", "--config", str(ZIZMOR_CONFIG), *map(str, sorted(WORKFLOWS.glob("*.yml"))))
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_zizmor_is_real_and_catches_the_issue_body_in_a_shell(tmp_path):
    bad = tmp_path / "bad.yml"
    bad.write_text("on:\n  issues:\n    types: [opened]\npermissions: {}\njobs:\n  a:\n    runs-on: ubuntu-latest\n"
                   "    permissions: {}\n    steps:\n      - run: echo \"${{ github.event.issue.body }}\"\n",
                   encoding="utf-8")
    proc = _zizmor("--min-severity", "medium", str(bad))
    assert proc.returncode != 0 and "template-injection" in proc.stdout


# --- the issue-form bot ------------------------------------------------------------------------------
def _all_runs(wf: dict) -> str:
    return "\n".join(step.get("run", "") for job in wf["jobs"].values() for step in job["steps"])


def test_the_issue_workflow_reads_the_body_from_the_event_file_only():
    wf = load(ISSUES)
    assert wf["on"]["issues"]["types"] == ["opened", "edited", "labeled"]
    text = ISSUES.read_text(encoding="utf-8")
    assert "github.event.issue.body" not in text and "github.event.issue.title" not in text
    assert 'from-issue "$GITHUB_EVENT_PATH"' in _all_runs(wf)
    assert wf["permissions"] == {}, "each job asks for what it needs"
    read = wf["jobs"]["read"]
    assert read["permissions"] == {"contents": "read"}, "the job that runs code on the issue can only read"
    for name, job in wf["jobs"].items():
        assert "permissions" in job, name
        for step in job["steps"]:
            if step.get("uses", "").startswith("actions/checkout@"):
                assert step["with"]["persist-credentials"] is False, name


def test_the_issue_workflow_opens_a_pull_request_and_never_merges_it():
    wf = load(ISSUES)
    job = wf["jobs"]["propose"]
    assert job["needs"] == "read" and "ok == 'true'" in job["if"]
    assert not [c for c in runs(job) if "python" in c or "make" in c or "pip" in c], "no project code with write tokens"
    pr = next(s for s in job["steps"] if s.get("uses", "").startswith("peter-evans/create-pull-request@"))
    assert pr["with"]["branch"] == "de-xuat/${{ github.event.issue.number }}"
    assert pr["with"]["body"].startswith("Closes #${{ github.event.issue.number }}")
    assert "initiatives/" in pr["with"]["add-paths"]
    text = ISSUES.read_text(encoding="utf-8")
    assert "merge" not in _all_runs(wf) and "auto-merge" not in text
    answer = wf["jobs"]["answer"]
    assert answer["permissions"] == {"issues": "write"}
    assert "cần sửa" in " ".join(runs(answer))
    assert not [c for c in runs(answer) if "python" in c]


def test_pull_requests_get_a_preview_and_the_whole_problem_list():
    wf = load(PR)
    assert "closed" in wf["on"]["pull_request"]["types"]
    check = wf["jobs"]["check"]
    assert any("check --format markdown" in c and "GITHUB_STEP_SUMMARY" in c for c in runs(check))
    preview, remove = wf["jobs"]["preview"], wf["jobs"]["remove-preview"]
    for job in (preview, remove):
        assert not [c for c in runs(job) if "python" in c or "make" in c], "the writing jobs run none of the branch's code"
        checkout = next(s for s in job["steps"] if s.get("uses", "").startswith("actions/checkout@"))
        assert checkout["with"]["ref"] == "${{ github.event.repository.default_branch }}"
    deploy = next(s for s in preview["steps"] if s.get("uses", "").startswith("rossjrw/pr-preview-action@"))
    assert deploy["with"]["action"] == "deploy" and deploy["with"]["umbrella-dir"] == "pr-preview"
    assert any("gh pr comment" in c for c in runs(preview))
    gone = next(s for s in remove["steps"] if s.get("uses", "").startswith("rossjrw/pr-preview-action@"))
    assert gone["with"]["action"] == "remove" and "'closed'" in remove["if"]
    for name in ("check", "test", "build"):
        assert "permissions" not in wf["jobs"][name], f"{name} keeps the workflow's read-only token"
