package io.delaywatch.api;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A generation number of the table's contents: it moves on whenever the table's write counters
 * ({@link ResultsStore#tableVersion}) differ from the last ones seen, so answers cached under one
 * generation are never served after a load became visible in the counters. Checked at most once per
 * {@link #CHECK_NANOS}, by one request at a time. Thread-safe.
 */
final class TableVersion {
  /** A generation under which nothing may be cached (the server keeps no counters). */
  static final long UNCACHEABLE = -1;

  static final long CHECK_NANOS = 1_000_000_000L;

  private final ResultsStore store;
  private final ReentrantLock checking = new ReentrantLock();
  private volatile State state;
  // Guarded by checking.
  private long issued;

  private record State(long checkedAt, String counters, long generation, boolean failed) {}

  TableVersion(ResultsStore store) {
    this.store = store;
  }

  /**
   * The current generation. Throws what the database threw when the check fails, and, until a check
   * succeeds again, a {@link SQLTransientConnectionException} to the requests that did not run it:
   * while the database is down, cached answers are not served as if it were up.
   */
  long current() throws SQLException {
    State seen = state;
    if (seen != null && !seen.failed() && System.nanoTime() - seen.checkedAt() < CHECK_NANOS) {
      return seen.generation();
    }
    // One request checks; meanwhile the others keep the previous generation (the counters of
    // a second ago), as 64 concurrent checks would take the whole pool.
    if (seen != null && !seen.failed() && !checking.tryLock()) {
      return seen.generation();
    }
    if (seen != null && seen.failed() && !checking.tryLock()) {
      throw new SQLTransientConnectionException("the last check of the database failed");
    }
    if (seen == null) {
      checking.lock();
    }
    try {
      seen = state;
      if (seen != null && !seen.failed() && System.nanoTime() - seen.checkedAt() < CHECK_NANOS) {
        return seen.generation();
      }
      Optional<String> counters;
      try {
        counters = store.tableVersion();
      } catch (SQLException e) {
        state =
            new State(
                0,
                seen == null ? null : seen.counters(),
                seen == null ? UNCACHEABLE : seen.generation(),
                true);
        throw e;
      }
      String now = counters.orElse(null);
      long generation;
      if (now == null) {
        generation = UNCACHEABLE;
      } else if (seen != null && seen.generation() != UNCACHEABLE && now.equals(seen.counters())) {
        generation = seen.generation();
      } else {
        generation = ++issued;
      }
      state = new State(System.nanoTime(), now, generation, false);
      return generation;
    } finally {
      checking.unlock();
    }
  }
}
