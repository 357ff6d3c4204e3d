package io.delaywatch.api;

/** A request that ends with a problem response; the message is the problem's detail. */
final class ProblemException extends RuntimeException {
  private final int status;
  private final String type;
  private final String title;
  private final String parameter;
  private final String expected;

  private ProblemException(
      int status, String type, String title, String detail, String parameter, String expected) {
    super(detail);
    this.status = status;
    this.type = type;
    this.title = title;
    this.parameter = parameter;
    this.expected = expected;
  }

  /** 400: {@code parameter} is missing or malformed; {@code expected} says what it must be. */
  static ProblemException badParameter(String parameter, String expected, String detail) {
    return new ProblemException(
        400, "/problems/invalid-parameter", "Invalid parameter", detail, parameter, expected);
  }

  static ProblemException notFound(String detail) {
    return new ProblemException(404, "/problems/not-found", "Not found", detail, null, null);
  }

  static ProblemException unauthorized(String detail) {
    return new ProblemException(401, "/problems/unauthorized", "Unauthorized", detail, null, null);
  }

  Problem toProblem(String instance) {
    return new Problem(type, title, status, getMessage(), instance, parameter, expected);
  }

  int status() {
    return status;
  }
}
