package io.delaywatch.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.s3.Bucket;

/** Accepted security-scan findings: each one reasoned, and no new one without review. */
class CheckovTest {
  @Test
  void everySkipNamesACheckAndGivesAReason() {
    for (Map.Entry<String, Object> skip : skips().entrySet()) {
      for (Object entry : (List<?>) skip.getValue()) {
        Map<?, ?> s = (Map<?, ?>) entry;
        assertThat((String) s.get("id")).as(skip.getKey()).matches("CKV2?_AWS_\\d+");
        assertThat((String) s.get("comment")).as(skip.getKey()).hasSizeGreaterThan(60);
      }
    }
  }

  @Test
  void theAcceptedFindingsAreExactlyTheReviewedOnes() {
    Map<String, TreeSet<String>> byType = new TreeMap<>();
    for (Template template : Deployment.defaults().templates()) {
      ((Map<?, ?>) template.toJSON().get("Resources"))
          .forEach(
              (id, resource) -> {
                Map<?, ?> r = (Map<?, ?>) resource;
                if (r.get("Metadata") instanceof Map<?, ?> metadata
                    && metadata.get("checkov") instanceof Map<?, ?> checkov) {
                  for (Object skip : (List<?>) checkov.get("skip")) {
                    byType
                        .computeIfAbsent((String) r.get("Type"), t -> new TreeSet<>())
                        .add((String) ((Map<?, ?>) skip).get("id"));
                  }
                }
              });
    }

    assertThat(byType)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "AWS::S3::Bucket", new TreeSet<>(List.of("CKV_AWS_18", "CKV_AWS_21")),
                "AWS::ECR::Repository", new TreeSet<>(List.of("CKV_AWS_136")),
                "AWS::ECS::Cluster", new TreeSet<>(List.of("CKV_AWS_65")),
                "AWS::ECS::TaskDefinition", new TreeSet<>(List.of("CKV_AWS_336")),
                "AWS::ElasticLoadBalancingV2::LoadBalancer",
                    new TreeSet<>(List.of("CKV_AWS_91", "CKV_AWS_150")),
                "AWS::ElasticLoadBalancingV2::Listener",
                    new TreeSet<>(List.of("CKV_AWS_2", "CKV_AWS_103")),
                "AWS::Logs::LogGroup", new TreeSet<>(List.of("CKV_AWS_158")),
                "AWS::RDS::DBInstance",
                    new TreeSet<>(List.of("CKV_AWS_118", "CKV_AWS_157", "CKV_AWS_161")),
                "AWS::SecretsManager::Secret", new TreeSet<>(List.of("CKV_AWS_149")),
                "AWS::Lambda::Function",
                    new TreeSet<>(
                        List.of("CKV_AWS_115", "CKV_AWS_116", "CKV_AWS_117", "CKV_AWS_173"))));
  }

  @Test
  void aPublicLoadBalancerAcceptsOnlyTheMissingWafAndNoPlainHttp() {
    Map<String, Map<String, Object>> listeners =
        Cfn.resources(Deployment.custom().serving, "AWS::ElasticLoadBalancingV2::Listener");
    assertThat(listeners.values())
        .allSatisfy(listener -> assertThat(listener).doesNotContainKey("Metadata"));
    assertThat(
            Cfn.render(
                Cfn.resource(
                        Deployment.custom().serving,
                        "AWS::ElasticLoadBalancingV2::LoadBalancer",
                        "Serving")
                    .get("Metadata")))
        .contains("CKV2_AWS_28", "CKV_AWS_91", "CKV_AWS_150");
  }

  @Test
  void aSkipWithoutAReasonIsRefused() {
    Bucket bucket = new Bucket(new Stack(), "Bucket");

    assertThatThrownBy(() -> Checkov.skip(bucket, "CKV_AWS_18", " "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("CKV_AWS_18: a skipped check needs a reason");
  }

  private static Map<String, Object> skips() {
    Map<String, Object> skips = new TreeMap<>();
    for (Template template : Deployment.defaults().templates()) {
      ((Map<?, ?>) template.toJSON().get("Resources"))
          .forEach(
              (id, resource) -> {
                if (((Map<?, ?>) resource).get("Metadata") instanceof Map<?, ?> metadata
                    && metadata.get("checkov") instanceof Map<?, ?> checkov) {
                  skips.put((String) id, checkov.get("skip"));
                }
              });
    }
    assertThat(skips).isNotEmpty();
    return skips;
  }
}
