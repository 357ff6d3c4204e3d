package io.delaywatch.api;

import io.delaywatch.api.Views.AirportList;
import io.delaywatch.api.Views.Anomaly;
import io.delaywatch.api.Views.AnomalyPage;
import io.delaywatch.api.Views.Day;
import io.delaywatch.api.Views.DaySeries;
import io.delaywatch.api.Views.EventList;
import io.delaywatch.api.Views.Health;
import io.delaywatch.api.Views.Interval;
import io.delaywatch.api.Views.Observed;
import io.delaywatch.api.Views.Risk;
import io.delaywatch.api.Views.RiskBasis;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.json.JavalinJackson;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP routes of the API (docs/api.md) on Javalin: a bearer token on every {@code /v1} route,
 * problem bodies for every error, 503 while the database is unreachable. {@link #start} and {@link
 * #stop}; the caller owns the data source.
 */
final class ApiServer implements AutoCloseable {
  /** Longest day series one request may ask for. */
  static final int MAX_RANGE_DAYS = 366;

  private static final String JSON = "application/json";

  static final int DEFAULT_PAGE = 100;
  static final int MAX_PAGE = 1000;

  /** Default bound of the day-series cache: 64 MiB, some 6,000 month-long series. */
  static final long DEFAULT_CACHE_BYTES = 64L << 20;

  /**
   * Default request threads: the pool's connections plus as many answering from the caches. More
   * only queue on the two cores: Jetty's default of 200 let 64 connections run 64 threads at once.
   */
  static final int DEFAULT_THREADS = 16;

  static final List<String> KINDS = List.of("HIGH_DELAY", "LOW_DELAY", "CANCELLATIONS", "COLLAPSE");

  // The airport list and the event days scan many rows; they change only when a year is loaded.
  private static final long CACHE_TTL_NANOS = 30_000_000_000L;
  private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);

  private final ResultsStore store;
  private final byte[] token;
  private final RiskEstimator risk = new RiskEstimator();
  private final byte[] openApi;
  private final Javalin app;
  private final TableVersion version;
  private final DaySeriesCache daySeries;
  private volatile CachedAirports cachedAirports;

  private record CachedAirports(long loadedAt, AirportList list) {}

  private record CachedEvents(long loadedAt, EventList list) {}

  private static final Integer ALL_YEARS = 0;
  // At most one entry per year of the data (the year is validated to 1900..2999 first).
  private final Map<Integer, CachedEvents> cachedEvents = new ConcurrentHashMap<>();
  private final ReentrantLock refreshing = new ReentrantLock();

  ApiServer(ResultsStore store, String token) {
    this(store, token, DEFAULT_CACHE_BYTES, DEFAULT_THREADS);
  }

  /**
   * {@code cacheBytes} bounds the day-series cache (0: none); {@code threads} is the most request
   * threads at once.
   */
  ApiServer(ResultsStore store, String token, long cacheBytes, int threads) {
    this.store = store;
    this.token = token.getBytes(StandardCharsets.UTF_8);
    this.openApi = resource("/openapi.json");
    this.version = new TableVersion(store);
    this.daySeries = cacheBytes > 0 ? new DaySeriesCache(cacheBytes) : null;
    QueuedThreadPool pool = new QueuedThreadPool(threads, Math.min(threads, 8), 60_000);
    pool.setName("api-http");
    this.app =
        Javalin.create(
            config -> {
              config.startup.showJavalinBanner = false;
              config.startup.showOldJavalinVersionWarning = false;
              config.jetty.threadPool = pool;
              config.jsonMapper(new JavalinJackson(Json.MAPPER, false));
              config.http.defaultContentType = "application/json";
              // A client that stops reading does not hold a thread for long.
              config.jetty.modifyHttpConfiguration(http -> http.setIdleTimeout(30_000));
              // In-flight requests get this long to finish when the service is stopped.
              config.jetty.modifyServer(server -> server.setStopTimeout(10_000));
              config.routes.before("/v1/*", this::authorize);
              config.routes.get("/health", ctx -> json(ctx, new Health("UP")));
              config.routes.get("/ready", this::ready);
              config.routes.get(
                  "/openapi.json", ctx -> ctx.contentType("application/json").result(openApi));
              config.routes.get("/v1/airports", ctx -> json(ctx, airports()));
              config.routes.get("/v1/airports/{iata}/days", this::days);
              config.routes.get("/v1/anomalies", this::anomalies);
              config.routes.get("/v1/events", this::events);
              config.routes.get("/v1/risk", this::risk);
              config.routes.exception(ProblemException.class, (e, ctx) -> problem(ctx, e));
              config.routes.exception(SQLException.class, this::databaseError);
            });
  }

  ApiServer start(String host, int port) {
    app.start(host, port);
    return this;
  }

  int port() {
    return app.port();
  }

  /** Stops accepting requests, lets in-flight ones finish (up to 10 s). */
  void stop() {
    app.stop();
    if (daySeries != null) {
      LOG.info("day-series cache at stop: {}", daySeries.stats());
    }
  }

  @Override
  public void close() {
    stop();
  }

  private void authorize(Context ctx) {
    String header = ctx.header("Authorization");
    byte[] given =
        header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
            ? header.substring(7).trim().getBytes(StandardCharsets.UTF_8)
            : null;
    // Constant-time: the comparison must not tell how many leading characters were right.
    if (given == null || !MessageDigest.isEqual(given, token)) {
      ctx.header("WWW-Authenticate", "Bearer realm=\"delaywatch\"");
      throw ProblemException.unauthorized(
          given == null
              ? "send the header Authorization: Bearer <token>"
              : "the bearer token is not the API's token");
    }
  }

  private void ready(Context ctx) throws SQLException, IOException {
    if (!store.ready()) {
      throw new SQLTransientConnectionException("the database returned no row for SELECT 1");
    }
    json(ctx, new Health("READY"));
  }

  private AirportList airports() throws SQLException {
    CachedAirports cached = cachedAirports;
    if (cached != null && System.nanoTime() - cached.loadedAt() <= CACHE_TTL_NANOS) {
      return cached.list();
    }
    // One request refreshes; the others meanwhile get the previous list: at the expiry, 64 requests
    // each running the scan would take every connection of the pool (measured: 503s).
    if (cached != null && !refreshing.tryLock()) {
      return cached.list();
    }
    if (cached == null) {
      refreshing.lock();
    }
    try {
      cached = cachedAirports;
      if (cached == null || System.nanoTime() - cached.loadedAt() > CACHE_TTL_NANOS) {
        cached = new CachedAirports(System.nanoTime(), new AirportList(store.airports()));
        cachedAirports = cached;
      }
      return cached.list();
    } finally {
      refreshing.unlock();
    }
  }

  private void days(Context ctx) throws SQLException, IOException {
    String airport = Params.airport("iata", ctx.pathParam("iata"), true);
    LocalDate from = Params.date(ctx, "from", true);
    LocalDate to = Params.date(ctx, "to", true);
    if (to.isBefore(from)) {
      throw ProblemException.badParameter(
          "to",
          "a date on or after from",
          "to: expected a date on or after from (" + from + "), got '" + to + "'");
    }
    long span = ChronoUnit.DAYS.between(from, to) + 1;
    if (span > MAX_RANGE_DAYS) {
      String expected = "at most " + MAX_RANGE_DAYS + " days from from";
      throw ProblemException.badParameter(
          "to", expected, "to: expected " + expected + ", got a range of " + span + " days");
    }
    long generation = daySeries == null ? TableVersion.UNCACHEABLE : version.current();
    DaySeriesCache.Body body =
        daySeries == null ? null : daySeries.get(generation, airport, from, to);
    if (body == null) {
      List<Day> days = store.days(airport, from, to);
      if (days.isEmpty()) {
        requireAirport(airport);
      }
      body =
          DaySeriesCache.Body.of(
              bytes(new DaySeries(airport, from.toString(), to.toString(), days)));
      if (daySeries != null) {
        daySeries.put(generation, airport, from, to, body);
      }
    }
    // A strong tag names these bytes; gzip (which Javalin may apply) makes other bytes of the
    // same series, for which only a weak tag is true (RFC 9110 8.8.1).
    ctx.header("ETag", acceptsGzip(ctx) ? "W/" + body.etag() : body.etag());
    // A client may keep the series but must ask again, with If-None-Match, before reusing it.
    ctx.header("Cache-Control", "private, no-cache");
    if (body.matches(ctx.header("If-None-Match"))) {
      ctx.status(304);
      // Sent now, without a Content-Length: a 304 may only repeat the 200's (RFC 9110 8.6), and
      // Jetty, completing an unsent response, would say 0.
      ctx.res().flushBuffer();
      return;
    }
    send(ctx, body.json());
  }

  private void anomalies(Context ctx) throws SQLException, IOException {
    Integer year = Params.integer(ctx, "year", 1900, 2999, null);
    String airport = Params.airport("airport", ctx.queryParam("airport"), false);
    String kind = Params.oneOf(ctx, "kind", KINDS);
    int limit = Params.integer(ctx, "limit", 1, MAX_PAGE, DEFAULT_PAGE);
    String cursorToken = ctx.queryParam("cursor");
    PageCursor after =
        cursorToken == null || cursorToken.isEmpty()
            ? null
            : PageCursor.decode("cursor", cursorToken);
    if (airport != null) {
      requireAirport(airport);
    }
    // One row more than the page tells whether a next page exists without a count query.
    List<Anomaly> rows = store.anomalies(year, airport, kind, after, limit + 1);
    String next = null;
    if (rows.size() > limit) {
      rows = rows.subList(0, limit);
      Anomaly last = rows.get(limit - 1);
      next = new PageCursor(LocalDate.parse(last.date()), last.airport()).encode();
    }
    json(ctx, new AnomalyPage(rows, next));
  }

  private void events(Context ctx) throws SQLException, IOException {
    Integer year = Params.integer(ctx, "year", 1900, 2999, null);
    // The view groups a year of rows per request; like the airport list it changes only on a load,
    // and is refreshed by one request at a time for the same reason.
    Integer key = year == null ? ALL_YEARS : year;
    CachedEvents cached = cachedEvents.get(key);
    if (cached != null
        && (System.nanoTime() - cached.loadedAt() <= CACHE_TTL_NANOS || !refreshing.tryLock())) {
      json(ctx, cached.list());
      return;
    }
    if (cached == null) {
      refreshing.lock();
    }
    try {
      cached = cachedEvents.get(key);
      if (cached == null || System.nanoTime() - cached.loadedAt() > CACHE_TTL_NANOS) {
        cached = new CachedEvents(System.nanoTime(), new EventList(store.events(year)));
        cachedEvents.put(key, cached);
      }
    } finally {
      refreshing.unlock();
    }
    json(ctx, cached.list());
  }

  private void risk(Context ctx) throws SQLException, IOException {
    String airport = Params.airport("airport", ctx.queryParam("airport"), true);
    LocalDate date = Params.date(ctx, "date", true);
    ResultsStore.RiskHistory history = store.riskHistory(airport, date);
    if (history.overall().departed() <= 0) {
      requireAirport(airport);
      throw ProblemException.notFound(
          "airport " + airport + " has no departed flights before " + date + " to estimate from");
    }
    RiskEstimator.Estimate estimate = risk.estimate(history.cell(), history.overall());
    Interval interval = new Interval(RiskEstimator.LEVEL, estimate.low(), estimate.high());
    RiskBasis basis =
        new RiskBasis(
            date.getMonthValue(),
            date.getDayOfWeek().name(),
            history.cell().days(),
            history.cell().departed(),
            Double.isNaN(estimate.cellRate()) ? null : estimate.cellRate(),
            history.overall().days(),
            estimate.overallRate(),
            RiskEstimator.PRIOR_DAYS,
            date.toString());
    Optional<Day> day = store.day(airport, date);
    Observed observed = day.map(d -> observed(d, interval)).orElse(null);
    json(
        ctx, new Risk(airport, date.toString(), estimate.probability(), interval, basis, observed));
  }

  private static Observed observed(Day day, Interval interval) {
    Double share = day.delayed15Share();
    String versus =
        share == null
            ? null
            : share > interval.high() ? "ABOVE" : share < interval.low() ? "BELOW" : "WITHIN";
    return new Observed(
        day.flights(),
        day.departed(),
        day.cancelled(),
        day.avgDepDelay(),
        share,
        day.expectedDepDelay(),
        day.upperBound(),
        day.isAnomaly(),
        day.anomalyKind(),
        day.isAnomaly() ? "ANOMALY" : "NORMAL",
        versus);
  }

  private void requireAirport(String airport) throws SQLException {
    if (!store.airportExists(airport)) {
      throw ProblemException.notFound("airport " + airport + " has no data");
    }
  }

  private static void problem(Context ctx, ProblemException e) {
    ctx.status(e.status()).contentType(Problem.CONTENT_TYPE).result(write(e.toProblem(ctx.path())));
  }

  private void databaseError(SQLException e, Context ctx) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    // 08: connection exceptions; 57P0x: the server shutting down; 57014: statement_timeout;
    // SQLTransientConnectionException: Hikari found no connection within its timeout.
    boolean unavailable =
        e instanceof SQLTransientConnectionException
            || state.startsWith("08")
            || state.startsWith("57P0")
            || state.equals("57014");
    int status = unavailable ? 503 : 500;
    LOG.warn("{} {}: database error {} {}", ctx.method(), ctx.path(), state, e.getMessage());
    if (unavailable) {
      ctx.header("Retry-After", "5");
    }
    Problem body =
        new Problem(
            unavailable ? "/problems/database-unavailable" : "/problems/internal",
            unavailable ? "Database unavailable" : "Internal error",
            status,
            unavailable
                ? "the results database is not reachable or too slow; retry later"
                : "the query failed; the service log has the details",
            ctx.path(),
            null,
            null);
    ctx.status(status).contentType(Problem.CONTENT_TYPE).result(write(body));
  }

  /** Bytes, not Javalin's string: the UTF-8 generator writes them without a string in between. */
  private static void json(Context ctx, Object value) throws IOException {
    send(ctx, bytes(value));
  }

  private static boolean acceptsGzip(Context ctx) {
    String encodings = ctx.header("Accept-Encoding");
    return encodings != null && encodings.contains("gzip");
  }

  private static void send(Context ctx, byte[] json) throws IOException {
    if (acceptsGzip(ctx)) {
      // Javalin compresses what it writes itself.
      ctx.contentType(JSON).result(json);
      return;
    }
    // Straight to the response: Javalin would copy the bytes through a new 8 KiB buffer per
    // response, which was 40 % of what the service allocated under load (JFR).
    HttpServletResponse response = ctx.res();
    response.setContentType(JSON);
    response.setContentLength(json.length);
    response.getOutputStream().write(json);
  }

  private static byte[] bytes(Object value) {
    try {
      return Json.MAPPER.writeValueAsBytes(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String write(Problem problem) {
    try {
      return Json.MAPPER.writeValueAsString(problem);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] resource(String name) {
    try (InputStream in = ApiServer.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("resource " + name + " is missing from the class path");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
