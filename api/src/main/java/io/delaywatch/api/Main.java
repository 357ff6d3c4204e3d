package io.delaywatch.api;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The API service: reads PostgreSQL with a read-only connection, serves HTTP until stopped. */
@Command(
    name = "api",
    mixinStandardHelpOptions = true,
    usageHelpWidth = 110,
    description = {
      "Serves the results (table airport_daily_summary) as a read-only JSON API: /v1/airports,"
          + " /v1/airports/{iata}/days, /v1/anomalies, /v1/events, /v1/risk, /health, /ready,"
          + " /openapi.json (docs/api.md).",
      "Every /v1 request needs the header Authorization: Bearer <token>; the token comes from"
          + " DELAYWATCH_API_TOKEN or the Secrets Manager secret --token-secret-arn. The password"
          + " comes from PGPASSWORD only.",
      "Example: DELAYWATCH_API_TOKEN=... PGPASSWORD=... api --jdbc-url"
          + " jdbc:postgresql://db:5432/delaywatch --db-user delaywatch_reader"
    })
public final class Main implements Callable<Integer> {
  static final int USAGE = 2;
  private static final int MIN_TOKEN_LENGTH = 16;
  // Jetty keeps three of its threads for accepting, selecting and a reserve; one more answers.
  private static final int MIN_HTTP_THREADS = 4;

  @Option(
      names = "--host",
      defaultValue = "${env:DELAYWATCH_API_HOST:-0.0.0.0}",
      description = "Address to listen on (default ${DEFAULT-VALUE}).")
  String host;

  @Option(
      names = "--port",
      defaultValue = "${env:DELAYWATCH_API_PORT:-8090}",
      description = "Port to listen on, 0 for any free one (default ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--jdbc-url",
      defaultValue = "${env:DELAYWATCH_JDBC_URL}",
      description = "PostgreSQL of the results, e.g. jdbc:postgresql://host:5432/delaywatch.")
  String jdbcUrl;

  @Option(
      names = "--db-user",
      defaultValue = "${env:PGUSER}",
      description = "Database user; a read-only role such as delaywatch_reader.")
  String dbUser;

  @Option(
      names = "--db-schema",
      defaultValue = "public",
      description = "Schema of the table (default ${DEFAULT-VALUE}).")
  String dbSchema;

  @Option(
      names = "--pool-size",
      defaultValue = "8",
      description = "Database connections (default ${DEFAULT-VALUE}).")
  int poolSize;

  @Option(
      names = "--http-threads",
      defaultValue = "16",
      description =
          "Jetty threads at most, 3 of them accepting and selecting (default ${DEFAULT-VALUE}).")
  int httpThreads;

  @Option(
      names = "--cache-mb",
      defaultValue = "64",
      description = "Memory for cached day series, MiB; 0 caches none (default ${DEFAULT-VALUE}).")
  int cacheMb;

  @Option(
      names = "--token-secret-arn",
      defaultValue = "${env:DELAYWATCH_API_TOKEN_SECRET_ARN}",
      description =
          "Secrets Manager secret holding the bearer token (instead of DELAYWATCH_API_TOKEN).")
  String tokenSecretArn;

  @Option(
      names = "--embedded-pg",
      description =
          "Serve the embedded PostgreSQL whose data is in this folder (./delaywatch api: the demo's"
              + " .delaywatch/pg); generates and prints a token when none is set.")
  Path embeddedPg;

  @Spec CommandSpec spec;

  private final CountDownLatch stopped = new CountDownLatch(1);

  public static void main(String[] args) {
    System.exit(new CommandLine(new Main()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    bounded("--http-threads", httpThreads, MIN_HTTP_THREADS, 1000);
    bounded("--cache-mb", cacheMb, 0, 4096);
    bounded("--pool-size", poolSize, 1, 200);
    String token = token();
    if (embeddedPg != null && !Files.isRegularFile(embeddedPg.resolve("PG_VERSION"))) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--embedded-pg: no database in " + embeddedPg + ": run ./delaywatch demo first");
    }
    EmbeddedDatabase embedded = embeddedPg == null ? null : EmbeddedDatabase.start(embeddedPg);
    String url = embedded != null ? embedded.jdbcUrl() : jdbcUrl;
    if (url == null || url.isBlank()) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--jdbc-url (or DELAYWATCH_JDBC_URL) is required");
    }
    HikariDataSource dataSource = dataSource(url, embedded != null ? "postgres" : dbUser);
    ApiServer server =
        new ApiServer(new ResultsStore(dataSource), token, (long) cacheMb << 20, httpThreads)
            .start(host, port);
    String shownHost = "0.0.0.0".equals(host) ? "127.0.0.1" : host;
    System.out.println(
        "delaywatch api: http://" + shownHost + ":" + server.port() + "/v1/airports");
    if (embedded != null && System.getenv("DELAYWATCH_API_TOKEN") == null) {
      System.out.println(
          "delaywatch api: token " + token + " (header Authorization: Bearer <token>)");
    }
    System.out.flush();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.stop();
                  dataSource.close();
                  try {
                    if (embedded != null) {
                      embedded.close();
                    }
                  } catch (java.io.IOException e) {
                    System.err.println("delaywatch api: embedded PostgreSQL: " + e.getMessage());
                  }
                  stopped.countDown();
                },
                "api-shutdown"));
    stopped.await();
    return 0;
  }

  private void bounded(String option, int value, int min, int max) {
    if (value < min || value > max) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          option + ": expected an integer from " + min + " to " + max + ", got " + value);
    }
  }

  private String token() {
    String token = System.getenv("DELAYWATCH_API_TOKEN");
    if ((token == null || token.isEmpty()) && tokenSecretArn != null && !tokenSecretArn.isEmpty()) {
      token = TokenSource.fromSecretsManager(tokenSecretArn);
    }
    if ((token == null || token.isEmpty()) && embeddedPg != null) {
      byte[] random = new byte[24];
      new SecureRandom().nextBytes(random);
      token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }
    if (token == null || token.length() < MIN_TOKEN_LENGTH) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "a bearer token of at least "
              + MIN_TOKEN_LENGTH
              + " characters is required: set DELAYWATCH_API_TOKEN or --token-secret-arn");
    }
    return token;
  }

  /** A pool whose every connection is read-only and bounded in time. */
  HikariDataSource dataSource(String url, String user) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    if (user != null && !user.isEmpty()) {
      config.setUsername(user);
    }
    String password = System.getenv("PGPASSWORD");
    if (password != null) {
      config.setPassword(password);
    }
    config.setSchema(dbSchema);
    config.setPoolName("delaywatch-api");
    config.setMaximumPoolSize(poolSize);
    config.setReadOnly(true);
    // The role may be able to write (the demo's superuser): the server refuses writes anyway.
    config.setConnectionInitSql(
        "SET default_transaction_read_only = on; SET statement_timeout = '5s'");
    config.setConnectionTimeout(2_000);
    config.setValidationTimeout(1_000);
    // Start even while the database is down: /ready says 503 until it answers.
    config.setInitializationFailTimeout(-1);
    config.addDataSourceProperty("socketTimeout", "10");
    config.addDataSourceProperty("connectTimeout", "3");
    config.addDataSourceProperty("ApplicationName", "delaywatch-api");
    return new HikariDataSource(config);
  }
}
