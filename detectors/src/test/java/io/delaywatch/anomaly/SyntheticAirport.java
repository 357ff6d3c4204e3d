package io.delaywatch.anomaly;

import io.delaywatch.daily.DailyAirportStats;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * A year of daily rows for one made-up airport, from a fixed seed. Each day's mean is the airport's
 * level, plus its weekday's effect, plus a day-to-day shock, plus the mean of the departed flights'
 * own delays, drawn like real ones: 80% around −2 min, 20% from a long exponential tail (overall SD
 * ≈ 31 min).
 */
final class SyntheticAirport {
  private static final double TAIL_SHARE = 0.2;
  private static final double TAIL_MEAN = 50;
  private static final double FLIGHT_MEAN = (1 - TAIL_SHARE) * -2 + TAIL_SHARE * TAIL_MEAN;

  private final String code;
  private final Random random;
  private int flightsPerDay = 300;
  private double level = 10;
  private double dayToDaySd = 5;
  private double cancelRate = 0.015;
  private final double[] weekdayEffect = new double[8];
  private final double[] weekdayVolume = {1, 1, 1, 1, 1, 1, 1, 1};
  private final Map<LocalDate, Double> planted = new TreeMap<>();

  private SyntheticAirport(String code, long seed) {
    this.code = code;
    this.random = new Random(seed);
  }

  static SyntheticAirport named(String code, long seed) {
    return new SyntheticAirport(code, seed);
  }

  SyntheticAirport flightsPerDay(int value) {
    flightsPerDay = value;
    return this;
  }

  SyntheticAirport level(double minutes) {
    level = minutes;
    return this;
  }

  SyntheticAirport dayToDaySd(double minutes) {
    dayToDaySd = minutes;
    return this;
  }

  /** The chance that a flight is cancelled on an ordinary day. */
  SyntheticAirport cancelRate(double chance) {
    cancelRate = chance;
    return this;
  }

  SyntheticAirport weekday(DayOfWeek day, double minutes) {
    weekdayEffect[day.getValue()] = minutes;
    return this;
  }

  SyntheticAirport weekdayVolume(DayOfWeek day, double factor) {
    weekdayVolume[day.getValue()] = factor;
    return this;
  }

  /** Makes every flight of {@code date} leave {@code minutes} later (earlier when negative). */
  SyntheticAirport plant(LocalDate date, double minutes) {
    planted.merge(date, minutes, Double::sum);
    return this;
  }

  /** Every day of {@code year}. */
  List<DailyAirportStats> year(int year) {
    List<DailyAirportStats> days = new ArrayList<>();
    for (LocalDate d = LocalDate.of(year, 1, 1); d.getYear() == year; d = d.plusDays(1)) {
      days.add(day(d));
    }
    return days;
  }

  /** One day drawn like the rest (flights scaled by its weekday's volume). */
  DailyAirportStats day(LocalDate date) {
    int weekday = date.getDayOfWeek().getValue();
    int flights = (int) Math.round(flightsPerDay * weekdayVolume[weekday]);
    int cancelled = 0;
    for (int i = 0; i < flights; i++) {
      cancelled += random.nextDouble() < cancelRate ? 1 : 0;
    }
    int departed = flights - cancelled;
    double mean =
        level
            + weekdayEffect[weekday]
            + random.nextGaussian() * dayToDaySd
            + planted.getOrDefault(date, 0.0);
    double sum = 0;
    int late = 0;
    for (int i = 0; i < departed; i++) {
      double delay = mean + flightDelay() - FLIGHT_MEAN;
      sum += delay;
      late += delay >= 15 ? 1 : 0;
    }
    Double avg = departed == 0 ? null : sum / departed;
    Double share = departed == 0 ? null : (double) late / departed;
    return new DailyAirportStats(
        code, date, flights, departed, cancelled, 0, avg, share, 0, 0, 0, 0, 0);
  }

  private double flightDelay() {
    if (random.nextDouble() < TAIL_SHARE) {
      return -TAIL_MEAN * Math.log(1 - random.nextDouble());
    }
    return -2 + 8 * random.nextGaussian();
  }

  /**
   * {@code day} with another schedule: departed = flights − cancelled, delay kept, share of late
   * flights unknown.
   */
  static DailyAirportStats withSchedule(DailyAirportStats day, int flights, int cancelled) {
    return new DailyAirportStats(
        day.airport(),
        day.flightDate(),
        flights,
        flights - cancelled,
        cancelled,
        0,
        flights == cancelled ? null : day.avgDepDelay(),
        null,
        0,
        0,
        0,
        0,
        0);
  }

  /** {@code day} with another average delay and the same share of late flights. */
  static DailyAirportStats withDelay(DailyAirportStats day, Double avg) {
    return new DailyAirportStats(
        day.airport(),
        day.flightDate(),
        day.flights(),
        day.departed(),
        day.cancelled(),
        0,
        avg,
        avg == null ? null : day.delayed15Share(),
        0,
        0,
        0,
        0,
        0);
  }

  /** {@code day} with another share of flights delayed 15 min or more. */
  static DailyAirportStats withLateShare(DailyAirportStats day, double share) {
    return new DailyAirportStats(
        day.airport(),
        day.flightDate(),
        day.flights(),
        day.departed(),
        day.cancelled(),
        0,
        day.avgDepDelay(),
        share,
        0,
        0,
        0,
        0,
        0);
  }

  /** A copy of {@code days} with the row of {@code date} changed by {@code change}. */
  static List<DailyAirportStats> change(
      List<DailyAirportStats> days, LocalDate date, UnaryOperator<DailyAirportStats> change) {
    List<DailyAirportStats> copy = new ArrayList<>(days);
    for (int i = 0; i < copy.size(); i++) {
      if (copy.get(i).flightDate().equals(date)) {
        copy.set(i, change.apply(copy.get(i)));
        return copy;
      }
    }
    throw new IllegalArgumentException("no row on " + date);
  }

  /** The dates flagged in {@code verdicts} of {@code days}. */
  static List<LocalDate> flagged(List<DailyAirportStats> days, List<Verdict> verdicts) {
    List<LocalDate> dates = new ArrayList<>();
    for (int i = 0; i < days.size(); i++) {
      if (verdicts.get(i).anomaly()) {
        dates.add(days.get(i).flightDate());
      }
    }
    return dates;
  }

  /** The verdict on {@code date}. */
  static Verdict on(List<DailyAirportStats> days, List<Verdict> verdicts, LocalDate date) {
    for (int i = 0; i < days.size(); i++) {
      if (days.get(i).flightDate().equals(date)) {
        return verdicts.get(i);
      }
    }
    throw new IllegalArgumentException("no row on " + date);
  }
}
