package io.delaywatch.download;

import io.delaywatch.flights.DateCoverage;
import java.util.List;
import java.util.Map;

/**
 * What staging a raw file did.
 *
 * @param rowsRead data rows in the raw file
 * @param rowsKept rows written to the staged Parquet
 * @param rowsRejected rows that could not be read
 * @param airports distinct ORIGIN airports kept
 * @param firstRejections the first rejected rows (line, column, reason), for the manifest
 * @param coverage the dates of the kept rows
 */
public record StagingResult(
    long rowsRead,
    long rowsKept,
    long rowsRejected,
    long airports,
    List<Map<String, Object>> firstRejections,
    DateCoverage coverage) {}
