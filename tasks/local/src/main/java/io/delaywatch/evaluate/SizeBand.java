package io.delaywatch.evaluate;

/**
 * Airports by size, from the flights they schedule on an average day with flights. The limits are
 * those at which the sample generator itself changes how often it plants events. Not API.
 */
enum SizeBand {
  HUB("hub", ">= 150"),
  MEDIUM("medium", "30-150"),
  SMALL("small", "< 30");

  static final double HUB_FLIGHTS = 150;
  static final double MEDIUM_FLIGHTS = 30;

  private final String label;
  private final String range;

  SizeBand(String label, String range) {
    this.label = label;
    this.range = range;
  }

  static SizeBand of(double flightsPerDay) {
    return flightsPerDay >= HUB_FLIGHTS ? HUB : flightsPerDay >= MEDIUM_FLIGHTS ? MEDIUM : SMALL;
  }

  String label() {
    return label;
  }

  /** The band's flights per day, for the table's legend. */
  String range() {
    return range;
  }
}
