package io.delaywatch.sample;

/**
 * What to generate.
 *
 * @param year the year of FL_DATE; the file is named after it
 * @param airports how many airports, the largest first (1 to {@link #MAX_AIRPORTS})
 * @param rows about how many rows to write (the result says exactly how many were)
 * @param seed the same seed, year and sizes give a byte-identical file
 * @param crlf end lines with CR LF instead of LF
 * @param gzip write {@code YYYY.csv.gz} instead of {@code YYYY.csv}
 * @param dropCancelled omit cancelled flights, as sources without cancellations do: a closure then
 *     shows as a day with few rows, not as cancelled ones
 */
public record GeneratorConfig(
    int year,
    int airports,
    long rows,
    long seed,
    boolean crlf,
    boolean gzip,
    boolean dropCancelled) {
  /** About a real year: the Kaggle files have 6-7.5 million rows from about 350 airports. */
  public static final int DEFAULT_AIRPORTS = 350;

  public static final long DEFAULT_ROWS = 7_000_000;
  public static final long DEFAULT_SEED = 1;

  /** The size of the built-in airport catalog. */
  public static final int MAX_AIRPORTS = AirportCatalog.size();

  /**
   * @throws IllegalArgumentException when a value is out of range (the message says which)
   */
  public GeneratorConfig {
    if (year < 1000 || year > 9999) {
      throw new IllegalArgumentException("year must have four digits, got " + year);
    }
    if (airports < 1 || airports > MAX_AIRPORTS) {
      throw new IllegalArgumentException(
          "airports must be between 1 and " + MAX_AIRPORTS + ", got " + airports);
    }
    if (rows < 1) {
      throw new IllegalArgumentException("rows must be positive, got " + rows);
    }
  }

  /** A config that keeps cancelled flights. */
  public GeneratorConfig(int year, int airports, long rows, long seed, boolean crlf, boolean gzip) {
    this(year, airports, rows, seed, crlf, gzip, false);
  }

  /** A real-sized year: {@link #DEFAULT_AIRPORTS}, {@link #DEFAULT_ROWS}, plain CSV, LF. */
  public static GeneratorConfig defaults(int year) {
    return new GeneratorConfig(year, DEFAULT_AIRPORTS, DEFAULT_ROWS, DEFAULT_SEED, false, false);
  }
}
