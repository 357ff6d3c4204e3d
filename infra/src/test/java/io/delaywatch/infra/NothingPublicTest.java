package io.delaywatch.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

/** Nothing is reachable from the internet, and everything that stores data is encrypted. */
class NothingPublicTest {
  @Test
  void noSecurityGroupAdmitsTheInternet() {
    for (Template template : templates()) {
      String inline =
          Cfn.resources(template, "AWS::EC2::SecurityGroup").values().stream()
              .map(group -> Cfn.render(Cfn.properties(group).get("SecurityGroupIngress")))
              .toList()
              .toString();
      String separate =
          Cfn.resources(template, "AWS::EC2::SecurityGroupIngress").values().stream()
              .map(rule -> Cfn.render(Cfn.properties(rule)))
              .toList()
              .toString();
      assertThat(inline + separate).doesNotContain("0.0.0.0/0", "::/0");
    }
  }

  @Test
  void noResourcePolicyAllowsAnyone() {
    for (Template template : templates()) {
      Cfn.resources(template, "AWS::S3::BucketPolicy")
          .forEach(
              (id, policy) -> {
                List<?> statements =
                    (List<?>)
                        Cfn.cast(Cfn.properties(policy).get("PolicyDocument")).get("Statement");
                for (Object raw : statements) {
                  Map<String, Object> statement = Cfn.cast(raw);
                  String principal = Cfn.render(statement.get("Principal"));
                  if ("Allow".equals(statement.get("Effect"))) {
                    if (principal.startsWith(
                        "{AWS={CustomS3AutoDeleteObjectsCustomResourceProviderRole")) {
                      // CDK's handler that empties the DAG bucket when the compute stack is
                      // deleted.
                      continue;
                    }
                    // Otherwise only S3 log delivery, for this account's buckets.
                    assertThat(principal).as(id).isEqualTo("{Service=logging.s3.amazonaws.com}");
                    assertThat(Cfn.render(statement.get("Condition")))
                        .as(id)
                        .contains("aws:SourceArn", "aws:SourceAccount");
                  } else {
                    assertThat(principal).as(id).isEqualTo("{AWS=*}");
                  }
                }
              });
      assertThat(Cfn.resources(template, "AWS::ECR::Repository").values())
          .allSatisfy(
              repository ->
                  assertThat(Cfn.properties(repository)).doesNotContainKey("RepositoryPolicyText"));
      assertThat(Cfn.resources(template, "AWS::SecretsManager::ResourcePolicy")).isEmpty();
    }
  }

  @Test
  void theDatabaseIsNotPubliclyAccessibleAndEncrypted() {
    for (Deployment deployment : List.of(Deployment.defaults(), Deployment.custom())) {
      Cfn.resources(deployment.database, "AWS::RDS::DBInstance")
          .values()
          .forEach(
              instance -> {
                assertThat(Cfn.properties(instance).get("PubliclyAccessible")).isEqualTo(false);
                assertThat(Cfn.properties(instance).get("StorageEncrypted")).isEqualTo(true);
              });
    }
  }

  @Test
  void theAirflowWebServerIsPrivateUnlessAskedOtherwise() {
    Deployment.defaults()
        .compute
        .hasResourceProperties(
            "AWS::MWAA::Environment", Map.of("WebserverAccessMode", "PRIVATE_ONLY"));
  }

  @Test
  void everyLogGroupHasARetention() {
    for (Template template : templates()) {
      Cfn.resources(template, "AWS::Logs::LogGroup")
          .forEach(
              (id, group) ->
                  assertThat(Cfn.properties(group)).as(id).containsKey("RetentionInDays"));
    }
  }

  private static List<Template> templates() {
    return List.of(
        Deployment.defaults().network,
        Deployment.defaults().data,
        Deployment.defaults().database,
        Deployment.defaults().compute,
        Deployment.defaults().serving,
        Deployment.custom().network,
        Deployment.custom().compute);
  }
}
