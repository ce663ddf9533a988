"""Stopping the servers and workers a test started as subprocesses."""

import subprocess


def stop_all(processes):
    """Ask every process to end, then wait for each (killing one that does not end in 10 s)."""
    for process in processes:
        process.terminate()
    for process in processes:
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
