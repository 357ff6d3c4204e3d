package io.delaywatch.infra;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awscdk.assertions.Template;

/**
 * Reads synthesized templates as plain maps, and renders CloudFormation intrinsics as short
 * readable strings so that tests can state expected ARNs literally: an import of the warehouse
 * bucket's ARN becomes {@code <warehouse>}, {@code Fn::Join} joins, {@code Ref X} becomes {@code
 * {X}}, {@code Fn::GetAtt [X, Arn]} becomes {@code {X.Arn}} and pseudo parameters keep their names
 * ({@code {AWS::Region}}).
 */
final class Cfn {
  private Cfn() {}

  @SuppressWarnings("unchecked")
  static Map<String, Map<String, Object>> resources(Template template, String type) {
    Map<String, Object> resources = (Map<String, Object>) template.toJSON().get("Resources");
    Map<String, Map<String, Object>> matching = new LinkedHashMap<>();
    resources.forEach(
        (id, resource) -> {
          Map<String, Object> r = (Map<String, Object>) resource;
          if (type.equals(r.get("Type"))) {
            matching.put(id, r);
          }
        });
    return matching;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> properties(Map<String, Object> resource) {
    return (Map<String, Object>) resource.getOrDefault("Properties", Map.of());
  }

  /** The single resource of {@code type} whose logical id starts with {@code prefix}. */
  static Map<String, Object> resource(Template template, String type, String prefix) {
    List<Map<String, Object>> found =
        resources(template, type).entrySet().stream()
            .filter(e -> e.getKey().startsWith(prefix))
            .map(Map.Entry::getValue)
            .toList();
    if (found.size() != 1) {
      throw new AssertionError(
          found.size() + " resources of type " + type + " start with " + prefix);
    }
    return found.get(0);
  }

  /** The logical id of the single resource of {@code type} starting with {@code prefix}. */
  static String logicalId(Template template, String type, String prefix) {
    List<String> ids =
        resources(template, type).keySet().stream().filter(id -> id.startsWith(prefix)).toList();
    if (ids.size() != 1) {
      throw new AssertionError(
          ids.size() + " resources of type " + type + " start with " + prefix + ": " + ids);
    }
    return ids.get(0);
  }

  /** One IAM statement, rendered: effect, actions, resources (or NotResource) and conditions. */
  record Statement(
      String sid,
      String effect,
      List<String> actions,
      List<String> resources,
      boolean notResource,
      Map<String, Object> conditions,
      String policy) {
    String describe() {
      return policy + (sid == null ? "" : "#" + sid) + " " + actions + " on " + resources;
    }
  }

  /** Every statement of the AWS::IAM::Policy resources attached to the role {@code roleId}. */
  @SuppressWarnings("unchecked")
  static List<Statement> statementsOf(Template template, String roleId) {
    List<Statement> statements = new ArrayList<>();
    resources(template, "AWS::IAM::Policy")
        .forEach(
            (id, policy) -> {
              Map<String, Object> properties = properties(policy);
              List<Object> roles = (List<Object>) properties.getOrDefault("Roles", List.of());
              if (roles.stream().map(Cfn::render).anyMatch(("{" + roleId + "}")::equals)) {
                statements.addAll(
                    statements(id, (Map<String, Object>) properties.get("PolicyDocument")));
              }
            });
    return statements;
  }

  /** Every IAM statement of a template: policies, inline role policies, bucket policies. */
  @SuppressWarnings("unchecked")
  static List<Statement> allStatements(Template template) {
    List<Statement> statements = new ArrayList<>();
    resources(template, "AWS::IAM::Policy")
        .forEach(
            (id, p) ->
                statements.addAll(
                    statements(id, (Map<String, Object>) properties(p).get("PolicyDocument"))));
    resources(template, "AWS::IAM::Role")
        .forEach(
            (id, role) -> {
              for (Object inline :
                  (List<Object>) properties(role).getOrDefault("Policies", List.of())) {
                statements.addAll(
                    statements(
                        id,
                        (Map<String, Object>)
                            ((Map<String, Object>) inline).get("PolicyDocument")));
              }
            });
    return statements;
  }

  @SuppressWarnings("unchecked")
  static List<Statement> statements(String policyId, Map<String, Object> document) {
    List<Statement> statements = new ArrayList<>();
    for (Object raw : (List<Object>) document.get("Statement")) {
      Map<String, Object> s = (Map<String, Object>) raw;
      boolean notResource = s.containsKey("NotResource");
      statements.add(
          new Statement(
              (String) s.get("Sid"),
              (String) s.get("Effect"),
              strings(s.get("Action")),
              strings(notResource ? s.get("NotResource") : s.get("Resource")),
              notResource,
              (Map<String, Object>) s.getOrDefault("Condition", Map.of()),
              policyId));
    }
    return statements;
  }

  private static List<String> strings(Object value) {
    if (value == null) {
      return List.of();
    }
    if (value instanceof List<?> list) {
      return list.stream().map(Cfn::render).toList();
    }
    return List.of(render(value));
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> cast(Object map) {
    return (Map<String, Object>) map;
  }

  /** Renders a value with intrinsic functions as a short string (see the class comment). */
  @SuppressWarnings("unchecked")
  static String render(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof String s) {
      return s;
    }
    if (value instanceof Number || value instanceof Boolean) {
      return value.toString();
    }
    if (value instanceof List<?> list) {
      return list.stream().map(Cfn::render).collect(Collectors.joining(", ", "[", "]"));
    }
    Map<String, Object> map = (Map<String, Object>) value;
    if (map.containsKey("Ref")) {
      return "{" + map.get("Ref") + "}";
    }
    if (map.containsKey("Fn::GetAtt")) {
      List<Object> attribute = (List<Object>) map.get("Fn::GetAtt");
      return "{" + attribute.get(0) + "." + attribute.get(1) + "}";
    }
    if (map.containsKey("Fn::Join")) {
      List<Object> join = (List<Object>) map.get("Fn::Join");
      return ((List<Object>) join.get(1))
          .stream().map(Cfn::render).collect(Collectors.joining((String) join.get(0)));
    }
    if (map.containsKey("Fn::ImportValue")) {
      String export = render(map.get("Fn::ImportValue"));
      if (export.contains("LakeWarehouse") && export.contains("Arn")) {
        return "<warehouse>";
      }
      return "<import " + export.substring(export.indexOf(':') + 1) + ">";
    }
    return map.entrySet().stream()
        .map(e -> e.getKey() + "=" + render(e.getValue()))
        .collect(Collectors.joining(", ", "{", "}"));
  }
}
