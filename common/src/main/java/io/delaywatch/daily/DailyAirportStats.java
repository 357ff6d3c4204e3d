package io.delaywatch.daily;

import java.time.LocalDate;

/**
 * One airport's departures on one day (the daily dataset). Minutes are sums over the day's rows.
 *
 * @param airport ORIGIN (IATA)
 * @param flightDate the day
 * @param flights scheduled departures, cancelled included
 * @param departed flights - cancelled
 * @param cancelled cancelled departures
 * @param diverted diverted flights
 * @param avgDepDelay mean DEP_DELAY in minutes over rows that have one; null when none has
 * @param delayed15Share share of rows with DEP_DELAY >= 15 among rows that have one; null when none
 * @param carrierDelayMin sum of CARRIER_DELAY (empty = 0)
 * @param weatherDelayMin sum of WEATHER_DELAY (empty = 0)
 * @param nasDelayMin sum of NAS_DELAY (empty = 0)
 * @param securityDelayMin sum of SECURITY_DELAY (empty = 0)
 * @param lateAircraftDelayMin sum of LATE_AIRCRAFT_DELAY (empty = 0)
 */
public record DailyAirportStats(
    String airport,
    LocalDate flightDate,
    int flights,
    int departed,
    int cancelled,
    int diverted,
    Double avgDepDelay,
    Double delayed15Share,
    double carrierDelayMin,
    double weatherDelayMin,
    double nasDelayMin,
    double securityDelayMin,
    double lateAircraftDelayMin) {

  /** The name of the largest delay cause by minutes, or null when all are zero. */
  public String mainCause() {
    String[] names = {"carrier", "weather", "nas", "security", "late_aircraft"};
    double[] minutes = {
      carrierDelayMin, weatherDelayMin, nasDelayMin, securityDelayMin, lateAircraftDelayMin
    };
    int best = -1;
    for (int i = 0; i < minutes.length; i++) {
      if (minutes[i] > 0 && (best < 0 || minutes[i] > minutes[best])) {
        best = i;
      }
    }
    return best < 0 ? null : names[best];
  }
}
