package io.delaywatch.task;

/** There is nothing to do for the year (no raw file): exit code 99, "skipped" in the DAG. */
public final class NothingToDoException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public NothingToDoException(String message) {
    super(message);
  }
}
