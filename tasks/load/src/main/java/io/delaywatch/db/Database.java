package io.delaywatch.db;

import io.delaywatch.task.DependencyException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.regex.Pattern;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL database the summary is loaded into: where it is, how to log in, which schema.
 *
 * <p>The password is held only to log in: {@link #toString()}, {@link #address()} and every message
 * this class produces leave it out, and a {@code password=} parameter of the JDBC URL is shown as
 * {@code ***}. Thread-safe.
 */
public final class Database {
  private static final Logger LOG = LoggerFactory.getLogger(Database.class);
  // Lower case only: Flyway quotes the schema name, the loader does not, and both must agree.
  private static final Pattern SCHEMA = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
  private static final Pattern URL_PASSWORD =
      Pattern.compile("(?i)(password=)[^&;]*|(//[^/@:]*:)[^/@]*(@)");

  /** First key of the advisory lock serializing migrations ({@link String#hashCode} is fixed). */
  static final int MIGRATION_LOCK = "delaywatch-migrate".hashCode();

  private final PGSimpleDataSource source;
  private final String schema;
  private final String password;

  private Database(PGSimpleDataSource source, String schema, String password) {
    this.source = source;
    this.schema = schema;
    this.password = password;
  }

  /**
   * Describes a database.
   *
   * @param jdbcUrl {@code jdbc:postgresql://host[:port]/database[?params]}; it may name the user
   *     (and, though discouraged, the password)
   * @param user the login, overriding one in the URL; null to keep the URL's
   * @param password the password, overriding one in the URL; null to keep the URL's (or none)
   * @param schema where the table lives; created by the first migration when missing
   * @throws IllegalArgumentException if the URL is not a PostgreSQL JDBC URL or the schema name is
   *     not a plain lower-case identifier (the message never contains a password)
   */
  public static Database of(String jdbcUrl, String user, String password, String schema) {
    if (jdbcUrl == null || jdbcUrl.isBlank()) {
      throw new IllegalArgumentException("no JDBC URL");
    }
    if (schema == null || !SCHEMA.matcher(schema).matches()) {
      throw new IllegalArgumentException(
          "schema must be a lower-case SQL identifier ([a-z_][a-z0-9_]*), got '" + schema + "'");
    }
    PGSimpleDataSource source = new PGSimpleDataSource();
    try {
      source.setURL(jdbcUrl);
    } catch (IllegalArgumentException e) {
      // The driver's message repeats the URL, which may carry a password.
      throw new IllegalArgumentException("not a PostgreSQL JDBC URL: " + redact(jdbcUrl), null);
    }
    if (user != null && !user.isBlank()) {
      source.setUser(user);
    }
    if (password != null && !password.isEmpty()) {
      source.setPassword(password);
    }
    source.setApplicationName("delaywatch-load");
    return new Database(source, schema, source.getPassword());
  }

  /** {@code url} with the value of any {@code password=} parameter or user-info password masked. */
  public static String redact(String url) {
    if (url == null) {
      return null;
    }
    return URL_PASSWORD.matcher(url).replaceAll(m -> m.group(1) != null ? "$1***" : "$2***$3");
  }

  /** The schema that holds the table. */
  public String schema() {
    return schema;
  }

  /** The login name, or null when neither the URL nor the options name one. */
  public String user() {
    return source.getUser();
  }

  /** {@code postgresql://host:port/database}, without credentials: for logs and manifests. */
  public String address() {
    String[] hosts = source.getServerNames();
    int[] ports = source.getPortNumbers();
    StringBuilder address = new StringBuilder("postgresql://");
    for (int i = 0; i < hosts.length; i++) {
      if (i > 0) {
        address.append(',');
      }
      int port = ports != null && i < ports.length && ports[i] > 0 ? ports[i] : 5432;
      address.append(hosts[i]).append(':').append(port);
    }
    return address.append('/').append(source.getDatabaseName()).toString();
  }

  /**
   * Opens a connection, retrying while the server is unreachable or still starting up: {@code
   * attempts} tries, waiting {@code firstWait}, then twice as long each time. A refused login or an
   * unknown database fails at once.
   *
   * @throws DependencyException when no attempt succeeded (exit code 4)
   */
  public Connection connect(int attempts, Duration firstWait) {
    Duration wait = firstWait;
    SQLException last = null;
    for (int attempt = 1; attempt <= Math.max(1, attempts); attempt++) {
      try {
        return source.getConnection();
      } catch (SQLException e) {
        last = e;
        if (!isTransient(e) || attempt >= attempts) {
          break;
        }
        LOG.warn(
            "cannot connect to {} (attempt {} of {}, next in {} ms): {}",
            address(),
            attempt,
            attempts,
            wait.toMillis(),
            scrub(e.getMessage()));
        sleep(wait);
        wait = wait.multipliedBy(2);
      }
    }
    throw new DependencyException(
        "cannot connect to "
            + address()
            + (user() == null ? "" : " as " + user())
            + ": "
            + scrub(last.getMessage()),
        last);
  }

  /**
   * Brings the schema up to the newest migration (Flyway, {@code classpath:db/migration}); a no-op
   * when it is current. Loaders migrating at the same time take turns.
   *
   * @return the schema version after migrating, e.g. {@code 2}
   * @throws DependencyException if a migration cannot be applied
   */
  public String migrate() {
    Flyway flyway =
        Flyway.configure()
            .dataSource(source)
            .schemas(schema)
            .locations("classpath:db/migration")
            // A schema shared with other tables (e.g. public in a small setup) gets a baseline
            // below V1, so every migration still runs instead of Flyway refusing to start.
            .baselineOnMigrate(true)
            .baselineVersion("0")
            .load();
    // Flyway locks its history table, but two first runs on an empty database can both try to
    // create the schema and that table (flyway/flyway#1014): a session lock of our own, held on
    // a connection beside Flyway's, makes them take turns.
    try (Connection lock = source.getConnection()) {
      advisory(lock, "pg_advisory_lock");
      try {
        MigrateResult result = flyway.migrate();
        MigrationInfo current = flyway.info().current();
        String version = current == null ? null : current.getVersion().getVersion();
        LOG.info(
            "{} schema {}: {} migration(s) applied, version {}",
            address(),
            schema,
            result.migrationsExecuted,
            version);
        return version;
      } finally {
        advisory(lock, "pg_advisory_unlock");
      }
    } catch (FlywayException | SQLException e) {
      throw new DependencyException(
          "cannot migrate schema " + schema + " of " + address() + ": " + scrub(e.getMessage()), e);
    }
  }

  private static void advisory(Connection connection, String function) throws SQLException {
    try (PreparedStatement call = connection.prepareStatement("SELECT " + function + "(?, ?)")) {
      call.setInt(1, MIGRATION_LOCK);
      call.setInt(2, 0);
      call.execute();
    }
  }

  /** {@code message} with the password, should a driver ever repeat it, masked. */
  String scrub(String message) {
    if (message == null) {
      return null;
    }
    String scrubbed = redact(message);
    return password == null || password.isEmpty() ? scrubbed : scrubbed.replace(password, "***");
  }

  // Class 08 is "connection exception"; 57P03 is "the database system is starting up" and
  // 53300 "too many connections": all may pass. A refused password (28P01) will not.
  private static boolean isTransient(SQLException e) {
    String state = e.getSQLState();
    return state == null
        || state.startsWith("08")
        || state.equals("57P03")
        || state.equals("53300");
  }

  private static void sleep(Duration wait) {
    try {
      Thread.sleep(wait.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DependencyException("interrupted while waiting for the database", e);
    }
  }

  @Override
  public String toString() {
    return address() + " schema " + schema + (user() == null ? "" : " as " + user());
  }
}
