package io.delaywatch.infra;

import java.util.List;
import java.util.Objects;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Resource;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.InstanceType;
import software.amazon.awscdk.services.ec2.Peer;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.rds.Credentials;
import software.amazon.awscdk.services.rds.DatabaseInstance;
import software.amazon.awscdk.services.rds.DatabaseInstanceEngine;
import software.amazon.awscdk.services.rds.PostgresEngineVersion;
import software.amazon.awscdk.services.rds.PostgresInstanceEngineProps;
import software.amazon.awscdk.services.rds.StorageType;
import software.amazon.awscdk.services.secretsmanager.ISecret;
import software.constructs.Construct;

/**
 * RDS PostgreSQL 16 (16.13; minor versions upgrade automatically) holding {@code
 * airport_daily_summary}: in the private subnets, never publicly accessible, storage encrypted, TLS
 * required (PostgreSQL 15+ on RDS defaults to {@code rds.force_ssl=1}), credentials generated into
 * Secrets Manager. Its security group admits PostgreSQL from the tasks' security group (and from
 * optional client groups, e.g. a dashboard running in the VPC) and nothing else. Deleting the stack
 * leaves a final snapshot and the secret with its password.
 */
public final class Database extends Construct {
  /** The database and its owner: the load task's {@code PGUSER}. */
  public static final String NAME = "delaywatch";

  private final DatabaseInstance instance;
  private final SecurityGroup securityGroup;

  /** Props of {@link Database}. */
  public record Props(
      IVpc vpc,
      SubnetSelection subnets,
      SecurityGroup tasksSecurityGroup,
      String instanceIdentifier,
      Settings.DatabaseSettings settings,
      RetentionDays logRetention) {
    public Props {
      Objects.requireNonNull(vpc, "vpc");
      Objects.requireNonNull(subnets, "subnets");
      Objects.requireNonNull(tasksSecurityGroup, "tasksSecurityGroup");
      Objects.requireNonNull(instanceIdentifier, "instanceIdentifier");
      Objects.requireNonNull(settings, "settings");
      Objects.requireNonNull(logRetention, "logRetention");
    }

    public static Builder builder() {
      return new Builder();
    }

    /** Builder of {@link Props}; vpc, subnets and tasksSecurityGroup are required. */
    public static final class Builder {
      private IVpc vpc;
      private SubnetSelection subnets;
      private SecurityGroup tasksSecurityGroup;
      private String instanceIdentifier = "delaywatch";
      private Settings.DatabaseSettings settings =
          new Settings.DatabaseSettings("t4g.micro", 20, 100, false, 7, true, List.of());
      private RetentionDays logRetention = RetentionDays.ONE_YEAR;

      public Builder vpc(IVpc vpc) {
        this.vpc = vpc;
        return this;
      }

      public Builder subnets(SubnetSelection subnets) {
        this.subnets = subnets;
        return this;
      }

      /** The group whose members (the Fargate tasks) may connect. */
      public Builder tasksSecurityGroup(SecurityGroup tasksSecurityGroup) {
        this.tasksSecurityGroup = tasksSecurityGroup;
        return this;
      }

      /** The RDS instance identifier (also names its log group). */
      public Builder instanceIdentifier(String instanceIdentifier) {
        this.instanceIdentifier = instanceIdentifier;
        return this;
      }

      public Builder settings(Settings.DatabaseSettings settings) {
        this.settings = settings;
        return this;
      }

      public Builder logRetention(RetentionDays logRetention) {
        this.logRetention = logRetention;
        return this;
      }

      public Props build() {
        return new Props(
            vpc, subnets, tasksSecurityGroup, instanceIdentifier, settings, logRetention);
      }
    }
  }

