package io.delaywatch.daily;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A network-wide event day: a day on which many airports were anomalous together, so that one storm
 * reads as one event ("31 airports, mostly CANCELLATIONS") rather than 31 rows.
 *
 * <p>The rule, the one definition shared by the report (which computes it here) and the database
 * view {@code network_event_days} (migration V3, which computes it in SQL; a test in the load task
 * compares the two on the same rows): a day is an event day when at least {@value #MIN_AIRPORTS}
 * airports, and at least {@value #MIN_SHARE_PERCENT}% of the airports with a row that day, were
 * flagged. The share keeps a small network (a test set of 20 airports) from calling every busy day
 * an event; the count keeps one small airport in a set of ten from being an "event".
 *
 * <p>"A hub and its neighbours" is not part of the rule: the daily and scored sets are per origin
 * airport and carry no routes or coordinates, so which airports neighbour a hub is not in the data
 * the rule sees.
 *
 * @param flightDate the day
 * @param airportsReporting airports with a row that day (scheduled flights)
 * @param airports the flagged airports, busiest first (that day's scheduled flights, then code)
 * @param kinds how many flagged airports had each kind, in the kinds' order
 * @param mainKind the most frequent kind; on a tie the first by name (as the view sorts text)
 */
public record NetworkEventDay(
    LocalDate flightDate,
    int airportsReporting,
    List<String> airports,
    Map<AnomalyKind, Integer> kinds,
    AnomalyKind mainKind) {

  /** The fewest flagged airports that make an event day. */
  public static final int MIN_AIRPORTS = 5;

  /** The smallest share of the airports reporting that day, in percent, that makes one. */
  public static final int MIN_SHARE_PERCENT = 4;

  public NetworkEventDay {
    airports = List.copyOf(airports);
    kinds = Collections.unmodifiableMap(new EnumMap<>(kinds));
  }

  /** How many airports were flagged. */
  public int airportsAnomalous() {
    return airports.size();
  }

  /** The event days among {@code rows} (one row per airport and day), by date. */
  public static List<NetworkEventDay> find(Collection<ScoredDay> rows) {
    Map<LocalDate, List<ScoredDay>> byDate = new TreeMap<>();
    for (ScoredDay row : rows) {
      byDate.computeIfAbsent(row.day().flightDate(), d -> new ArrayList<>()).add(row);
    }
    List<NetworkEventDay> events = new ArrayList<>();
    byDate.forEach(
        (date, day) -> {
          List<ScoredDay> flagged = day.stream().filter(ScoredDay::anomaly).toList();
          // Integers, as the view compares: 0.04 has no exact double.
          if (flagged.size() >= MIN_AIRPORTS
              && 100L * flagged.size() >= (long) MIN_SHARE_PERCENT * day.size()) {
            events.add(of(date, day.size(), flagged));
          }
        });
    return events;
  }

  private static NetworkEventDay of(LocalDate date, int reporting, List<ScoredDay> flagged) {
    List<String> airports =
        flagged.stream()
            .sorted(
                Comparator.comparingInt((ScoredDay d) -> d.day().flights())
                    .reversed()
                    .thenComparing(d -> d.day().airport()))
            .map(d -> d.day().airport())
            .toList();
    Map<AnomalyKind, Integer> kinds = new EnumMap<>(AnomalyKind.class);
    flagged.forEach(d -> kinds.merge(d.kind(), 1, Integer::sum));
    AnomalyKind main =
        kinds.entrySet().stream()
            .min(
                Comparator.comparing((Map.Entry<AnomalyKind, Integer> e) -> -e.getValue())
                    .thenComparing(e -> e.getKey().name()))
            .orElseThrow()
            .getKey();
    return new NetworkEventDay(date, reporting, airports, kinds, main);
  }
}
