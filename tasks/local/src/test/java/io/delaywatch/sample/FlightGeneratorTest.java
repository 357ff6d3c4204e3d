package io.delaywatch.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.delaywatch.flights.ByteCsvCursor;
import io.delaywatch.flights.CommonsCsvCursor;
import io.delaywatch.flights.RawColumns;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** One small year (the 5 largest airports, 20,000 rows), checked as the pipeline will read it. */
class FlightGeneratorTest {
  private static final int YEAR = 2015;
  private static final Set<String> FIVE_LARGEST = Set.of("ATL", "ORD", "DFW", "DEN", "LAX");

  @TempDir static Path dir;
  static GenerationResult generated;
  static List<String[]> rows;
  static List<Label> labels;
  static YearTotals totals;

  @BeforeAll
  static void generateSmallYear() throws IOException {
    generated =
        FlightGenerator.generate(new GeneratorConfig(YEAR, 5, 20_000, 7, false, false), dir);
    List<String> lines = Files.readAllLines(generated.flights(), StandardCharsets.US_ASCII);
    rows = lines.stream().skip(1).map(line -> line.split(",", -1)).toList();
    labels = Labels.read(generated.labels());
    totals = YearTotals.read(generated.flights(), YEAR, ByteCsvCursor::new);
  }

  @Test
  void writesTheYearAndItsLabelsBesideEachOther() {
    assertThat(generated.flights()).isEqualTo(dir.resolve("2015.csv"));
    assertThat(generated.labels()).isEqualTo(dir.resolve("2015.labels.csv"));
    assertThat(dir.toFile().list()).containsExactlyInAnyOrder("2015.csv", "2015.labels.csv");
  }

  @Test
  void startsWithTheKaggleHeader() throws IOException {
    String first = Files.readAllLines(generated.flights()).get(0);

    assertThat(first).isEqualTo(String.join(",", RawColumns.KAGGLE_HEADER));
  }

  @ParameterizedTest
  @ValueSource(strings = {"fast", "commons"})
  void thePipelinesReaderTakesEveryRowWithEitherCursor(String cursor) throws IOException {
    YearTotals read =
        YearTotals.read(
            generated.flights(),
            YEAR,
            cursor.equals("fast") ? ByteCsvCursor::new : CommonsCsvCursor::new);

    assertThat(read.rejections).isEmpty();
    assertThat(read.rowsRead).isEqualTo(generated.rows()).isEqualTo(rows.size());
    assertThat((double) generated.rows()).isCloseTo(20_000, within(1_000.0));
  }

  @Test
  void everyRowHasTheTwentyEightColumnsAndEndsWithTheEmptyUnnamedOne() {
    assertThat(rows)
        .allSatisfy(
            row -> {
              assertThat(row).hasSize(RawColumns.KAGGLE_HEADER.size());
              assertThat(row[27]).isEmpty();
            });
  }

  @Test
  void schedulesTheLargestAirportsAndFliesBetweenThem() {
    assertThat(rows.stream().map(row -> row[3]).collect(Collectors.toSet()))
        .isEqualTo(FIVE_LARGEST);
    assertThat(rows).allSatisfy(row -> assertThat(row[4]).isIn(FIVE_LARGEST).isNotEqualTo(row[3]));
    assertThat(generated.airports()).isEqualTo(5);
  }

  @Test
  void writesNumbersTheWayTheKaggleFilesDo() {
    assertThat(rows)
        .allSatisfy(
            row -> {
              assertThat(row[0]).matches("2015-\\d\\d-\\d\\d");
              assertThat(row[2]).matches("\\d{1,4}");
              assertThat(row[5]).matches("\\d{1,4}"); // CRS_DEP_TIME: an integer
              assertThat(row[7]).matches("(-?\\d+\\.0)?"); // DEP_DELAY: a float, or empty
              assertThat(row[12]).matches("\\d{1,4}"); // CRS_ARR_TIME: an integer
              assertThat(row[15]).isIn("0.0", "1.0");
              assertThat(row[17]).isIn("0.0", "1.0");
              assertThat(row[21]).matches("\\d+\\.0");
            });
    assertThat(rows).anySatisfy(row -> assertThat(row[7]).matches("-\\d+\\.0"));
  }

  @Test
  void scheduledTimesAreLocalClockTimes() {
    assertThat(rows)
        .allSatisfy(
            row -> {
              int departure = Integer.parseInt(row[5]);
              assertThat(departure / 100).isBetween(0, 24);
              assertThat(departure % 100).isBetween(0, 59);
            });
  }

  @Test
  void causesAreFilledOnlyForArrivalsFifteenMinutesLateAndAddUpToTheDelay() {
    List<String[]> late =
        rows.stream().filter(row -> !row[14].isEmpty() && number(row[14]) >= 15).toList();

    assertThat(late).isNotEmpty();
    assertThat(late)
        .allSatisfy(
            row ->
                assertThat(
                        number(row[22])
                            + number(row[23])
                            + number(row[24])
                            + number(row[25])
                            + number(row[26]))
                    .isEqualTo(number(row[14])));
    assertThat(rows)
        .filteredOn(row -> row[14].isEmpty() || number(row[14]) < 15)
        .allSatisfy(row -> assertThat(List.of(row).subList(22, 27)).containsOnly(""));
  }

