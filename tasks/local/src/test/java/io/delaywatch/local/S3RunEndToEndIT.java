package io.delaywatch.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.delaywatch.sample.FlightGenerator;
import io.delaywatch.sample.GenerationResult;
import io.delaywatch.sample.GeneratorConfig;
import io.delaywatch.storage.S3ProxyServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The whole pipeline with its lake on S3: six processes through the real AWS SDK to S3Proxy. */
class S3RunEndToEndIT {
  @TempDir Path dir;

  @Test
  void everyStepReadsAndWritesTheLakeThroughTheS3Protocol() throws Exception {
    GenerationResult generated =
        FlightGenerator.generate(new GeneratorConfig(2015, 3, 8_000, 3, false, true), dir);
    try (S3ProxyServer s3 = new S3ProxyServer();
        EmbeddedPostgres pg = EmbeddedPostgres.start();
        S3Client client = s3.client()) {
      s3.createBucket("lake");
      client.putObject(
          b -> b.bucket("lake").key("team/raw/flights/2015.csv.gz"),
          RequestBody.fromFile(generated.flights()));
      Map<String, String> env =
          Map.of(
              "AWS_ENDPOINT_URL",
              s3.endpoint().toString(),
              "AWS_ACCESS_KEY_ID",
              S3ProxyServer.ACCESS_KEY,
              "AWS_SECRET_ACCESS_KEY",
              S3ProxyServer.SECRET_KEY,
              "AWS_REGION",
              "us-east-1",
              "DELAYWATCH_JDBC_URL",
              pg.getJdbcUrl("postgres", "postgres"),
              "PGUSER",
              "postgres");

      LauncherProcess.Outcome run =
          LauncherProcess.run(env, "run", "--year", "2015", "--warehouse", "s3://lake/team");

      assertThat(run.exit()).as(run.stderr()).isZero();
      assertThat(run.stdout().get(1))
          .contains("\"inputs\":[\"s3://lake/team/raw/flights/2015.csv.gz\"]");
      assertThat(client.listObjectsV2Paginator(b -> b.bucket("lake").prefix("team/")).contents())
          .extracting(S3Object::key)
          .contains(
              "team/staged/flights/year=2015/flights.parquet",
              "team/daily/airport_daily/year=2015/airport_daily.parquet",
              "team/scored/airport_anomalies/year=2015/anomalies.parquet",
              "team/plots/2015/index.html",
              "team/runs/year=2015/load.json");
      try (var c = pg.getPostgresDatabase().getConnection();
          var rs =
              c.createStatement()
                  .executeQuery("select count(distinct airport) from airport_daily_summary")) {
        rs.next();
        assertThat(rs.getInt(1)).isEqualTo(3);
      }
    }
  }
}
