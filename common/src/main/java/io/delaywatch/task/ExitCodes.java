package io.delaywatch.task;

/** The process exit codes every task shares (the contract the DAG relies on). */
public final class ExitCodes {
  public static final int DONE = 0;
  public static final int USAGE = 2;
  public static final int INVALID_INPUT = 3;
  public static final int DEPENDENCY_FAILED = 4;

  /** Nothing to do for that year: the DAG maps it to "skipped". */
  public static final int NOTHING_TO_DO = 99;

  private ExitCodes() {}
}
