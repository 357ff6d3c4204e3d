import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/**
 * The DuckDB anchor of bench/anchors.sh: the work of download + transform in one process, through
 * DuckDB's JDBC driver. Usage: DuckDbAnchor RAW.csv STAGED.parquet DAILY.parquet
 */
public final class DuckDbAnchor {
  public static void main(String[] args) throws Exception {
    String raw = args[0];
    String staged = args[1];
    String daily = args[2];
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement()) {
      s.execute("SET memory_limit = '1GB'");
      s.execute(
          "COPY (SELECT CAST(FL_DATE AS DATE) AS flight_date, OP_CARRIER AS carrier,"
              + " ORIGIN AS origin, CAST(DEP_DELAY AS DOUBLE) AS dep_delay,"
              + " CAST(CANCELLED AS DOUBLE) = 1 AS cancelled, CAST(DIVERTED AS DOUBLE) = 1 AS diverted,"
              + " CAST(CARRIER_DELAY AS DOUBLE) AS carrier_delay,"
              + " CAST(WEATHER_DELAY AS DOUBLE) AS weather_delay, CAST(NAS_DELAY AS DOUBLE) AS nas_delay,"
              + " CAST(SECURITY_DELAY AS DOUBLE) AS security_delay,"
              + " CAST(LATE_AIRCRAFT_DELAY AS DOUBLE) AS late_aircraft_delay"
              + " FROM read_csv('"
              + raw
              + "', header = true)) TO '"
              + staged
              + "' (FORMAT parquet, COMPRESSION snappy)");
      s.execute(
          "COPY (SELECT origin AS airport, flight_date, count(*) AS flights,"
              + " count(*) - count(*) FILTER (WHERE cancelled) AS departed,"
              + " count(*) FILTER (WHERE cancelled) AS cancelled,"
              + " count(*) FILTER (WHERE diverted) AS diverted, avg(dep_delay) AS avg_dep_delay,"
              + " count(*) FILTER (WHERE dep_delay >= 15) / count(dep_delay) AS delayed_15_share,"
              + " coalesce(sum(carrier_delay), 0) AS carrier_delay_min,"
              + " coalesce(sum(weather_delay), 0) AS weather_delay_min,"
              + " coalesce(sum(nas_delay), 0) AS nas_delay_min,"
              + " coalesce(sum(security_delay), 0) AS security_delay_min,"
              + " coalesce(sum(late_aircraft_delay), 0) AS late_aircraft_delay_min"
              + " FROM read_parquet('"
              + staged
              + "') GROUP BY origin, flight_date ORDER BY origin, flight_date) TO '"
              + daily
              + "' (FORMAT parquet, COMPRESSION snappy)");
    }
  }
}
