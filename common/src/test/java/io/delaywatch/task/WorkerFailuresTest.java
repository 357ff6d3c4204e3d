package io.delaywatch.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.FutureTask;
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

  @Test
  void awaitGivesTheResultOrTheWorkersFailureAsItWas() throws IOException {
    IOException io = new IOException("disk full");
    FutureTask<String> ok = new FutureTask<>(() -> "sha256:ab");
    FutureTask<String> failed =
        new FutureTask<>(
            () -> {
              throw io;
            });
    ok.run();
    failed.run();

    assertThat(WorkerFailures.await(ok, "hashing")).isEqualTo("sha256:ab");
    assertThatThrownBy(() -> WorkerFailures.await(failed, "hashing")).isSameAs(io);
  }

  @Test
  void anInterruptedWaitKeepsTheInterruptAndSaysWhatItWaitedFor() {
    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(() -> WorkerFailures.await(new CompletableFuture<>(), "decoding f"))
          .isInstanceOf(InterruptedIOException.class)
          .hasMessage("interrupted while decoding f")
          .hasCauseInstanceOf(InterruptedException.class);
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
  }
}
