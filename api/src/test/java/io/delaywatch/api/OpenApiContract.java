package io.delaywatch.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;

/**
 * Checks a response against openapi.json: the operation of its path declares its status and content
 * type, and the body validates against that response's schema (JSON Schema 2020-12, as OpenAPI 3.1
 * defines it).
 */
final class OpenApiContract {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final JsonNode document;
  private final SchemaRegistry registry =
      SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

  OpenApiContract() throws java.io.IOException {
    document = MAPPER.readTree(ResultsDatabase.resource("/openapi.json"));
  }

  /** The problems found, empty when the response is as documented. */
  List<String> check(String pathTemplate, HttpResponse<String> response)
      throws java.io.IOException {
    JsonNode responses = document.path("paths").path(pathTemplate).path("get").path("responses");
    JsonNode declared = responses.path(Integer.toString(response.statusCode()));
    if (declared.isMissingNode()) {
      return List.of(pathTemplate + " declares no response " + response.statusCode());
    }
    String contentType =
        response
            .headers()
            .firstValue("Content-Type")
            .orElse("")
            .split(";")[0]
            .toLowerCase(Locale.ROOT);
    JsonNode media = declared.path("content").path(contentType);
    if (media.isMissingNode()) {
      return List.of(
          pathTemplate + " " + response.statusCode() + " declares no content type " + contentType);
    }
    String ref = media.path("schema").path("$ref").asText();
    // The document itself as the root schema: "#/components/schemas/..." references resolve in it.
    com.fasterxml.jackson.databind.node.ObjectNode root = MAPPER.createObjectNode();
    root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
    root.put("$ref", ref);
    root.set("components", document.path("components"));
    Schema schema = registry.getSchema(SchemaLocation.of("urn:delaywatch:openapi"), root);
    List<Error> errors = schema.validate(MAPPER.readTree(response.body()));
    return errors.stream().map(Error::toString).toList();
  }
}
