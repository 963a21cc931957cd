"""Run one command and print its wall time, exit code and peak RSS as JSON (used by run.py).

Why a separate small process: a child's peak RSS (`ru_maxrss`) starts from the high-water mark of
the process that forked it, and run.py grows large once it has read a big peer's output (semgrep
at 50k routes), which made later children look gigabytes big. Forking from this tiny launcher
keeps the figure the child's own. Usage: python launch.py OUT ERR -- CMD...
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time


def main() -> None:
    out_path, err_path, separator, *cmd = sys.argv[1:]
    assert separator == "--", "usage: launch.py OUT ERR -- CMD..."
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        start = time.perf_counter()
        process = subprocess.Popen(cmd, stdout=out, stderr=err, stdin=subprocess.DEVNULL)
        _pid, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    print(json.dumps({"elapsed": elapsed, "code": code, "maxrss_kb": usage.ru_maxrss}))


if __name__ == "__main__":
    main()
