# Probe for bench/cell-latency.ts: times cells on real Jupyter kernels with Debian's jupyter_client (run by /usr/bin/python3).
# Reads a JSON plan on stdin: {"repeat": N, "scenarios": [{"name", "kernel", "cwd", "setup": [code...], "cells": {label: code}}]},
# writes one JSON line per scenario on stdout: {"name", "setup_seconds": [...], "cell_seconds": {label: [...]}}; a scenario
# {"name", "wait_absent": path} waits (up to 300 s) until that file is gone instead; each
# scenario gets a fresh kernel, runs its setup cells once, then each labelled cell `repeat` times with "{i}" replaced by
# 0, 1, ...: a cell that differs each time, as a user's do (tslab reuses its last compile for identical text).
# A cell's time runs from sending execute_request to the kernel's status going idle for it (what a user waits for).
# Beside it, "cell_cpu_seconds": {label: CPU seconds the kernel process used (all its threads, /proc/<pid>/stat) over
# the `repeat` cells, divided by `repeat`}: what the kernel itself spent per cell, far less moved by other processes'
# load than the wall time (the kernel waits for a core under load; its CPU time does not grow with the wait).
import json
import os
import sys
import time

from jupyter_client.manager import start_new_kernel


def run_cell(kc, code, timeout):
    errors = []

    def hook(msg):
        if msg["msg_type"] == "error":
            errors.append("%s: %s" % (msg["content"].get("ename"), msg["content"].get("evalue")))
        elif msg["msg_type"] == "stream" and msg["content"].get("name") == "stderr":
            errors.append(msg["content"].get("text", ""))

    t0 = time.perf_counter()
    reply = kc.execute_interactive(code, timeout=timeout, output_hook=hook, store_history=True)
    seconds = time.perf_counter() - t0
    status = reply["content"]["status"]
    if status != "ok":
        raise RuntimeError("cell failed (%s): %r\n%s" % (status, code[:200], "".join(errors)[:2000]))
    return seconds


TICK = os.sysconf("SC_CLK_TCK")


def _stat(pid):
    with open("/proc/%d/stat" % pid) as f:
        return f.read().rsplit(")", 1)[1].split()


def cpu_seconds(pid):
    # utime and stime, fields 14 and 15 of /proc/<pid>/stat (after the parenthesised command name), of the kernel's
    # process and its descendants: the project's launcher runs the kernel in a child started from its snapshot (a
    # snapshot build in the background is left out).
    pids, total, frontier = {pid}, 0, [pid]
    procs = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                procs[int(entry)] = int(_stat(int(entry))[1])  # ppid, field 4
            except (OSError, IndexError, ValueError):
                pass
    while frontier:
        parent = frontier.pop()
        for child, ppid in procs.items():
            if ppid == parent and child not in pids:
                pids.add(child)
                frontier.append(child)
    for p in pids:
        try:
            # A startup snapshot build the kernel started in the background is not the cell's work.
            with open("/proc/%d/cmdline" % p, "rb") as f:
                cmdline = f.read()
            if b"snapshot-build.cjs" in cmdline or b"--build-snapshot" in cmdline:
                continue
            fields = _stat(p)
            total += int(fields[11]) + int(fields[12])
        except (OSError, IndexError, ValueError):
            pass
    return total / TICK


def wait_absent(path, timeout):
    # A scenario may wait for a file to go (the kernel's snapshot build lock) before its kernel starts.
    t0 = time.perf_counter()
    while os.path.exists(path) and time.perf_counter() - t0 < timeout:
        time.sleep(0.2)
    return time.perf_counter() - t0


def main():
    plan = json.load(sys.stdin)
    repeat = plan["repeat"]
    for sc in plan["scenarios"]:
        if "wait_absent" in sc:
            waited = wait_absent(sc["wait_absent"], 300)
            print(json.dumps({"name": sc["name"], "waited_seconds": waited, "setup_seconds": [], "cell_seconds": {}, "cell_cpu_seconds": {}}), flush=True)
            continue
        km, kc = start_new_kernel(kernel_name=sc["kernel"], startup_timeout=120, cwd=sc["cwd"])
        try:
            setup = [run_cell(kc, code, 600) for code in sc.get("setup", [])]
            pid = km.provisioner.pid
            cells, cpu = {}, {}
            for label, code in sc.get("cells", {}).items():
                c0 = cpu_seconds(pid)
                cells[label] = [run_cell(kc, code.replace("{i}", str(i)), 120) for i in range(repeat)]
                cpu[label] = (cpu_seconds(pid) - c0) / repeat
            print(json.dumps({"name": sc["name"], "setup_seconds": setup, "cell_seconds": cells, "cell_cpu_seconds": cpu}), flush=True)
        finally:
            kc.stop_channels()
            km.shutdown_kernel(now=True)


if __name__ == "__main__":
    main()
