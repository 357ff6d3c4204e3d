package io.delaywatch.infra;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awscdk.Acknowledgment;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Validations;
import software.amazon.awscdk.services.ec2.FlowLogDestination;
import software.amazon.awscdk.services.ec2.FlowLogOptions;
import software.amazon.awscdk.services.ec2.FlowLogTrafficType;
import software.amazon.awscdk.services.ec2.GatewayVpcEndpointAwsService;
import software.amazon.awscdk.services.ec2.GatewayVpcEndpointOptions;
import software.amazon.awscdk.services.ec2.IpAddresses;
import software.amazon.awscdk.services.ec2.Peer;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SubnetConfiguration;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * The VPC: private subnets in two zones for the Fargate tasks, MWAA and RDS, and the security
 * groups of the tasks and of Airflow. With {@link Settings.Egress#ENDPOINTS} the subnets are
 * isolated (no internet gateway at all; {@link ServiceEndpoints} reach the AWS APIs); with {@link
 * Settings.Egress#NAT} a NAT gateway in a public subnet does. S3 is always reached through the free
 * gateway endpoint, so the raw CSVs never cross a NAT gateway.
 */
public final class Network extends Construct {
  /** The database port the task security group may reach inside the VPC. */
  public static final int POSTGRES_PORT = 5432;

  private final Vpc vpc;
  private final SecurityGroup tasks;
  private final SecurityGroup airflow;
  private final Settings.Egress egress;

  /** Props of {@link Network}. */
  public record Props(
      Settings.Egress egress,
      int natGateways,
      List<String> availabilityZones,
      RetentionDays logRetention) {
    public Props {
      Objects.requireNonNull(egress, "egress");
      Objects.requireNonNull(logRetention, "logRetention");
      availabilityZones = List.copyOf(availabilityZones);
    }

    public static Builder builder() {
      return new Builder();
    }

    /** Builder of {@link Props}; every property has a default except none. */
    public static final class Builder {
      private Settings.Egress egress = Settings.Egress.ENDPOINTS;
      private int natGateways = 1;
      private List<String> availabilityZones = List.of();
      private RetentionDays logRetention = RetentionDays.ONE_YEAR;

      public Builder egress(Settings.Egress egress) {
        this.egress = egress;
        return this;
      }

      public Builder natGateways(int natGateways) {
        this.natGateways = natGateways;
        return this;
      }

      public Builder availabilityZones(List<String> availabilityZones) {
        this.availabilityZones = availabilityZones;
        return this;
      }

      public Builder logRetention(RetentionDays logRetention) {
        this.logRetention = logRetention;
        return this;
      }

      public Props build() {
        return new Props(egress, natGateways, availabilityZones, logRetention);
      }
    }
  }

  public Network(Construct scope, String id, Props props) {
    super(scope, id);
    this.egress = props.egress();
    boolean nat = props.egress() == Settings.Egress.NAT;
    Vpc.Builder vpcBuilder =
        Vpc.Builder.create(this, "Vpc")
            .ipAddresses(IpAddresses.cidr("10.40.0.0/16"))
            .natGateways(nat ? props.natGateways() : 0)
            // The default security group is used by nothing here: strip its rules.
            .restrictDefaultSecurityGroup(true)
            .subnetConfiguration(
                nat
                    ? List.of(
                        subnet("public", SubnetType.PUBLIC, 24),
                        subnet("private", SubnetType.PRIVATE_WITH_EGRESS, 20))
                    : List.of(subnet("private", SubnetType.PRIVATE_ISOLATED, 20)))
            .gatewayEndpoints(
                Map.of(
                    "S3",
                    GatewayVpcEndpointOptions.builder()
                        .service(GatewayVpcEndpointAwsService.S3)
                        .subnets(
                            List.of(SubnetSelection.builder().subnetType(privateType()).build()))
                        .build()));
    if (props.availabilityZones().isEmpty()) {
      vpcBuilder.maxAzs(2);
    } else {
      vpcBuilder.availabilityZones(props.availabilityZones());
    }
    vpc = vpcBuilder.build();
    if (!props.availabilityZones().isEmpty()) {
      Validations.of(vpc)
          .acknowledge(
              Acknowledgment.builder()
                  .id("CloudFormation-Validate::W3010")
                  .reason("The deployment names its zones (context availabilityZones) on purpose.")
                  .build());
    }
    LogGroup flowLogs =
        LogGroup.Builder.create(this, "FlowLogs")
            .retention(props.logRetention())
            .removalPolicy(RemovalPolicy.DESTROY)
            .build();
    Checkov.skip(
        flowLogs,
        "CKV_AWS_158",
        "Flow records are connection metadata of private subnets; CloudWatch Logs encrypts them at rest by default, a KMS key would add a monthly cost and key policy for no reader it keeps out.");
    vpc.addFlowLog(
        "FlowLog",
        FlowLogOptions.builder()
            .trafficType(FlowLogTrafficType.ALL)
            .destination(FlowLogDestination.toCloudWatchLogs(flowLogs))
            .build());

    tasks =
        SecurityGroup.Builder.create(this, "Tasks")
            .vpc(vpc)
            .description("DelayWatch Fargate tasks: HTTPS to AWS APIs, PostgreSQL inside the VPC")
            .allowAllOutbound(false)
            .build();
    tasks.addEgressRule(
        Peer.anyIpv4(), Port.tcp(443), "AWS APIs (S3 gateway, interface endpoints or NAT)");
    tasks.addEgressRule(
        Peer.ipv4(vpc.getVpcCidrBlock()), Port.tcp(POSTGRES_PORT), "the RDS database");

    airflow =
        SecurityGroup.Builder.create(this, "Airflow")
            .vpc(vpc)
            .description("MWAA workers, schedulers and web server endpoint")
            .allowAllOutbound(true)
            .build();
    // MWAA requires a self-referencing rule: its containers talk to each other and to the
    // metadata database endpoint through this group.
    airflow.addIngressRule(airflow, Port.allTraffic(), "MWAA components among themselves");
  }

  private static SubnetConfiguration subnet(String name, SubnetType type, int mask) {
    return SubnetConfiguration.builder().name(name).subnetType(type).cidrMask(mask).build();
  }

  public Vpc vpc() {
    return vpc;
  }

  /** The subnets of the tasks, MWAA and RDS: isolated or with NAT egress. */
  public SubnetSelection privateSubnets() {
    return SubnetSelection.builder().subnetType(privateType()).build();
  }

  private SubnetType privateType() {
    return egress == Settings.Egress.NAT
        ? SubnetType.PRIVATE_WITH_EGRESS
        : SubnetType.PRIVATE_ISOLATED;
  }

  public Settings.Egress egress() {
    return egress;
  }

  /** The Fargate tasks' security group (the database admits it). */
  public SecurityGroup tasksSecurityGroup() {
    return tasks;
  }

  /** MWAA's security group. */
  public SecurityGroup airflowSecurityGroup() {
    return airflow;
  }
}
