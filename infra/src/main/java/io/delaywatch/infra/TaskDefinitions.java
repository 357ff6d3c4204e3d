package io.delaywatch.infra;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ecs.AwsLogDriverProps;
import software.amazon.awscdk.services.ecs.Cluster;
import software.amazon.awscdk.services.ecs.ContainerDefinitionOptions;
import software.amazon.awscdk.services.ecs.ContainerImage;
import software.amazon.awscdk.services.ecs.ContainerInsights;
import software.amazon.awscdk.services.ecs.CpuArchitecture;
import software.amazon.awscdk.services.ecs.FargateTaskDefinition;
import software.amazon.awscdk.services.ecs.LogDriver;
import software.amazon.awscdk.services.ecs.OperatingSystemFamily;
import software.amazon.awscdk.services.ecs.RuntimePlatform;
import software.amazon.awscdk.services.ecs.Secret;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.secretsmanager.ISecret;
import software.constructs.Construct;

/**
 * The ECS cluster and one Fargate task definition per task, as the DAG's {@code ecs} runner expects
 * them: family {@code delaywatch-<task>}, one container named {@code <task>} running the task's
 * image, logs to the {@code awslogs} group {@code /<name>/tasks} with stream prefix {@code
 * delaywatch}. The DAG overrides only the container's command (the task's options).
 *
 * <p>Each task has its own task role, allowed exactly the lake prefixes of {@link Task}; each has
 * its own execution role (image pull and logs; for load also the database password, which ECS
 * injects as {@code PGPASSWORD} from Secrets Manager: never in the task definition, a command line
 * or a log).
 */
public final class TaskDefinitions extends Construct {
  /** The awslogs stream prefix: streams are {@code delaywatch/<task>/<ecs-task-id>}. */
  public static final String STREAM_PREFIX = "delaywatch";

  private final Cluster cluster;
  private final LogGroup logGroup;
  private final Map<Task, FargateTaskDefinition> definitions = new EnumMap<>(Task.class);

  /** The load task's database connection. */
  public record DatabaseConnection(String jdbcUrl, String user, ISecret secret) {
    public DatabaseConnection {
      Objects.requireNonNull(jdbcUrl, "jdbcUrl");
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(secret, "secret");
    }
  }

  /** Props of {@link TaskDefinitions}. */
  public record Props(
      IVpc vpc,
      String clusterName,
      String logGroupName,
      RetentionDays logRetention,
      IBucket warehouse,
      Registry registry,
      String imageTag,
      Map<Task, Settings.TaskSize> sizes,
      DatabaseConnection database) {
    public Props {
      Objects.requireNonNull(vpc, "vpc");
      Objects.requireNonNull(warehouse, "warehouse");
      Objects.requireNonNull(registry, "registry");
      Objects.requireNonNull(imageTag, "imageTag");
      Objects.requireNonNull(database, "database");
      sizes = Map.copyOf(sizes);
    }

    public static Builder builder() {
      return new Builder();
    }

    /** Builder of {@link Props}; vpc, warehouse, registry, imageTag and database are required. */
    public static final class Builder {
      private IVpc vpc;
      private String clusterName = "delaywatch";
      private String logGroupName = "/delaywatch/tasks";
      private RetentionDays logRetention = RetentionDays.ONE_YEAR;
      private IBucket warehouse;
      private Registry registry;
      private String imageTag;
      private Map<Task, Settings.TaskSize> sizes = defaultSizes();
      private DatabaseConnection database;

      public Builder vpc(IVpc vpc) {
        this.vpc = vpc;
        return this;
      }

      public Builder clusterName(String clusterName) {
        this.clusterName = clusterName;
        return this;
      }

      public Builder logGroupName(String logGroupName) {
        this.logGroupName = logGroupName;
        return this;
      }

      public Builder logRetention(RetentionDays logRetention) {
        this.logRetention = logRetention;
        return this;
      }

      public Builder warehouse(IBucket warehouse) {
        this.warehouse = warehouse;
        return this;
      }

      public Builder registry(Registry registry) {
        this.registry = registry;
        return this;
      }

      /** The image tag every task definition runs (the release passes the git SHA). */
      public Builder imageTag(String imageTag) {
        this.imageTag = imageTag;
        return this;
      }

      public Builder sizes(Map<Task, Settings.TaskSize> sizes) {
        this.sizes = sizes;
        return this;
      }

      public Builder database(DatabaseConnection database) {
        this.database = database;
        return this;
      }

      public Props build() {
        return new Props(
            vpc,
            clusterName,
            logGroupName,
            logRetention,
            warehouse,
            registry,
            imageTag,
            sizes,
            database);
      }

      private static Map<Task, Settings.TaskSize> defaultSizes() {
        Map<Task, Settings.TaskSize> sizes = new EnumMap<>(Task.class);
        for (Task task : Task.values()) {
          sizes.put(task, new Settings.TaskSize(task.defaultCpu(), task.defaultMemoryMiB()));
        }
        return sizes;
      }
    }
  }