  @Test
  void cancelledRowsHaveACodeAndNoArrival() {
    List<String[]> cancelled = rows.stream().filter(row -> row[15].equals("1.0")).toList();

    assertThat(cancelled).isNotEmpty();
    assertThat(cancelled)
        .allSatisfy(
            row -> {
              assertThat(row[16]).isIn("A", "B", "C", "D");
              assertThat(List.of(row[8], row[9], row[10], row[13], row[14], row[19]))
                  .containsOnly("");
            });
    assertThat(rows)
        .filteredOn(row -> row[15].equals("0.0"))
        .allSatisfy(row -> assertThat(row[16]).isEmpty());
  }

  @Test
  void divertedRowsDepartedButHaveNoArrival() {
    List<String[]> diverted = rows.stream().filter(row -> row[17].equals("1.0")).toList();

    assertThat(diverted).isNotEmpty();
    assertThat(diverted)
        .allSatisfy(
            row -> {
              assertThat(row[6]).isNotEmpty();
              assertThat(row[7]).isNotEmpty();
              assertThat(List.of(row[10], row[13], row[14], row[19], row[20])).containsOnly("");
            });
  }

  @Test
  void arrivalDelayIsTheDepartureDelayPlusTheTimeLostOnTheWay() {
    assertThat(rows)
        .filteredOn(row -> !row[14].isEmpty())
        .allSatisfy(
            row ->
                assertThat(number(row[14]))
                    .isEqualTo(number(row[7]) + number(row[19]) - number(row[18])));
  }

  @Test
  void labelsCoverEveryKindAndSayWhichToFlag() {
    assertThat(labels.stream().map(Label::kind).collect(Collectors.toSet()))
        // Five hubs: a hub event's neighbours are all large enough to score.
        .isEqualTo(EnumSet.complementOf(EnumSet.of(LabelKind.BUSY_DAY, LabelKind.HUB_SPILLOVER)));
    assertThat(labels).hasSize(generated.labelCount());
    assertThat(labels.stream().filter(label -> label.kind().anomalous()).count())
        .isEqualTo(generated.anomalies());
    assertThat(labels).allSatisfy(label -> assertThat(label.airport()).isIn(FIVE_LARGEST));
  }

  @Test
  void anAirportDayHasAtMostOneLabel() {
    Set<String> seen = new HashSet<>();

    assertThat(labels)
        .allSatisfy(label -> assertThat(seen.add(label.airport() + label.date())).isTrue());
  }

  @Test
  void everyClosureCancelsAtLeastSeventyPercentAndTheRestLeaveOnTime() {
    List<Label> closures = ofKind(LabelKind.CLOSURE);

    assertThat(closures).isNotEmpty();
    assertThat(closures)
        .allSatisfy(
            label -> {
              YearTotals.Day day = totals.day(label.airport(), label.date());
              assertThat(day.cancelledShare()).isGreaterThanOrEqualTo(0.7);
              if (day.delays > 0) {
                assertThat(day.meanDelay()).isLessThanOrEqualTo(0);
              }
            });
  }

  @Test
  void spikeDaysRunFarLaterThanTheAirportsMedianDay() {
    List<Label> spikes = ofKind(LabelKind.SPIKE);

    assertThat(spikes).isNotEmpty();
    assertThat(spikes)
        .allSatisfy(
            label ->
                assertThat(totals.day(label.airport(), label.date()).meanDelay())
                    .isGreaterThan(totals.medianMeanDelay(label.airport()) + 30));
  }

  @Test
  void stormDaysRunLateAndCancelMoreThanOrdinaryDays() {
    List<Label> storms = ofKind(LabelKind.STORM);

    assertThat(storms).isNotEmpty();
    assertThat(cancelledShare(storms)).isGreaterThan(0.08);
    assertThat(storms)
        .allSatisfy(
            label ->
                assertThat(totals.day(label.airport(), label.date()).meanDelay())
                    .isGreaterThan(totals.medianMeanDelay(label.airport()) + 15));
  }

  @Test
  void holidayDipsHaveFewerFlightsButOrdinaryCancellations() {
    List<Label> holidays = ofKind(LabelKind.HOLIDAY_DIP);

    assertThat(holidays).hasSize(4 * 5);
    assertThat(holidays)
        .allSatisfy(
            label ->
                assertThat(totals.day(label.airport(), label.date()).flights)
                    .isLessThan((int) totals.medianFlights(label.airport())));
    assertThat(cancelledShare(holidays)).isLessThan(0.05);
  }

  @Test
  void driftIsLabelledNotAnomalousDayByDay() {
    List<Label> drift = ofKind(LabelKind.DRIFT);

    assertThat(drift).hasSizeGreaterThanOrEqualTo(59);
    assertThat(drift).allSatisfy(label -> assertThat(label.kind().anomalous()).isFalse());
  }

  private static List<Label> ofKind(LabelKind kind) {
    return labels.stream().filter(label -> label.kind() == kind).toList();
  }

  private static double cancelledShare(List<Label> days) {
    int flights = 0;
    int cancelled = 0;
    for (Label label : days) {
      YearTotals.Day day = totals.day(label.airport(), label.date());
      flights += day.flights;
      cancelled += day.cancelled;
    }
    return (double) cancelled / flights;
  }

  private static int number(String field) {
    return field.isEmpty() ? 0 : (int) Double.parseDouble(field);
  }
}
