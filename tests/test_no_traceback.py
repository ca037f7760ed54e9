"""The top-level guard (issue 10, item 2): whatever goes wrong, the exit status is documented and no traceback
reaches the person by default. 0 done, 1 --fail-under, 2 input or usage, 3 internal error (please report)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import engine.audit
import engine.loaders
from cli.main import DEBUG_VARIABLE, EXIT_INTERNAL, main
from engine.messages import MESSAGES

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = str(ROOT / "examples" / "healthy.yaml")


class Bug(Exception):
    """Stands for a defect of ours deep in a stage."""


def _boom(*_args: object, **_kwargs: object) -> None:
    raise Bug("secret detail that stays out of the message")


def _run(monkeypatch, capsys, *argv: str) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "argv", ["kpi-audit", *argv])
    with pytest.raises(SystemExit) as exited:
        main()
    out, err = capsys.readouterr()
    return exited.value.code, out, err


# every stage a command goes through: loading, auditing, rendering
STAGES = [(engine.loaders, "load_intake", ("validate", EXAMPLE)),
          (engine.loaders, "load_intake", ("audit", EXAMPLE)),
          (engine.audit, "run_audit", ("audit", EXAMPLE, "--format", "md")),
          (engine.audit, "run_audit", ("audit", EXAMPLE, "--lang", "zh"))]


@pytest.mark.parametrize(("module", "name", "argv"), STAGES)
def test_an_unexpected_exception_is_exit_3_with_one_line(monkeypatch, capsys, module, name, argv) -> None:
    monkeypatch.delenv(DEBUG_VARIABLE, raising=False)
    monkeypatch.setattr(module, name, _boom)
    code, out, err = _run(monkeypatch, capsys, *argv)
    assert code == EXIT_INTERNAL == 3
    assert out == ""
    assert "Traceback" not in err and "secret detail" not in err
    lang = "zh" if "zh" in argv else "en"
    assert err == "kpi-audit: " + MESSAGES["internal_error"][lang].format(kind="Bug") + "\n"


def test_debug_variable_adds_the_traceback(monkeypatch, capsys) -> None:
    monkeypatch.setenv(DEBUG_VARIABLE, "1")
    monkeypatch.setattr(engine.loaders, "load_intake", _boom)
    code, _, err = _run(monkeypatch, capsys, "validate", EXAMPLE)
    assert code == 3
    assert "Traceback" in err and "secret detail" in err and "internal error (Bug)" in err


@pytest.mark.parametrize(("error", "code"), [(RecursionError, "too_nested"), (MemoryError, "out_of_memory")])
def test_exhaustion_is_refused_input(monkeypatch, capsys, error: type[BaseException], code: str) -> None:
    def exhausted(*_args: object, **_kwargs: object) -> None:
        raise error()

    monkeypatch.setattr(engine.loaders, "load_intake", exhausted)
    status, _, err = _run(monkeypatch, capsys, "validate", EXAMPLE, "--lang=zh")
    assert status == 2
    assert err == f"kpi-audit: {MESSAGES[code]['zh']}\n"


def test_statuses_0_1_2_are_unchanged(monkeypatch, capsys, tmp_path) -> None:
    assert _run(monkeypatch, capsys, "validate", EXAMPLE)[0] == 0
    assert _run(monkeypatch, capsys, "audit", EXAMPLE, "--fail-under", "100.1")[0] == 2  # out of range: usage
    bare = str(ROOT / "examples" / "bare.yaml")
    assert _run(monkeypatch, capsys, "audit", bare, "--fail-under", "90")[0] == 1
    assert _run(monkeypatch, capsys, "validate", str(tmp_path / "missing.yaml"))[0] == 2
    assert _run(monkeypatch, capsys, "no-such-command")[0] == 2
    assert _run(monkeypatch, capsys, "--help")[0] == 0


def test_a_closed_pipe_is_exit_2_not_1_and_quiet() -> None:
    """`kpi-audit audit … | head`: click answers a closed pipe with exit 1, which means --fail-under here."""
    reader = subprocess.Popen(  # a reader that closes its end at once
        [sys.executable, "-m", "cli.main", "audit", str(ROOT / "examples" / "everything-wrong.yaml"),
         "--format", "html"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert reader.stdout is not None
    reader.stdout.close()
    _, err = reader.communicate()
    assert reader.returncode == 2
    text = err.decode()
    assert "Traceback" not in text and "Exception ignored" not in text
    assert MESSAGES["output_closed"]["en"] in text
