"""``.ci/bootstrap`` (run by ``make test``): what it installs and how, decided from what is on the PATH, run
with fakes of ``apt-get``, ``sudo``, ``id`` and the programs it looks for, which record their arguments.
Nothing is really installed."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.helpers import REPO

SCRIPT = REPO / ".ci" / "bootstrap"
BASH = "/bin/bash"
EVERYTHING = ("chromium", "fc-list", "node", "npm", "git", "python3")


def fake(folder: Path, name: str, body: str = "exit 0") -> None:
    path = folder / name
    path.write_text(f'#!{BASH}\necho "{name} $*" >> "$FAKE_LOG"\n{body}\n', encoding="utf-8")
    path.chmod(0o755)


def run(
    tmp_path: Path,
    present: tuple[str, ...],
    *,
    uid: int = 0,
    sudo: str | None = None,
    apt: str | None = "exit 0",
) -> tuple[int, str, list[str]]:
    """Run the script with only the fakes on the PATH: the programs ``present``, ``id -u`` printing
    ``uid``, ``sudo`` (its body; ``sudo -n true`` is how a password-less sudo is detected), ``apt-get``."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "log"
    log.touch()
    for name in present:
        fake(bin_dir, name, "echo 'Noto Sans CJK SC'" if name == "fc-list" else "exit 0")
    fake(bin_dir, "id", f"echo {uid}")
    if sudo is not None:
        fake(bin_dir, "sudo", sudo)
    if apt is not None:
        fake(bin_dir, "apt-get", apt)
    done = subprocess.run(
        [BASH, str(SCRIPT)],
        env={"PATH": str(bin_dir), "FAKE_LOG": str(log)},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    calls = [line for line in log.read_text(encoding="utf-8").splitlines() if not line.startswith(EVERYTHING)]
    return done.returncode, done.stderr, calls


def test_nothing_missing_installs_nothing(tmp_path: Path) -> None:
    code, err, calls = run(tmp_path, EVERYTHING, uid=1000)
    assert code == 0 and err == ""
    assert calls == []


def test_as_root_it_installs_what_is_missing(tmp_path: Path) -> None:
    present = tuple(n for n in EVERYTHING if n not in ("chromium", "fc-list"))
    code, err, calls = run(tmp_path, present, uid=0)
    assert code == 0, err
    assert calls[0] == "id -u"
    assert calls[1:] == [
        "apt-get update -qq",
        "apt-get install -y -qq --no-install-recommends chromium fonts-noto-cjk",
    ]


def test_with_password_less_sudo_it_uses_sudo(tmp_path: Path) -> None:
    present = tuple(n for n in EVERYTHING if n not in ("node", "npm"))
    code, err, calls = run(tmp_path, present, uid=1000, sudo="exit 0")
    assert code == 0, err
    assert "sudo -n true" in calls
    assert "sudo -n env DEBIAN_FRONTEND=noninteractive apt-get update -qq" in calls
    assert (
        "sudo -n env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nodejs npm"
        in calls
    )


@pytest.mark.parametrize("sudo", [None, "exit 1"], ids=["no-sudo", "sudo-wants-a-password"])
def test_without_rights_it_stops_with_the_exact_command(tmp_path: Path, sudo: str | None) -> None:
    code, err, calls = run(tmp_path, ("git", "python3"), uid=1000, sudo=sudo)
    assert code == 1
    assert not any(c.startswith("apt-get") for c in calls)
    wanted = "chromium fonts-noto-cjk nodejs npm"
    assert f"make test 需要先安装：{wanted}" in err and f"make test needs: {wanted}" in err
    assert f"  sudo apt-get update && sudo apt-get install -y -qq --no-install-recommends {wanted}" in err


def test_a_python_without_venv_needs_python3_venv(tmp_path: Path) -> None:
    present = tuple(n for n in EVERYTHING if n != "python3")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake(bin_dir, "python3", "exit 1")  # `import ensurepip, venv` fails, as on Debian without python3-venv
    (tmp_path / "log").touch()
    for name in present:
        fake(bin_dir, name, "echo 'Noto Sans CJK SC'" if name == "fc-list" else "exit 0")
    fake(bin_dir, "id", "echo 1000")
    fake(bin_dir, "apt-get")
    done = subprocess.run(
        [BASH, str(SCRIPT)],
        env={"PATH": str(bin_dir), "FAKE_LOG": str(tmp_path / "log")},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert (
        done.returncode == 1
        and "sudo apt-get install -y -qq --no-install-recommends python3-venv" in done.stderr
    )


def test_no_apt_get_names_the_packages(tmp_path: Path) -> None:
    code, err, calls = run(tmp_path, ("node", "npm", "git", "python3", "fc-list"), uid=0, apt=None)
    assert code == 1 and calls == []
    assert "本机没有 apt-get" in err and "chromium" in err


def test_a_failed_installation_says_so(tmp_path: Path) -> None:
    code, err, calls = run(
        tmp_path,
        ("node", "npm", "git", "python3", "fc-list"),
        uid=0,
        apt='[ "$1" = update ] && exit 0; exit 100',
    )
    assert code == 1
    assert calls[-1] == "apt-get install -y -qq --no-install-recommends chromium"
    assert "安装失败" in err and "installation failed" in err


def test_make_test_runs_it_first_and_ci_run_just_calls_make_test() -> None:
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    assert "\ntest: bootstrap " in makefile and "bash .ci/bootstrap" in makefile
    run_script = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert "exec make test" in run_script and "apt-get" not in run_script
    assert "playwright install" not in SCRIPT.read_text(encoding="utf-8")
