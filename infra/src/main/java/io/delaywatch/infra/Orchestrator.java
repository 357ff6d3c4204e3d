package io.delaywatch.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.ec2.ISecurityGroup;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.iam.CompositePrincipal;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.mwaa.CfnEnvironment;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.amazon.awscdk.services.s3.deployment.BucketDeployment;
import software.amazon.awscdk.services.s3.deployment.ISource;
import software.amazon.awscdk.services.s3.deployment.Source;
import software.constructs.Construct;
import software.constructs.IDependable;

/**
 * The MWAA environment that runs the DAG with the {@code ecs} runner, and its DAG bucket: DAG files
 * under {@code dags/} (synced by the release workflow), {@code requirements.txt} and the startup
 * script {@code startup/delaywatch.sh}, which this construct writes with the DAG's whole
 * configuration ({@code DELAYWATCH_RUNNER=ecs}, warehouse, cluster, subnets, security group, log
 * group, region), so the stack's outputs never have to be copied by hand.
 *
 * <p>The execution role holds MWAA's own required permissions and, for the DAG, exactly: run the
 * six task definition families on this cluster, describe and stop tasks of this cluster, pass
 * exactly the tasks' task and execution roles to ECS, and read the task log streams.
 */
public final class Orchestrator extends Construct {
  /** Key of the generated startup script in the DAG bucket. */
  public static final String STARTUP_SCRIPT = "startup/delaywatch.sh";

  private final Bucket dagBucket;
  private final Role executionRole;
  private final CfnEnvironment environment;

  /** Props of {@link Orchestrator}. */
  public record Props(
      String environmentName,
      Settings.AirflowSettings airflow,
      IVpc vpc,
      SubnetSelection subnets,
      ISecurityGroup securityGroup,
      TaskDefinitions taskDefinitions,
      Map<String, String> dagEnvironment,
      Path requirements,
      int noncurrentVersionDays,
      List<IDependable> networkReadiness) {
    public Props {
      Objects.requireNonNull(environmentName, "environmentName");
      Objects.requireNonNull(airflow, "airflow");
      Objects.requireNonNull(vpc, "vpc");
      Objects.requireNonNull(subnets, "subnets");
      Objects.requireNonNull(securityGroup, "securityGroup");
      Objects.requireNonNull(taskDefinitions, "taskDefinitions");
      dagEnvironment = Collections.unmodifiableMap(new LinkedHashMap<>(dagEnvironment));
      networkReadiness = List.copyOf(networkReadiness);
    }

    public static Builder builder() {
      return new Builder();
    }

    /** Builder of {@link Props}; vpc, subnets, securityGroup and taskDefinitions are required. */
    public static final class Builder {
      private String environmentName = "delaywatch";
      private Settings.AirflowSettings airflow =
          new Settings.AirflowSettings("2.10.3", "mw1.small", 2, "PRIVATE_ONLY", 2);
      private IVpc vpc;
      private SubnetSelection subnets;
      private ISecurityGroup securityGroup;
      private TaskDefinitions taskDefinitions;
      private Map<String, String> dagEnvironment = Map.of();
      private Path requirements;
      private int noncurrentVersionDays = 30;
      private List<IDependable> networkReadiness = List.of();

      public Builder environmentName(String environmentName) {
        this.environmentName = environmentName;
        return this;
      }

      public Builder airflow(Settings.AirflowSettings airflow) {
        this.airflow = airflow;
        return this;
      }

      public Builder vpc(IVpc vpc) {
        this.vpc = vpc;
        return this;
      }

      /** The private subnets; MWAA takes the first two (it needs exactly two, in two zones). */
      public Builder subnets(SubnetSelection subnets) {
        this.subnets = subnets;
        return this;
      }

      public Builder securityGroup(ISecurityGroup securityGroup) {
        this.securityGroup = securityGroup;
        return this;
      }

      public Builder taskDefinitions(TaskDefinitions taskDefinitions) {
        this.taskDefinitions = taskDefinitions;
        return this;
      }

      /** Environment variables exported by the startup script (the DAG's configuration). */
      public Builder dagEnvironment(Map<String, String> dagEnvironment) {
        this.dagEnvironment = dagEnvironment;
        return this;
      }

      /**
       * The DAG's requirements file, installed by MWAA with pip; null when the environment cannot
       * reach PyPI (isolated subnets): MWAA's preinstalled Amazon provider is all the ecs runner
       * needs.
       */
      public Builder requirements(Path requirements) {
        this.requirements = requirements;
        return this;
      }

      public Builder noncurrentVersionDays(int days) {
        this.noncurrentVersionDays = days;
        return this;
      }

      /** What must exist before MWAA starts (the interface endpoints of isolated subnets). */
      public Builder networkReadiness(List<IDependable> networkReadiness) {
        this.networkReadiness = networkReadiness;
        return this;
      }

      public Props build() {
        return new Props(
            environmentName,
            airflow,
            vpc,
            subnets,
            securityGroup,
            taskDefinitions,
            dagEnvironment,
            requirements,
            noncurrentVersionDays,
            networkReadiness);
      }
    }
  }

