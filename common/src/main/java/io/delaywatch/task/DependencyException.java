package io.delaywatch.task;

/** A dependency (S3, the database) failed after retries: exit code 4. */
public final class DependencyException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DependencyException(String message, Throwable cause) {
    super(message, cause);
  }
}
