package io.delaywatch.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.delaywatch.daily.ScoredDay;
import io.delaywatch.db.ScoredDays;
import io.delaywatch.db.TableRows;
import io.delaywatch.task.TaskHarness;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The load task against the PostgreSQL major version the infrastructure deploys (RDS 16), in a
 * container. Runs where a Docker engine is available (laptops, GitHub Actions) and is switched off
 * otherwise; every behaviour it checks is also checked on the embedded PostgreSQL ({@link
 * LoadMainIT}), so nothing goes untested without Docker.
 */
@Testcontainers(disabledWithoutDocker = true)
class PostgresContainerLoadIT {
  @Container
  static final PostgreSQLContainer<?> POSTGRES = new PostgreSQLContainer<>("postgres:16-alpine");

  @TempDir Path warehouse;

  @Test
  void loadingAYearTwiceLeavesOneRowPerDayWithTheSameValues() throws Exception {
    List<ScoredDay> year = ScoredDays.year(2015, 11, "ATL", "BGM");
    ScoredDays.writeScored(warehouse, 2015, year);
    String[] args = {
      "--warehouse",
      warehouse.toString(),
      "--year",
      "2015",
      "--jdbc-url",
      POSTGRES.getJdbcUrl(),
      "--db-user",
      POSTGRES.getUsername(),
      "--db-password",
      POSTGRES.getPassword()
    };

    assertThat(TaskHarness.run(new Main(), args).exit()).isZero();
    assertThat(TaskHarness.run(new Main(), args).exit()).isZero();

    try (Connection c =
        DriverManager.getConnection(
            POSTGRES.getJdbcUrl(), POSTGRES.getUsername(), POSTGRES.getPassword())) {
      assertThat(TableRows.scoredDays(c, "public")).containsExactlyElementsOf(year);
    }
  }
}