  public Orchestrator(Construct scope, String id, Props props) {
    super(scope, id);
    dagBucket =
        Bucket.Builder.create(this, "DagBucket")
            .encryption(BucketEncryption.S3_MANAGED)
            .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
            .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
            .enforceSsl(true)
            .minimumTlsVersion(1.2)
            // MWAA requires a versioned bucket (requirements and plugins are referenced by
            // version).
            .versioned(true)
            // A copy of git and of this stack's values: it goes with the stack (deleting the
            // compute stack between yearly runs must leave nothing behind to clash on redeploy).
            .removalPolicy(RemovalPolicy.DESTROY)
            .autoDeleteObjects(true)
            .lifecycleRules(
                List.of(
                    LifecycleRule.builder()
                        .id("expire-old-versions")
                        .noncurrentVersionExpiration(Duration.days(props.noncurrentVersionDays()))
                        .expiredObjectDeleteMarker(true)
                        .abortIncompleteMultipartUploadAfter(Duration.days(7))
                        .build()))
            .build();
    Checkov.skip(
        dagBucket,
        "CKV_AWS_18",
        "Holds only the DAG code, written by the release workflow from git; server access logs would record MWAA's constant polling and nothing the git history does not.");

    List<ISource> files = new ArrayList<>();
    files.add(Source.data(STARTUP_SCRIPT, startupScript(props.dagEnvironment())));
    if (props.requirements() != null) {
      files.add(Source.data("requirements.txt", read(props.requirements())));
    }
    BucketDeployment seed =
        BucketDeployment.Builder.create(this, "Seed")
            .destinationBucket(dagBucket)
            .sources(files)
            // Only these keys: dags/ belongs to the release workflow's sync.
            .prune(false)
            .retainOnDelete(true)
            .memoryLimit(256)
            .build();

    executionRole =
        Role.Builder.create(this, "ExecutionRole")
            .assumedBy(
                new CompositePrincipal(
                    new ServicePrincipal("airflow.amazonaws.com"),
                    new ServicePrincipal("airflow-env.amazonaws.com")))
            .description(
                "MWAA "
                    + props.environmentName()
                    + ": Airflow itself, and running the DelayWatch tasks")
            .build();
    dagBucket.grantRead(executionRole);
    mwaaPermissions(props.environmentName());
    runTaskPermissions(props.taskDefinitions());

    List<String> subnetIds = props.vpc().selectSubnets(props.subnets()).getSubnetIds();
    CfnEnvironment.Builder builder =
        CfnEnvironment.Builder.create(this, "Environment")
            .name(props.environmentName())
            .airflowVersion(props.airflow().version())
            .environmentClass(props.airflow().environmentClass())
            .minWorkers(1)
            .maxWorkers(props.airflow().maxWorkers())
            .executionRoleArn(executionRole.getRoleArn())
            .sourceBucketArn(dagBucket.getBucketArn())
            .dagS3Path("dags")
            .startupScriptS3Path(STARTUP_SCRIPT)
            .webserverAccessMode(props.airflow().webserverAccessMode())
            .networkConfiguration(
                CfnEnvironment.NetworkConfigurationProperty.builder()
                    .subnetIds(subnetIds.subList(0, 2))
                    .securityGroupIds(List.of(props.securityGroup().getSecurityGroupId()))
                    .build())
            .airflowConfigurationOptions(Map.of("core.load_examples", "False"))
            .loggingConfiguration(
                CfnEnvironment.LoggingConfigurationProperty.builder()
                    // Task logs at INFO (each step's progress); the chatty components at WARNING.
                    .taskLogs(logs("INFO"))
                    .workerLogs(logs("WARNING"))
                    .schedulerLogs(logs("WARNING"))
                    .dagProcessingLogs(logs("WARNING"))
                    .webserverLogs(logs("WARNING"))
                    .build());
    if (props.requirements() != null) {
      builder.requirementsS3Path("requirements.txt");
    }
    environment = builder.build();
    environment.getNode().addDependency(seed);
    // The role's policy (not only the role) must exist before MWAA validates its permissions.
    environment.getNode().addDependency(executionRole.getNode().findChild("DefaultPolicy"));
    props.networkReadiness().forEach(dependency -> environment.getNode().addDependency(dependency));
  }

