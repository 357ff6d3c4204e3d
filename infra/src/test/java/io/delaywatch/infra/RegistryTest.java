package io.delaywatch.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awscdk.assertions.Match;

/** One repository per task: delaywatch-<task>, scanned, immutable tags, bounded history. */
class RegistryTest {
  @ParameterizedTest
  @EnumSource(Task.class)
  void repositoryIsNamedForTheTaskScannedImmutableAndRetained(Task task) {
    Deployment.defaults()
        .data
        .hasResource(
            "AWS::ECR::Repository",
            Map.of(
                "DeletionPolicy",
                "Retain",
                "Properties",
                Map.of(
                    "RepositoryName",
                    "delaywatch-" + task.id(),
                    "ImageScanningConfiguration",
                    Map.of("ScanOnPush", true),
                    "ImageTagMutability",
                    "IMMUTABLE")));
  }

  @ParameterizedTest
  @EnumSource(Task.class)
  void lifecycleKeepsTheConfiguredNumberOfImages(Task task) {
    String defaults = lifecyclePolicy(Deployment.defaults(), task);
    String custom = lifecyclePolicy(Deployment.custom(), task);

    assertThat(defaults)
        .contains("\"countType\":\"imageCountMoreThan\"")
        .contains("\"countNumber\":10");
    assertThat(custom).contains("\"countNumber\":5");
  }

  private static String lifecyclePolicy(Deployment deployment, Task task) {
    Map<String, Object> repository =
        Cfn.resource(deployment.data, "AWS::ECR::Repository", "Registry" + task.constructId());
    deployment.data.hasResourceProperties(
        "AWS::ECR::Repository", Map.of("LifecyclePolicy", Match.anyValue()));
    return Cfn.render(
        ((Map<?, ?>) Cfn.properties(repository).get("LifecyclePolicy")).get("LifecyclePolicyText"));
  }
}
