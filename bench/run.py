"""Run the benchmarks and write bench/RESULTS.md: `make bench`.

`make bench ONLY="imports"` runs only the named benchmarks and replaces their
sections in RESULTS.md, keeping the others."""

from __future__ import annotations

import os
import platform
import sys
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from bench import (  # noqa: E402
    disclosure,
    guard_latency,
    import_observations,
    purge,
    signal_list,
    suggestions,
    triangulation,
)

BENCHMARKS = {
    "guard": guard_latency,
    "signals": signal_list,
    "purge": purge,
    "imports": import_observations,
    "triangulation": triangulation,
    "disclosure": disclosure,
    "suggestions": suggestions,
}
RESULTS = ROOT / "bench" / "RESULTS.md"


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"Machine: {os.cpu_count()} cores ({cpu}), Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}. Run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC."
    )


def _previous_sections() -> dict[str, list[str]]:
    """The sections of the last RESULTS.md, by their "## " title."""
    sections: dict[str, list[str]] = {}
    if RESULTS.exists():
        current = None
        for line in RESULTS.read_text(encoding="utf-8").splitlines():
            if line.startswith("## "):
                current = sections.setdefault(line, [])
            if current is not None:
                current.append(line)
    return {title: lines[:-1] if lines and not lines[-1] else lines for title, lines in sections.items()}


def main(names: list[str]) -> None:
    unknown = [n for n in names if n not in BENCHMARKS]
    if unknown:
        sys.exit(f"unknown benchmark(s): {', '.join(unknown)}; choose from {', '.join(BENCHMARKS)}")
    sections = _previous_sections() if names else {}
    for name in names or BENCHMARKS:
        section = BENCHMARKS[name].run()
        sections[section[0]] = section
    lines = [
        "# Benchmark results",
        "",
        "Written by `make bench` (bench/run.py); do not edit by hand.",
        "",
        machine(),
        "",
    ]
    for section in sections.values():
        lines += [*section, ""]
    RESULTS.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main(sys.argv[1:])