  /** MWAA's own needs, as its execution-role documentation lists them. */
  private void mwaaPermissions(String environmentName) {
    Stack stack = Stack.of(this);
    executionRole.addToPrincipalPolicy(
        PolicyStatement.Builder.create()
            .sid("PublishEnvironmentMetrics")
            .actions(List.of("airflow:PublishMetrics"))
            .resources(
                List.of(
                    stack.formatArn(
                        ArnComponents.builder()
                            .service("airflow")
                            .resource("environment")
                            .resourceName(environmentName)
                            .arnFormat(ArnFormat.SLASH_RESOURCE_NAME)
                            .build())))
            .build());
    // Airflow's own log groups (airflow-<env>-Task, -Scheduler, ...), created by MWAA.
    executionRole.addToPrincipalPolicy(
        PolicyStatement.Builder.create()
            .sid("WriteAirflowLogs")
            .actions(
                List.of(
                    "logs:CreateLogStream",
                    "logs:CreateLogGroup",
                    "logs:PutLogEvents",
                    "logs:GetLogEvents",
                    "logs:GetLogRecord",
                    "logs:GetLogGroupFields",
                    "logs:GetQueryResults"))
            .resources(
                List.of(
                    stack.formatArn(
                        ArnComponents.builder()
                            .service("logs")
                            .resource("log-group")
                            .resourceName("airflow-" + environmentName + "-*")
                            .arnFormat(ArnFormat.COLON_RESOURCE_NAME)
                            .build())))
            .build());
    // These three actions support no resource-level permissions: "*" is the only valid resource.
    executionRole.addToPrincipalPolicy(
        PolicyStatement.Builder.create()
            .sid("AccountLevelReads")
            .actions(
                List.of(
                    "logs:DescribeLogGroups",
                    "s3:GetAccountPublicAccessBlock",
                    "cloudwatch:PutMetricData"))
            .resources(List.of("*"))
            .build());
    // Celery's queue lives in an MWAA service account: the account part must stay open.
    executionRole.addToPrincipalPolicy(
        PolicyStatement.Builder.create()
            .sid("CeleryQueue")
            .actions(
                List.of(
                    "sqs:ChangeMessageVisibility",
                    "sqs:DeleteMessage",
                    "sqs:GetQueueAttributes",
                    "sqs:GetQueueUrl",
                    "sqs:ReceiveMessage",
                    "sqs:SendMessage"))
            .resources(
                List.of("arn:" + Aws.PARTITION + ":sqs:" + Aws.REGION + ":*:airflow-celery-*"))
            .build());
    // The Celery queue is encrypted with an AWS-owned key: allowed only through SQS, and never
    // for a key of this account.
    executionRole.addToPrincipalPolicy(
        PolicyStatement.Builder.create()
            .sid("CeleryQueueEncryption")
            .actions(
                List.of("kms:Decrypt", "kms:DescribeKey", "kms:GenerateDataKey", "kms:Encrypt"))
            .notResources(List.of("arn:" + Aws.PARTITION + ":kms:*:" + Aws.ACCOUNT_ID + ":key/*"))
            .conditions(
                Map.of(
                    "StringLike",
                    Map.of("kms:ViaService", List.of("sqs." + Aws.REGION + ".amazonaws.com"))))
            .build());
  }

