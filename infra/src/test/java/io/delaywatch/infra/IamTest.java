package io.delaywatch.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

/**
 * Least privilege across every stack: no statement allows every action of a service, wildcard
 * actions and the "*" resource appear only where a service offers nothing narrower.
 */
class IamTest {
  /** Actions that support no resource-level permissions: "*" is their only possible resource. */
  private static final Set<String> ONLY_ON_ANY_RESOURCE =
      Set.of(
          "ecr:GetAuthorizationToken", // Fargate's image pull login
          "logs:DescribeLogGroups", // MWAA
          "s3:GetAccountPublicAccessBlock", // MWAA
          "cloudwatch:PutMetricData"); // MWAA

  /**
   * The wildcard actions CDK's own grants produce: grantRead (s3:GetObject*, s3:GetBucket*,
   * s3:List*) on MWAA's DAG bucket and on CDK's asset bucket, and the bucket deployment's
   * read-write grant on the DAG bucket (s3:DeleteObject*, s3:Abort*).
   */
  private static final Set<String> CDK_GRANT_WILDCARDS =
      Set.of("s3:GetObject*", "s3:GetBucket*", "s3:List*", "s3:DeleteObject*", "s3:Abort*");

  @Test
  void noStatementAllowsAllActionsOfAService() {
    for (Template template : allTemplates()) {
      assertThat(Cfn.allStatements(template))
          .allSatisfy(
              s ->
                  assertThat(s.actions())
                      .as(s.describe())
                      .noneMatch(action -> action.equals("*") || action.endsWith(":*")));
    }
  }

  @Test
  void wildcardActionsComeOnlyFromCdkGrants() {
    for (Template template : allTemplates()) {
      for (Cfn.Statement s : Cfn.allStatements(template)) {
        s.actions().stream()
            .filter(action -> action.contains("*"))
            .forEach(action -> assertThat(CDK_GRANT_WILDCARDS).as(s.describe()).contains(action));
      }
    }
  }

  @Test
  void theAnyResourceIsUsedOnlyByActionsThatAllowNothingNarrower() {
    for (Template template : allTemplates()) {
      for (Cfn.Statement s : Cfn.allStatements(template)) {
        if (s.resources().contains("*")) {
          if (s.actions().equals(List.of("ecs:ListTasks"))) {
            // Authorized on container instances (Fargate has none): narrowed to the cluster.
            assertThat(s.conditions()).as(s.describe()).containsKey("ArnEquals");
          } else {
            assertThat(ONLY_ON_ANY_RESOURCE).as(s.describe()).containsAll(s.actions());
          }
        }
      }
    }
  }

  @Test
  void everyStatementAllowsAndNoneUsesNotAction() {
    for (Template template : allTemplates()) {
      assertThat(Cfn.allStatements(template))
          .allSatisfy(s -> assertThat(s.effect()).as(s.describe()).isEqualTo("Allow"));
      assertThat(template.toJSON().toString()).doesNotContain("NotAction");
    }
  }

  @Test
  void theOnlyNotResourceKeepsMwaaOffThisAccountsKmsKeys() {
    for (Template template : allTemplates()) {
      for (Cfn.Statement s : Cfn.allStatements(template)) {
        if (s.notResource()) {
          assertThat(s.resources())
              .containsExactly("arn:{AWS::Partition}:kms:*:{AWS::AccountId}:key/*");
          assertThat(Cfn.render(s.conditions())).contains("kms:ViaService").contains("sqs.");
        }
      }
    }
  }

  @Test
  void managedPoliciesAreOnlyLambdasBasicExecutionForCdkHandlers() {
    for (Template template : allTemplates()) {
      Cfn.resources(template, "AWS::IAM::Role")
          .forEach(
              (id, role) -> {
                Object managed = Cfn.properties(role).get("ManagedPolicyArns");
                if (managed != null) {
                  assertThat(id).startsWith("Custom");
                  assertThat(Cfn.render(managed))
                      .contains("service-role/AWSLambdaBasicExecutionRole");
                }
              });
    }
  }

  private static List<Template> allTemplates() {
    return List.of(
        Deployment.defaults().network,
        Deployment.defaults().data,
        Deployment.defaults().database,
        Deployment.defaults().compute,
        Deployment.defaults().serving,
        Deployment.custom().compute,
        Deployment.custom().serving,
        Deployment.cognito().serving);
  }
}
