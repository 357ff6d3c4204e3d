package io.delaywatch.anomaly;

import static io.delaywatch.anomaly.SyntheticAirport.change;
import static io.delaywatch.anomaly.SyntheticAirport.flagged;
import static io.delaywatch.anomaly.SyntheticAirport.on;
import static io.delaywatch.anomaly.SyntheticAirport.withDelay;
import static io.delaywatch.anomaly.SyntheticAirport.withLateShare;
import static io.delaywatch.anomaly.SyntheticAirport.withSchedule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.delaywatch.daily.AnomalyKind;
import io.delaywatch.daily.DailyAirportStats;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RobustDetectorTest {
  private static final int YEAR = 2015;
  private static final LocalDate MID_JULY = LocalDate.of(YEAR, 7, 15);
  private static final RobustDetector ROBUST = new RobustDetector(DetectorSettings.DEFAULTS);
  private static final ZScoreDetector ZSCORE = new ZScoreDetector(DetectorSettings.DEFAULTS);

  @Test
  void findsAPlantedDelaySpikeAndNothingElse() {
    List<DailyAirportStats> days = busyAirport(3).plant(MID_JULY, 40).year(YEAR);

    List<Verdict> verdicts = ROBUST.score(days);

    assertThat(flagged(days, verdicts)).containsExactly(MID_JULY);
    assertThat(on(days, verdicts, MID_JULY).kind()).isEqualTo(AnomalyKind.HIGH_DELAY);
  }

  @Test
  void aStrongWeeklyCycleRaisesNoAlarmButATuesdayAtFridayLevelDoes() {
    LocalDate tuesday = LocalDate.of(YEAR, 3, 10);
    LocalDate friday = tuesday.plusDays(3);
    List<DailyAirportStats> clean = weeklyCycle(2).year(YEAR);
    List<DailyAirportStats> days = weeklyCycle(2).plant(tuesday, 25).year(YEAR);

    assertThat(flagged(clean, ROBUST.score(clean))).isEmpty();
    List<Verdict> verdicts = ROBUST.score(days);
    assertThat(flagged(days, verdicts)).containsExactly(tuesday);
    assertThat(flagged(days, ZSCORE.score(days))).doesNotContain(tuesday);
    // The baseline follows the cycle: a Friday is expected 25 min above a Tuesday.
    assertThat(on(days, verdicts, friday).expected())
        .isCloseTo(on(days, verdicts, tuesday).expected() + 25, within(3.0));
  }

  @Test
  void aSpikeDoesNotDragItsOwnBaseline() {
    List<DailyAirportStats> clean = busyAirport(11).year(YEAR);
    List<DailyAirportStats> storm =
        busyAirport(11)
            .plant(MID_JULY, 90)
            .plant(MID_JULY.plusDays(1), 90)
            .plant(MID_JULY.plusDays(2), 90)
            .year(YEAR);

    List<Verdict> before = ROBUST.score(clean);
    List<Verdict> after = ROBUST.score(storm);

    // A ±14-day moving average would move by 3 × 90 / 28 ≈ 9.6 min; the medians shift by at most
    // three ranks.
    for (int i = 0; i < clean.size(); i++) {
      assertThat(after.get(i).expected())
          .as("expected on %s", clean.get(i).flightDate())
          .isCloseTo(before.get(i).expected(), within(3.0));
    }
    assertThat(flagged(storm, after))
        .containsExactly(MID_JULY, MID_JULY.plusDays(1), MID_JULY.plusDays(2));
  }

  @Test
  void aNoisyDayRestingOnTwoFlightsIsNotFlaggedThoughTheZScoreFlagsIt() {
    LocalDate quiet = LocalDate.of(YEAR, 5, 5);
    // One of the two flights left 140 min late: a 70 min average that says nothing about the day.
    List<DailyAirportStats> days =
        change(
            SyntheticAirport.named("XNA", 4).flightsPerDay(30).year(YEAR),
            quiet,
            d -> withDelay(withSchedule(d, 2, 0), 70.0));

    assertThat(flagged(days, ZSCORE.score(days))).contains(quiet);
    // Two flights where thirty are usual is a collapsed schedule, not a bad delay.
    assertThat(on(days, ROBUST.score(days), quiet).kind()).isEqualTo(AnomalyKind.COLLAPSE);
    assertThat(on(days, ROBUST.score(days), quiet).upper()).isGreaterThan(70.0);
  }

  @Test
  void aSingleExtremeDelayCannotMakeADayAnomalousButManyLateFlightsDo() {
    LocalDate day = LocalDate.of(YEAR, 6, 9);
    List<DailyAirportStats> usual = SyntheticAirport.named("BGM", 13).flightsPerDay(6).year(YEAR);
    // One of six flights left seven hours late: +70 min on the day's mean.
    List<DailyAirportStats> oneLate =
        change(usual, day, d -> withLateShare(withDelay(withSchedule(d, 6, 0), 80.0), 1 / 6.0));
    List<DailyAirportStats> allLate = change(oneLate, day, d -> withLateShare(d, 1.0));

    Verdict single = on(oneLate, ROBUST.score(oneLate), day);
    // The average alone lies far above the band; the late count says it was one flight.
    assertThat(80.0).isGreaterThan(single.upper());
    assertThat(single.anomaly()).isFalse();
    assertThat(on(allLate, ROBUST.score(allLate), day).kind()).isEqualTo(AnomalyKind.HIGH_DELAY);
  }

  @Test
  void manyLateFlightsAtASmallAirportCountEvenWhenTheAverageIsModest() {
    LocalDate storm = LocalDate.of(YEAR, 6, 23);
    List<DailyAirportStats> usual = SyntheticAirport.named("GRK", 14).flightsPerDay(10).year(YEAR);
    double before = on(usual, ROBUST.score(usual), storm).expected();
    // All ten flights 15+ minutes late, 40 min above the usual average.
    List<DailyAirportStats> allLate =
        change(usual, storm, d -> withLateShare(withDelay(d, before + 40), 1.0));
    // The same average from two very late flights.
    List<DailyAirportStats> twoLate =
        change(usual, storm, d -> withLateShare(withDelay(d, before + 40), 0.2));

    assertThat(on(allLate, ROBUST.score(allLate), storm).kind()).isEqualTo(AnomalyKind.HIGH_DELAY);
    assertThat(on(twoLate, ROBUST.score(twoLate), storm).anomaly()).isFalse();
  }

  @Test
  void aDayOnTwoFlightsIsNeverFlaggedForItsDelayButItsClosureIs() {
    LocalDate day = LocalDate.of(YEAR, 9, 9);
    List<DailyAirportStats> small = SyntheticAirport.named("PIR", 10).flightsPerDay(3).year(YEAR);
    List<DailyAirportStats> late =
        change(small, day, d -> withLateShare(withDelay(withSchedule(d, 2, 0), 300.0), 1.0));
    List<DailyAirportStats> closed = change(small, day, d -> withSchedule(d, 3, 3));

    assertThat(on(late, ROBUST.score(late), day).anomaly()).isFalse();
    assertThat(on(closed, ROBUST.score(closed), day).kind()).isEqualTo(AnomalyKind.CANCELLATIONS);
  }

  @Test
  void aStormOverDaysOfTwoFlightsEachAllLateIsARunButOneLateFlightADayIsNot() {
    LocalDate first = LocalDate.of(YEAR, 1, 17);
    List<DailyAirportStats> usual = SyntheticAirport.named("CMX", 22).flightsPerDay(2).year(YEAR);
    double delay = on(usual, ROBUST.score(usual), first).expected() + 150;
    List<DailyAirportStats> storm = lateDays(usual, first, 3, 2, delay, 1.0);
    List<DailyAirportStats> halfLate = lateDays(usual, first, 3, 2, delay, 0.5);

    // Each day alone rests on two flights; three days of every flight late are a storm.
    assertThat(flagged(storm, ROBUST.score(storm)))
        .containsExactly(first, first.plusDays(1), first.plusDays(2));
    assertThat(on(storm, ROBUST.score(storm), first).kind()).isEqualTo(AnomalyKind.HIGH_DELAY);
    // One very late flight a day is no storm, however many days.
    assertThat(flagged(halfLate, ROBUST.score(halfLate))).isEmpty();
  }

  @Test
  void aRunMustRestOnThreeDeparturesInAll() {
    LocalDate first = LocalDate.of(YEAR, 2, 10);
    List<DailyAirportStats> usual = SyntheticAirport.named("BFF", 23).flightsPerDay(1).year(YEAR);
    double delay = on(usual, ROBUST.score(usual), first).expected() + 300;
    List<DailyAirportStats> twoDays = lateDays(usual, first, 2, 1, delay, 1.0);
    List<DailyAirportStats> threeDays = lateDays(usual, first, 3, 1, delay, 1.0);

    assertThat(flagged(twoDays, ROBUST.score(twoDays))).isEmpty();
    assertThat(flagged(threeDays, ROBUST.score(threeDays)))
        .containsExactly(first, first.plusDays(1), first.plusDays(2));
  }

  /**
   * {@code days} with the {@code count} days from {@code first} each of {@code flights} departures,
   * none cancelled, at a mean delay of {@code delay} with {@code lateShare} of them 15+ minutes
   * late.
   */
  private static List<DailyAirportStats> lateDays(
      List<DailyAirportStats> days,
      LocalDate first,
      int count,
      int flights,
      double delay,
      double lateShare) {
    List<DailyAirportStats> changed = days;
    for (int i = 0; i < count; i++) {
      changed =
          change(
              changed,
              first.plusDays(i),
              d -> withLateShare(withDelay(withSchedule(d, flights, 0), delay), lateShare));
    }
    return changed;
  }

  @Test
  void holidaysAreJudgedButNeverShapeTheBaseline() {
    List<DailyAirportStats> usual = busyAirport(15).year(YEAR);
    List<DailyAirportStats> rush = usual;
    for (LocalDate d = LocalDate.of(YEAR, 12, 24);
        !d.isAfter(LocalDate.of(YEAR, 12, 31));
        d = d.plusDays(1)) {
      if (TravelHolidays.contains(d)) {
        rush = change(rush, d, day -> withDelay(day, day.avgDepDelay() + 30));
      }
    }
    LocalDate between = LocalDate.of(YEAR, 12, 28);

    List<Verdict> verdicts = ROBUST.score(rush);

    assertThat(TravelHolidays.contains(LocalDate.of(YEAR, 11, 27))).isTrue();
    assertThat(TravelHolidays.contains(between)).isFalse();
    assertThat(on(rush, verdicts, between).expected())
        .isCloseTo(on(usual, ROBUST.score(usual), between).expected(), within(1e-9));
    assertThat(on(rush, verdicts, LocalDate.of(YEAR, 12, 25)).kind())
        .isEqualTo(AnomalyKind.HIGH_DELAY);
  }

  @Test
  void aSmallAirportsOrdinaryYearRaisesAtMostAFewAlarms() {
    List<DailyAirportStats> days = SyntheticAirport.named("OTH", 5).flightsPerDay(4).year(YEAR);

    assertThat(flagged(days, ROBUST.score(days))).hasSizeLessThanOrEqualTo(3);
  }

  @Test
  void flagsAClosureEvenWhenItsFewDeparturesWereOnTime() {
    LocalDate blizzard = LocalDate.of(YEAR, 1, 27);
    List<DailyAirportStats> days =
        change(
            busyAirport(12).year(YEAR), blizzard, d -> withDelay(withSchedule(d, 300, 270), -3.0));

    Verdict verdict = on(days, ROBUST.score(days), blizzard);

    assertThat(verdict.kind()).isEqualTo(AnomalyKind.CANCELLATIONS);
    assertThat(verdict.score()).isGreaterThanOrEqualTo(RobustDetector.DEFAULT_THRESHOLD);
  }

  @Test
  void aDayWithEveryFlightCancelledIsAClosureWithAnExpectedValue() {
    LocalDate hurricane = LocalDate.of(YEAR, 10, 3);
    List<DailyAirportStats> days =
        change(busyAirport(7).year(YEAR), hurricane, d -> withSchedule(d, 280, 280));

    Verdict verdict = on(days, ROBUST.score(days), hurricane);

    assertThat(days.get(hurricane.getDayOfYear() - 1).avgDepDelay()).isNull();
    assertThat(verdict.kind()).isEqualTo(AnomalyKind.CANCELLATIONS);
    assertThat(verdict.expected()).isNotNull();
    assertThat(verdict.lower()).isLessThan(verdict.expected());
  }

  @Test
  void holidayScheduleDipsWithoutCancellationsAreNotClosures() {
    LocalDate thanksgiving = LocalDate.of(YEAR, 11, 26);
    LocalDate christmas = LocalDate.of(YEAR, 12, 25);
    List<DailyAirportStats> days = busyAirport(5).year(YEAR);
    days = change(days, thanksgiving, d -> withDelay(withSchedule(d, 160, 2), 4.0));
    days = change(days, christmas, d -> withDelay(withSchedule(d, 130, 1), 3.0));

    assertThat(flagged(days, ROBUST.score(days))).isEmpty();
  }

  @Test
  void aCancellationWaveOfAFifthIsFlaggedThoughItsDelayRoseOnlyModerately() {
    LocalDate fog = LocalDate.of(YEAR, 11, 4);
    List<DailyAirportStats> usual = busyAirport(12).year(YEAR);
    double delay = on(usual, ROBUST.score(usual), fog).expected() + 8;
    List<DailyAirportStats> days =
        change(usual, fog, d -> withDelay(withSchedule(d, 300, 60), delay));

    Verdict verdict = on(days, ROBUST.score(days), fog);

    assertThat(verdict.kind()).isEqualTo(AnomalyKind.CANCELLATIONS);
    assertThat(verdict.score()).isGreaterThanOrEqualTo(RobustDetector.DEFAULT_THRESHOLD);
    assertThat(verdict.lower()).isLessThan(verdict.expected());
    assertThat(verdict.upper()).isGreaterThan(verdict.expected());
  }

  @Test
  void aWaveIsJudgedAgainstTheAirportsOwnRateNotAFixedShare() {
    LocalDate day = LocalDate.of(YEAR, 3, 18);
    // 12% cancelled: a wave where 1.5% is normal, an ordinary day where 8% is.
    List<DailyAirportStats> reliable =
        change(busyAirport(12).year(YEAR), day, d -> withSchedule(d, 300, 36));
    List<DailyAirportStats> fragile =
        change(busyAirport(12).cancelRate(0.08).year(YEAR), day, d -> withSchedule(d, 300, 36));

    assertThat(on(reliable, ROBUST.score(reliable), day).kind())
        .isEqualTo(AnomalyKind.CANCELLATIONS);
    assertThat(on(fragile, ROBUST.score(fragile), day).anomaly()).isFalse();
  }

  @Test
  void aWaveIsFlaggedForItsSizeWhereOrdinaryCancellationsVaryLikeARealHubs() {
    // Like New York in 2013: 1.5% cancelled on most days, 3-13% on one day in six (thunderstorms,
    // snow showers), so a 15% day is only a few times more improbable than that airport's usual
    // bad days, yet it is ten times the normal rate: a wave to any operations person.
    java.util.Random random = new java.util.Random(7);
    List<DailyAirportStats> stormy = new ArrayList<>();
    for (DailyAirportStats day : busyAirport(12).year(YEAR)) {
      double share = random.nextDouble() < 1 / 6.0 ? 0.03 + 0.10 * random.nextDouble() : 0.015;
      int cancelled = (int) Math.round(share * day.flights() * (0.5 + random.nextDouble()));
      stormy.add(withSchedule(day, day.flights(), cancelled));
    }
    LocalDate wave = LocalDate.of(YEAR, 3, 18);
    LocalDate badDay = LocalDate.of(YEAR, 10, 21);
    List<DailyAirportStats> days =
        change(
            change(stormy, wave, d -> withSchedule(d, 300, 47)),
            badDay,
            d -> withSchedule(d, 300, 39));

    Verdict verdict = on(days, ROBUST.score(days), wave);

    assertThat(verdict.kind()).isEqualTo(AnomalyKind.CANCELLATIONS);
    // 15.7% is 1.04 waves (15%): the size, in threshold units, is the score.
    assertThat(verdict.score()).isCloseTo(4 * (47 / 300.0) / 0.15, within(0.01));
    // 13%: no wave by its size, and no more improbable than the airport's worst tenth of days.
    assertThat(on(days, ROBUST.score(days), badDay).anomaly()).isFalse();
  }

  @Test
  void onThreeFlightsOneVeryLateFlightIsNoBadDayButThreeLateFlightsAre() {
    LocalDate day = LocalDate.of(YEAR, 8, 12);
    List<DailyAirportStats> usual = SyntheticAirport.named("DHN", 21).flightsPerDay(3).year(YEAR);
    double delay = on(usual, ROBUST.score(usual), day).expected() + 150;
    List<DailyAirportStats> oneLate =
        change(usual, day, d -> withLateShare(withDelay(withSchedule(d, 3, 0), delay), 1 / 3.0));
    List<DailyAirportStats> allLate = change(oneLate, day, d -> withLateShare(d, 1.0));

    assertThat(on(oneLate, ROBUST.score(oneLate), day).anomaly()).isFalse();
    assertThat(on(allLate, ROBUST.score(allLate), day).kind()).isEqualTo(AnomalyKind.HIGH_DELAY);
  }

  @Test
  void aFewMoreCancellationsThanUsualAreNoWave() {
    LocalDate day = LocalDate.of(YEAR, 3, 18);
    List<DailyAirportStats> days =
        change(busyAirport(12).year(YEAR), day, d -> withSchedule(d, 300, 12));

    assertThat(on(days, ROBUST.score(days), day).anomaly()).isFalse();
  }

  @Test
  void aCollapsedScheduleWithoutCancelledRowsIsFlaggedWithABand() {
    // A source that omits cancelled flights: a snowstorm leaves 50 rows where ~300 are usual.
    LocalDate snow = LocalDate.of(YEAR, 2, 10);
    List<DailyAirportStats> days =
        change(busyAirport(12).year(YEAR), snow, d -> withSchedule(d, 50, 0));

    Verdict verdict = on(days, ROBUST.score(days), snow);

    assertThat(verdict.kind()).isEqualTo(AnomalyKind.COLLAPSE);
    assertThat(verdict.score()).isGreaterThanOrEqualTo(RobustDetector.DEFAULT_THRESHOLD);
    assertThat(verdict.lower()).isNotNull().isLessThan(verdict.expected());
    assertThat(verdict.upper()).isNotNull().isGreaterThan(verdict.expected());
  }

  @Test
  void aScheduleCutForTheSeasonIsNoCollapseButAStormInTheNewSeasonIs() {
    // A ski airport: ~300 flights a day until 1 April, ~60 from then on (a new normal, as at EGE
    // in 2001). Before the two-sided usual count each of April's first four weeks was a COLLAPSE.
    LocalDate seasonEnd = LocalDate.of(YEAR, 4, 1);
    LocalDate storm = LocalDate.of(YEAR, 6, 10);
    List<DailyAirportStats> days = new ArrayList<>();
    for (DailyAirportStats day : busyAirport(12).year(YEAR)) {
      boolean summer = !day.flightDate().isBefore(seasonEnd);
      days.add(
          day.flightDate().equals(storm)
              ? withSchedule(day, 12, 0)
              : summer ? withSchedule(day, day.flights() / 5, 0) : day);
    }

    List<Verdict> verdicts = ROBUST.score(days);

    List<LocalDate> collapses = new ArrayList<>();
    for (int i = 0; i < days.size(); i++) {
      if (verdicts.get(i).kind() == AnomalyKind.COLLAPSE) {
        collapses.add(days.get(i).flightDate());
      }
    }
    assertThat(collapses).containsExactly(storm);
  }

  @Test
  void theAcuteDaysOfAWeeksLongDisruptionAreCollapsesAgainstTheRecoveryAfterThem() {
    // A hurricane: 10, 20 and 40 flights on its first three days where ~300 are usual, then five
    // weeks of recovery from 60 back to the usual schedule.
    LocalDate landfall = LocalDate.of(YEAR, 9, 20);
    List<DailyAirportStats> days = new ArrayList<>();
    for (DailyAirportStats day : busyAirport(12).year(YEAR)) {
      long after = day.flightDate().toEpochDay() - landfall.toEpochDay();
      int flights =
          after < 0 || after > 37
              ? day.flights()
              : after < 3
                  ? 10 << after
                  : (int) Math.min(day.flights(), 60 + (after - 3) * 240 / 35);
      days.add(withSchedule(day, flights, 0));
    }

    List<Verdict> verdicts = ROBUST.score(days);

    for (int i = 0; i < 3; i++) {
      assertThat(on(days, verdicts, landfall.plusDays(i)).kind())
          .as("day %d", i)
          .isEqualTo(AnomalyKind.COLLAPSE);
    }
  }

  @Test
  void anAirportWhoseServiceEndsWhileOthersFlyHasNoCollapseOnItsLastWeeks() {
    // Its rows stop on 14 April; the other airport's go on: the days after had no flight, so the
    // thin last weeks are the new (ending) schedule, not a collapse a day. Scored alone, nothing
    // says the data went on, and the thin days are collapses against March.
    LocalDate lastDay = LocalDate.of(YEAR, 4, 14);
    List<DailyAirportStats> ending = new ArrayList<>();
    for (DailyAirportStats day : busyAirport(12).year(YEAR)) {
      if (!day.flightDate().isAfter(lastDay)) {
        ending.add(
            day.flightDate().isAfter(lastDay.minusDays(14)) ? withSchedule(day, 20, 0) : day);
      }
    }
    List<DailyAirportStats> other = busyAirport(13).year(YEAR);

    List<Verdict> together = ROBUST.scoreAirports(List.of(ending, other)).get(0);
    List<Verdict> alone = ROBUST.score(ending);

    assertThat(together).noneMatch(v -> v.kind() == AnomalyKind.COLLAPSE);
    assertThat(alone).anyMatch(v -> v.kind() == AnomalyKind.COLLAPSE);
  }

  @Test
  void aWeekdaysUsualThinScheduleIsNoCollapse() {
    // Saturdays fly 75% of a weekday: judged against other Saturdays, never against Fridays.
    List<DailyAirportStats> days = busyAirport(12).year(YEAR);

    assertThat(ROBUST.score(days)).noneMatch(v -> v.kind() == AnomalyKind.COLLAPSE);
  }

  @Test
  void aClosureOfADayWithoutUsualDeparturesStillHasABand() {
    // The bug this pins: no departures on that weekday all year gave a CANCELLATIONS verdict
    // with a score and an expected value but a null band.
    List<DailyAirportStats> days = new ArrayList<>();
    for (DailyAirportStats day : busyAirport(3).year(YEAR)) {
      days.add(
          day.flightDate().getDayOfWeek() == DayOfWeek.SUNDAY ? withSchedule(day, 200, 200) : day);
    }

    List<Verdict> verdicts = ROBUST.score(days);

    for (int i = 0; i < days.size(); i++) {
      Verdict verdict = verdicts.get(i);
      assertThat(verdict.lower()).as("lower on %s", days.get(i).flightDate()).isNotNull();
      assertThat(verdict.upper()).as("upper on %s", days.get(i).flightDate()).isNotNull();
    }
    assertThat(flagged(days, verdicts)).isNotEmpty();
  }

  @Test
  void oneCancelledFlightOutOfTwoIsNotAClosure() {
    LocalDate day = LocalDate.of(YEAR, 4, 14);
    List<DailyAirportStats> small = SyntheticAirport.named("PIR", 9).flightsPerDay(2).year(YEAR);
    List<DailyAirportStats> days = change(small, day, d -> withSchedule(d, 2, 1));

    assertThat(on(days, ROBUST.score(days), day).anomaly()).isFalse();
  }

  @Test
  void flagsUnusuallyLowDelaysOnlyWhenTwoSided() {
    List<DailyAirportStats> days = busyAirport(18).plant(MID_JULY, -50).year(YEAR);
    RobustDetector twoSided = new RobustDetector(new DetectorSettings(true, null, 42));

    assertThat(flagged(days, ROBUST.score(days))).isEmpty();
    assertThat(flagged(days, twoSided.score(days))).containsExactly(MID_JULY);
    assertThat(on(days, twoSided.score(days), MID_JULY).kind()).isEqualTo(AnomalyKind.LOW_DELAY);
  }

  @Test
  void gapsAreSkippedNeverReadAsZeros() {
    // No Saturday service, closed 1-15 August: 25 min is the norm on every day with flights.
    List<DailyAirportStats> days = new ArrayList<>();
    LocalDate reopening = LocalDate.of(YEAR, 8, 16);
    SyntheticAirport seasonal =
        busyAirport(19).level(25).weekday(DayOfWeek.FRIDAY, 0).plant(reopening.plusDays(1), 40);
    for (DailyAirportStats day : seasonal.year(YEAR)) {
      LocalDate date = day.flightDate();
      boolean closedFortnight = date.getMonthValue() == 8 && date.getDayOfMonth() < 16;
      if (date.getDayOfWeek() != DayOfWeek.SATURDAY && !closedFortnight) {
        days.add(day);
      }
    }

    List<Verdict> verdicts = ROBUST.score(days);

    assertThat(verdicts).hasSameSizeAs(days);
    assertThat(on(days, verdicts, reopening).expected()).isCloseTo(25.0, within(5.0));
    assertThat(flagged(days, verdicts)).containsExactly(reopening.plusDays(1));
  }

  @Test
  void anAirportWithTooLittleHistoryIsNotScored() {
    List<DailyAirportStats> days =
        busyAirport(12).year(YEAR).subList(0, RobustDetector.MIN_DAYS - 1);

    assertThat(ROBUST.score(days)).hasSameSizeAs(days).containsOnly(Verdict.UNSCORED);
  }

  @Test
  void parametersNameTheThresholdAndSideFirstInAFixedOrder() {
    assertThat(new RobustDetector(new DetectorSettings(true, 4.0, 1)).parameters())
        .containsEntry("threshold", 4.0)
        .containsEntry("two_sided", true)
        .containsEntry("flight_sd_minutes", DayNoise.FLIGHT_SD);
    assertThat(ROBUST.parameters().keySet()).startsWith("threshold", "two_sided");
  }

  /** A hub whose Friday is 25 min later than its Tuesday, with little day-to-day spread. */
  private static SyntheticAirport weeklyCycle(long seed) {
    return SyntheticAirport.named("DEN", seed)
        .flightsPerDay(500)
        .level(8)
        .dayToDaySd(3)
        .weekday(DayOfWeek.FRIDAY, 25)
        .weekday(DayOfWeek.SUNDAY, 10)
        .weekday(DayOfWeek.SATURDAY, -5);
  }

  /**
   * A hub with 300 flights a day, thinner on Saturdays, later on Fridays. Its Gaussian day-to-day
   * shocks reach 3.5 sigma about once in five years; the tests use seeds whose year has none.
   */
  private static SyntheticAirport busyAirport(long seed) {
    return SyntheticAirport.named("ORD", seed)
        .flightsPerDay(300)
        .level(12)
        .dayToDaySd(5)
        .weekday(DayOfWeek.FRIDAY, 18)
        .weekday(DayOfWeek.SATURDAY, -6)
        .weekdayVolume(DayOfWeek.SATURDAY, 0.75);
  }
}
