package io.delaywatch.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every endpoint against an embedded PostgreSQL with three generated years of six airports. */
class ApiIT {
  private static final String TOKEN = "test-token-0123456789";
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @TempDir static Path dir;
  private static ResultsDatabase db;
  private static HikariDataSource pool;
  private static ApiServer server;
  private static OpenApiContract contract;

  @BeforeAll
  static void start() throws Exception {
    db = ResultsDatabase.create(dir.resolve("pg"), 2014, 3, 6);
    pool = db.apiDataSource();
    server = new ApiServer(new ResultsStore(pool), TOKEN).start("127.0.0.1", 0);
    contract = new OpenApiContract();
  }

  @AfterAll
  static void stop() throws Exception {
    server.stop();
    pool.close();
    db.close();
  }

  static HttpResponse<String> get(String pathAndQuery, String token, String... headers)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + pathAndQuery))
            .timeout(Duration.ofSeconds(10));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (headers.length > 0) {
      request.headers(headers);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A documented GET: asserts the status and that the response matches openapi.json. */
  static JsonNode call(String template, String pathAndQuery, int status) throws Exception {
    HttpResponse<String> response = get(pathAndQuery, TOKEN);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(contract.check(template, response)).as(pathAndQuery).isEmpty();
    return MAPPER.readTree(response.body());
  }

  @Test
  void theOpenApiDocumentIsValidAndServed() throws Exception {
    String document = ResultsDatabase.resource("/openapi.json");
    SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(document, null, null);
    assertThat(parsed.getMessages()).isEmpty();
    assertThat(parsed.getOpenAPI().getPaths())
        .containsOnlyKeys(
            "/health",
            "/ready",
            "/openapi.json",
            "/v1/airports",
            "/v1/airports/{iata}/days",
            "/v1/anomalies",
            "/v1/events",
            "/v1/risk");
    HttpResponse<String> served = get("/openapi.json", null);
    assertThat(served.statusCode()).isEqualTo(200);
    assertThat(served.body()).isEqualTo(document);
  }

  @Test
  void healthAndReadinessNeedNoToken() throws Exception {
    HttpResponse<String> health = get("/health", null);
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(contract.check("/health", health)).isEmpty();
    HttpResponse<String> ready = get("/ready", null);
    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(MAPPER.readTree(ready.body()).path("status").asText()).isEqualTo("READY");
  }

  @Test
  void everyV1RouteRefusesAMissingOrWrongToken() throws Exception {
    for (String path :
        List.of(
            "/v1/airports",
            "/v1/anomalies",
            "/v1/events",
            "/v1/risk?airport=ATL&date=2016-07-01")) {
      HttpResponse<String> missing = get(path, null);
      assertThat(missing.statusCode()).as(path).isEqualTo(401);
      assertThat(missing.headers().firstValue("WWW-Authenticate"))
          .hasValue("Bearer realm=\"delaywatch\"");
      assertThat(MAPPER.readTree(missing.body()).path("detail").asText())
          .isEqualTo("send the header Authorization: Bearer <token>");
      HttpResponse<String> wrong = get(path, TOKEN + "x");
      assertThat(wrong.statusCode()).isEqualTo(401);
      assertThat(MAPPER.readTree(wrong.body()).path("detail").asText())
          .isEqualTo("the bearer token is not the API's token");
    }
  }

  @Test
  void airportsListEveryAirportWithItsYearsAndAnomalousDays() throws Exception {
    JsonNode body = call("/v1/airports", "/v1/airports", 200);
    assertThat(body.path("airports")).hasSize(6);
    JsonNode atl = body.path("airports").get(0);
    assertThat(atl.path("airport").asText()).isEqualTo("ATL");
    assertThat(atl.path("years")).hasSize(3);
    JsonNode y2015 = atl.path("years").get(1);
    assertThat(y2015.path("year").asInt()).isEqualTo(2015);
    assertThat(y2015.path("days").asInt()).isEqualTo(365);
    assertThat(y2015.path("anomalous_days").asLong())
        .isEqualTo(
            count(
                "SELECT count(*) FROM airport_daily_summary WHERE airport = 'ATL' AND is_anomaly"
                    + " AND flight_date BETWEEN '2015-01-01' AND '2015-12-31'"));
  }

  @Test
  void daysReturnsTheRangeWithTheDetectorsFigures() throws Exception {
    JsonNode body =
        call(
            "/v1/airports/{iata}/days", "/v1/airports/ord/days?from=2015-02-20&to=2015-03-05", 200);
    assertThat(body.path("airport").asText()).isEqualTo("ORD");
    JsonNode days = body.path("days");
    assertThat(days).hasSize(14);
    assertThat(days.get(0).path("date").asText()).isEqualTo("2015-02-20");
    assertThat(days.get(13).path("date").asText()).isEqualTo("2015-03-05");
    try (Connection c = db.admin();
        PreparedStatement st =
            c.prepareStatement(
                "SELECT avg_dep_delay, expected_dep_delay, is_anomaly FROM airport_daily_summary"
                    + " WHERE airport = 'ORD' AND flight_date = '2015-02-20'")) {
      ResultSet rs = st.executeQuery();
      rs.next();
      assertThat(days.get(0).path("avg_dep_delay").asDouble()).isEqualTo(rs.getDouble(1));
      assertThat(days.get(0).path("expected_dep_delay").asDouble()).isEqualTo(rs.getDouble(2));
      assertThat(days.get(0).path("is_anomaly").asBoolean()).isEqualTo(rs.getBoolean(3));
    }
  }

  @Test
  void aDayOnWhichNothingDepartedHasNullDelayFigures() throws Exception {
    String date =
        text("SELECT min(flight_date)::text FROM airport_daily_summary WHERE departed = 0");
    String airport =
        text(
            "SELECT min(airport) FROM airport_daily_summary WHERE departed = 0 AND flight_date = '"
                + date
                + "'");
    JsonNode day =
        call(
                "/v1/airports/{iata}/days",
                "/v1/airports/" + airport + "/days?from=" + date + "&to=" + date,
                200)
            .path("days")
            .get(0);
    assertThat(day.path("avg_dep_delay").isNull()).isTrue();
    assertThat(day.path("delayed_15_share").isNull()).isTrue();
    assertThat(day.path("anomaly_kind").asText()).isEqualTo("COLLAPSE");
  }

  @Test
  void badDayParametersAre400ProblemsNamingTheParameter() throws Exception {
    assertProblem(
        "/v1/airports/ATL/days?from=2015-13-01&to=2015-12-31",
        400,
        "from",
        "from: expected a date YYYY-MM-DD, got '2015-13-01'");
    assertProblem(
        "/v1/airports/ATL/days?from=2015-01-01",
        400,
        "to",
        "to: required, expected a date YYYY-MM-DD");
    assertProblem(
        "/v1/airports/ATL/days?from=2015-02-01&to=2015-01-01",
        400,
        "to",
        "to: expected a date on or after from (2015-02-01), got '2015-01-01'");
    assertProblem(
        "/v1/airports/ATL/days?from=2014-01-01&to=2015-12-31",
        400,
        "to",
        "to: expected at most 366 days from from, got a range of 730 days");
    assertProblem(
        "/v1/airports/AT%3BL/days?from=2015-01-01&to=2015-01-31",
        400,
        "iata",
        "iata: expected a 3-character IATA airport code (letters and digits), got 'AT;L'");
  }

  @Test
  void anUnknownAirportIs404() throws Exception {
    assertProblem(
        "/v1/airports/XXX/days?from=2015-01-01&to=2015-01-31",
        404,
        null,
        "airport XXX has no data");
    assertProblem("/v1/risk?airport=XXX&date=2015-01-01", 404, null, "airport XXX has no data");
    assertProblem("/v1/anomalies?airport=XXX", 404, null, "airport XXX has no data");
  }

  @Test
  void anomalyPagesWalkEveryAnomalousDayOnceInOrder() throws Exception {
    List<String> walked = new ArrayList<>();
    String cursor = null;
    for (int page = 0; page < 100; page++) {
      String query =
          "/v1/anomalies?year=2015&limit=7" + (cursor == null ? "" : "&cursor=" + cursor);
      JsonNode body = call("/v1/anomalies", query, 200);
      body.path("items")
          .forEach(i -> walked.add(i.path("date").asText() + " " + i.path("airport").asText()));
      assertThat(body.path("items").size()).isLessThanOrEqualTo(7);
      if (body.path("next_cursor").isNull()) {
        cursor = null;
        break;
      }
      cursor = URLEncoder.encode(body.path("next_cursor").asText(), StandardCharsets.UTF_8);
    }
    assertThat(cursor).isNull();
    List<String> expected =
        texts(
            "SELECT flight_date || ' ' || airport FROM airport_daily_summary WHERE is_anomaly"
                + " AND flight_date BETWEEN '2015-01-01' AND '2015-12-31' ORDER BY flight_date, airport");
    assertThat(expected).hasSizeGreaterThan(14);
    assertThat(walked).isEqualTo(expected);
  }

  @Test
  void anomaliesFilterByAirportAndKind() throws Exception {
    JsonNode body =
        call("/v1/anomalies", "/v1/anomalies?airport=DFW&kind=high_delay&limit=1000", 200);
    assertThat(body.path("items").size())
        .isEqualTo(
            (int)
                count(
                    "SELECT count(*) FROM airport_daily_summary WHERE airport = 'DFW'"
                        + " AND anomaly_kind = 'HIGH_DELAY'"))
        .isPositive();
    body.path("items")
        .forEach(i -> assertThat(i.path("anomaly_kind").asText()).isEqualTo("HIGH_DELAY"));
  }

  @Test
  void badAnomalyParametersAre400() throws Exception {
    assertProblem(
        "/v1/anomalies?limit=0",
        400,
        "limit",
        "limit: expected an integer from 1 to 1000, got '0'");
    assertProblem(
        "/v1/anomalies?limit=5000",
        400,
        "limit",
        "limit: expected an integer from 1 to 1000, got '5000'");
    assertProblem(
        "/v1/anomalies?kind=storm",
        400,
        "kind",
        "kind: expected one of HIGH_DELAY, LOW_DELAY, CANCELLATIONS, COLLAPSE, got 'storm'");
    assertProblem(
        "/v1/anomalies?cursor=bm90IGEgY3Vyc29y",
        400,
        "cursor",
        "cursor: expected the next_cursor of a previous page, got 'bm90IGEgY3Vyc29y'");
    assertProblem(
        "/v1/anomalies?year=20x5",
        400,
        "year",
        "year: expected an integer from 1900 to 2999, got '20x5'");
  }

  @Test
  void eventsAreTheNetworkEventDaysOfTheYear() throws Exception {
    JsonNode body = call("/v1/events", "/v1/events?year=2016", 200);
    List<String> expected =
        texts(
            "SELECT flight_date::text FROM network_event_days WHERE year = 2016 ORDER BY flight_date");
    List<String> dates = new ArrayList<>();
    body.path("events").forEach(e -> dates.add(e.path("date").asText()));
    assertThat(dates).isEqualTo(expected).isNotEmpty();
    JsonNode first = body.path("events").get(0);
    assertThat(first.path("airports").size()).isEqualTo(first.path("airports_anomalous").asInt());
  }

  @Test
  void riskMatchesAnIndependentSqlComputation() throws Exception {
    for (String[] c :
        new String[][] {
          {"ATL", "2016-07-15"}, {"CLT", "2015-01-03"}, {"DEN", "2014-02-10"}, {"LAX", "2020-12-25"}
        }) {
      JsonNode risk = call("/v1/risk", "/v1/risk?airport=" + c[0] + "&date=" + c[1], 200);
      double[] sql = independentRisk(c[0], c[1]);
      assertThat(risk.path("probability").asDouble())
          .as("%s %s", c[0], c[1])
          .isCloseTo(sql[0], within(1e-9));
      assertThat(risk.path("basis").path("days").asLong()).isEqualTo((long) sql[1]);
      assertThat(risk.path("basis").path("airport_days").asLong()).isEqualTo((long) sql[2]);
      assertThat(risk.path("basis").path("rate").asDouble()).isCloseTo(sql[3], within(1e-12));
      assertThat(risk.path("basis").path("airport_rate").asDouble())
          .isCloseTo(sql[4], within(1e-12));
      JsonNode interval = risk.path("interval");
      assertThat(interval.path("low").asDouble())
          .isLessThan(risk.path("probability").asDouble())
          .isGreaterThan(0);
      assertThat(interval.path("high").asDouble())
          .isGreaterThan(risk.path("probability").asDouble());
    }
  }

  @Test
  void riskOfADateWithDataSaysWhatHappened() throws Exception {
    String[] anomaly =
        text("SELECT airport || ' ' || flight_date FROM airport_daily_summary"
                + " WHERE anomaly_kind = 'HIGH_DELAY' AND flight_date > '2015-01-01'"
                + " ORDER BY flight_date, airport LIMIT 1")
            .split(" ");
    JsonNode risk = call("/v1/risk", "/v1/risk?airport=" + anomaly[0] + "&date=" + anomaly[1], 200);
    assertThat(risk.path("observed").path("verdict").asText()).isEqualTo("ANOMALY");
    assertThat(risk.path("observed").path("anomaly_kind").asText()).isEqualTo("HIGH_DELAY");
    JsonNode future = call("/v1/risk", "/v1/risk?airport=ATL&date=2030-06-01", 200);
    assertThat(future.path("observed").isNull()).isTrue();
    assertThat(future.path("basis").path("weekday").asText()).isEqualTo("SATURDAY");
  }

  @Test
  void riskBeforeAnyHistoryIs404() throws Exception {
    assertProblem(
        "/v1/risk?airport=ATL&date=2014-01-01",
        404,
        null,
        "airport ATL has no departed flights before 2014-01-01 to estimate from");
    assertProblem(
        "/v1/risk?airport=ATL", 400, "date", "date: required, expected a date YYYY-MM-DD");
  }

  @Test
  void aDaySeriesCarriesAnEntityTagAndIsNotSentAgainWhileItMatches() throws Exception {
    String path = "/v1/airports/DEN/days?from=2016-05-01&to=2016-05-31";
    HttpResponse<String> first = get(path, TOKEN);
    assertThat(first.statusCode()).isEqualTo(200);
    String etag = first.headers().firstValue("ETag").orElseThrow();
    assertThat(etag).matches("\"[A-Za-z0-9_-]{22}\"");
    assertThat(first.headers().firstValue("Cache-Control")).hasValue("private, no-cache");
    HttpResponse<String> again = get(path, TOKEN, "If-None-Match", "\"other\", W/" + etag);
    assertThat(again.statusCode()).isEqualTo(304);
    assertThat(again.body()).isEmpty();
    assertThat(again.headers().firstValue("ETag")).hasValue(etag);
    assertThat(again.headers().firstValue("Content-Length")).isEmpty();
    HttpResponse<String> gzip = get(path, TOKEN, "Accept-Encoding", "gzip");
    assertThat(gzip.headers().firstValue("Content-Encoding")).hasValue("gzip");
    assertThat(gzip.headers().firstValue("ETag")).hasValue("W/" + etag);
    assertThat(
            get(path, TOKEN, "Accept-Encoding", "gzip", "If-None-Match", "W/" + etag).statusCode())
        .isEqualTo(304);
    HttpResponse<String> stale = get(path, TOKEN, "If-None-Match", "\"other\"");
    assertThat(stale.statusCode()).isEqualTo(200);
    assertThat(stale.body()).isEqualTo(first.body());
    // Another client's cache: the same bytes, hence the same tag.
    assertThat(get(path, TOKEN).headers().firstValue("ETag")).hasValue(etag);
  }

  @Test
  void aCachedDaySeriesIsReplacedOnceTheTableIsWritten() throws Exception {
    String path = "/v1/airports/LAX/days?from=2015-06-01&to=2015-06-03";
    JsonNode before = call("/v1/airports/{iata}/days", path, 200);
    double delay = before.path("days").get(1).path("avg_dep_delay").asDouble();
    String etag = get(path, TOKEN).headers().firstValue("ETag").orElseThrow();
    String update =
        "UPDATE airport_daily_summary SET avg_dep_delay = ? WHERE airport = 'LAX'"
            + " AND flight_date = '2015-06-02'";
    try (Connection c = db.admin();
        PreparedStatement st = c.prepareStatement(update)) {
      st.setDouble(1, delay + 100);
      st.executeUpdate();
    }
    try {
      // Bounded: the writer reports its counters about a second after the commit, the API checks
      // them once a second.
      HttpResponse<String> after = get(path, TOKEN, "If-None-Match", etag);
      for (int attempt = 0; attempt < 50 && after.statusCode() == 304; attempt++) {
        Thread.sleep(200);
        after = get(path, TOKEN, "If-None-Match", etag);
      }
      assertThat(after.statusCode()).isEqualTo(200);
      assertThat(after.headers().firstValue("ETag")).isNotEqualTo(Optional.of(etag));
      assertThat(MAPPER.readTree(after.body()).path("days").get(1).path("avg_dep_delay").asDouble())
          .isEqualTo(delay + 100);
    } finally {
      try (Connection c = db.admin();
          PreparedStatement st = c.prepareStatement(update)) {
        st.setDouble(1, delay);
        st.executeUpdate();
      }
    }
  }

  @Test
  void theApiConnectionCannotWrite() {
    assertThatThrownBy(
            () -> {
              try (Connection c = pool.getConnection();
                  PreparedStatement st =
                      c.prepareStatement(
                          "DELETE FROM airport_daily_summary WHERE airport = 'ATL'")) {
                st.executeUpdate();
              }
            })
        .isInstanceOf(SQLException.class)
        .hasMessage("ERROR: cannot execute DELETE in a read-only transaction");
  }

  /** (estimate, cell days, airport days, cell rate, airport rate) by docs/api.md's formula. */
  private static double[] independentRisk(String airport, String date) throws SQLException {
    String sql =
        "WITH h AS (SELECT * FROM airport_daily_summary WHERE airport = ? AND flight_date < ?::date"
            + " AND departed > 0 AND delayed_15_share IS NOT NULL),"
            + " cell AS (SELECT count(*) AS d, sum(delayed_15_share * departed) / sum(departed) AS r"
            + " FROM h WHERE to_char(flight_date, 'MM') = to_char(?::date, 'MM')"
            + " AND to_char(flight_date, 'ID') = to_char(?::date, 'ID')),"
            + " overall AS (SELECT count(*) AS n, sum(delayed_15_share * departed) / sum(departed) AS p0 FROM h)"
            + " SELECT (10 * p0 + d * coalesce(r, 0)) / (10 + d), d, n, r, p0 FROM cell, overall";
    try (Connection c = db.admin();
        PreparedStatement st = c.prepareStatement(sql)) {
      st.setString(1, airport);
      st.setString(2, date);
      st.setString(3, date);
      st.setString(4, date);
      ResultSet rs = st.executeQuery();
      rs.next();
      return new double[] {
        rs.getDouble(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4), rs.getDouble(5)
      };
    }
  }

  private static void assertProblem(String path, int status, String parameter, String detail)
      throws Exception {
    HttpResponse<String> response = get(path, TOKEN);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/problem+json");
    JsonNode problem = MAPPER.readTree(response.body());
    assertThat(problem.path("detail").asText()).isEqualTo(detail);
    assertThat(problem.path("status").asInt()).isEqualTo(status);
    if (parameter != null) {
      assertThat(problem.path("parameter").asText()).isEqualTo(parameter);
    }
    String template =
        path.startsWith("/v1/airports/") ? "/v1/airports/{iata}/days" : path.split("\\?")[0];
    assertThat(contract.check(template, response)).isEmpty();
  }

  private static long count(String sql) throws SQLException {
    return Long.parseLong(text(sql));
  }

  private static String text(String sql) throws SQLException {
    List<String> rows = texts(sql);
    return rows.get(0);
  }

  private static List<String> texts(String sql) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Connection c = db.admin();
        PreparedStatement st = c.prepareStatement(sql);
        ResultSet rs = st.executeQuery()) {
      while (rs.next()) {
        rows.add(rs.getString(1));
      }
    }
    return rows;
  }
}
