package io.delaywatch.local;

import io.delaywatch.sample.FlightGenerator;
import io.delaywatch.sample.GenerationResult;
import io.delaywatch.sample.GeneratorConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./delaywatch generate}: a Kaggle-schema yearly CSV with planted anomalies. */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    versionProvider = LocalVersion.class,
    header = "Writes a year of sample flights in the raw files' schema, with planted anomalies.",
    description = {
      "Writes DIR/YYYY.csv in the schema of the Kaggle yearly files (28 columns, floats in integer",
      "columns, trailing empty column) with real airports, weekly and seasonal cycles, holidays,",
      "cancellations, diversions and delay causes, plus planted anomalous days listed in",
      "DIR/YYYY.labels.csv (airport, date, kind, anomalous). Deterministic for a seed.",
      "",
      "Example: ./delaywatch generate --year 2015 --out /tmp/x/raw/flights"
    })
final class GenerateCommand implements Callable<Integer> {
  @Option(names = "--year", required = true, description = "The year of FL_DATE.")
  int year;

  @Option(
      names = "--out",
      required = true,
      description = "Folder to write YYYY.csv and YYYY.labels.csv into.")
  Path out;

  @Option(
      names = "--airports",
      defaultValue = "" + GeneratorConfig.DEFAULT_AIRPORTS,
      description = "How many airports, largest first (default ${DEFAULT-VALUE}).")
  int airports;

  @Option(
      names = "--rows",
      defaultValue = "" + GeneratorConfig.DEFAULT_ROWS,
      description = "About how many rows (default ${DEFAULT-VALUE}, about a real year).")
  long rows;

  @Option(
      names = "--seed",
      defaultValue = "" + GeneratorConfig.DEFAULT_SEED,
      description = "Random seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--crlf", description = "End lines with CR LF.")
  boolean crlf;

  @Option(names = "--gzip", description = "Write YYYY.csv.gz.")
  boolean gzip;

  @Option(
      names = "--drop-cancelled",
      description =
          "Leave cancelled flights out of the file, as sources without cancellations do: a "
              + "closed airport then shows as a day with few rows, not as cancelled ones.")
  boolean dropCancelled;

  @Override
  public Integer call() throws Exception {
    GeneratorConfig config;
    try {
      config = new GeneratorConfig(year, airports, rows, seed, crlf, gzip, dropCancelled);
    } catch (IllegalArgumentException e) {
      throw new picocli.CommandLine.ParameterException(
          new picocli.CommandLine(this), e.getMessage());
    }
    GenerationResult result = FlightGenerator.generate(config, out);
    System.err.printf(
        "generated %,d rows for %d airports in %s (%d labelled days, %d anomalous)%n",
        result.rows(),
        result.airports(),
        result.flights(),
        result.labelCount(),
        result.anomalies());
    System.out.println(result.flights());
    return 0;
  }
}
