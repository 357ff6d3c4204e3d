package io.delaywatch.api;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Base64;

/**
 * The keyset of the last anomaly on a page, (flight_date, airport), as an opaque base64url token:
 * clients pass it back unchanged; its inside may change without notice. Not API.
 */
record PageCursor(LocalDate date, String airport) {
  static final String EXPECTED = "the next_cursor of a previous page";

  String encode() {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((date + "|" + airport).getBytes(StandardCharsets.UTF_8));
  }

  static PageCursor decode(String parameter, String token) {
    try {
      String[] parts =
          new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split("\\|", -1);
      if (parts.length == 2 && parts[1].matches("[A-Z0-9]{3}")) {
        return new PageCursor(LocalDate.parse(parts[0]), parts[1]);
      }
    } catch (IllegalArgumentException | DateTimeParseException e) {
      // Reported below: a cursor is either exactly one we made or invalid.
    }
    throw ProblemException.badParameter(
        parameter, EXPECTED, parameter + ": expected " + EXPECTED + ", got '" + token + "'");
  }
}
