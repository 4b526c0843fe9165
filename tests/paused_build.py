"""The `notices` command with a build that stops at a named point: for tests only.

    NOTICES_TEST_PAUSE=commit python -m tests.paused_build index CORPUS --index-dir INDEX

installs a PauseAt on the build (indexer.engine.build.points) and runs the CLI. At the point the
build (or the worker process that reached it) says "notices: paused at POINT" on stderr and waits:
for ever, to be killed there, or until the file named by NOTICES_TEST_RESUME exists. The program
itself reads neither variable; only this entry does.
"""
import os
import signal
import sys
import time
from dataclasses import dataclass

from indexer.engine import build

PAUSE_ENV = "NOTICES_TEST_PAUSE"
RESUME_ENV = "NOTICES_TEST_RESUME"
CLI = [sys.executable, "-m", "tests.paused_build"]


@dataclass(frozen=True)
class PauseAt(build.BuildPoints):
    point: str
    resume: str | None = None

    def reached(self, point: str):
        if point != self.point:
            return
        print(f"notices: paused at {point}", file=sys.stderr, flush=True)
        while not (self.resume and os.path.exists(self.resume)):
            time.sleep(0.05 if self.resume else 60)


def main():
    from indexer.cli import main as notices

    # Ctrl-C as a terminal delivers it: a suite started in the background (`make test &`) hands
    # its children SIGINT ignored, and the build would never see the signal its test sends.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    from tests.paused_build import PauseAt as Pause  # by its module's name, as the build's workers import it

    if os.environ.get(PAUSE_ENV):
        build.points = Pause(os.environ[PAUSE_ENV], os.environ.get(RESUME_ENV))
    return notices()


if __name__ == "__main__":
    main()
