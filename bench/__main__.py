"""``python -m bench``: see ``bench/__init__.py``."""

import argparse
import datetime
import json
import os
import platform
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "RESULTS.md"


def table(run, floor):
    lines = [
        "| page | p50 ms | p95 ms | queries | p95/floor | target ms | |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for row in run["results"]:
        target = row["target"]
        verdict = (
            ""
            if target is None
            else ("OK" if row["p95"] <= target and row["status"] == row.get("expect", 200) else "FAIL")
        )
        status = "" if row["status"] == row.get("expect", 200) else f" (HTTP {row['status']})"
        lines.append(
            f"| {row['name']}{status} | {row['p50']:.1f} | {row['p95']:.1f} | {row['queries']} | "
            f"{row['p95'] / floor:.0f}× | {target or ''} | {verdict} |"
        )
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--scale", type=float, default=1.0, help="1.0 is a million quotes; 0.01 a quick run.")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--repeat", type=int, default=30, help="Timed requests per page (fewer for slow pages).")
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--only", default="", help="Only pages whose name contains this.")
    parser.add_argument("--output", default=str(RESULTS))
    parser.add_argument(
        "--reuse-results", action="store_true", help="Report a database's last measurements instead of measuring again."
    )
    args = parser.parse_args()
    from archive.synthetic import SIZES, Sizes
    from bench.dataset import DATA, database_url

    DATA.mkdir(parents=True, exist_ok=True)

    sizes = Sizes.scaled(args.scale)
    key = sizes.key(args.seed)
    runs = []
    for vendor in args.databases.split(","):
        out = DATA / f"results-{vendor}-{key}.json"
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "bench.settings",
            "DATABASE_URL": database_url(vendor, key, full_size=args.scale == 1.0 and args.seed == 42),
        }
        command = [sys.executable, "-m", "bench.measure", f"--scale={args.scale}", f"--seed={args.seed}"]
        command += [f"--repeat={args.repeat}", f"--out={out}", f"--only={args.only}"]
        if not (args.reuse_results and out.exists()):
            subprocess.run(command, env=env, cwd=ROOT, check=True)
        runs.append(json.loads(out.read_text()))
    speed = " and ".join(f"{run['python_speed']:.2f}" for run in runs if "python_speed" in run) or "?"
    sections = [
        "# Benchmark results",
        "",
        f"`python -m bench --scale {args.scale} --seed {args.seed}` on {datetime.date.today()}: "
        f"{', '.join(f'{round(size * args.scale):,} {name}' for name, size in SIZES.items())}; "
        f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores; 10 million additions in a Python "
        f"loop took {speed} s before the pages were timed (the machine's speed, to compare runs). "
        "Server time in-process (Django test client, DEBUG off), p50/p95 over up to "
        f"{args.repeat} requests after a warm-up whose queries are counted, taken in rounds of one "
        "request per page.",
        "",
    ]
    failures = 0
    for run in runs:
        floor = next((r["p95"] for r in run["results"] if r["group"] == "floor"), 1.0) or 1.0
        sections += [f"## {run['vendor']} ({run['key']})", "", table(run, floor), ""]
        failures += sum(
            1
            for r in run["results"]
            if r["target"] is not None and (r["p95"] > r["target"] or r["status"] != r.get("expect", 200))
        )
    Path(args.output).write_text("\n".join(sections))
    print(f"Wrote {args.output}: {failures} page(s) over target.")


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()
    main()
