package io.delaywatch.flights;

import java.util.List;

/** The header of the Kaggle yearly on-time CSVs, and the columns DelayWatch reads from it. */
public final class RawColumns {
  public static final String FL_DATE = "FL_DATE";
  public static final String OP_CARRIER = "OP_CARRIER";
  public static final String ORIGIN = "ORIGIN";
  public static final String DEP_DELAY = "DEP_DELAY";
  public static final String CANCELLED = "CANCELLED";
  public static final String DIVERTED = "DIVERTED";
  public static final String CARRIER_DELAY = "CARRIER_DELAY";
  public static final String WEATHER_DELAY = "WEATHER_DELAY";
  public static final String NAS_DELAY = "NAS_DELAY";
  public static final String SECURITY_DELAY = "SECURITY_DELAY";
  public static final String LATE_AIRCRAFT_DELAY = "LATE_AIRCRAFT_DELAY";

  /** The 28 columns of every yearly file, in order; the last one is always empty. */
  public static final List<String> KAGGLE_HEADER =
      List.of(
          "FL_DATE",
          "OP_CARRIER",
          "OP_CARRIER_FL_NUM",
          "ORIGIN",
          "DEST",
          "CRS_DEP_TIME",
          "DEP_TIME",
          "DEP_DELAY",
          "TAXI_OUT",
          "WHEELS_OFF",
          "WHEELS_ON",
          "TAXI_IN",
          "CRS_ARR_TIME",
          "ARR_TIME",
          "ARR_DELAY",
          "CANCELLED",
          "CANCELLATION_CODE",
          "DIVERTED",
          "CRS_ELAPSED_TIME",
          "ACTUAL_ELAPSED_TIME",
          "AIR_TIME",
          "DISTANCE",
          "CARRIER_DELAY",
          "WEATHER_DELAY",
          "NAS_DELAY",
          "SECURITY_DELAY",
          "LATE_AIRCRAFT_DELAY",
          "Unnamed: 27");

  /** The columns the pipeline needs; a file without any of them is rejected whole. */
  public static final List<String> REQUIRED =
      List.of(
          FL_DATE,
          OP_CARRIER,
          ORIGIN,
          DEP_DELAY,
          CANCELLED,
          DIVERTED,
          CARRIER_DELAY,
          WEATHER_DELAY,
          NAS_DELAY,
          SECURITY_DELAY,
          LATE_AIRCRAFT_DELAY);

  private RawColumns() {}
}
