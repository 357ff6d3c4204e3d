package io.delaywatch.task;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** What a worker thread failed with, handed on to the thread that waits for it. */
public final class WorkerFailures {
  private WorkerFailures() {}

  /**
   * Throws {@code failure} as it was: an IOException, an unchecked exception or an error unchanged,
   * so that the task's exit code follows from it as if the waiting thread had failed itself; any
   * other checked exception (none that a worker declares) wrapped. It never returns: the return
   * type lets a caller write {@code throw WorkerFailures.rethrow(cause)} where a value is due.
   */
  public static IOException rethrow(Throwable failure) throws IOException {
    if (failure instanceof IOException io) {
      throw io;
    }
    if (failure instanceof RuntimeException runtime) {
      throw runtime;
    }
    if (failure instanceof Error error) {
      throw error;
    }
    throw new IllegalStateException(failure);
  }

  /**
   * Waits for {@code worker} and returns its result, or throws what it failed with as {@link
   * #rethrow} does. Interrupted while waiting, it keeps the interrupt and throws an {@link
   * InterruptedIOException} "interrupted while {@code doing}".
   */
  public static <T> T await(Future<T> worker, String doing) throws IOException {
    try {
      return worker.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      InterruptedIOException interrupted = new InterruptedIOException("interrupted while " + doing);
      interrupted.initCause(e);
      throw interrupted;
    } catch (ExecutionException e) {
      throw rethrow(e.getCause());
    }
  }
}
