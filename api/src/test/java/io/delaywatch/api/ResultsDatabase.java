package io.delaywatch.api;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;

/**
 * An embedded PostgreSQL with the load task's schema (its Flyway migrations, read from the source
 * tree: the api module does not depend on a task) filled by generate-summary.sql, plus the
 * read-only role delaywatch_reader the API connects as.
 */
final class ResultsDatabase implements AutoCloseable {
  static final Path MIGRATIONS = Path.of("../tasks/load/src/main/resources/db/migration");
  static final String READER = "delaywatch_reader";

  private final Path dataDir;
  private final int port;
  private EmbeddedPostgres postgres;

  private ResultsDatabase(Path dataDir, int port, EmbeddedPostgres postgres) {
    this.dataDir = dataDir;
    this.port = port;
    this.postgres = postgres;
  }

  /** Starts, migrates and fills a database in {@code dataDir}, a new folder (kept on stop). */
  static ResultsDatabase create(Path dataDir, int firstYear, int years, int airports)
      throws IOException, SQLException {
    EmbeddedPostgres pg =
        EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(false).start();
    ResultsDatabase db = new ResultsDatabase(dataDir, pg.getPort(), pg);
    Flyway.configure()
        .dataSource(pg.getPostgresDatabase())
        .locations("filesystem:" + MIGRATIONS.toAbsolutePath().normalize())
        .load()
        .migrate();
    try (Connection c = pg.getPostgresDatabase().getConnection();
        Statement st = c.createStatement()) {
      st.execute(
          resource("/generate-summary.sql")
              .replace("${first_year}", Integer.toString(firstYear))
              .replace("${years}", Integer.toString(years))
              .replace("${airports}", Integer.toString(airports))
              .replace("${seed}", "0.42"));
      st.execute("CREATE ROLE " + READER + " LOGIN");
      st.execute("GRANT USAGE ON SCHEMA public TO " + READER);
      st.execute("GRANT SELECT ON ALL TABLES IN SCHEMA public TO " + READER);
    }
    return db;
  }

  /** The API's pool as Main builds it, connected as the read-only role. */
  HikariDataSource apiDataSource() {
    Main main = new Main();
    main.dbSchema = "public";
    main.poolSize = 4;
    return main.dataSource(jdbcUrl(), READER);
  }

  String jdbcUrl() {
    return "jdbc:postgresql://localhost:" + port + "/postgres";
  }

  /** A superuser connection for the tests' own, independent queries. */
  Connection admin() throws SQLException {
    return postgres.getPostgresDatabase().getConnection();
  }

  void stop() throws IOException {
    postgres.close();
    postgres = null;
  }

  /** Starts the same data folder on the same port again. */
  void restart() throws IOException {
    postgres =
        EmbeddedPostgres.builder()
            .setDataDirectory(dataDir)
            .setCleanDataDirectory(false)
            .setPort(port)
            .start();
  }

  @Override
  public void close() throws IOException {
    if (postgres != null) {
      postgres.close();
    }
  }

  static String resource(String name) {
    try (InputStream in = ResultsDatabase.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
