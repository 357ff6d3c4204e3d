package io.delaywatch.db;

import io.delaywatch.daily.ScoredDay;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replaces one year of {@code airport_daily_summary} with a {@link CheckedYear}, in one
 * transaction: take the year's advisory lock, delete the year's rows, COPY the new ones, commit.
 * Readers see the old year or the new one, never a mix; any failure rolls back to the old one. Two
 * loads of the same year, from any process, wait for each other on the lock; loads of different
 * years run side by side.
 *
 * <p>Stateless apart from its configuration, but a {@link Connection} is used by one load at a
 * time.
 */
public final class YearLoader {
  private static final Logger LOG = LoggerFactory.getLogger(YearLoader.class);

  /**
   * First key of the two-key advisory lock (the year is the second). {@link String#hashCode} is
   * specified by the JLS, so every loader, in any JVM, computes the same key.
   */
  static final int LOCK_NAMESPACE = "delaywatch-load".hashCode();

  private final String schema;
  private final RowListener listener;

  /** A loader into {@code schema.airport_daily_summary}; the schema must be migrated. */
  public YearLoader(String schema) {
    this(schema, (index, row) -> {});
  }

  private YearLoader(String schema, RowListener listener) {
    this.schema = schema;
    this.listener = listener;
  }

  /** Told of every row after it is sent to COPY; for tests that fail or pause a load. Not API. */
  @FunctionalInterface
  interface RowListener {
    void sent(int index, ScoredDay row) throws SQLException;
  }

  /** This loader, calling {@code listener} after each row it sends. Not API. */
  YearLoader withRowListener(RowListener listener) {
    return new YearLoader(schema, listener);
  }

  /**
   * Replaces the rows of {@code rows.year()} with {@code rows}, stamped with {@code runId}. The
   * connection's auto-commit setting is restored afterwards.
   *
   * @throws SQLException if the database refuses; the year then keeps its previous rows
   */
  public LoadResult load(Connection connection, CheckedYear rows, String runId)
      throws SQLException {
    int year = rows.year();
    String table = SummaryTable.qualifiedName(schema);
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false);
    CopyIn copy = null;
    try {
      try (PreparedStatement lock =
          connection.prepareStatement("SELECT pg_advisory_xact_lock(?, ?)")) {
        lock.setInt(1, LOCK_NAMESPACE);
        lock.setInt(2, year);
        lock.execute();
      }
      long deleted;
      try (PreparedStatement delete =
          connection.prepareStatement(
              "DELETE FROM " + table + " WHERE flight_date >= ? AND flight_date < ?")) {
        delete.setObject(1, LocalDate.of(year, 1, 1));
        delete.setObject(2, LocalDate.of(year + 1, 1, 1));
        deleted = delete.executeUpdate();
      }
      copy =
          connection
              .unwrap(PGConnection.class)
              .getCopyAPI()
              .copyIn(SummaryTable.copyStatement(schema));
      StringBuilder line = new StringBuilder(256);
      int index = 0;
      for (ScoredDay row : rows.rows()) {
        line.setLength(0);
        SummaryTable.appendCsv(line, row, runId);
        byte[] bytes = line.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
        listener.sent(index++, row);
      }
      long loaded = copy.endCopy();
      copy = null;
      connection.commit();
      connection.setAutoCommit(autoCommit);
      LOG.info(
          "{}: replaced {} rows of {} with {} ({} anomalous)",
          table,
          deleted,
          year,
          loaded,
          rows.anomalies());
      return new LoadResult(year, deleted, loaded, rows.anomalies());
    } catch (SQLException | RuntimeException | Error e) {
      rollback(connection, copy, autoCommit, e);
      throw e;
    }
  }

  private static void rollback(
      Connection connection, CopyIn copy, boolean autoCommit, Throwable failure) {
    try {
      if (copy != null && copy.isActive()) {
        copy.cancelCopy();
      }
    } catch (SQLException e) {
      failure.addSuppressed(e);
    }
    try {
      connection.rollback();
      connection.setAutoCommit(autoCommit);
    } catch (SQLException e) {
      failure.addSuppressed(e);
    }
  }
}
