"""``nianbao extract --executor ray`` on a two-node Ray cluster started on this machine with ``ray start``.

One cluster (a head and a worker node, one CPU each) serves the whole module and is torn down after it.
The fake extractor stands in for OCR; the nodes import it from the repository, like nianbao itself.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import pytest
from typer.testing import Result

from tests.bulk.conftest import Archive, csv_rows, db_rows, output_files, run_cli, write_archive
from tests.bulk.fakes import BUILDS_FILE_ENV, READS_FILE_ENV, SLOW_ENV
from tests.bulk.test_hostile import run_process
from tests.bulk.test_resume import done_count

pytestmark = pytest.mark.cluster
pytest.importorskip("ray", reason="Ray is not installed: pip install 'nianbao[ray]' (scripts/setup.sh does)")

REPO = Path(__file__).resolve().parents[2]
RAY = Path(sys.executable).parent / "ray"
START_TIMEOUT_S = 120


@dataclass(frozen=True)
class Cluster:
    address: str
    reads: Path  # every extraction on the cluster appends a line here (see fakes.py)
    builds: Path  # every actor that builds its extractor appends a line here
    worker_node: subprocess.Popen[bytes]  # ``ray start --block`` of the worker node, leader of its session

    def lines(self, path: Path) -> list[str]:
        return path.read_text(encoding="utf-8").splitlines() if path.exists() else []


# Ports a Ray node takes by default for its other components: the head's port must be none of them
# (a head given 52365 fails to start: its dashboard agent wants that port too).
RAY_DEFAULT_PORTS = {6379, 8076, 8265, 10001, 52365, 62365, *range(10002, 20000)}


def _free_port() -> int:
    while True:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        if port not in RAY_DEFAULT_PORTS:
            return port


def _start_node(args: list[str], env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    common = ["--block", "--num-cpus=1", "--object-store-memory=80000000", "--disable-usage-stats"]
    with log.open("wb") as handle:  # the child keeps its own copy of the descriptor
        return subprocess.Popen([str(RAY), "start", *args, *common], env=env, stdout=handle,
                                stderr=subprocess.STDOUT, start_new_session=True)  # fmt: skip


def _wait_started(log: Path, deadline: float) -> None:
    """Until ``ray start`` says in ``log`` that its node is up: cheaper to watch than ``ray status``, which
    costs a Python process importing Ray each time."""
    while time.monotonic() < deadline:
        if log.exists() and "Ray runtime started" in log.read_text(encoding="utf-8", errors="replace"):
            return
        time.sleep(0.2)


def _alive_nodes(address: str, env: dict[str, str]) -> int:
    status = subprocess.run([str(RAY), "status", f"--address={address}"], env=env, capture_output=True, text=True,
                            timeout=60, check=False)  # fmt: skip
    if status.returncode != 0:
        return 0
    active = status.stdout.split("Active:", 1)[-1].split("Pending:", 1)[0]
    return active.count("node_")


def _stop(node: subprocess.Popen[bytes]) -> None:
    """``ray start --block`` stops what it started on Ctrl-C; then whatever is left of its session is killed."""
    for sig in (signal.SIGINT, signal.SIGKILL):
        try:
            os.killpg(node.pid, sig)
        except ProcessLookupError:
            break
        try:
            node.wait(timeout=20)
        except subprocess.TimeoutExpired:
            continue


@pytest.fixture(scope="module")
def cluster() -> Iterator[Cluster]:
    folder = Path(tempfile.mkdtemp(prefix="nbray", dir="/tmp"))  # Ray's socket paths must stay short
    port = _free_port()
    address = f"127.0.0.1:{port}"
    # No token authentication (Ray's default for a new cluster, which keeps its token in ~/.ray): the
    # test cluster lives a minute, and a driver process reads the token setting once, when it imports ray.
    env = dict(os.environ, PYTHONUNBUFFERED="1", RAY_AUTH_MODE="disabled", RAY_USAGE_STATS_ENABLED="0")
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO / "src"), str(REPO), env.get("PYTHONPATH")) if p)
    reads, builds = folder / "reads.txt", folder / "builds.txt"
    env[READS_FILE_ENV], env[BUILDS_FILE_ENV] = str(reads), str(builds)
    env.pop("RAY_ADDRESS", None)
    nodes = [_start_node(["--head", f"--port={port}", "--node-ip-address=127.0.0.1", "--include-dashboard=false",
                          f"--temp-dir={folder / 'ray'}"], env, folder / "head.log")]  # fmt: skip
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        _wait_started(folder / "head.log", deadline)
        nodes.append(_start_node([f"--address={address}", "--node-ip-address=127.0.0.1"], env, folder / "worker.log"))
        _wait_started(folder / "worker.log", deadline)
        while _alive_nodes(address, env) < 2 and time.monotonic() < deadline:
            time.sleep(0.5)
        if _alive_nodes(address, env) < 2:
            logs = "\n".join(p.read_text(errors="replace")[-2000:] for p in folder.glob("*.log"))
            pytest.fail(f"the two-node Ray cluster did not come up in {START_TIMEOUT_S} s:\n{logs}")
        yield Cluster(address, reads, builds, nodes[1])
    finally:
        for node in reversed(nodes):
            _stop(node)
        shutil.rmtree(folder, ignore_errors=True)


def _runs(out: Path) -> list[tuple[str, int]]:
    with sqlite3.connect(out / "nianbao.sqlite") as db:
        return db.execute("SELECT executor, workers FROM runs ORDER BY id").fetchall()


def test_ray_run_matches_the_local_run_by_path_and_shipped(archive: Archive, tmp_path: Path, cluster: Cluster) -> None:
    local = tmp_path / "local"
    assert run_cli(str(archive.root), "-o", str(local), "--workers", "2", "--quiet").exit_code == 1
    builds_before, all_reads_before = len(cluster.lines(cluster.builds)), len(cluster.lines(cluster.reads))

    by_path = tmp_path / "ray"
    result = run_cli(str(archive.root), "-o", str(by_path), "--workers", "2", "--quiet", "--executor", "ray",
                     "--ray-address", cluster.address)  # fmt: skip
    assert result.exit_code == 1, result.output
    reads_before = len(cluster.lines(cluster.reads))
    shipped = tmp_path / "shipped"
    result = run_cli(str(archive.root), "-o", str(shipped), "--workers", "2", "--quiet", "--executor", "ray",
                     "--ray-address", cluster.address, "--ship-inputs")  # fmt: skip
    assert result.exit_code == 1, result.output

    expected = output_files(local)
    assert len([name for name in expected if name.endswith(".json")]) > 10
    assert output_files(by_path) == expected
    assert output_files(shipped) == expected
    for out in (by_path, shipped):
        assert {k: (r["status"], r["error_kind"], r["output_path"]) for k, r in db_rows(out).items()} == {
            k: (r["status"], r["error_kind"], r["output_path"]) for k, r in db_rows(local).items()
        }
        assert _runs(out) == [("ray", 2)]
        log = (out / "run.log").read_text(encoding="utf-8")
        assert f"({cluster.address}), 2 node(s), 2 CPU(s)" in log
    assert _runs(local) == [("local", 2)]
    shipped_reads = [line.split("\t")[1] for line in cluster.lines(cluster.reads)[reads_before:]]
    assert shipped_reads and all("nianbao-shipped-" in path for path in shipped_reads)
    builds = cluster.lines(cluster.builds)[builds_before:]
    readers = {line.split("\t")[0] for line in cluster.lines(cluster.reads)[all_reads_before:]}
    # every actor that read documents built its extractor once (an actor that came up as the run ended
    # may have built one and read nothing)
    assert readers <= set(builds) and all(count == 1 for count in Counter(builds).values()), (builds, readers)


def _reference_run(root: Path, out: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, bytes]:
    """The outputs of a local run of ``root``: what a Ray run must write. SLOW documents take no time here
    (the report depends only on a document's bytes); only the Ray run needs them slow, for a killer to act."""
    with monkeypatch.context() as patch:
        patch.setenv(SLOW_ENV, "0")
        assert run_cli(str(root), "-o", str(out), "--workers", "2", "--quiet").exit_code == 0
    return output_files(out)


def _ray_run_while_killing(
    root: Path, out: Path, cluster: Cluster, kill: Callable[..., None]
) -> tuple[Result, list[int]]:
    """A Ray run of ``root`` into ``out`` while ``kill(out, killed=...)`` works in a thread beside it; the
    run's result and the process ids the killer killed."""
    killed: list[int] = []
    killer = threading.Thread(target=kill, args=(out,), kwargs={"killed": killed}, daemon=True)
    killer.start()
    result = run_cli(str(root), "-o", str(out), "--workers", "2", "--quiet", "--executor", "ray", "--ray-address",
                     cluster.address)  # fmt: skip
    killer.join(timeout=5)
    return result, killed


def test_killing_an_actor_mid_run_loses_no_document_and_does_none_twice(
    tmp_path: Path, cluster: Cluster, monkeypatch: pytest.MonkeyPatch
) -> None:
    documents = {f"batch{i % 2}/slow{i:02d}.pdf": f"SLOW {i}".encode() for i in range(8)}
    root = tmp_path / "archive"
    write_archive(root, documents)
    expected = _reference_run(root, tmp_path / "local", monkeypatch)
    out = tmp_path / "ray"
    result, killed = _ray_run_while_killing(root, out, cluster, _kill_one_actor)

    assert killed, "no actor was killed: the run ended before the killer saw one at work"
    assert result.exit_code == 0, result.output
    rows = db_rows(out)
    assert [row["status"] for row in rows.values()] == ["done"] * len(documents)
    assert sorted(row["attempts"] for row in rows.values()) == [1] * (len(documents) - 1) + [2]
    assert output_files(out) == expected
    log = (out / "run.log").read_text(encoding="utf-8")
    assert "was lost while reading" in log and f"{len(documents)} done ({len(documents)} this run)" in log
    assert not [p for p in out.rglob("*") if "tmp" in p.name]


def _kill_one_actor(out: Path, killed: list[int]) -> None:
    """Once three documents are done, SIGKILL the actor process reading a fourth."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        time.sleep(0.05)
        try:
            with sqlite3.connect(out / "nianbao.sqlite", timeout=1) as db:
                done = db.execute("SELECT COUNT(*) FROM documents WHERE status = 'done'").fetchone()[0]
                running = db.execute("SELECT worker_pid FROM documents WHERE status = 'running' AND worker_pid > 0"
                                     ).fetchone()  # fmt: skip
        except sqlite3.Error:
            continue
        if done >= 3 and running:
            os.kill(running[0], signal.SIGKILL)
            killed.append(running[0])
            return


def test_sigterm_stops_a_ray_run_cleanly_and_a_rerun_finishes_it(tmp_path: Path, cluster: Cluster) -> None:
    root = tmp_path / "archive"
    write_archive(root, {f"slow{i:02d}.pdf": f"SLOW {i}".encode() for i in range(8)})
    out = tmp_path / "out"
    args = (str(root), "-o", str(out), "--workers", "2", "--quiet", "--executor", "ray", "--ray-address",
            cluster.address)  # fmt: skip
    process = run_process(*args, wait=False)
    deadline = time.monotonic() + 90
    while done_count(out) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 143, stderr.decode()[-2000:]
    rows = db_rows(out)
    assert "running" not in {row["status"] for row in rows.values()}
    assert 2 <= len([r for r in rows.values() if r["status"] == "done"]) < 8
    assert len(csv_rows(out / "reports.csv")) == len(rows)

    again = run_cli(*args)  # in this process: only the interrupted run needs one of its own, for the signal
    assert again.exit_code == 0, again.output
    assert [row["status"] for row in db_rows(out).values()] == ["done"] * 8


def test_timeout_and_a_document_that_kills_its_actor_fail_alone(
    tmp_path: Path, cluster: Cluster, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "archive"
    write_archive(root, {"hang.pdf": b"HANG", "die.pdf": b"DIE", "ok1.pdf": b"REPORT 1", "ok2.pdf": b"REPORT 2"})
    monkeypatch.setenv("RAY_ADDRESS", cluster.address)  # honoured without --ray-address
    reads_before = len(cluster.lines(cluster.reads))
    out = tmp_path / "out"
    result = run_cli(str(root), "-o", str(out), "--workers", "2", "--timeout", "3", "--quiet", "--executor", "ray")

    assert result.exit_code == 1, result.output
    rows = {Path(k).name: r for k, r in db_rows(out).items()}
    assert (rows["hang.pdf"]["status"], rows["hang.pdf"]["error_kind"]) == ("failed", "Timeout")
    assert (rows["die.pdf"]["status"], rows["die.pdf"]["error_kind"]) == ("failed", "WorkerDied")
    assert rows["die.pdf"]["attempts"] == 3  # tried on three actors, then given up
    assert rows["ok1.pdf"]["status"] == rows["ok2.pdf"]["status"] == "done"
    reads = Counter(Path(line.split("\t")[2]).name for line in cluster.lines(cluster.reads)[reads_before:])
    assert reads == {"hang.pdf": 1, "die.pdf": 3, "ok1.pdf": 1, "ok2.pdf": 1}
    assert f"({cluster.address}), 2 node(s)" in (out / "run.log").read_text(encoding="utf-8")


def test_without_an_address_a_local_ray_instance_is_started(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest
) -> None:
    monkeypatch.delenv("RAY_ADDRESS", raising=False)
    monkeypatch.setenv("RAY_AUTH_MODE", "disabled")  # as for the cluster above: nothing written to ~/.ray
    ray_files = Path(tempfile.mkdtemp(prefix="nbray", dir="/tmp"))
    monkeypatch.setenv("RAY_TMPDIR", str(ray_files))  # the local instance's session files, instead of /tmp/ray
    request.addfinalizer(lambda: shutil.rmtree(ray_files, ignore_errors=True))
    root = tmp_path / "archive"
    write_archive(root, {"a.pdf": b"REPORT a", "b.pdf": b"REPORT b"})
    out = tmp_path / "out"
    result = run_cli(str(root), "-o", str(out), "--workers", "1", "--quiet", "--executor", "ray",
                     "--ray-actor-memory-mb", "0")  # fmt: skip
    assert result.exit_code == 0, result.output
    log = (out / "run.log").read_text(encoding="utf-8")
    assert "(local), 1 node(s)" in log
    reference = tmp_path / "local"
    assert run_cli(str(root), "-o", str(reference), "--workers", "1", "--quiet").exit_code == 0
    # config.yaml differs in ocr.threads alone: one local worker leaves it to the engine, an actor uses its CPU
    results = {name: data for name, data in output_files(out).items() if name != "config.yaml"}
    assert results == {name: data for name, data in output_files(reference).items() if name != "config.yaml"}
    assert sorted(p.name for p in out.glob("*.json")) == ["a.json", "b.json"]


def test_a_worker_node_lost_mid_run_costs_no_document(
    tmp_path: Path, cluster: Cluster, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Runs last of the cluster's tests: the worker node is killed with everything on it."""
    documents = {f"slow{i:02d}.pdf": f"SLOW {i}".encode() for i in range(8)}
    root = tmp_path / "archive"
    write_archive(root, documents)
    expected = _reference_run(root, tmp_path / "local", monkeypatch)
    out = tmp_path / "ray"
    result, killed = _ray_run_while_killing(root, out, cluster, partial(_kill_worker_node, cluster=cluster))

    assert killed, "the worker node was not killed: the run ended first"
    assert result.exit_code == 0, result.output
    rows = db_rows(out)
    assert [row["status"] for row in rows.values()] == ["done"] * len(documents)
    assert sum(row["attempts"] for row in rows.values()) == len(documents) + 1  # the node's document, again
    assert output_files(out) == expected


def _kill_worker_node(out: Path, cluster: Cluster, killed: list[int]) -> None:
    """Once two documents are done and both actors are at work, kill the worker node's whole session."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        time.sleep(0.05)
        try:
            with sqlite3.connect(out / "nianbao.sqlite", timeout=1) as db:
                done = db.execute("SELECT COUNT(*) FROM documents WHERE status = 'done'").fetchone()[0]
                running = db.execute("SELECT COUNT(*) FROM documents WHERE status = 'running'").fetchone()[0]
        except sqlite3.Error:
            continue
        if done >= 2 and running == 2:
            for pid in _session_and_descendants(cluster.worker_node.pid):
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            killed.append(cluster.worker_node.pid)
            return


def _session_and_descendants(leader: int) -> set[int]:
    """The processes of a node: its ``ray start`` session and their descendants (Ray starts its worker
    processes in sessions of their own)."""
    parents: dict[int, tuple[int, int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(stat.parent.name)] = (int(fields[1]), int(fields[2]))  # ppid, process group
    found = {pid for pid, (_, group) in parents.items() if group == leader}
    while True:
        more = {pid for pid, (ppid, _) in parents.items() if ppid in found} - found
        if not more:
            return found
        found |= more
