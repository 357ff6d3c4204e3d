package io.delaywatch.infra;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.InterfaceVpcEndpoint;
import software.amazon.awscdk.services.ec2.InterfaceVpcEndpointAwsService;
import software.amazon.awscdk.services.ec2.Peer;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.constructs.Construct;

/**
 * Interface VPC endpoints for isolated subnets ({@link Settings.Egress#ENDPOINTS}): every AWS API
 * the Fargate tasks and MWAA call, reached without a route out of the VPC (S3 has the free gateway
 * endpoint of {@link Network}). They live with the compute, not the network: deleting the compute
 * stack between yearly runs also stops their hourly charge.
 */
public final class ServiceEndpoints extends Construct {
  /**
   * The endpoints and who needs them. Fargate pulls images (ECR API and registry), ships logs and
   * reads the load task's password; MWAA needs SQS (Celery), CloudWatch metrics and logs, KMS and
   * its own three APIs, and its workers call ECS to run the tasks and CloudWatch Logs to read them.
   */
  static final Map<String, InterfaceVpcEndpointAwsService> SERVICES = services();

  private final List<InterfaceVpcEndpoint> endpoints;

  /** Props of {@link ServiceEndpoints}. */
  public record Props(IVpc vpc, SubnetSelection subnets) {
    public Props {
      Objects.requireNonNull(vpc, "vpc");
      Objects.requireNonNull(subnets, "subnets");
    }

    public static Builder builder() {
      return new Builder();
    }

    /** Builder of {@link Props}; both properties are required. */
    public static final class Builder {
      private IVpc vpc;
      private SubnetSelection subnets;

      public Builder vpc(IVpc vpc) {
        this.vpc = vpc;
        return this;
      }

      public Builder subnets(SubnetSelection subnets) {
        this.subnets = subnets;
        return this;
      }

      public Props build() {
        return new Props(vpc, subnets);
      }
    }
  }

  public ServiceEndpoints(Construct scope, String id, Props props) {
    super(scope, id);
    SecurityGroup https =
        SecurityGroup.Builder.create(this, "SecurityGroup")
            .vpc(props.vpc())
            .description("Interface endpoints: HTTPS from inside the VPC")
            .allowAllOutbound(false)
            .build();
    https.addIngressRule(
        Peer.ipv4(props.vpc().getVpcCidrBlock()), Port.tcp(443), "HTTPS from the VPC");
    endpoints =
        SERVICES.entrySet().stream()
            .map(
                entry ->
                    InterfaceVpcEndpoint.Builder.create(this, entry.getKey())
                        .vpc(props.vpc())
                        .service(entry.getValue())
                        .subnets(props.subnets())
                        .securityGroups(List.of(https))
                        .privateDnsEnabled(true)
                        .open(false)
                        .build())
            .toList();
  }

  public List<InterfaceVpcEndpoint> endpoints() {
    return endpoints;
  }

  private static Map<String, InterfaceVpcEndpointAwsService> services() {
    Map<String, InterfaceVpcEndpointAwsService> services = new LinkedHashMap<>();
    services.put("EcrApi", InterfaceVpcEndpointAwsService.ECR);
    services.put("EcrDocker", InterfaceVpcEndpointAwsService.ECR_DOCKER);
    services.put("Logs", InterfaceVpcEndpointAwsService.CLOUDWATCH_LOGS);
    services.put("SecretsManager", InterfaceVpcEndpointAwsService.SECRETS_MANAGER);
    services.put("Ecs", InterfaceVpcEndpointAwsService.ECS);
    services.put("Sqs", InterfaceVpcEndpointAwsService.SQS);
    services.put("Monitoring", InterfaceVpcEndpointAwsService.CLOUDWATCH_MONITORING);
    services.put("Kms", InterfaceVpcEndpointAwsService.KMS);
    services.put("AirflowApi", InterfaceVpcEndpointAwsService.AIRFLOW_API);
    services.put("AirflowEnv", InterfaceVpcEndpointAwsService.AIRFLOW_ENV);
    services.put("AirflowOps", InterfaceVpcEndpointAwsService.AIRFLOW_OPS);
    return Collections.unmodifiableMap(services);
  }
}