  /** What the DAG's EcsRunTaskOperator does, on exactly DelayWatch's cluster and families. */
  private void runTaskPermissions(TaskDefinitions tasks) {
    Stack stack = Stack.of(this);
    String clusterArn = tasks.cluster().getClusterArn();
    Map<String, Object> onThisCluster = Map.of("ArnEquals", Map.of("ecs:cluster", clusterArn));
    List<String> families = new ArrayList<>();
    for (Task task : Task.values()) {
      families.add(
          stack.formatArn(
              ArnComponents.builder()
                  .service("ecs")
                  .resource("task-definition")
                  // Any revision of the family: the DAG names the family, ECS runs its latest.
                  .resourceName(task.family() + ":*")
                  .arnFormat(ArnFormat.SLASH_RESOURCE_NAME)
                  .build()));
    }
    executionRole.addToPrincipalPolicy(
        PolicyStatement.Builder.create()
            .sid("RunDelayWatchTasks")
            .actions(List.of("ecs:RunTask"))
            .resources(families)
            .conditions(onThisCluster)
            .build());
    String clusterTasks =
        stack.formatArn(
            ArnComponents.builder()
                .service("ecs")
                .resource("task")
                .resourceName(tasks.cluster().getClusterName() + "/*")
                .arnFormat(ArnFormat.SLASH_RESOURCE_NAME)
                .build());
    executionRole.addToPrincipalPolicy(
        PolicyStatement.Builder.create()
            .sid("WatchAndStopDelayWatchTasks")
            .actions(List.of("ecs:DescribeTasks", "ecs:StopTask"))
            .resources(List.of(clusterTasks))
            .conditions(onThisCluster)
            .build());
    // propagate_tags=TASK_DEFINITION tags each task as it starts: ECS authorizes that as
    // ecs:TagResource on the new task, during RunTask only.
    executionRole.addToPrincipalPolicy(
        PolicyStatement.Builder.create()
            .sid("TagTasksAtLaunch")
            .actions(List.of("ecs:TagResource"))
            .resources(List.of(clusterTasks))
            .conditions(Map.of("StringEquals", Map.of("ecs:CreateAction", "RunTask")))
            .build());
    // reattach=True lists the cluster's running tasks started by the task instance. ListTasks is
    // authorized on container instances, of which Fargate has none: "*" narrowed to the cluster.
    executionRole.addToPrincipalPolicy(
        PolicyStatement.Builder.create()
            .sid("FindRunningDelayWatchTasks")
            .actions(List.of("ecs:ListTasks"))
            .resources(List.of("*"))
            .conditions(onThisCluster)
            .build());
    List<String> roleArns = tasks.roles().stream().map(IRole::getRoleArn).toList();
    // RunTask hands the task and execution roles to ECS: exactly those, and only to ECS tasks.
    executionRole.addToPrincipalPolicy(
        PolicyStatement.Builder.create()
            .sid("PassDelayWatchTaskRoles")
            .actions(List.of("iam:PassRole"))
            .resources(roleArns)
            .conditions(
                Map.of("StringEquals", Map.of("iam:PassedToService", "ecs-tasks.amazonaws.com")))
            .build());
    // The operator follows the task's log stream and returns its last line (the manifest) as XCom.
    executionRole.addToPrincipalPolicy(
        PolicyStatement.Builder.create()
            .sid("ReadDelayWatchTaskLogs")
            .actions(List.of("logs:GetLogEvents"))
            .resources(
                List.of(
                    stack.formatArn(
                        ArnComponents.builder()
                            .service("logs")
                            .resource("log-group")
                            .resourceName(
                                tasks.logGroup().getLogGroupName()
                                    + ":log-stream:"
                                    + TaskDefinitions.STREAM_PREFIX
                                    + "/*")
                            .arnFormat(ArnFormat.COLON_RESOURCE_NAME)
                            .build())))
            .build());
  }

  private static CfnEnvironment.ModuleLoggingConfigurationProperty logs(String level) {
    return CfnEnvironment.ModuleLoggingConfigurationProperty.builder()
        .enabled(true)
        .logLevel(level)
        .build();
  }

  /** A POSIX shell script exporting the DAG's configuration (MWAA sources it at startup). */
  static String startupScript(Map<String, String> variables) {
    StringBuilder script =
        new StringBuilder(
            "#!/bin/sh\n"
                + "# Written by the DelayWatch CDK app (infra/, Orchestrator): the DAG's configuration.\n"
                + "# Redeploy the stacks to change it; edits here are overwritten.\n");
    variables.forEach(
        (name, value) ->
            script.append("export ").append(name).append("='").append(value).append("'\n"));
    return script.toString();
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read the DAG requirements "
              + file.toAbsolutePath()
              + " (context dagsDir): "
              + e.getMessage(),
          e);
    }
  }

  public Bucket dagBucket() {
    return dagBucket;
  }

  public CfnEnvironment environment() {
    return environment;
  }
}
