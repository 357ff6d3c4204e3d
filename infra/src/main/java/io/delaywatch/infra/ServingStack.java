package io.delaywatch.infra;

import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.constructs.Construct;

/**
 * The dashboard and the API ({@link Serving}): stateless, like the compute, but apart from it, so
 * that deleting the compute stack between yearly runs (MWAA is most of the idle cost) can leave the
 * dashboard up — with {@code egress=nat}; in isolated subnets the services pull images and write
 * logs through the compute stack's interface endpoints, and this stack depends on it.
 */
public final class ServingStack extends Stack {
  private final Serving serving;

  public ServingStack(
      Construct scope,
      String id,
      StackProps props,
      Settings settings,
      Network network,
      DataStack data,
      Database database) {
    super(scope, id, props);
    Settings.ServingSettings serving = settings.serving();
    SubnetSelection loadBalancerSubnets =
        serving.access() == Settings.Access.PUBLIC
            ? SubnetSelection.builder().subnetType(SubnetType.PUBLIC).build()
            : network.privateSubnets();
    this.serving =
        new Serving(
            this,
            "Serving",
            Serving.Props.builder()
                .vpc(network.vpc())
                .serviceSubnets(network.privateSubnets())
                .loadBalancerSubnets(loadBalancerSubnets)
                .settings(serving)
                .registry(data.registry())
                .imageTag(settings.imageTag())
                .database(database)
                .clusterName(settings.qualified("serving"))
                .logGroupName("/" + settings.name() + "/serving")
                .logRetention(settings.logRetention())
                .build());

    String scheme = serving.https() ? "https" : "http";
    String dns = this.serving.loadBalancer().getLoadBalancerDnsName();
    output(
        "DashboardUrl",
        scheme + "://" + dns + (serving.https() ? "" : ":" + this.serving.dashboardPort()) + "/",
        "Superset (user admin, password in SupersetAdminSecret); point your DNS name at the load balancer for HTTPS");
    output(
        "ApiUrl",
        scheme + "://" + dns + ":" + this.serving.apiPort() + "/v1/airports",
        "delaywatch-api (Authorization: Bearer <ApiTokenSecret>)");
    output("LoadBalancer", dns, "DNS name of the load balancer");
    output(
        "SupersetAdminSecret",
        this.serving.secrets().get("SupersetAdmin").getSecretArn(),
        "Secrets Manager secret with Superset's admin login (keys username, password)");
    output(
        "ApiTokenSecret",
        this.serving.secrets().get("ApiToken").getSecretArn(),
        "Secrets Manager secret with the API's bearer token");
    output(
        "ServingCluster",
        this.serving.cluster().getClusterName(),
        "ECS cluster of Superset and the API");
    Checkov.skipCdkHandlers(this);
  }

  private void output(String id, String value, String description) {
    CfnOutput.Builder.create(this, id).value(value).description(description).build();
  }

  public Serving serving() {
    return serving;
  }
}
