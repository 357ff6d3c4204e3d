package io.delaywatch.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The task definitions the DAG's ecs runner expects (README, Airflow: Runners). */
class TaskDefinitionsTest {
  @Test
  void oneFargateTaskDefinitionPerTaskOnOneCluster() {
    Template compute = Deployment.defaults().compute;

    compute.resourceCountIs("AWS::ECS::TaskDefinition", 6);
    compute.resourceCountIs("AWS::ECS::Cluster", 1);
    compute.hasResourceProperties("AWS::ECS::Cluster", Map.of("ClusterName", "delaywatch"));
  }

  @ParameterizedTest
  @CsvSource({
    "discover,  512, 1024",
    "download, 1024, 2048",
    "transform,1024, 2048",
    "detect,    512, 1024",
    "plot,     1024, 2048",
    "load,      512, 1024"
  })
  void familyIsDelaywatchTaskWithAContainerNamedForTheTaskSizedFromMeasurements(
      String task, String cpu, String memory) {
    Deployment.defaults()
        .compute
        .hasResourceProperties(
            "AWS::ECS::TaskDefinition",
            Map.of(
                "Family",
                "delaywatch-" + task,
                "Cpu",
                cpu,
                "Memory",
                memory,
                "NetworkMode",
                "awsvpc",
                "RequiresCompatibilities",
                List.of("FARGATE"),
                "RuntimePlatform",
                Map.of("CpuArchitecture", "X86_64", "OperatingSystemFamily", "LINUX"),
                "ContainerDefinitions",
                List.of(
                    Match.objectLike(
                        Map.of(
                            "Name",
                            task,
                            "Essential",
                            true,
                            "LogConfiguration",
                            Map.of(
                                "LogDriver",
                                "awslogs",
                                "Options",
                                Map.of(
                                    "awslogs-group",
                                    Map.of("Ref", Match.stringLikeRegexp("^TasksLogs")),
                                    "awslogs-stream-prefix",
                                    "delaywatch")))))));
  }

  @ParameterizedTest
  @EnumSource(Task.class)
  void imageIsTheTasksRepositoryAtTheConfiguredTag(Task task) {
    String image = Cfn.render(container(Deployment.defaults().compute, task).get("Image"));
    String custom = Cfn.render(container(Deployment.custom().compute, task).get("Image"));

    assertThat(image).contains("Registry" + task.constructId()).endsWith(":0.1.0");
    assertThat(custom).endsWith(":0123abc");
  }

  @Test
  void taskLogsGoToTheGroupTheDagReadsAndAreKeptAYear() {
    Deployment.defaults()
        .compute
        .hasResourceProperties(
            "AWS::Logs::LogGroup",
            Map.of("LogGroupName", "/delaywatch/tasks", "RetentionInDays", 365));
    Deployment.custom()
        .compute
        .hasResourceProperties(
            "AWS::Logs::LogGroup", Map.of("LogGroupName", "/dw-test/tasks", "RetentionInDays", 90));
  }

  @Test
  void loadGetsTheDatabaseUrlAndUserAsEnvironmentAndThePasswordFromSecretsManager() {
    Map<String, Object> load = container(Deployment.defaults().compute, Task.LOAD);

    String environment = Cfn.render(load.get("Environment"));
    assertThat(environment)
        .contains("{Name=PGUSER, Value=delaywatch}")
        .contains("DELAYWATCH_JDBC_URL")
        .contains("jdbc:postgresql://<import ExportsOutputFnGetAttDatabaseInstance")
        .contains("/delaywatch?sslmode=require")
        .doesNotContain("PGPASSWORD");
    assertThat(Cfn.render(load.get("Secrets")))
        .isEqualTo(
            "[{Name=PGPASSWORD, ValueFrom=<import ExportsOutputRefDatabaseInstanceSecretAttachmentFCA06D3827B468B8>:password::}]");
  }

  @ParameterizedTest
  @EnumSource(value = Task.class, names = "LOAD", mode = EnumSource.Mode.EXCLUDE)
  void noOtherTaskSeesTheDatabase(Task task) {
    Map<String, Object> container = container(Deployment.defaults().compute, task);

    assertThat(container).doesNotContainKey("Secrets");
    assertThat(Cfn.render(container.get("Environment"))).doesNotContain("JDBC", "PGUSER");
  }

  @ParameterizedTest
  @EnumSource(Task.class)
  void everyTaskKnowsTheWarehouseAndRegion(Task task) {
    String environment =
        Cfn.render(container(Deployment.defaults().compute, task).get("Environment"));

    assertThat(environment)
        .contains("{Name=DELAYWATCH_WAREHOUSE, Value=s3://<import ExportsOutputRefLakeWarehouse");
    assertThat(environment).contains("{Name=AWS_REGION, Value={AWS::Region}}");
  }

  @Test
  void sizesAreSettings() {
    Deployment.custom()
        .compute
        .hasResourceProperties(
            "AWS::ECS::TaskDefinition",
            Map.of("Family", "delaywatch-download", "Cpu", "2048", "Memory", "4096"));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> container(Template template, Task task) {
    Map<String, Object> definition =
        Cfn.resource(template, "AWS::ECS::TaskDefinition", "Tasks" + task.constructId());
    List<Object> containers = (List<Object>) Cfn.properties(definition).get("ContainerDefinitions");
    assertThat(containers).hasSize(1);
    return (Map<String, Object>) containers.get(0);
  }
}
