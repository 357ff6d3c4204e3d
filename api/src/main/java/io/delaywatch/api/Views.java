package io.delaywatch.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The response bodies, one record per schema of openapi.json (snake_case on the wire). Dates are
 * ISO strings. Not API.
 */
final class Views {
  private Views() {}

  record AirportYear(int year, long days, long anomalousDays) {}

  record Airport(String airport, List<AirportYear> years) {}

  record AirportList(List<Airport> airports) {}

  record Day(
      String date,
      int flights,
      int departed,
      int cancelled,
      int diverted,
      Double avgDepDelay,
      @JsonProperty("delayed_15_share") Double delayed15Share,
      Double expectedDepDelay,
      Double lowerBound,
      Double upperBound,
      Double anomalyScore,
      boolean isAnomaly,
      String anomalyKind,
      String mainDelayCause,
      String detector) {}

  record DaySeries(String airport, String from, String to, List<Day> days) {}

  record Anomaly(
      String airport,
      String date,
      int flights,
      int cancelled,
      Double avgDepDelay,
      @JsonProperty("delayed_15_share") Double delayed15Share,
      Double expectedDepDelay,
      Double lowerBound,
      Double upperBound,
      Double anomalyScore,
      String anomalyKind,
      String mainDelayCause) {}

  record AnomalyPage(List<Anomaly> items, String nextCursor) {}

  record EventDay(
      String date,
      int year,
      int airportsReporting,
      int airportsAnomalous,
      List<String> airports,
      Map<String, Integer> kinds,
      String mainKind) {}

  record EventList(List<EventDay> events) {}

  record Interval(double level, double low, double high) {}

  record RiskBasis(
      int month,
      String weekday,
      long days,
      double departedFlights,
      Double rate,
      long airportDays,
      double airportRate,
      double priorDays,
      String historyBefore) {}

  record Observed(
      int flights,
      int departed,
      int cancelled,
      Double avgDepDelay,
      @JsonProperty("delayed_15_share") Double delayed15Share,
      Double expectedDepDelay,
      Double upperBound,
      boolean isAnomaly,
      String anomalyKind,
      String verdict,
      String shareVsInterval) {}

  record Risk(
      String airport,
      String date,
      double probability,
      Interval interval,
      RiskBasis basis,
      Observed observed) {}

  record Health(String status) {}
}