  public TaskDefinitions(Construct scope, String id, Props props) {
    super(scope, id);
    cluster =
        Cluster.Builder.create(this, "Cluster")
            .clusterName(props.clusterName())
            .vpc(props.vpc())
            .containerInsightsV2(ContainerInsights.DISABLED)
            .build();
    Checkov.skip(
        cluster,
        "CKV_AWS_65",
        "Tasks run a few minutes a year; each run's figures are in its manifest and log. Container Insights would bill metrics for an idle cluster.");
    logGroup =
        LogGroup.Builder.create(this, "Logs")
            .logGroupName(props.logGroupName())
            .retention(props.logRetention())
            // Named as the DAG expects it: a retained group would block redeploying the stack.
            .removalPolicy(RemovalPolicy.DESTROY)
            .build();
    Checkov.skip(
        logGroup,
        "CKV_AWS_158",
        "Task logs hold progress and counts, never credentials (the password is injected, not logged); CloudWatch's default encryption at rest suffices without a KMS key's cost.");

    for (Task task : Task.values()) {
      definitions.put(task, define(task, props));
    }
  }

  private FargateTaskDefinition define(Task task, Props props) {
    Role taskRole =
        Role.Builder.create(this, task.constructId() + "Role")
            .assumedBy(new ServicePrincipal("ecs-tasks.amazonaws.com"))
            .description("DelayWatch " + task.id() + ": its own lake prefixes only")
            .build();
    grantLakeAccess(task, taskRole, props.warehouse());

    Settings.TaskSize size = props.sizes().get(task);
    FargateTaskDefinition definition =
        FargateTaskDefinition.Builder.create(this, task.constructId())
            .family(task.family())
            .cpu(size.cpu())
            .memoryLimitMiB(size.memoryMiB())
            .runtimePlatform(
                RuntimePlatform.builder()
                    .operatingSystemFamily(OperatingSystemFamily.LINUX)
                    // Jib builds linux/amd64 images (tasks/pom.xml sets no other platform).
                    .cpuArchitecture(CpuArchitecture.X86_64)
                    .build())
            .taskRole(taskRole)
            .build();

    Map<String, String> environment = new LinkedHashMap<>();
    environment.put("DELAYWATCH_WAREHOUSE", "s3://" + props.warehouse().getBucketName());
    environment.put("AWS_REGION", Aws.REGION);
    Map<String, Secret> secrets = new LinkedHashMap<>();
    if (task == Task.LOAD) {
      environment.put("DELAYWATCH_JDBC_URL", props.database().jdbcUrl());
      environment.put("PGUSER", props.database().user());
      secrets.put("PGPASSWORD", Secret.fromSecretsManager(props.database().secret(), "password"));
    }
    definition.addContainer(
        task.id(),
        ContainerDefinitionOptions.builder()
            .containerName(task.id())
            .image(
                ContainerImage.fromEcrRepository(
                    props.registry().repository(task), props.imageTag()))
            .essential(true)
            .environment(environment)
            .secrets(secrets)
            .logging(
                LogDriver.awsLogs(
                    AwsLogDriverProps.builder()
                        .logGroup(logGroup)
                        .streamPrefix(STREAM_PREFIX)
                        .build()))
            .build());
    Checkov.skip(
        definition,
        "CKV_AWS_336",
        "The image runs as uid 10001 and writes its temporary files to /tmp; a Fargate bind volume there would be root-owned (0755) and unwritable for that user.");
    return definition;
  }

  /**
   * The task's lake access, hand-written rather than {@code grantRead}/{@code grantPut}, which add
   * wildcard actions ({@code s3:GetObject*}, {@code s3:List*}, {@code s3:Abort*}): s3:ListBucket on
   * the bucket (key names only; see {@link Task}), s3:GetObject on the prefixes the task reads,
   * s3:PutObject and s3:AbortMultipartUpload (large files go up in parts) on the prefixes it writes
   * and on its own manifests. No task may delete anything: reruns overwrite the same keys.
   */
  private static void grantLakeAccess(Task task, IRole role, IBucket warehouse) {
    role.addToPrincipalPolicy(
        PolicyStatement.Builder.create()
            .sid("ListKeys")
            .actions(List.of("s3:ListBucket"))
            .resources(List.of(warehouse.getBucketArn()))
            .build());
    if (!task.reads().isEmpty()) {
      role.addToPrincipalPolicy(
          PolicyStatement.Builder.create()
              .sid("ReadInputs")
              .actions(List.of("s3:GetObject"))
              .resources(
                  task.reads().stream()
                      .map(prefix -> warehouse.arnForObjects(prefix + "*"))
                      .toList())
              .build());
    }
    List<String> writes = new ArrayList<>();
    task.writes().forEach(prefix -> writes.add(warehouse.arnForObjects(prefix + "*")));
    writes.add(warehouse.arnForObjects(task.manifests()));
    role.addToPrincipalPolicy(
        PolicyStatement.Builder.create()
            .sid("WriteOutputsAndManifest")
            .actions(List.of("s3:PutObject", "s3:AbortMultipartUpload"))
            .resources(writes)
            .build());
  }

  public Cluster cluster() {
    return cluster;
  }

  public LogGroup logGroup() {
    return logGroup;
  }

  /** Every task and execution role: what Airflow must be allowed to pass to ECS. */
  public List<IRole> roles() {
    List<IRole> roles = new ArrayList<>();
    for (FargateTaskDefinition definition : definitions.values()) {
      roles.add(definition.getTaskRole());
      roles.add(Objects.requireNonNull(definition.getExecutionRole(), "execution role"));
    }
    return roles;
  }
}
