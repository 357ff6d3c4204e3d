"""The local runner: one task through the ``./delaywatch`` launcher, as a subprocess."""

from __future__ import annotations

import logging
import os
import re
import shlex
import signal
import subprocess
import threading

from dag_runners.compat import AirflowException, AirflowFailException, AirflowSkipException
from dag_runners.manifests import NOTHING_TO_DO, manifest

# Usage and invalid-input errors: a retry cannot fix them.
NOT_RETRYABLE = {2: "usage or configuration error", 3: "invalid input data"}

# The tasks log through slf4j-simple: "<timestamp> LEVEL logger - message" (simplelogger.properties).
JAVA_LOG_LEVEL = re.compile(r"^\S+ (TRACE|DEBUG|INFO|WARN|ERROR) ")
LEVELS = {"WARN": logging.WARNING, "ERROR": logging.ERROR}

log = logging.getLogger(__name__)


def log_task_line(line: str) -> None:
    """One line of the task's stderr into the Airflow log, at the level the task logged it."""
    level = JAVA_LOG_LEVEL.match(line)
    log.log(LEVELS.get(level.group(1), logging.INFO) if level else logging.INFO, "%s", line)


def run_launcher(command: list[str]) -> dict:
    """Run one task through the local launcher; return its manifest (the last line of stdout).

    stderr (the task's log) goes to the Airflow log as it comes; the launcher inherits the
    worker's environment, so the database password never appears in the command.
    """
    log.info("Running %s", shlex.join(command))
    try:
        # A session of its own, so that a timeout or kill ends the launcher's children too.
        process = subprocess.Popen(
            command,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
    except OSError as error:
        raise AirflowFailException(
            f"cannot run {command[0]} (set DELAYWATCH_LAUNCHER): {error}"
        ) from error
    stdout: list[str] = []
    reader = threading.Thread(target=lambda: stdout.extend(process.stdout), daemon=True)
    try:
        reader.start()
        for line in process.stderr:
            log_task_line(line.rstrip("\n"))
        reader.join()
        exit_code = process.wait()
    except BaseException:  # execution timeout or kill: do not leave the task running
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        raise
    finally:
        process.stdout.close()
        process.stderr.close()
    lines = [line.strip() for line in stdout if line.strip()]
    for line in lines:
        log.info("stdout: %s", line)
    if exit_code == NOTHING_TO_DO:
        raise AirflowSkipException(f"{command[1]}: nothing to do for this year (exit {exit_code})")
    if exit_code in NOT_RETRYABLE:
        raise AirflowFailException(
            f"{command[1]} failed with exit {exit_code}: {NOT_RETRYABLE[exit_code]}"
        )
    if exit_code != 0:
        raise AirflowException(f"{command[1]} failed with exit {exit_code}")
    try:
        return manifest(lines[-1] if lines else None)
    except ValueError as error:
        raise AirflowFailException(
            f"{command[1]} printed no manifest as its last line: {error}"
        ) from None
