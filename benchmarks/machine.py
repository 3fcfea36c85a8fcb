"""Which processor a benchmark ran on, for the "Machine:" line of its table.

Whisper's speed follows the CPU, not only the number of cores: the practice-room benchmark ran
twice as fast on one 2-core VM as on another (docs/benchmarks.md), so a figure without the
processor's model and family cannot be compared with the next run's.
"""

from __future__ import annotations

import platform
from pathlib import Path


def cpu() -> str:
    """ "AMD EPYC (family 26, model 2)" from /proc/cpuinfo, else the architecture."""
    info: dict[str, str] = {}
    cpuinfo = Path("/proc/cpuinfo")
    for line in cpuinfo.read_text().splitlines() if cpuinfo.exists() else []:
        key, _, value = line.partition(":")
        info.setdefault(key.strip(), value.strip())
    if "model name" not in info:
        return platform.processor() or platform.machine()
    family, model = info.get("cpu family", "?"), info.get("model", "?")
    return f"{info['model name']} (family {family}, model {model})"
