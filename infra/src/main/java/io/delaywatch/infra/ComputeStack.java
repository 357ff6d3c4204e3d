package io.delaywatch.infra;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.constructs.Construct;
import software.constructs.IDependable;

/**
 * What runs: the ECS cluster and task definitions, MWAA, and (with isolated subnets) the interface
 * endpoints. Stateless apart from the DAG bucket's copy of git: it can be deleted between yearly
 * runs (MWAA is most of the idle cost) and deployed again without losing any data.
 */
public final class ComputeStack extends Stack {
  private final TaskDefinitions taskDefinitions;
  private final Orchestrator orchestrator;
  private final ServiceEndpoints endpoints;

  public ComputeStack(
      Construct scope,
      String id,
      StackProps props,
      Settings settings,
      Network network,
      DataStack data,
      Database database) {
    super(scope, id, props);
    endpoints =
        network.egress() == Settings.Egress.ENDPOINTS
            ? new ServiceEndpoints(
                this,
                "Endpoints",
                ServiceEndpoints.Props.builder()
                    .vpc(network.vpc())
                    .subnets(network.privateSubnets())
                    .build())
            : null;

    taskDefinitions =
        new TaskDefinitions(
            this,
            "Tasks",
            TaskDefinitions.Props.builder()
                .vpc(network.vpc())
                .clusterName(settings.name())
                .logGroupName(settings.taskLogGroup())
                .logRetention(settings.logRetention())
                .warehouse(data.lake().warehouse())
                .registry(data.registry())
                .imageTag(settings.imageTag())
                .sizes(settings.taskSizes())
                .database(
                    new TaskDefinitions.DatabaseConnection(
                        database.jdbcUrl(), Database.NAME, database.secret()))
                .build());

    String subnets =
        String.join(",", network.vpc().selectSubnets(network.privateSubnets()).getSubnetIds());
    String securityGroup = network.tasksSecurityGroup().getSecurityGroupId();
    // The DAG's configuration (README, Airflow: Configuration), exported by MWAA's startup script.
    Map<String, String> dag = new LinkedHashMap<>();
    dag.put("DELAYWATCH_RUNNER", "ecs");
    dag.put("DELAYWATCH_WAREHOUSE", data.lake().warehouseUri());
    dag.put("DELAYWATCH_MAX_ACTIVE_RUNS", Integer.toString(settings.airflow().maxActiveRuns()));
    dag.put("DELAYWATCH_ECS_CLUSTER", taskDefinitions.cluster().getClusterName());
    dag.put("DELAYWATCH_ECS_SUBNETS", subnets);
    dag.put("DELAYWATCH_ECS_SECURITY_GROUPS", securityGroup);
    dag.put("DELAYWATCH_ECS_ASSIGN_PUBLIC_IP", "DISABLED");
    dag.put("DELAYWATCH_ECS_LOG_GROUP", taskDefinitions.logGroup().getLogGroupName());
    dag.put("DELAYWATCH_ECS_LOG_STREAM_PREFIX", TaskDefinitions.STREAM_PREFIX);
    dag.put("DELAYWATCH_AWS_REGION", Aws.REGION);

    orchestrator =
        new Orchestrator(
            this,
            "Orchestrator",
            Orchestrator.Props.builder()
                .environmentName(settings.name())
                .airflow(settings.airflow())
                .vpc(network.vpc())
                .subnets(network.privateSubnets())
                .securityGroup(network.airflowSecurityGroup())
                .taskDefinitions(taskDefinitions)
                .dagEnvironment(dag)
                // Isolated subnets cannot reach PyPI; MWAA's own Amazon provider runs the DAG.
                .requirements(
                    network.egress() == Settings.Egress.NAT
                        ? settings.dagsDir().resolve("requirements.txt")
                        : null)
                .noncurrentVersionDays(settings.noncurrentVersionDays())
                .networkReadiness(
                    endpoints == null ? List.of() : List.<IDependable>copyOf(endpoints.endpoints()))
                .build());

    output("EcsCluster", taskDefinitions.cluster().getClusterName(), "DELAYWATCH_ECS_CLUSTER");
    output("EcsSubnets", subnets, "DELAYWATCH_ECS_SUBNETS");
    output("EcsSecurityGroups", securityGroup, "DELAYWATCH_ECS_SECURITY_GROUPS");
    output("EcsLogGroup", taskDefinitions.logGroup().getLogGroupName(), "DELAYWATCH_ECS_LOG_GROUP");
    output("EcsLogStreamPrefix", TaskDefinitions.STREAM_PREFIX, "DELAYWATCH_ECS_LOG_STREAM_PREFIX");
    output("Warehouse", data.lake().warehouseUri(), "DELAYWATCH_WAREHOUSE");
    output("JdbcUrl", database.jdbcUrl(), "DELAYWATCH_JDBC_URL of the load task");
    output(
        "DagBucket",
        orchestrator.dagBucket().getBucketName(),
        "MWAA bucket: dags/, requirements.txt, startup script");
    output(
        "StartupScript",
        "s3://" + orchestrator.dagBucket().getBucketName() + "/" + Orchestrator.STARTUP_SCRIPT,
        "The DAG configuration above, as MWAA's startup script");
    output("AirflowEnvironment", orchestrator.environment().getName(), "MWAA environment name");
    output(
        "AirflowWebserver",
        "https://" + orchestrator.environment().getAttrWebserverUrl(),
        "Airflow UI");
    // The outputs above repeat values of the other stacks on purpose: this stack's outputs are
    // the DAG's whole configuration in one place (cfn-lint W6001 flags outputs of imports).
    getTemplateOptions()
        .setMetadata(
            Map.of("cfn-lint", Map.of("config", Map.of("ignore_checks", List.of("W6001")))));
    Checkov.skipCdkHandlers(this);
  }

  private void output(String id, String value, String description) {
    CfnOutput.Builder.create(this, id).value(value).description(description).build();
  }

  public TaskDefinitions taskDefinitions() {
    return taskDefinitions;
  }

  /** The interface endpoints, or null with a NAT gateway. */
  public ServiceEndpoints endpoints() {
    return endpoints;
  }
}
