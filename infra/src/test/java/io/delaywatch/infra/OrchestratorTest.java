package io.delaywatch.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

/** MWAA: the environment, its bucket, and an execution role limited to DelayWatch's tasks. */
class OrchestratorTest {
  /**
   * The test deployment's account and region, as formatArn writes them for a concrete environment.
   */
  private static final String HERE = "us-east-1:123456789012";

  private static final String TASKS = "arn:{AWS::Partition}:ecs:" + HERE + ":task/{TasksCluster";

  @Test
  void environmentRunsInTwoPrivateSubnetsWithEveryLogOnAndAPrivateWebServer() {
    Deployment.defaults()
        .compute
        .hasResourceProperties(
            "AWS::MWAA::Environment",
            Map.of(
                "Name", "delaywatch",
                "AirflowVersion", "2.10.3",
                "EnvironmentClass", "mw1.small",
                "MinWorkers", 1,
                "MaxWorkers", 2,
                "DagS3Path", "dags",
                "StartupScriptS3Path", "startup/delaywatch.sh",
                "WebserverAccessMode", "PRIVATE_ONLY",
                "LoggingConfiguration",
                    Map.of(
                        "TaskLogs", Map.of("Enabled", true, "LogLevel", "INFO"),
                        "WorkerLogs", Map.of("Enabled", true),
                        "SchedulerLogs", Map.of("Enabled", true),
                        "DagProcessingLogs", Map.of("Enabled", true),
                        "WebserverLogs", Map.of("Enabled", true))));
    Map<String, Object> environment =
        Cfn.resource(Deployment.defaults().compute, "AWS::MWAA::Environment", "");
    assertThat(
            (List<?>)
                ((Map<?, ?>) Cfn.properties(environment).get("NetworkConfiguration"))
                    .get("SubnetIds"))
        .hasSize(2);
  }

  @Test
  void isolatedSubnetsInstallNoRequirementsWhileNatEgressInstallsTheDagsRequirements() {
    Map<String, Object> isolated =
        Cfn.resource(Deployment.defaults().compute, "AWS::MWAA::Environment", "");
    assertThat(Cfn.properties(isolated)).doesNotContainKey("RequirementsS3Path");

    Deployment.custom()
        .compute
        .hasResourceProperties(
            "AWS::MWAA::Environment",
            Map.of(
                "Name", "dw-test",
                "AirflowVersion", "2.10.1",
                "EnvironmentClass", "mw1.medium",
                "WebserverAccessMode", "PUBLIC_ONLY",
                "RequirementsS3Path", "requirements.txt"));
  }

  @Test
  void environmentStartsOnlyAfterItsEndpointsAndPermissionsExist() {
    Map<String, Object> environment =
        Cfn.resource(Deployment.defaults().compute, "AWS::MWAA::Environment", "");

    assertThat(Cfn.render(environment.get("DependsOn")))
        .contains(
            "EndpointsSqs",
            "EndpointsAirflowEnv",
            "EndpointsEcs",
            "OrchestratorExecutionRoleDefaultPolicy",
            "OrchestratorSeed");
  }

  @Test
  void dagBucketIsVersionedPrivateAndEncrypted() {
    Deployment.defaults()
        .compute
        .hasResourceProperties(
            "AWS::S3::Bucket",
            Map.of(
                "VersioningConfiguration", Map.of("Status", "Enabled"),
                "PublicAccessBlockConfiguration",
                    Map.of(
                        "BlockPublicAcls",
                        true,
                        "BlockPublicPolicy",
                        true,
                        "IgnorePublicAcls",
                        true,
                        "RestrictPublicBuckets",
                        true),
                "BucketEncryption",
                    Map.of(
                        "ServerSideEncryptionConfiguration",
                        List.of(
                            Map.of(
                                "ServerSideEncryptionByDefault",
                                Map.of("SSEAlgorithm", "AES256"))))));
  }

  @Test
  void dagBucketGoesWithTheComputeStackSoThatItCanBeRedeployed() {
    Template compute = Deployment.defaults().compute;

    compute.hasResource("AWS::S3::Bucket", Map.of("DeletionPolicy", "Delete"));
    compute.resourceCountIs("Custom::S3AutoDeleteObjects", 1);
    compute.hasResource("AWS::Logs::LogGroup", Map.of("DeletionPolicy", "Delete"));
  }

  @Test
  void executionRoleRunsExactlyTheSixFamiliesOnTheDelayWatchCluster() {
    Cfn.Statement run = statement("RunDelayWatchTasks");

    assertThat(run.actions()).containsExactly("ecs:RunTask");
    assertThat(run.resources())
        .containsExactlyInAnyOrder(
            family("discover"),
            family("download"),
            family("transform"),
            family("detect"),
            family("plot"),
            family("load"));
    assertThat(Cfn.render(run.conditions()))
        .isEqualTo("{ArnEquals={ecs:cluster={TasksCluster3733B20A.Arn}}}");
  }

  @Test
  void executionRoleDescribesStopsAndTagsOnlyTasksOfTheCluster() {
    Cfn.Statement watch = statement("WatchAndStopDelayWatchTasks");
    Cfn.Statement tag = statement("TagTasksAtLaunch");
    Cfn.Statement list = statement("FindRunningDelayWatchTasks");

    assertThat(watch.actions()).containsExactlyInAnyOrder("ecs:DescribeTasks", "ecs:StopTask");
    assertThat(watch.resources()).singleElement().asString().startsWith(TASKS).endsWith("}/*");
    assertThat(tag.actions()).containsExactly("ecs:TagResource");
    assertThat(tag.resources()).isEqualTo(watch.resources());
    assertThat(Cfn.render(tag.conditions())).isEqualTo("{StringEquals={ecs:CreateAction=RunTask}}");
    assertThat(list.actions()).containsExactly("ecs:ListTasks");
    assertThat(Cfn.render(list.conditions()))
        .isEqualTo("{ArnEquals={ecs:cluster={TasksCluster3733B20A.Arn}}}");
  }

