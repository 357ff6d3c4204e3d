package io.delaywatch.sample;

import java.nio.file.Path;

/**
 * What {@link FlightGenerator#generate} wrote.
 *
 * @param flights the yearly CSV, {@code YYYY.csv} or {@code YYYY.csv.gz}
 * @param labels the labels file, {@code YYYY.labels.csv} (see {@link Labels})
 * @param rows data rows in the flights file (header excluded)
 * @param airports ORIGIN airports scheduled
 * @param labelCount lines in the labels file (header excluded)
 * @param anomalies labelled airport-days a detector should flag
 */
public record GenerationResult(
    Path flights, Path labels, long rows, int airports, int labelCount, int anomalies) {}
