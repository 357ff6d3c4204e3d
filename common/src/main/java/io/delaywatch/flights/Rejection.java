package io.delaywatch.flights;

/**
 * A raw row that could not be read.
 *
 * @param line the line number in the raw file (the header is line 1)
 * @param column the column at fault, or empty when the row as a whole is wrong
 * @param reason what was expected and what was found
 * @param raw the row as it stood in the file
 */
public record Rejection(long line, String column, String reason, String raw) {}
