"""The tables of bench/anchors.sh, from its measurements.

Usage: python3 anchors_table.py RESULTS.tsv DUCKDB_LABEL POLARS_LABEL

RESULTS.tsv has one line per process run: size (full or small), contender (download, transform,
duckdb, polars), wall seconds, peak RSS in kB, CPU seconds (user + sys). DelayWatch's figures are
its two steps' sums per run (peak RSS: the larger), taken in the order the runs were made.
"""

import statistics
import sys
from collections import defaultdict


def read(path: str) -> dict[tuple[str, str], list[tuple[float, float, float]]]:
    runs: dict[tuple[str, str], list[tuple[float, float, float]]] = defaultdict(list)
    with open(path, encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            fields = line.rstrip("\n").split("\t")
            if len(fields) != 5:
                raise SystemExit(f"{path}:{number}: expected 5 tab-separated fields, got {line!r}")
            size, contender, wall, peak_kb, cpu = fields
            runs[(size, contender)].append((float(wall), float(peak_kb), float(cpu)))
    for size in {size for size, _ in runs}:
        steps = zip(runs[(size, "download")], runs[(size, "transform")], strict=True)
        runs[(size, "delaywatch")] = [(d[0] + t[0], max(d[1], t[1]), d[2] + t[2]) for d, t in steps]
    return runs


def median(values) -> float:
    return statistics.median(list(values))


def main(path: str, duckdb_label: str, polars_label: str) -> None:
    runs = read(path)
    contenders = [
        ("delaywatch", "DelayWatch download + transform"),
        ("duckdb", duckdb_label),
        ("polars", polars_label),
    ]

    def wall(size, name):
        return median(r[0] for r in runs[(size, name)])

    def cpu(size, name):
        return median(r[2] for r in runs[(size, name)])

    dw_wall, dw_cpu = wall("full", "delaywatch"), cpu("full", "delaywatch")
    print(
        f"{'contender':<34} {'wall s':>8} {'peak MB':>10} {'DelayWatch / this':>18}"
        f" {'CPU s':>8} {'CPU DW / this':>16}"
    )
    for name, label in contenders:
        peak = median(r[1] for r in runs[("full", name)]) / 1024
        print(
            f"{label:<34} {wall('full', name):8.2f} {peak:10.0f}"
            f" {dw_wall / wall('full', name):18.2f} {cpu('full', name):8.2f}"
            f" {dw_cpu / cpu('full', name):16.2f}"
        )
    print()
    print("What each pays whatever the input (the small year), and the full year without it:")
    print(
        f"{'contender':<34} {'small year s':>13} {'CPU s':>7} {'full - small s':>15}"
        f" {'DelayWatch / this':>18} {'CPU s':>7} {'CPU DW / this':>14}"
    )
    dw_rest = dw_wall - wall("small", "delaywatch")
    dw_rest_cpu = dw_cpu - cpu("small", "delaywatch")
    for name, label in contenders:
        rest = wall("full", name) - wall("small", name)
        rest_cpu = cpu("full", name) - cpu("small", name)
        print(
            f"{label:<34} {wall('small', name):13.2f} {cpu('small', name):7.2f} {rest:15.2f}"
            f" {dw_rest / rest:18.2f} {rest_cpu:7.2f} {dw_rest_cpu / rest_cpu:14.2f}"
        )
    print()

    def listed(size, name, field):
        return " ".join(f"{r[field]:g}" for r in runs[(size, name)])

    print(
        "runs (wall s): "
        + "; ".join(f"{label.split(' ')[0]} {listed('full', n, 0)}" for n, label in contenders)
    )
    print(
        "small-year runs (wall s): "
        + "; ".join(f"{label.split(' ')[0]} {listed('small', n, 0)}" for n, label in contenders)
    )
    print(
        "CPU s (user + sys) of DelayWatch's steps:"
        f" download {listed('full', 'download', 2)} (median {cpu('full', 'download'):g});"
        f" transform {listed('full', 'transform', 2)} (median {cpu('full', 'transform'):g})"
    )


if __name__ == "__main__":
    main(*sys.argv[1:4])