  public Database(Construct scope, String id, Props props) {
    super(scope, id);
    Settings.DatabaseSettings db = props.settings();
    securityGroup =
        SecurityGroup.Builder.create(this, "SecurityGroup")
            .vpc(props.vpc())
            .description("DelayWatch PostgreSQL: only the tasks (and named clients) may connect")
            .allowAllOutbound(false)
            .build();
    securityGroup.addIngressRule(
        props.tasksSecurityGroup(), Port.tcp(Network.POSTGRES_PORT), "DelayWatch tasks (load)");
    for (String client : db.clientSecurityGroupIds()) {
      securityGroup.addIngressRule(
          Peer.securityGroupId(client),
          Port.tcp(Network.POSTGRES_PORT),
          "database client " + client);
    }

    // Created here rather than by RDS so that it has a retention (RDS would keep logs forever).
    LogGroup logs =
        LogGroup.Builder.create(this, "Logs")
            .logGroupName("/aws/rds/instance/" + props.instanceIdentifier() + "/postgresql")
            .retention(props.logRetention())
            .removalPolicy(RemovalPolicy.DESTROY)
            .build();
    Checkov.skip(
        logs,
        "CKV_AWS_158",
        "PostgreSQL's server log (errors, connections), never row data or passwords; CloudWatch Logs encrypts it at rest by default.");

    instance =
        DatabaseInstance.Builder.create(this, "Instance")
            .instanceIdentifier(props.instanceIdentifier())
            .engine(
                DatabaseInstanceEngine.postgres(
                    PostgresInstanceEngineProps.builder()
                        .version(PostgresEngineVersion.VER_16_13)
                        .build()))
            .instanceType(new InstanceType(db.instanceType()))
            .vpc(props.vpc())
            .vpcSubnets(props.subnets())
            .securityGroups(List.of(securityGroup))
            .publiclyAccessible(false)
            .credentials(Credentials.fromGeneratedSecret(NAME))
            .databaseName(NAME)
            .port(Network.POSTGRES_PORT)
            .storageType(StorageType.GP3)
            .allocatedStorage(db.storageGiB())
            .maxAllocatedStorage(db.maxStorageGiB())
            .storageEncrypted(true)
            .multiAz(db.multiAz())
            .autoMinorVersionUpgrade(true)
            .backupRetention(Duration.days(db.backupDays()))
            .copyTagsToSnapshot(true)
            .deletionProtection(db.deletionProtection())
            .cloudwatchLogsExports(List.of("postgresql"))
            .removalPolicy(RemovalPolicy.SNAPSHOT)
            .build();
    instance.getNode().addDependency(logs);
    // The final snapshot keeps the old password: keep the secret that holds it too.
    ((Resource) instance.getNode().findChild("Secret")).applyRemovalPolicy(RemovalPolicy.RETAIN);
    Checkov.skip(
        instance,
        "CKV_AWS_157",
        "Single-AZ by default: the database serves a yearly batch and a dashboard, and a standby doubles the instance cost. -c dbMultiAz=true turns it on.");
    Checkov.skip(
        instance,
        "CKV_AWS_161",
        "The task contract authenticates load with a password that ECS injects from Secrets Manager (PGPASSWORD); IAM tokens expire in 15 minutes and would need code in load and in every dashboard.");
    Checkov.skip(
        instance,
        "CKV_AWS_118",
        "Enhanced monitoring streams OS metrics every minute into billed CloudWatch Logs for a database busy a few seconds a year; the standard RDS metrics remain.");
    Checkov.skip(
        instance.getNode().findChild("Secret"),
        "CKV_AWS_149",
        "Encrypted with the AWS-managed key aws/secretsmanager. Who may read it is decided by IAM (only load's execution role); a customer key would add cost and grants, not a narrower audience.");
  }

  public DatabaseInstance instance() {
    return instance;
  }

  /** The generated credentials ({@code username}, {@code password}, host, port, dbname). */
  public ISecret secret() {
    return Objects.requireNonNull(instance.getSecret(), "generated secret");
  }

  /** {@code jdbc:postgresql://<endpoint>:5432/delaywatch?sslmode=require}: the load task's URL. */
  public String jdbcUrl() {
    return "jdbc:postgresql://"
        + instance.getDbInstanceEndpointAddress()
        + ":"
        + instance.getDbInstanceEndpointPort()
        + "/"
        + NAME
        + "?sslmode=require";
  }

  public SecurityGroup securityGroup() {
    return securityGroup;
  }
}
