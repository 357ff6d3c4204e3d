package io.delaywatch.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.delaywatch.task.DependencyException;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DatabaseTest {
  @Test
  void redactMasksEveryPasswordInAUrl() {
    assertThat(Database.redact("jdbc:postgresql://db:5432/dw?user=u&password=s3cret&ssl=true"))
        .isEqualTo("jdbc:postgresql://db:5432/dw?user=u&password=***&ssl=true");
    assertThat(Database.redact("jdbc:postgresql://db/dw?PASSWORD=a&sslpassword=b"))
        .isEqualTo("jdbc:postgresql://db/dw?PASSWORD=***&sslpassword=***");
    assertThat(Database.redact("postgresql://u:s3cret@db:5432/dw"))
        .isEqualTo("postgresql://u:***@db:5432/dw");
    assertThat(Database.redact("jdbc:postgresql://db:5432/dw"))
        .isEqualTo("jdbc:postgresql://db:5432/dw");
  }

  @Test
  void addressNamesHostPortAndDatabaseButNoCredentials() {
    Database db =
        Database.of(
            "jdbc:postgresql://db.example:6543/dw?user=u&password=s3cret", null, null, "dw");

    assertThat(db.address()).isEqualTo("postgresql://db.example:6543/dw");
    assertThat(db.user()).isEqualTo("u");
    assertThat(db.toString()).isEqualTo("postgresql://db.example:6543/dw schema dw as u");
    assertThat(Database.of("jdbc:postgresql://db/dw", "loader", "pw", "public").address())
        .isEqualTo("postgresql://db:5432/dw");
  }

  @Test
  void theUserOptionOverridesTheUrl() {
    Database db = Database.of("jdbc:postgresql://db/dw?user=u", "loader", null, "public");

    assertThat(db.user()).isEqualTo("loader");
  }

  @Test
  void aUrlOfAnotherDatabaseIsRefusedWithoutRepeatingItsPassword() {
    assertThatThrownBy(
            () -> Database.of("jdbc:mysql://db/dw?password=s3cret", null, null, "public"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("not a PostgreSQL JDBC URL: jdbc:mysql://db/dw?password=***");
  }

  @Test
  void aSchemaNameMustBeAPlainLowerCaseIdentifier() {
    assertThatThrownBy(() -> Database.of("jdbc:postgresql://db/dw", null, null, "dw; DROP TABLE x"))
        .hasMessage(
            "schema must be a lower-case SQL identifier ([a-z_][a-z0-9_]*),"
                + " got 'dw; DROP TABLE x'");
  }

  @Test
  void anUnreachableServerIsRetriedThenFailsAsADependencyWithoutThePassword() throws IOException {
    int port = freePort();
    Database db =
        Database.of(
            "jdbc:postgresql://localhost:" + port + "/dw?password=url-secret",
            "loader",
            "option-secret",
            "public");

    long start = System.nanoTime();
    assertThatThrownBy(() -> db.connect(3, Duration.ofMillis(100)))
        .isInstanceOf(DependencyException.class)
        .hasMessage(
            "cannot connect to postgresql://localhost:"
                + port
                + "/dw as loader: Connection to"
                + " localhost:"
                + port
                + " refused. Check that the hostname and port are correct"
                + " and that the postmaster is accepting TCP/IP connections.")
        .hasMessageNotContaining("secret");
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(300));
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
