package io.delaywatch.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The database going away and coming back: 503 problems meanwhile, then answers again. */
class DatabaseOutageIT {
  private static final String TOKEN = "outage-token-0123456789";
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir Path dir;

  @Test
  void aDatabaseOutageIs503AndTheServiceRecoversWhenItReturns() throws Exception {
    try (ResultsDatabase db = ResultsDatabase.create(dir.resolve("pg"), 2015, 1, 3);
        HikariDataSource pool = db.apiDataSource();
        ApiServer server = new ApiServer(new ResultsStore(pool), TOKEN).start("127.0.0.1", 0)) {
      String days = "/v1/airports/ATL/days?from=2015-03-01&to=2015-03-31";
      assertThat(get(server, days).statusCode()).isEqualTo(200);

      db.stop();
      HttpResponse<String> down =
          get(server, "/v1/airports/ATL/days?from=2015-04-01&to=2015-04-30");
      assertThat(down.statusCode()).isEqualTo(503);
      assertThat(down.headers().firstValue("Retry-After")).hasValue("5");
      assertThat(new ObjectMapper().readTree(down.body()).path("type").asText())
          .isEqualTo("/problems/database-unavailable");
      assertThat(get(server, "/ready").statusCode()).isEqualTo(503);
      assertThat(get(server, "/health").statusCode()).isEqualTo(200);
      // The series read before the outage: served from the cache until the next check of the
      // table's version (at most a second), then 503 like the rest. Bounded.
      int cached = get(server, days).statusCode();
      for (int attempt = 0; attempt < 40 && cached == 200; attempt++) {
        Thread.sleep(100);
        cached = get(server, days).statusCode();
      }
      assertThat(cached).isEqualTo(503);

      db.restart();
      int status = 0;
      // Bounded: the pool replaces its broken connections within a few attempts.
      for (int attempt = 0; attempt < 40 && status != 200; attempt++) {
        status = get(server, "/ready").statusCode();
        if (status != 200) {
          Thread.sleep(250);
        }
      }
      assertThat(status).isEqualTo(200);
      HttpResponse<String> again = get(server, days);
      assertThat(again.statusCode()).isEqualTo(200);
      assertThat(new ObjectMapper().readTree(again.body()).path("days")).hasSize(31);
    }
  }

  private static HttpResponse<String> get(ApiServer server, String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
            .header("Authorization", "Bearer " + TOKEN)
            .timeout(Duration.ofSeconds(15))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
