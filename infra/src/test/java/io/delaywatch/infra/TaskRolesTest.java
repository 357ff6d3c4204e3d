package io.delaywatch.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awscdk.assertions.Template;

/**
 * Each task role may touch exactly its own lake prefixes (docs/architecture.md, data lake layout).
 */
class TaskRolesTest {
  private static final String LIST = "s3:ListBucket on <warehouse>";

  static Stream<Arguments> expectedAccess() {
    return Stream.of(
        Arguments.of(
            Task.DISCOVER,
            List.of(
                LIST,
                "s3:AbortMultipartUpload,s3:PutObject on <warehouse>/runs/year=*/discover.json")),
        Arguments.of(
            Task.DOWNLOAD,
            List.of(
                LIST,
                "s3:GetObject on <warehouse>/raw/flights/*",
                "s3:AbortMultipartUpload,s3:PutObject on <warehouse>/runs/year=*/download.json,<warehouse>/staged/flights/*,<warehouse>/staged/rejected/*")),
        Arguments.of(
            Task.TRANSFORM,
            List.of(
                LIST,
                "s3:GetObject on <warehouse>/staged/flights/*",
                "s3:AbortMultipartUpload,s3:PutObject on <warehouse>/daily/airport_daily/*,<warehouse>/runs/year=*/transform.json")),
        Arguments.of(
            Task.DETECT,
            List.of(
                LIST,
                "s3:GetObject on <warehouse>/daily/airport_daily/*",
                "s3:AbortMultipartUpload,s3:PutObject on <warehouse>/runs/year=*/detect.json,<warehouse>/scored/airport_anomalies/*")),
        Arguments.of(
            Task.PLOT,
            List.of(
                LIST,
                "s3:GetObject on <warehouse>/scored/airport_anomalies/*",
                "s3:AbortMultipartUpload,s3:PutObject on <warehouse>/plots/*,<warehouse>/runs/year=*/plot.json")),
        Arguments.of(
            Task.LOAD,
            List.of(
                LIST,
                "s3:GetObject on <warehouse>/scored/airport_anomalies/*",
                "s3:AbortMultipartUpload,s3:PutObject on <warehouse>/runs/year=*/load.json")));
  }

  @ParameterizedTest
  @MethodSource("expectedAccess")
  void taskRoleAllowsExactlyItsOwnPrefixes(Task task, List<String> expected) {
    Template compute = Deployment.defaults().compute;
    String role = Cfn.logicalId(compute, "AWS::IAM::Role", "Tasks" + task.constructId() + "Role");

    List<Cfn.Statement> statements = Cfn.statementsOf(compute, role);

    assertThat(statements).allSatisfy(s -> assertThat(s.effect()).isEqualTo("Allow"));
    assertThat(statements).allSatisfy(s -> assertThat(s.conditions()).isEmpty());
    assertThat(statements.stream().map(TaskRolesTest::summary))
        .containsExactlyInAnyOrderElementsOf(expected);
  }

  @ParameterizedTest
  @EnumSource(Task.class)
  void noTaskRoleIsAttachedAManagedPolicyOrAnInlinePolicy(Task task) {
    Map<String, Object> role =
        Cfn.resource(
            Deployment.defaults().compute, "AWS::IAM::Role", "Tasks" + task.constructId() + "Role");

    assertThat(Cfn.properties(role)).doesNotContainKeys("ManagedPolicyArns", "Policies");
    assertThat(Cfn.render(Cfn.properties(role).get("AssumeRolePolicyDocument")))
        .contains("ecs-tasks.amazonaws.com");
  }

  @ParameterizedTest
  @EnumSource(Task.class)
  void onlyLoadsExecutionRoleMayReadTheDatabaseSecret(Task task) {
    Template compute = Deployment.defaults().compute;
    String role =
        Cfn.logicalId(compute, "AWS::IAM::Role", "Tasks" + task.constructId() + "ExecutionRole");

    List<String> actions =
        Cfn.statementsOf(compute, role).stream().flatMap(s -> s.actions().stream()).toList();

    if (task == Task.LOAD) {
      assertThat(actions).contains("secretsmanager:GetSecretValue");
    } else {
      assertThat(actions).noneMatch(action -> action.startsWith("secretsmanager:"));
    }
    assertThat(actions).noneMatch(action -> action.startsWith("s3:"));
  }

  private static String summary(Cfn.Statement statement) {
    return String.join(",", new TreeSet<>(statement.actions()))
        + " on "
        + String.join(",", new TreeSet<>(statement.resources()));
  }
}
