package io.delaywatch.flights;

/**
 * One scheduled departure as staged: the raw row reduced to what the pipeline needs, typed. Absent
 * numbers are NaN (not zero), so that means and shares skip them.
 *
 * @param epochDay FL_DATE as days since 1970-01-01
 * @param carrier OP_CARRIER, may be empty
 * @param origin ORIGIN airport (IATA)
 * @param depDelay DEP_DELAY minutes (negative = early), NaN when absent
 * @param cancelled CANCELLED
 * @param diverted DIVERTED
 * @param carrierDelay CARRIER_DELAY minutes, NaN when absent
 * @param weatherDelay WEATHER_DELAY minutes, NaN when absent
 * @param nasDelay NAS_DELAY minutes, NaN when absent
 * @param securityDelay SECURITY_DELAY minutes, NaN when absent
 * @param lateAircraftDelay LATE_AIRCRAFT_DELAY minutes, NaN when absent
 */
public record Flight(
    int epochDay,
    String carrier,
    String origin,
    double depDelay,
    boolean cancelled,
    boolean diverted,
    double carrierDelay,
    double weatherDelay,
    double nasDelay,
    double securityDelay,
    double lateAircraftDelay) {}
