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

  /**
   * The folder of one plot run's report: its page and charts. A run never writes into the folder
   * the published page points to unless its files are the same (the name is derived from the input,
   * the run id and the build), so a report never mixes two runs.
   */
  public static String plotRun(int year, String run) {
    return plotsYear(year) + run + "/";
  }

  public static String plot(int year, String run, String airport, String chart) {
    return plotRun(year, run) + airport + "/" + chart;
  }

  /** The report page of one plot run. */
  public static String plotRunIndex(int year, String run) {
    return plotRun(year, run) + "index.html";
  }

  /** The year's entry page: it points to the current run's report, and is switched last. */
  public static String plotIndex(int year) {
    return plotsYear(year) + "index.html";
  }

  public static String manifest(int year, String task) {
    return "runs/year=" + year + "/" + task + ".json";
  }
}
