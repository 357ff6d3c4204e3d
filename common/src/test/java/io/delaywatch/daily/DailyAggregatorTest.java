package io.delaywatch.daily;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.delaywatch.flights.Flight;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class DailyAggregatorTest {
  static final double NA = Double.NaN;

  static int day(String iso) {
    return (int) LocalDate.parse(iso).toEpochDay();
  }

  static Flight flight(String date, String origin, double delay, boolean cancelled) {
    return new Flight(day(date), "AA", origin, delay, cancelled, false, NA, NA, NA, NA, NA);
  }

  @Test
  void countsCancelledFlightsButExcludesThemFromTheMean() {
    DailyAggregator agg = new DailyAggregator(2015);
    agg.add(flight("2015-01-01", "ATL", 10, false));
    agg.add(flight("2015-01-01", "ATL", 20, false));
    agg.add(flight("2015-01-01", "ATL", NA, true));

    DailyAirportStats atl = agg.rows().get(0);
    assertThat(atl.flights()).isEqualTo(3);
    assertThat(atl.cancelled()).isEqualTo(1);
    assertThat(atl.departed()).isEqualTo(2);
    assertThat(atl.avgDepDelay()).isEqualTo(15.0);
    assertThat(atl.delayed15Share()).isEqualTo(0.5);
  }

  @Test
  void aDayWithEveryFlightCancelledHasARowWithoutAMeanAndADayWithoutFlightsHasNone() {
    DailyAggregator agg = new DailyAggregator(2015);
    agg.add(flight("2015-01-27", "BOS", NA, true));
    agg.add(flight("2015-01-27", "BOS", NA, true));
    agg.add(flight("2015-01-29", "BOS", -3, false));

    List<DailyAirportStats> rows = agg.rows();
    assertThat(rows)
        .extracting(DailyAirportStats::flightDate)
        .containsExactly(LocalDate.of(2015, 1, 27), LocalDate.of(2015, 1, 29));
    assertThat(rows.get(0).avgDepDelay()).isNull();
    assertThat(rows.get(0).delayed15Share()).isNull();
    assertThat(rows.get(0).departed()).isZero();
    assertThat(rows.get(1).avgDepDelay()).isEqualTo(-3.0);
  }

  @Test
  void causeMinutesSumWithEmptyAsZero() {
    DailyAggregator agg = new DailyAggregator(2015);
    agg.add(new Flight(day("2015-06-01"), "AA", "DEN", 40, false, false, 10, NA, 25, 0, 5));
    agg.add(new Flight(day("2015-06-01"), "AA", "DEN", 30, false, true, NA, 30, NA, NA, NA));

    DailyAirportStats den = agg.rows().get(0);
    assertThat(den.carrierDelayMin()).isEqualTo(10);
    assertThat(den.weatherDelayMin()).isEqualTo(30);
    assertThat(den.nasDelayMin()).isEqualTo(25);
    assertThat(den.securityDelayMin()).isZero();
    assertThat(den.lateAircraftDelayMin()).isEqualTo(5);
    assertThat(den.diverted()).isEqualTo(1);
    assertThat(den.mainCause()).isEqualTo("weather");
  }

  @Test
  void aFlightOfAnotherYearIsRefused() {
    DailyAggregator agg = new DailyAggregator(2016);
    assertThatThrownBy(() -> agg.add(flight("2015-12-31", "ATL", 1, false)))
        .hasMessage("flight of 2015-12-31 is not in 2016");
  }

  @Property(tries = 200)
  void agreesWithANaiveGroupByOnRandomFlights(@ForAll("years") List<Flight> flights) {
    DailyAggregator agg = new DailyAggregator(2016);
    flights.forEach(agg::add);

    List<DailyAirportStats> expected = naiveGroupBy(flights);
    List<DailyAirportStats> actual = agg.rows();
    assertThat(actual).hasSameSizeAs(expected);
    for (int i = 0; i < expected.size(); i++) {
      DailyAirportStats e = expected.get(i);
      DailyAirportStats a = actual.get(i);
      assertThat(a.airport()).isEqualTo(e.airport());
      assertThat(a.flightDate()).isEqualTo(e.flightDate());
      assertThat(List.of(a.flights(), a.departed(), a.cancelled(), a.diverted()))
          .isEqualTo(List.of(e.flights(), e.departed(), e.cancelled(), e.diverted()));
      assertNullableClose(a.avgDepDelay(), e.avgDepDelay());
      assertNullableClose(a.delayed15Share(), e.delayed15Share());
      assertThat(a.carrierDelayMin()).isCloseTo(e.carrierDelayMin(), within(1e-9));
      assertThat(a.lateAircraftDelayMin()).isCloseTo(e.lateAircraftDelayMin(), within(1e-9));
    }
  }

  private static void assertNullableClose(Double actual, Double expected) {
    if (expected == null) {
      assertThat(actual).isNull();
    } else {
      assertThat(actual).isCloseTo(expected, within(1e-9));
    }
  }

  /** The data rules written as plainly as possible: group, then count and average. */
  private static List<DailyAirportStats> naiveGroupBy(List<Flight> flights) {
    Map<String, List<Flight>> groups =
        flights.stream()
            .collect(
                Collectors.groupingBy(
                    f -> f.origin() + "|" + LocalDate.ofEpochDay(f.epochDay()),
                    TreeMap::new,
                    Collectors.toList()));
    List<DailyAirportStats> rows = new ArrayList<>();
    for (Map.Entry<String, List<Flight>> g : groups.entrySet()) {
      List<Flight> fs = g.getValue();
      List<Double> delays = fs.stream().map(Flight::depDelay).filter(d -> !d.isNaN()).toList();
      int cancelled = (int) fs.stream().filter(Flight::cancelled).count();
      rows.add(
          new DailyAirportStats(
              fs.get(0).origin(),
              LocalDate.ofEpochDay(fs.get(0).epochDay()),
              fs.size(),
              fs.size() - cancelled,
              cancelled,
              (int) fs.stream().filter(Flight::diverted).count(),
              delays.isEmpty()
                  ? null
                  : delays.stream().mapToDouble(Double::doubleValue).average().orElseThrow(),
              delays.isEmpty()
                  ? null
                  : delays.stream().filter(d -> d >= 15).count() / (double) delays.size(),
              fs.stream()
                  .mapToDouble(f -> Double.isNaN(f.carrierDelay()) ? 0 : f.carrierDelay())
                  .sum(),
              0,
              0,
              0,
              fs.stream()
                  .mapToDouble(f -> Double.isNaN(f.lateAircraftDelay()) ? 0 : f.lateAircraftDelay())
                  .sum()));
    }
    return rows;
  }

  @Provide
  Arbitrary<List<Flight>> years() {
    // Five days around Feb 29 so that groups have several flights each.
    Arbitrary<Integer> day = Arbitraries.integers().between(day("2016-02-27"), day("2016-03-02"));
    Arbitrary<Double> delay =
        Arbitraries.oneOf(
            Arbitraries.just(NA),
            Arbitraries.integers().between(-30, 400).map(Integer::doubleValue));
    Arbitrary<Double> minutes =
        Arbitraries.oneOf(
            Arbitraries.just(NA), Arbitraries.integers().between(0, 200).map(Integer::doubleValue));
    Arbitrary<Flight> flight =
        Combinators.combine(
                day,
                Arbitraries.of("ATL", "BGM", "ORD"),
                delay,
                Arbitraries.integers().between(0, 9),
                minutes,
                minutes)
            .as(
                (d, origin, dep, flags, carrier, late) ->
                    new Flight(
                        d,
                        "AA",
                        origin,
                        flags == 0 ? NA : dep,
                        flags == 0,
                        flags == 1,
                        carrier,
                        NA,
                        NA,
                        NA,
                        late));
    return flight.list().ofMaxSize(300);
  }
}
