package io.delaywatch.sample;

import java.time.LocalDate;

/**
 * One labelled airport-day of a generated year.
 *
 * @param airport IATA code of the ORIGIN airport
 * @param date FL_DATE
 * @param kind what was planted; {@link LabelKind#anomalous()} says whether to flag it
 */
public record Label(String airport, LocalDate date, LabelKind kind) {}
