package io.delaywatch.local;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the load step writes: a PostgreSQL given by URL, or an embedded one (real PostgreSQL
 * binaries from Maven) whose data persists in a folder between runs.
 */
final class LocalPostgres implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LocalPostgres.class);

  private final String jdbcUrl;
  private final String user;
  private final String password;
  private final EmbeddedPostgres embedded;

  private LocalPostgres(String jdbcUrl, String user, String password, EmbeddedPostgres embedded) {
    this.jdbcUrl = jdbcUrl;
    this.user = user;
    this.password = password;
    this.embedded = embedded;
  }

  /** An existing PostgreSQL; the password comes from the environment only. */
  static LocalPostgres external(String jdbcUrl, String user, String password) {
    return new LocalPostgres(jdbcUrl, user, password, null);
  }

  /** Starts an embedded PostgreSQL whose data lives in {@code dataDir} (kept between runs). */
  static LocalPostgres embedded(Path dataDir) throws IOException {
    Files.createDirectories(dataDir);
    LOG.info("starting embedded PostgreSQL, data in {}", dataDir);
    EmbeddedPostgres pg =
        EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(false).start();
    return new LocalPostgres(pg.getJdbcUrl("postgres", "postgres"), "postgres", "", pg);
  }

  /** The port the embedded server listens on (127.0.0.1). */
  int embeddedPort() {
    if (embedded == null) {
      throw new IllegalStateException("not an embedded PostgreSQL: " + jdbcUrl);
    }
    return embedded.getPort();
  }

  String jdbcUrl() {
    return jdbcUrl;
  }

  String user() {
    return user;
  }

  String password() {
    return password;
  }

  /** The environment the load step reads its connection from. */
  Map<String, String> environment() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("DELAYWATCH_JDBC_URL", jdbcUrl);
    if (user != null) {
      env.put("PGUSER", user);
    }
    if (password != null) {
      env.put("PGPASSWORD", password);
    }
    return env;
  }

  @Override
  public void close() throws IOException {
    if (embedded != null) {
      embedded.close();
    }
  }
}
