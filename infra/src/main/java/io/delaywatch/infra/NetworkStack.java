package io.delaywatch.infra;

import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.constructs.Construct;

/** The VPC and its security groups: shared by the database and the compute, owned by neither. */
public final class NetworkStack extends Stack {
  private final Network network;

  public NetworkStack(Construct scope, String id, StackProps props, Settings settings) {
    super(scope, id, props);
    network =
        new Network(
            this,
            "Network",
            Network.Props.builder()
                .egress(settings.egress())
                .natGateways(settings.natGateways())
                .availabilityZones(settings.availabilityZones())
                .logRetention(settings.logRetention())
                .build());
    Checkov.skipCdkHandlers(this);
  }

  public Network network() {
    return network;
  }
}
