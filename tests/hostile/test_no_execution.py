"""The tool never executes, imports or evaluates analysed code and never touches the network.

Each run happens in a fresh interpreter whose `sitecustomize` installs an audit hook before
manifest-lint loads. The hook rejects every socket, process-spawning and exec event (a bare fork of manifest-lint
itself, which `check` uses for its workers, is allowed and counted), and any
`exec`/`compile` of code that lives inside the analysed tree; rejected events are also logged to
a file, so a failure names exactly what was attempted.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

import pytest
from hostile_support import REPO, cli

SITECUSTOMIZE = """
import os
import sys

_LOG = os.open(os.environ["ML_AUDIT_LOG"], os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
_TREE = os.environ["ML_AUDIT_TREE"]
_BLOCKED = ("socket.", "subprocess.Popen", "os.system", "os.exec", "os.posix_spawn", "os.spawn",
            "os.forkpty", "pty.spawn", "urllib.Request", "http.client.connect", "ctypes.dlopen")


def _hook(event, args):
    reason = None
    if event == "os.fork":  # a copy of manifest-lint itself (workers.py); exec stays blocked in it
        with open(os.environ["ML_AUDIT_LOG"] + ".forks", "a") as forks:
            forks.write("fork\\n")
    elif event.startswith(_BLOCKED):
        reason = event
    elif event in ("exec", "compile"):
        code = args[0] if args else None
        filename = getattr(code, "co_filename", None)
        if filename is None and event == "compile" and len(args) > 1:
            filename = args[1]
        if isinstance(filename, (str, bytes)) and os.fsdecode(filename).startswith(_TREE):
            reason = event + " " + os.fsdecode(filename)
    elif event == "import" and args and str(args[0]).startswith(("bench_service", "App")):
        reason = "import " + args[0]
    if reason is not None:
        os.write(_LOG, (reason + "\\n").encode())
        raise RuntimeError("blocked by the no-execution test: " + reason)


sys.addaudithook(_hook)
"""


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    spec = importlib.util.spec_from_file_location("bench_generate", REPO / "bench" / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("bench_generate", module)  # dataclasses look their module up there
    spec.loader.exec_module(module)
    out = tmp_path_factory.mktemp("noexec")
    module.generate(out, 100, 7)
    root = out / "n100"
    # Bait: files that would do something if anything ran them.
    (root / "legacy" / "routes" / "api.php").write_text(
        (root / "legacy" / "routes" / "api.php").read_text() + "\nsystem('touch /tmp/ml-pwned');\n"
    )
    (root / "service" / "build.rs").write_text(
        'fn main() { std::process::Command::new("touch").arg("/tmp/ml-pwned"); }\n'
    )
    (root / "legacy" / "setup.py").write_text("import os\nos.system('touch /tmp/ml-pwned')\n")
    return root


def guarded_env(tmp_path: Path, tree: Path) -> dict[str, str]:
    (tmp_path / "hook").mkdir()
    (tmp_path / "hook" / "sitecustomize.py").write_text(SITECUSTOMIZE)
    path = os.pathsep.join(p for p in (str(tmp_path / "hook"), os.environ.get("PYTHONPATH", "")) if p)
    return {"PYTHONPATH": path, "ML_AUDIT_LOG": str(tmp_path / "audit.log"), "ML_AUDIT_TREE": str(tree)}


def test_hook_really_blocks(tmp_path: Path, tree: Path) -> None:
    """The guard itself works: a socket attempt under it fails and is logged."""
    import subprocess

    env = {**os.environ, **guarded_env(tmp_path, tree)}
    done = subprocess.run(
        [sys.executable, "-c", "import socket; socket.socket()"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode != 0
    assert "socket.__new__" in (tmp_path / "audit.log").read_text()


@pytest.mark.parametrize(
    "args", [("export", "legacy", "--json"), ("export", "service", "--json"), ("check", "--jobs", "2")]
)
def test_runs_under_blocked_network_and_exec(tmp_path: Path, tree: Path, args: tuple[str, ...]) -> None:
    env = guarded_env(tmp_path, tree)
    run = cli(*args, cwd=tree, env=env)
    log = tmp_path / "audit.log"
    attempted = log.read_text() if log.exists() else ""
    assert attempted == "", f"blocked events: {attempted}"
    assert run.code in ((0,) if args[0] == "export" else (0, 1)), run.stderr
    if args[0] == "export":
        assert '"routes"' in run.stdout
    else:  # check extracted the target in a forked worker, under the same guard
        assert (tmp_path / "audit.log.forks").read_text() == "fork\n"
    assert not Path("/tmp/ml-pwned").exists()
