package io.delaywatch.db;

/**
 * What one load of a year did.
 *
 * @param year the year replaced
 * @param rowsDeleted rows of that year in the table before the load
 * @param rowsLoaded rows written (the year's rows after the load)
 * @param anomalies loaded rows flagged anomalous
 */
public record LoadResult(int year, long rowsDeleted, long rowsLoaded, long anomalies) {}
