"""Worker processes that never outlive the process that started them.

A build's workers parse and segment; if the build dies (SIGKILL, the out-of-memory killer, a
closed session), its workers must die too, or they hold its files and memory forever. So:
- they are spawned, not forked: a fresh interpreter inherits no lock or index file descriptor;
- each asks the kernel to kill it when its parent dies (Linux prctl PR_SET_PDEATHSIG), and a
  watchdog thread also exits when its parent process changes (other systems, or a parent thread
  that ends);
- each talks to the parent through its own pipe, so the parent's death is also an end of file.
"""
import ctypes
import errno
import multiprocessing
import os
import signal
import threading
import time
import traceback
from multiprocessing.connection import wait

from ..errors import NoticesError
from .faults import is_disk_full

PR_SET_PDEATHSIG = 1
WATCH_SECONDS = 0.5


class WorkerDied(NoticesError):
    """A worker process ended in the middle of a task (killed, or out of memory)."""


def die_with_parent(parent_pid: int):
    try:
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass  # not Linux: the watchdog alone
    if os.getppid() != parent_pid:  # the parent died before the request took effect
        os._exit(1)
    threading.Thread(target=watch_parent, args=(parent_pid,), daemon=True).start()


def watch_parent(parent_pid: int):
    while True:
        time.sleep(WATCH_SECONDS)
        if os.getppid() != parent_pid:
            os._exit(1)


def serve(connection, parent_pid: int, function):
    """A worker's life: run function on each task received, send back what it reports."""
    die_with_parent(parent_pid)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle

    def report(message):
        connection.send(("report", message))

    while True:
        try:
            task = connection.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        try:
            connection.send(("done", function(task, report)))
        except BaseException as e:  # one task's failure is reported, not fatal to the worker
            number = None
            if isinstance(e, OSError):  # a full disk means the same in the parent, however it was said
                number = errno.ENOSPC if is_disk_full(e) else e.errno
            connection.send(("failed", (number, f"{type(e).__name__}: {e}\n{traceback.format_exc(limit=3)}")))


class Workers:
    """`jobs` spawned processes running function(task, report) for the tasks given to `run`."""

    def __init__(self, jobs: int, function):
        context = multiprocessing.get_context("spawn")
        self.slots = []
        for _ in range(jobs):
            ours, theirs = context.Pipe()
            process = context.Process(target=serve, args=(theirs, os.getpid(), function), daemon=True)
            process.start()
            theirs.close()
            self.slots.append((process, ours))

    def run(self, tasks):
        """Yields ("report", message) as tasks report, and ("done", result) as they finish;
        ("failed", (errno or None, text)) for a task that raised. WorkerDied when a process ends
        mid-task."""
        pending = list(reversed(tasks))
        busy = {}
        for process, connection in self.slots:
            if pending:
                connection.send(pending.pop())
                busy[connection] = process
        while busy:
            ready = wait([*busy, *(p.sentinel for p in busy.values())])
            for connection in [c for c in busy if c in ready]:
                try:
                    kind, payload = connection.recv()
                except (EOFError, OSError):
                    raise WorkerDied("A worker process of the build ended while it was busy (out of memory?); the "
                                     "previous index is unchanged.") from None
                yield kind, payload
                if kind != "report":
                    if pending:
                        connection.send(pending.pop())
                    else:
                        del busy[connection]
            for connection, process in list(busy.items()):
                if process.sentinel in ready and not connection.poll():
                    process.join(timeout=1)
                    raise WorkerDied(f"A worker process of the build ended while it was busy (exit status "
                                     f"{process.exitcode}; out of memory?); the previous index is unchanged.")

    def close(self):
        for process, connection in self.slots:
            try:
                connection.send(None)
            except OSError:
                pass
        for process, connection in self.slots:
            process.join(timeout=5)
            if process.is_alive():
                process.kill()
                process.join()
            connection.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
