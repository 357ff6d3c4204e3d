package io.delaywatch.task;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class WorkerFailuresTest {
  @Test
  void anIoExceptionAnUncheckedOneAndAnErrorPassUnchanged() {
    IOException io = new IOException("disk full");
    UncheckedIOException unchecked = new UncheckedIOException(io);
    OutOfMemoryError error = new OutOfMemoryError("heap");

    assertThatThrownBy(() -> WorkerFailures.rethrow(io)).isSameAs(io);
    assertThatThrownBy(() -> WorkerFailures.rethrow(unchecked)).isSameAs(unchecked);
    assertThatThrownBy(() -> WorkerFailures.rethrow(error)).isSameAs(error);
  }

  @Test
  void anotherCheckedExceptionIsWrapped() {
    TimeoutException timeout = new TimeoutException("slow");

    assertThatThrownBy(() -> WorkerFailures.rethrow(timeout))
        .isInstanceOf(IllegalStateException.class)
        .hasCause(timeout);
  }
}