  @Test
  void executionRolePassesExactlyTheTaskAndExecutionRolesAndOnlyToEcsTasks() {
    Template compute = Deployment.defaults().compute;
    List<String> expected = new ArrayList<>();
    for (Task task : Task.values()) {
      expected.add(
          "{"
              + Cfn.logicalId(compute, "AWS::IAM::Role", "Tasks" + task.constructId() + "Role")
              + ".Arn}");
      expected.add(
          "{"
              + Cfn.logicalId(
                  compute, "AWS::IAM::Role", "Tasks" + task.constructId() + "ExecutionRole")
              + ".Arn}");
    }

    Cfn.Statement pass = statement("PassDelayWatchTaskRoles");

    assertThat(pass.actions()).containsExactly("iam:PassRole");
    assertThat(pass.resources()).containsExactlyInAnyOrderElementsOf(expected).hasSize(12);
    assertThat(Cfn.render(pass.conditions()))
        .isEqualTo("{StringEquals={iam:PassedToService=ecs-tasks.amazonaws.com}}");
  }

  @Test
  void executionRoleReadsOnlyTheTaskLogStreams() {
    Cfn.Statement logs = statement("ReadDelayWatchTaskLogs");

    assertThat(logs.actions()).containsExactly("logs:GetLogEvents");
    assertThat(logs.resources())
        .containsExactly(
            "arn:{AWS::Partition}:logs:"
                + HERE
                + ":log-group:{TasksLogs30A06F1F}:log-stream:delaywatch/*");
  }

  @Test
  void executionRoleHoldsNothingBeyondMwaaAndTheTasks() {
    Template compute = Deployment.defaults().compute;
    String role = Cfn.logicalId(compute, "AWS::IAM::Role", "OrchestratorExecutionRole");
    List<String> actions =
        Cfn.statementsOf(compute, role).stream()
            .flatMap(s -> s.actions().stream())
            .distinct()
            .sorted()
            .toList();

    assertThat(actions)
        .containsExactly(
            "airflow:PublishMetrics",
            "cloudwatch:PutMetricData",
            "ecs:DescribeTasks",
            "ecs:ListTasks",
            "ecs:RunTask",
            "ecs:StopTask",
            "ecs:TagResource",
            "iam:PassRole",
            "kms:Decrypt",
            "kms:DescribeKey",
            "kms:Encrypt",
            "kms:GenerateDataKey",
            "logs:CreateLogGroup",
            "logs:CreateLogStream",
            "logs:DescribeLogGroups",
            "logs:GetLogEvents",
            "logs:GetLogGroupFields",
            "logs:GetLogRecord",
            "logs:GetQueryResults",
            "logs:PutLogEvents",
            "s3:GetAccountPublicAccessBlock",
            "s3:GetBucket*",
            "s3:GetObject*",
            "s3:List*",
            "sqs:ChangeMessageVisibility",
            "sqs:DeleteMessage",
            "sqs:GetQueueAttributes",
            "sqs:GetQueueUrl",
            "sqs:ReceiveMessage",
            "sqs:SendMessage");
    assertThat(
            Cfn.render(
                Cfn.properties(Cfn.resource(compute, "AWS::IAM::Role", "OrchestratorExecutionRole"))
                    .get("AssumeRolePolicyDocument")))
        .contains("airflow.amazonaws.com", "airflow-env.amazonaws.com");
  }

  @Test
  void startupScriptExportsTheDagConfigurationQuoted() {
    Map<String, String> variables = new LinkedHashMap<>();
    variables.put("DELAYWATCH_RUNNER", "ecs");
    variables.put("DELAYWATCH_ECS_SUBNETS", "subnet-1,subnet-2");

    String script = Orchestrator.startupScript(variables);

    assertThat(script)
        .startsWith("#!/bin/sh\n")
        .endsWith(
            "export DELAYWATCH_RUNNER='ecs'\nexport DELAYWATCH_ECS_SUBNETS='subnet-1,subnet-2'\n");
  }

  @Test
  void startupScriptCarriesTheStackValuesTheDagNeeds() {
    Map<String, Object> seed =
        Cfn.resource(
            Deployment.defaults().compute, "Custom::CDKBucketDeployment", "OrchestratorSeed");
    String markers = Cfn.render(Cfn.properties(seed).get("SourceMarkers"));

    assertThat(markers)
        .contains(
            "LakeWarehouse",
            "TasksCluster",
            "privateSubnet1",
            "privateSubnet2",
            "NetworkTasks",
            "TasksLogs",
            "AWS::Region");
    assertThat(Cfn.properties(seed)).containsEntry("Prune", false);
  }

  private static String family(String task) {
    return "arn:{AWS::Partition}:ecs:" + HERE + ":task-definition/delaywatch-" + task + ":*";
  }

  private static Cfn.Statement statement(String sid) {
    Template compute = Deployment.defaults().compute;
    String role = Cfn.logicalId(compute, "AWS::IAM::Role", "OrchestratorExecutionRole");
    return Cfn.statementsOf(compute, role).stream()
        .filter(s -> sid.equals(s.sid()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no statement " + sid));
  }
}
