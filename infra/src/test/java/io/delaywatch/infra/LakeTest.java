package io.delaywatch.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * The lake's buckets: private, encrypted, TLS-only, versioned, retained; raw and charts replicated.
 */
class LakeTest {
  @Test
  void dataStackHoldsRawWarehouseChartsAndAccessLogBuckets() {
    Deployment.defaults().data.resourceCountIs("AWS::S3::Bucket", 4);
  }

  @Test
  void dataBucketsOutliveTheirStack() {
    Cfn.resources(Deployment.defaults().data, "AWS::S3::Bucket")
        .forEach(
            (id, bucket) -> assertThat(bucket.get("DeletionPolicy")).as(id).isEqualTo("Retain"));
  }

  @Test
  void everyBucketIsEncryptedPrivateAndOwnerEnforced() {
    for (Template template : List.of(Deployment.defaults().data, Deployment.defaults().compute)) {
      Cfn.resources(template, "AWS::S3::Bucket")
          .forEach(
              (id, bucket) -> {
                assertThat(Cfn.render(Cfn.properties(bucket).get("BucketEncryption")))
                    .as(id)
                    .contains("SSEAlgorithm=AES256");
                assertThat(Cfn.properties(bucket).get("PublicAccessBlockConfiguration"))
                    .as(id)
                    .isEqualTo(
                        Map.of(
                            "BlockPublicAcls", true,
                            "BlockPublicPolicy", true,
                            "IgnorePublicAcls", true,
                            "RestrictPublicBuckets", true));
                assertThat(Cfn.render(Cfn.properties(bucket).get("OwnershipControls")))
                    .as(id)
                    .contains("BucketOwnerEnforced");
              });
    }
  }

  @Test
  void everyBucketRefusesRequestsWithoutTls() {
    for (Template template : List.of(Deployment.defaults().data, Deployment.defaults().compute)) {
      int buckets = Cfn.resources(template, "AWS::S3::Bucket").size();
      long tlsOnly =
          Cfn.resources(template, "AWS::S3::BucketPolicy").values().stream()
              .map(policy -> Cfn.render(Cfn.properties(policy).get("PolicyDocument")))
              .filter(
                  document ->
                      document.contains("Effect=Deny")
                          && document.contains("aws:SecureTransport=false"))
              .count();
      assertThat(tlsOnly).isEqualTo(buckets);
    }
  }

  @Test
  void lakeBucketsAreVersionedAndForgetOldVersionsAfterTheConfiguredDays() {
    Template data = Deployment.defaults().data;
    for (String bucket : List.of("LakeRaw", "LakeWarehouse", "LakeCharts")) {
      Map<String, Object> properties =
          Cfn.properties(Cfn.resource(data, "AWS::S3::Bucket", bucket));
      assertThat(properties.get("VersioningConfiguration"))
          .as(bucket)
          .isEqualTo(Map.of("Status", "Enabled"));
      assertThat(Cfn.render(properties.get("LifecycleConfiguration")))
          .as(bucket)
          .contains("NoncurrentVersionExpiration={NoncurrentDays=30}")
          .contains("AbortIncompleteMultipartUpload={DaysAfterInitiation=7}");
    }
    assertThat(
            Cfn.render(
                Cfn.properties(
                    Cfn.resource(Deployment.custom().data, "AWS::S3::Bucket", "LakeWarehouse"))))
        .contains("NoncurrentVersionExpiration={NoncurrentDays=7}");
  }

  @Test
  void uploadsToTheRawBucketReplicateIntoTheWarehouseWithoutDeletes() {
    Template data = Deployment.defaults().data;
    String warehouse = Cfn.logicalId(data, "AWS::S3::Bucket", "LakeWarehouse");

    String replication =
        Cfn.render(
            Cfn.properties(Cfn.resource(data, "AWS::S3::Bucket", "LakeRaw"))
                .get("ReplicationConfiguration"));

    assertThat(replication)
        .contains("Bucket={" + warehouse + ".Arn}")
        .contains("Filter={Prefix=raw/flights/}")
        .contains("DeleteMarkerReplication={Status=Disabled}")
        .contains("Status=Enabled");
  }

  @Test
  void chartsArePublishedByReplicatingTheWarehousePlotsPrefix() {
    Template data = Deployment.defaults().data;
    String charts = Cfn.logicalId(data, "AWS::S3::Bucket", "LakeCharts");

    String replication =
        Cfn.render(
            Cfn.properties(Cfn.resource(data, "AWS::S3::Bucket", "LakeWarehouse"))
                .get("ReplicationConfiguration"));

    assertThat(replication)
        .contains("Bucket={" + charts + ".Arn}")
        .contains("Filter={Prefix=plots/}");
  }

  @Test
  void eachReplicatingBucketHasItsOwnUnnamedRole() {
    Template data = Deployment.defaults().data;

    data.resourceCountIs("AWS::IAM::Role", 2);
    Cfn.resources(data, "AWS::IAM::Role")
        .values()
        .forEach(role -> assertThat(Cfn.properties(role)).doesNotContainKey("RoleName"));
  }

  @Test
  void athenaResultsExpireAfterAMonth() {
    Deployment.defaults()
        .data
        .hasResourceProperties(
            "AWS::S3::Bucket",
            Map.of(
                "LifecycleConfiguration",
                Map.of(
                    "Rules",
                    Match.arrayWith(
                        List.of(
                            Match.objectLike(
                                Map.of("Prefix", "athena-results/", "ExpirationInDays", 30)))))));
  }

  @Test
  void accessLogsOfTheLakeBucketsAreKept() {
    Template data = Deployment.defaults().data;
    String logs = Cfn.logicalId(data, "AWS::S3::Bucket", "LakeAccessLogs");
    for (String bucket : List.of("LakeRaw", "LakeWarehouse", "LakeCharts")) {
      assertThat(
              Cfn.render(
                  Cfn.properties(Cfn.resource(data, "AWS::S3::Bucket", bucket))
                      .get("LoggingConfiguration")))
          .as(bucket)
          .contains("DestinationBucketName={" + logs + "}");
    }
  }
}
