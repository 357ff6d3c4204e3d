package io.delaywatch.api;

import io.javalin.http.Context;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Pattern;

/** Parses and bounds request parameters; every failure is a 400 naming the parameter. Not API. */
final class Params {
  static final String DATE = "a date YYYY-MM-DD";
  static final String IATA = "a 3-character IATA airport code (letters and digits)";
  private static final Pattern IATA_CODE = Pattern.compile("[A-Z0-9]{3}");

  private Params() {}

  /** The airport code, upper-cased; null when absent and not required. */
  static String airport(String name, String value, boolean required) {
    if (value == null || value.isEmpty()) {
      return missing(name, IATA, required);
    }
    String code = value.toUpperCase(Locale.ROOT);
    if (!IATA_CODE.matcher(code).matches()) {
      throw ProblemException.badParameter(
          name, IATA, name + ": expected " + IATA + ", got '" + value + "'");
    }
    return code;
  }

  static LocalDate date(Context ctx, String name, boolean required) {
    String value = ctx.queryParam(name);
    if (value == null || value.isEmpty()) {
      return missing(name, DATE, required);
    }
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw ProblemException.badParameter(
          name, DATE, name + ": expected " + DATE + ", got '" + value + "'");
    }
  }

  /** An integer in [min, max], or {@code fallback} when absent (null fallback: optional). */
  static Integer integer(Context ctx, String name, int min, int max, Integer fallback) {
    String value = ctx.queryParam(name);
    String expected = "an integer from " + min + " to " + max;
    if (value == null || value.isEmpty()) {
      return fallback;
    }
    try {
      int parsed = Integer.parseInt(value);
      if (parsed >= min && parsed <= max) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // Reported below with the same message as a value out of range.
    }
    throw ProblemException.badParameter(
        name, expected, name + ": expected " + expected + ", got '" + value + "'");
  }

  /** One of {@code allowed} (case-insensitive, returned upper-cased), or null when absent. */
  static String oneOf(Context ctx, String name, java.util.List<String> allowed) {
    String value = ctx.queryParam(name);
    if (value == null || value.isEmpty()) {
      return null;
    }
    String upper = value.toUpperCase(Locale.ROOT);
    if (allowed.contains(upper)) {
      return upper;
    }
    String expected = "one of " + String.join(", ", allowed);
    throw ProblemException.badParameter(
        name, expected, name + ": expected " + expected + ", got '" + value + "'");
  }

  private static <T> T missing(String name, String expected, boolean required) {
    if (required) {
      throw ProblemException.badParameter(
          name, expected, name + ": required, expected " + expected);
    }
    return null;
  }
}
