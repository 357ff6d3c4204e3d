package io.delaywatch.storage;

/** The keys of the data lake layout, relative to the warehouse root (see docs/architecture.md). */
public final class LakePaths {
  /**
   * Where the yearly raw CSVs are uploaded, as published: {@code YYYY.csv} or {@code YYYY.csv.gz}.
   */
  public static final String RAW_FLIGHTS = "raw/flights/";

  private LakePaths() {}

  public static String rawCsv(int year, boolean gzip) {
    return RAW_FLIGHTS + year + (gzip ? ".csv.gz" : ".csv");
  }

  public static String staged(int year) {
    return "staged/flights/year=" + year + "/flights.parquet";
  }

  /** Raw rows that could not be read, with line number and reason. */
  public static String rejected(int year) {
    // Beside, not inside, the Parquet partition: engines read every file of a partition folder.
    return "staged/rejected/year=" + year + "/rejected.csv";
  }

  public static String daily(int year) {
    return "daily/airport_daily/year=" + year + "/airport_daily.parquet";
  }

  public static String scored(int year) {
    return "scored/airport_anomalies/year=" + year + "/anomalies.parquet";
  }

  public static String plotsYear(int year) {
    return "plots/" + year + "/";
  }

  public static String plot(int year, String airport, String chart) {
    return plotsYear(year) + airport + "/" + chart;
  }

  public static String plotIndex(int year) {
    return plotsYear(year) + "index.html";
  }

  public static String manifest(int year, String task) {
    return "runs/year=" + year + "/" + task + ".json";
  }
}
