package io.delaywatch.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem body ({@code application/problem+json}). {@code parameter} and {@code
 * expected} are extension members naming the request parameter at fault and what it must be; they
 * are left out when the problem is not about one parameter.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record Problem(
    String type,
    String title,
    int status,
    String detail,
    String instance,
    String parameter,
    String expected) {

  static final String CONTENT_TYPE = "application/problem+json";
}
