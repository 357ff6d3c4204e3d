package io.delaywatch.api;

import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The one JSON mapper of the API: snake_case names, nulls written (the schema declares them). */
final class Json {
  static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          // Schubfach, not Double.toString: the JDK's conversion was a seventh of the API's CPU
          // under load (JFR); both print a double that reads back as the same value.
          .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
          .build();

  private Json() {}
}
