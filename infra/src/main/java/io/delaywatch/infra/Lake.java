package io.delaywatch.infra;

import java.util.List;
import java.util.Locale;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.Filter;
import software.amazon.awscdk.services.s3.GrantReplicationPermissionDestinationProps;
import software.amazon.awscdk.services.s3.GrantReplicationPermissionProps;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.amazon.awscdk.services.s3.ReplicationRule;
import software.constructs.Construct;

/**
 * The data lake's buckets, all private, SSE-S3 encrypted, TLS-only, versioned and retained when
 * their stack is deleted:
 *
 * <ul>
 *   <li>{@code Raw}: where the yearly Kaggle CSVs are uploaded ({@code raw/flights/YYYY.csv}). No
 *       task can write or delete here; S3 replication copies {@code raw/flights/} into the
 *       warehouse, so the published files survive any bug or rerun of the pipeline.
 *   <li>{@code Warehouse}: the lake itself, the tasks' {@code --warehouse} root (staged, daily,
 *       scored, plots, runs and the replicated raw files), and Athena's query results.
 *   <li>{@code Charts}: a replica of the warehouse's {@code plots/} prefix. The task contract has a
 *       single warehouse root, so plot writes under {@code plots/} there; replication publishes the
 *       charts and reports to a bucket that can be shared (a reader role, CloudFront) without
 *       opening the lake.
 *   <li>{@code AccessLogs}: S3 server access logs of the three.
 * </ul>
 */
public final class Lake extends Construct {
  /** Prefix of Athena's query results in the warehouse bucket (expired after a month). */
  public static final String ATHENA_RESULTS = "athena-results/";

  private final Bucket raw;
  private final Bucket warehouse;
  private final Bucket charts;

  /** Props of {@link Lake}. */
  public record Props(int noncurrentVersionDays, int accessLogDays) {
    public static Builder builder() {
      return new Builder();
    }

    /** Builder of {@link Props}. */
    public static final class Builder {
      private int noncurrentVersionDays = 30;
      private int accessLogDays = 365;

      /**
       * Days an overwritten or deleted object version is kept (a rerun overwrites a year's keys).
       */
      public Builder noncurrentVersionDays(int days) {
        this.noncurrentVersionDays = days;
        return this;
      }

      public Builder accessLogDays(int days) {
        this.accessLogDays = days;
        return this;
      }

      public Props build() {
        return new Props(noncurrentVersionDays, accessLogDays);
      }
    }
  }

  public Lake(Construct scope, String id, Props props) {
    super(scope, id);
    Bucket accessLogs =
        Bucket.Builder.create(this, "AccessLogs")
            // Server access logs can only be delivered to SSE-S3 buckets.
            .encryption(BucketEncryption.S3_MANAGED)
            .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
            .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
            .enforceSsl(true)
            .minimumTlsVersion(1.2)
            .removalPolicy(RemovalPolicy.RETAIN)
            .lifecycleRules(
                List.of(
                    LifecycleRule.builder()
                        .id("expire-access-logs")
                        .expiration(Duration.days(props.accessLogDays()))
                        .build()))
            .build();
    Checkov.skip(
        accessLogs,
        "CKV_AWS_18",
        "This is the access-log bucket; logging it into itself would loop.");
    Checkov.skip(
        accessLogs,
        "CKV_AWS_21",
        "Access logs are written once and expire; versioning would only keep deleted log objects longer.");

    charts = bucket("Charts", accessLogs, props, List.of());
    warehouse =
        bucket(
            "Warehouse",
            accessLogs,
            props,
            List.of(
                ReplicationRule.builder()
                    .id("publish-charts")
                    .priority(1)
                    .destination(charts)
                    .filter(Filter.builder().prefix("plots/").build())
                    .deleteMarkerReplication(false)
                    .build()));
    warehouse.addLifecycleRule(
        LifecycleRule.builder()
            .id("expire-athena-results")
            .prefix(ATHENA_RESULTS)
            .expiration(Duration.days(30))
            .build());
    raw =
        bucket(
            "Raw",
            accessLogs,
            props,
            List.of(
                ReplicationRule.builder()
                    .id("raw-into-warehouse")
                    .priority(1)
                    .destination(warehouse)
                    .filter(Filter.builder().prefix("raw/flights/").build())
                    // Deleting an upload must not delete the lake's copy a year was computed from.
                    .deleteMarkerReplication(false)
                    .build()));
  }

  private Bucket bucket(
      String id, IBucket accessLogs, Props props, List<ReplicationRule> replication) {
    // One role per replicating bucket, named by CloudFormation: CDK's default role has a fixed
    // name, which two replicating buckets in one account would both claim.
    Role replicationRole =
        replication.isEmpty()
            ? null
            : Role.Builder.create(this, id + "Replication")
                .assumedBy(new ServicePrincipal("s3.amazonaws.com"))
                .description("S3 replication out of the " + id + " bucket")
                .build();
    Bucket.Builder builder =
        Bucket.Builder.create(this, id)
            .encryption(BucketEncryption.S3_MANAGED)
            .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
            .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
            .enforceSsl(true)
            .minimumTlsVersion(1.2)
            // Replication needs versioning on both sides; it also undoes an accidental overwrite.
            .versioned(true)
            .removalPolicy(RemovalPolicy.RETAIN)
            .serverAccessLogsBucket(accessLogs)
            .serverAccessLogsPrefix(id.toLowerCase(Locale.ROOT) + "/")
            .lifecycleRules(
                List.of(
                    LifecycleRule.builder()
                        .id("expire-old-versions")
                        .noncurrentVersionExpiration(Duration.days(props.noncurrentVersionDays()))
                        .expiredObjectDeleteMarker(true)
                        // A killed task leaves its multipart upload behind; its parts cost storage.
                        .abortIncompleteMultipartUploadAfter(Duration.days(7))
                        .build()));
    if (replicationRole == null) {
      return builder.build();
    }
    Bucket bucket = builder.replicationRules(replication).replicationRole(replicationRole).build();
    bucket.grantReplicationPermission(
        replicationRole,
        GrantReplicationPermissionProps.builder()
            .destinations(
                replication.stream()
                    .map(
                        rule ->
                            GrantReplicationPermissionDestinationProps.builder()
                                .bucket(rule.getDestination())
                                .build())
                    .toList())
            .build());
    return bucket;
  }

  /** The bucket users upload the yearly CSVs to, under {@code raw/flights/}. */
  public Bucket raw() {
    return raw;
  }

  /** The warehouse bucket: the tasks' lake root. */
  public Bucket warehouse() {
    return warehouse;
  }

  /** The published charts (a replica of the warehouse's {@code plots/}). */
  public Bucket charts() {
    return charts;
  }

  /** {@code s3://<warehouse bucket>}: the DAG's {@code DELAYWATCH_WAREHOUSE}. */
  public String warehouseUri() {
    return "s3://" + warehouse.getBucketName();
  }
}
