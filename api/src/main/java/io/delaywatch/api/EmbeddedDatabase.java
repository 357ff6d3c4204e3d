package io.delaywatch.api;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The demo's embedded PostgreSQL (the data folder {@code ./delaywatch demo} fills), for {@code
 * ./delaywatch api}. Its classes are on the launcher's class path only, never in the image: this
 * class is loaded only when {@code --embedded-pg} is given. Not API.
 */
final class EmbeddedDatabase implements Closeable {
  private final EmbeddedPostgres postgres;

  private EmbeddedDatabase(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  static EmbeddedDatabase start(Path dataDir) throws IOException {
    return new EmbeddedDatabase(
        EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(false).start());
  }

  String jdbcUrl() {
    return postgres.getJdbcUrl("postgres", "postgres");
  }

  @Override
  public void close() throws IOException {
    postgres.close();
  }
}
