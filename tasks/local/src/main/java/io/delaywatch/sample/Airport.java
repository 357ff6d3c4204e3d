package io.delaywatch.sample;

/**
 * A US airport of the built-in catalog. Not API.
 *
 * @param code IATA code
 * @param state two-letter state or territory
 * @param latitude degrees north
 * @param longitude degrees east (negative in the Americas)
 * @param dailyDepartures scheduled departures on an average day at full size (roughly the 2015-2018
 *     level of the reporting carriers)
 * @param standardOffsetMinutes local standard time minus UTC
 * @param observesDst whether local clocks move an hour in summer (Arizona, Hawaii and the
 *     territories do not)
 */
record Airport(
    String code,
    String state,
    double latitude,
    double longitude,
    double dailyDepartures,
    int standardOffsetMinutes,
    boolean observesDst) {

  /** Local time minus UTC on a day when daylight saving time is (or is not) in effect. */
  int utcOffsetMinutes(boolean daylightSavingTime) {
    return standardOffsetMinutes + (daylightSavingTime && observesDst ? 60 : 0);
  }

  /** Great-circle distance in statute miles, as DISTANCE is reported. */
  int milesTo(Airport other) {
    double lat1 = Math.toRadians(latitude);
    double lat2 = Math.toRadians(other.latitude);
    double dLat = lat2 - lat1;
    double dLon = Math.toRadians(other.longitude - longitude);
    double sinLat = StrictMath.sin(dLat / 2);
    double sinLon = StrictMath.sin(dLon / 2);
    double h = sinLat * sinLat + StrictMath.cos(lat1) * StrictMath.cos(lat2) * sinLon * sinLon;
    return (int) Math.round(2 * 3958.8 * StrictMath.asin(Math.min(1, StrictMath.sqrt(h))));
  }
}
