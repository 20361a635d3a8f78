"""
``make loadtest``: gunicorn with production settings on 127.0.0.1, read load from ``wrk`` (or a
small Python generator when wrk is missing) on the home page, a filtered quote list and search,
while ``bench.editor`` saves quotes into the same SQLite database. Bounded: three runs of
``--seconds`` each (≤ 60 s in all). Writes ``bench/LOADTEST.md``; exits 1 on any error.

The database is a copy of the benchmark's SQLite archive at ``--scale`` (built if missing), so
the editor's saves never touch the archive ``make bench`` measures.
"""

import argparse
import concurrent.futures
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / "data"
REPORT = ROOT / "bench" / "LOADTEST.md"
HOST = "127.0.0.1"


def prepare_database(scale, seed):
    from bench.dataset import database_url

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()  # for the archive's sizes only: this process never opens the database
    from archive.synthetic import Sizes

    sizes = Sizes.scaled(scale)
    url = database_url("sqlite", sizes.key(seed), full_size=False)
    source = Path(url.removeprefix("sqlite:///"))
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.settings", "DATABASE_URL": url}
    env.pop("DJANGO_ENV", None)
    build = [sys.executable, "-m", "bench.measure", f"--scale={scale}", f"--seed={seed}", "--only=__none__"]
    subprocess.run([*build, f"--out={DATA / 'loadtest-build.json'}"], env=env, cwd=ROOT, check=True)
    with sqlite3.connect(source) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    target = DATA / "loadtest.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(source, target)
    return f"sqlite:///{target}", sizes


def wait_until_up(base, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(base + "/robots.txt", timeout=10) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.3)
    raise SystemExit(f"gunicorn did not answer on {base} within {seconds} s.")


def run_wrk(url, seconds, connections):
    output = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "10s", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout

    def grab(pattern, default="0"):
        match = re.search(pattern, output)
        return match.group(1) if match else default

    def ms(text):
        value = float(re.match(r"[\d.]+", text).group())
        return (
            value / 1000
            if text.endswith("us")
            else value * 1000
            if text.endswith("s") and not text.endswith("ms")
            else value
        )

    requests = int(grab(r"(\d+) requests in"))
    return {
        "tool": "wrk",
        "requests": requests,
        "rps": float(grab(r"Requests/sec:\s+([\d.]+)")),
        "p50_ms": ms(grab(r"50%\s+([\d.]+\w+)")),
        "p99_ms": ms(grab(r"99%\s+([\d.]+\w+)")),
        "errors": int(grab(r"Non-2xx or 3xx responses: (\d+)"))
        + sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", output)),
    }


def run_python(url, seconds, connections):
    """A small closed-loop generator: ``connections`` threads requesting ``url`` back to back."""
    deadline = time.monotonic() + seconds

    def worker():
        latencies, errors = [], 0
        while time.monotonic() < deadline:
            started = time.perf_counter()
            try:
                with urllib.request.urlopen(url, timeout=10) as response:
                    response.read()
                    errors += response.status != 200
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                errors += 1
            latencies.append((time.perf_counter() - started) * 1000)
        return latencies, errors

    with concurrent.futures.ThreadPoolExecutor(connections) as pool:
        results = list(pool.map(lambda _: worker(), range(connections)))
    latencies = sorted(latency for result, _ in results for latency in result)
    count = len(latencies)
    return {
        "tool": "python",
        "requests": count,
        "rps": count / seconds,
        "p50_ms": latencies[count // 2] if count else 0,
        "p99_ms": latencies[min(count - 1, int(count * 0.99))] if count else 0,
        "errors": sum(errors for _, errors in results),
    }


def main():
    parser = argparse.ArgumentParser(prog="python -m bench.loadtest")
    parser.add_argument("--scale", type=float, default=0.1, help="Size of the archive (1.0: a million quotes).")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--port", type=int, default=8100)
    parser.add_argument("--seconds", type=int, default=15, help="Per URL; three URLs.")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1)
    args = parser.parse_args()
    if args.seconds * 3 > 60:
        raise SystemExit("Keep the load test to a minute: --seconds 20 at most.")
    database_url, sizes = prepare_database(args.scale, args.seed)
    env = {
        **os.environ,
        "DJANGO_ENV": "production",
        "DATABASE_URL": database_url,
        "ALLOWED_HOSTS": HOST,
        "SECURE_SSL_REDIRECT": "false",
        "API_ANON_THROTTLE_RATE": "",
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    if not env.get("SECRET_KEY"):
        raise SystemExit("Set SECRET_KEY (make loadtest does).")
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--no-input", "-v0"], env=env, cwd=ROOT, check=True)
    log = open(DATA / "loadtest-gunicorn.log", "w")  # noqa: SIM115 (open for the server's lifetime)
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "archive.wsgi", "--bind", f"{HOST}:{args.port}"]
        + ["--workers", str(args.workers), "--access-logfile", "-", "--error-logfile", "-"],
        env=env,
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://{HOST}:{args.port}"
    rows = []
    try:
        wait_until_up(base)
        editor = subprocess.Popen(
            [sys.executable, "-m", "bench.editor", f"--seconds={args.seconds * 3}"],
            env=env,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            text=True,
        )
        tool = run_wrk if shutil.which("wrk") else run_python
        for name, path in [
            ("home", "/"),
            ("quotes ?date_after&date_before", "/quotes/?date_after=2010&date_before=2012-06"),
            ("search ?q=sanctions", "/search/?q=sanctions"),
        ]:
            result = tool(base + path, args.seconds, args.connections)
            rows.append((name, path, result))
            print(
                f"{name:35} {result['rps']:8.1f} req/s  p50 {result['p50_ms']:7.1f} ms  "
                f"p99 {result['p99_ms']:7.1f} ms  errors {result['errors']}"
            )
        editor_out, _ = editor.communicate(timeout=60)
        edits = json.loads(editor_out.strip().splitlines()[-1])
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
    server_log = (DATA / "loadtest-gunicorn.log").read_text()
    locked = server_log.count("database is locked")
    server_errors = len(re.findall(r'" (5\d\d) ', server_log))
    errors = sum(result["errors"] for _, _, result in rows) + edits["errors"] + locked + server_errors
    lines = [
        "# Load test",
        "",
        f"`make loadtest` on {time.strftime('%Y-%m-%d')}: gunicorn ({args.workers} sync workers, "
        f"production settings) on "
        f"{HOST}, SQLite in WAL mode, an archive of {sizes.quotes:,} quotes; {rows[0][2]['tool']} with "
        f"{args.connections} connections for {args.seconds} s per page while an editor process saved quotes "
        "(admin-style `save()`: history and search index included) for the whole run.",
        "",
        "| page | requests | req/s | p50 ms | p99 ms | errors |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name, path, result in rows:
        lines.append(
            f"| {name} (`{path}`) | {result['requests']} | {result['rps']:.1f} | {result['p50_ms']:.1f} | "
            f"{result['p99_ms']:.1f} | {result['errors']} |"
        )
    lines += [
        "",
        f'Editor: {edits["saves"]} saves, {edits["errors"]} errors ({edits["locked"]} "database is locked"), '
        f"slowest save {edits['slowest_ms']} ms. Server log: {server_errors} 5xx responses, {locked} "
        '"database is locked".',
        "",
        f"**{'No errors.' if errors == 0 else f'{errors} errors.'}**",
        "",
    ]
    REPORT.write_text("\n".join(lines))
    print("\n".join(lines[-4:]))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
