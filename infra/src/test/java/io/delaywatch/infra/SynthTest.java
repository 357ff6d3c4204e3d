package io.delaywatch.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.cxapi.CloudAssembly;

/** The app synthesizes, as `cdk synth` would run it, into a cloud assembly with five templates. */
class SynthTest {
  @Test
  void environmentAgnosticSynthWritesFiveTemplatesWithoutErrorsOrWarnings(@TempDir Path out)
      throws IOException {
    App app = App.Builder.create().outdir(out.toString()).context(InfraApp.FEATURE_FLAGS).build();
    InfraApp.Stacks stacks = InfraApp.stacks(app, Settings.from(app.getNode()));

    CloudAssembly assembly = app.synth();

    assertThat(assembly.getStacks()).hasSize(5);
    try (Stream<Path> files = Files.list(out)) {
      assertThat(
              files
                  .map(p -> p.getFileName().toString())
                  .filter(n -> n.endsWith(".template.json"))
                  .sorted())
          .containsExactly(
              "delaywatch-compute.template.json",
              "delaywatch-data.template.json",
              "delaywatch-database.template.json",
              "delaywatch-network.template.json",
              "delaywatch-serving.template.json");
    }
    for (Stack stack :
        List.of(
            stacks.network(),
            stacks.data(),
            stacks.database(),
            stacks.compute(),
            stacks.serving())) {
      Annotations.fromStack(stack).hasNoError("*", Match.anyValue());
      Annotations.fromStack(stack).hasNoWarning("*", Match.anyValue());
    }
    assertThat(startupScript(out))
        .startsWith("#!/bin/sh\n")
        .contains("export DELAYWATCH_RUNNER='ecs'\n")
        .contains("export DELAYWATCH_ECS_ASSIGN_PUBLIC_IP='DISABLED'\n")
        .contains("export DELAYWATCH_ECS_LOG_STREAM_PREFIX='delaywatch'\n")
        .contains("export DELAYWATCH_MAX_ACTIVE_RUNS='2'\n")
        // Values known only at deploy time are markers the bucket deployment fills in.
        .containsPattern("export DELAYWATCH_WAREHOUSE='s3://<<marker:0xbaba:\\d+>>'\n")
        .containsPattern(
            "export DELAYWATCH_ECS_SUBNETS='<<marker:0xbaba:\\d+>>,<<marker:0xbaba:\\d+>>'\n")
        .containsPattern("export DELAYWATCH_ECS_SECURITY_GROUPS='<<marker:0xbaba:\\d+>>'\n")
        .containsPattern("export DELAYWATCH_ECS_CLUSTER='<<marker:0xbaba:\\d+>>'\n")
        .containsPattern("export DELAYWATCH_ECS_LOG_GROUP='<<marker:0xbaba:\\d+>>'\n")
        .containsPattern("export DELAYWATCH_AWS_REGION='<<marker:0xbaba:\\d+>>'\n");
  }

  /** The MWAA startup script as the bucket deployment's asset holds it. */
  private static String startupScript(Path assembly) throws IOException {
    try (Stream<Path> files = Files.walk(assembly)) {
      Path script =
          files
              .filter(p -> p.endsWith(Path.of(Orchestrator.STARTUP_SCRIPT)))
              .findFirst()
              .orElseThrow(
                  () ->
                      new AssertionError("no " + Orchestrator.STARTUP_SCRIPT + " in " + assembly));
      return Files.readString(script);
    }
  }

  @Test
  void statefulStacksDoNotDependOnTheCompute() {
    InfraApp.Stacks stacks = Deployment.defaults().stacks;

    assertThat(stacks.data().getDependencies()).isEmpty();
    assertThat(stacks.network().getDependencies()).isEmpty();
    assertThat(stacks.database().getDependencies()).containsExactly(stacks.network());
    assertThat(stacks.compute().getDependencies())
        .containsExactlyInAnyOrder(stacks.network(), stacks.data(), stacks.database());
    // In isolated subnets the services reach ECR, logs and secrets through compute's endpoints.
    assertThat(stacks.serving().getDependencies())
        .containsExactlyInAnyOrder(
            stacks.network(), stacks.data(), stacks.database(), stacks.compute());
    InfraApp.Stacks nat = Deployment.custom().stacks;
    assertThat(nat.serving().getDependencies())
        .containsExactlyInAnyOrder(nat.network(), nat.data(), nat.database());
  }

  @Test
  void computeStackOutputsFillTheDagsConfiguration() {
    Map<String, Map<String, Object>> outputs =
        Deployment.defaults().compute.findOutputs("*", Match.anyValue());

    assertThat(outputs)
        .containsKeys(
            "EcsCluster",
            "EcsSubnets",
            "EcsSecurityGroups",
            "EcsLogGroup",
            "EcsLogStreamPrefix",
            "Warehouse",
            "JdbcUrl",
            "DagBucket",
            "StartupScript",
            "AirflowEnvironment",
            "AirflowWebserver");
    assertThat(Deployment.defaults().data.findOutputs("*", Match.anyValue()))
        .containsKeys(
            "RawUpload",
            "Warehouse",
            "ChartsBucket",
            "GlueDatabase",
            "AthenaWorkGroup",
            "ImageRegistry");
    assertThat(Deployment.defaults().database.findOutputs("*", Match.anyValue()))
        .containsKeys("JdbcUrl", "DatabaseUser", "DatabaseSecret");
    assertThat(Deployment.defaults().serving.findOutputs("*", Match.anyValue()))
        .containsKeys(
            "DashboardUrl",
            "ApiUrl",
            "LoadBalancer",
            "SupersetAdminSecret",
            "ApiTokenSecret",
            "ServingCluster");
  }

  @Test
  void stacksAreNamedAfterTheDeploymentAndPlacedInItsAccountAndRegion() {
    InfraApp.Stacks stacks = Deployment.custom().stacks;

    assertThat(stacks.compute().getStackName()).isEqualTo("dw-test-compute");
    assertThat(stacks.data().getAccount()).isEqualTo("210987654321");
    assertThat(stacks.data().getRegion()).isEqualTo("eu-west-1");
  }
}
