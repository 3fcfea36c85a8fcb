"""What the GUI thread was waiting for during a stall, read from Linux's /proc by another process.

A heartbeat on the GUI thread tells *that* it stood still; a Python profiler inside the app
needs the GIL itself and sees only who held it. This samples every thread of the app every
5 ms from outside: how long each ran and waited for a CPU (`schedstat`), and the GUI thread's
state and the kernel function it sleeps in (`wchan`). A stall then reads as "in a page fault
waiting for the memory-map lock 60 ms" or "waiting on a futex (the GIL, most likely) while the
transcriber ran". Used by `benchmarks/ui.py --trace-stalls MS`; Linux only. The sampler takes
part of a core (`cpu_s` in its output; 14 % of one for a process of 31 threads on the 2-core
machine of docs/benchmarks.md), so stalls are longer and more frequent while it runs: it shows
what a stall is made of, not how many there are.

    python benchmarks/stall_trace.py PID OUT.json   # samples until PID exits or SIGTERM
"""

from __future__ import annotations

import bisect
import json
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

PERIOD_S = 0.005
# Kernel functions a sleeping GUI thread is found in, in plain words.
WAITS = {
    "lock_mm_and_find_vma": "page fault, waiting for the memory-map lock",
    "futex_do_wait": "waiting on a futex (the GIL or another lock)",
    "futex_wait_queue": "waiting on a futex (the GIL or another lock)",
    "do_sys_poll": "idle in the event loop",
    "do_epoll_wait": "idle in the event loop",
    "hrtimer_nanosleep": "sleeping",
    "0": "changing state",
}


class ThreadSampler:
    """Samples ``pid``'s threads from a child process until ``stop``."""

    def __init__(self, pid: int, out: Path) -> None:
        self.out = out
        self._proc = subprocess.Popen([sys.executable, __file__, str(pid), str(out)])

    def stop(self) -> dict[str, Any]:
        self._proc.send_signal(signal.SIGTERM)
        self._proc.wait(30)
        samples: dict[str, Any] = json.loads(self.out.read_text())
        return samples


def explain(samples: dict[str, Any], start: float, end: float) -> list[str]:
    """Lines saying what the GUI thread and the others did between two ``time.monotonic()``s."""
    rows = samples["rows"]  # in time order
    times = [r[0] for r in rows]
    first = bisect.bisect_right(times, start) - 1  # the last sample at or before the start
    last = bisect.bisect_left(times, end)  # the first sample at or after the end
    if first < 0 or last == len(rows):
        return ["(not sampled)"]
    before, after = rows[first], rows[last]
    states: list[list[Any]] = []  # [what, first seen, last seen]
    for t, _threads, state, wchan in rows[first : last + 1]:
        what = "running or waiting for a CPU" if state == "R" else WAITS.get(wchan, wchan)
        if states and states[-1][0] == what:
            states[-1][2] = t
        else:
            states.append([what, t, t])
    lines = ["GUI thread: " + "; ".join(f"{w} ~{(b - a) * 1000 + 5:.0f} ms" for w, a, b in states)]
    names = {**samples["names"], str(samples["pid"]): "GUI thread"}
    for tid, (ran, waited) in sorted(
        ((tid, _spent(before[1], after[1], tid)) for tid in after[1]), key=lambda x: -x[1][0]
    ):
        if ran >= 2 or waited >= 2:
            lines.append(f"  {names.get(tid, tid)} ({tid}): ran {ran:.0f} ms, waited {waited:.0f}")
    return lines


def _spent(a: dict[str, list[int]], b: dict[str, list[int]], tid: str) -> tuple[float, float]:
    ran0, wait0 = a.get(tid, (0, 0))
    ran1, wait1 = b[tid]
    return (ran1 - ran0) / 1e6, (wait1 - wait0) / 1e6


def _sample(pid: int, out: Path) -> None:
    rows: list[Any] = []
    names: dict[str, str] = {}
    stopping = []
    signal.signal(signal.SIGTERM, lambda *_: stopping.append(True))
    task = Path(f"/proc/{pid}/task")
    while not stopping and task.exists():
        now, threads = time.monotonic(), {}
        for entry in task.iterdir():
            try:
                ran, waited, _ = (entry / "schedstat").read_text().split()
                threads[entry.name] = (int(ran), int(waited))
                if entry.name not in names:
                    names[entry.name] = (entry / "comm").read_text().strip()
            except OSError:  # the thread ended meanwhile
                continue
        try:
            state = (task / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
            wchan = (task / str(pid) / "wchan").read_text()
        except OSError:
            break
        rows.append((now, threads, state, wchan))
        time.sleep(PERIOD_S)
    cpu = time.process_time()  # the sampler's own cost, which the app's threads compete with
    out.write_text(json.dumps({"rows": rows, "names": names, "pid": pid, "cpu_s": cpu}))


if __name__ == "__main__":
    _sample(int(sys.argv[1]), Path(sys.argv[2]))
