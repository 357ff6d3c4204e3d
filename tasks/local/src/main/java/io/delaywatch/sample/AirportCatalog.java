package io.delaywatch.sample;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * About 400 real US airports with their size, largest first, read once from {@value #RESOURCE}. Not
 * API.
 *
 * <p>Coordinates come from the US DOT airport list that accompanies the on-time data; sizes are
 * approximate daily departures of the reporting carriers in 2015-2018, from about 1,000 at ATL to a
 * flight or two a week at ADK and PPG. The catalog sums to about 18,600 departures a day, 6.8
 * million a year, which is why a real yearly file has 6-7.5 million rows. The offset is the
 * airport's own, not its state's, where a time-zone line runs through the state (PNS, ELP, ...).
 */
final class AirportCatalog {
  static final String RESOURCE = "airports.csv";

  static final String HEADER =
      "code,state,latitude,longitude,daily_departures,standard_utc_offset_hours,observes_dst";

  private static final List<Airport> BY_SIZE = load();

  private AirportCatalog() {}

  /** How many airports the catalog holds. */
  static int size() {
    return BY_SIZE.size();
  }

  /** The {@code n} largest airports, largest first. */
  static List<Airport> largest(int n) {
    return BY_SIZE.subList(0, n);
  }

  private static List<Airport> load() {
    try (InputStream in = AirportCatalog.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            "the resource " + RESOURCE + " is missing next to " + AirportCatalog.class.getName());
      }
      return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)), RESOURCE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the resource " + RESOURCE, e);
    }
  }

  /**
   * The airports of a catalog file with the header {@value #HEADER}, largest first.
   *
   * @throws IllegalStateException naming {@code source} and the line when the header, a column
   *     count or a value is wrong
   */
  static List<Airport> parse(BufferedReader reader, String source) throws IOException {
    String header = reader.readLine();
    if (!HEADER.equals(header)) {
      throw new IllegalStateException(
          source + " line 1: expected the header " + HEADER + ", got " + header);
    }
    List<Airport> airports = new ArrayList<>();
    int lineNumber = 1;
    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
      lineNumber++;
      String[] f = line.split(",", -1);
      if (f.length != 7) {
        throw new IllegalStateException(
            source + " line " + lineNumber + ": expected 7 columns, got " + f.length);
      }
      String at = source + " line " + lineNumber + " column ";
      airports.add(
          new Airport(
              f[0],
              f[1],
              number(f[2], at + "latitude"),
              number(f[3], at + "longitude"),
              number(f[4], at + "daily_departures"),
              wholeHours(f[5], at + "standard_utc_offset_hours") * 60,
              bool(f[6], at + "observes_dst")));
    }
    airports.sort(
        Comparator.comparingDouble(Airport::dailyDepartures)
            .reversed()
            .thenComparing(Airport::code));
    return List.copyOf(airports);
  }

  private static double number(String text, String where) {
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw new IllegalStateException(where + ": expected a number, got \"" + text + "\"", e);
    }
  }

  private static int wholeHours(String text, String where) {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new IllegalStateException(where + ": expected whole hours, got \"" + text + "\"", e);
    }
  }

  private static boolean bool(String text, String where) {
    return switch (text) {
      case "true" -> true;
      case "false" -> false;
      default ->
          throw new IllegalStateException(where + ": expected true or false, got \"" + text + "\"");
    };
  }
}
