package io.delaywatch.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AnomalyPlanTest {
  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3})
  void aHubEventsShiftIsScoredOnlyAtAirportsOfThirtyDeparturesADayOrMore(long seed) {
    List<Airport> airports = AirportCatalog.largest(350);
    YearCalendar calendar = new YearCalendar(2015);
    AnomalyPlan plan = AnomalyPlan.plan(airports, calendar, new SplitMix(seed), false);
    List<Double> scored = new ArrayList<>();
    List<Double> spillover = new ArrayList<>();
    for (int a = 0; a < airports.size(); a++) {
      for (int day = 0; day < calendar.days(); day++) {
        LabelKind kind = plan.kind(a, day);
        double departures = airports.get(a).dailyDepartures();
        if (kind == LabelKind.HUB_EVENT && departures < 250) {
          scored.add(departures);
        } else if (kind == LabelKind.HUB_SPILLOVER) {
          spillover.add(departures);
          // The shift is planted all the same.
          assertThat(plan.extraDelay(a, day)).isBetween(15.0, 35.0);
        }
      }
    }

    assertThat(scored).isNotEmpty().allSatisfy(d -> assertThat(d).isGreaterThanOrEqualTo(30));
    assertThat(spillover).isNotEmpty().allSatisfy(d -> assertThat(d).isLessThan(30));
  }
}
