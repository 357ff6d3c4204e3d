package io.delaywatch.infra;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.Stack;
import software.constructs.IConstruct;

/**
 * Accepted findings of the checkov security scan, recorded on the resource they concern as
 * CloudFormation metadata ({@code Metadata.checkov.skip: [{id, comment}]}, which checkov reads), so
 * the reason stands next to the resource in every synthesized template. Every skip needs a reason.
 */
public final class Checkov {
  private Checkov() {}

  /**
   * Records that {@code construct}'s CloudFormation resource (the construct itself or its default
   * child) is exempt from {@code checkId}, because of {@code reason}.
   *
   * @throws IllegalArgumentException when the reason is blank or the construct has no resource
   */
  public static void skip(IConstruct construct, String checkId, String reason) {
    if (reason == null || reason.isBlank()) {
      throw new IllegalArgumentException(checkId + ": a skipped check needs a reason");
    }
    CfnResource resource = resourceOf(construct);
    Map<String, Object> checkov = new LinkedHashMap<>();
    List<Object> skips = new ArrayList<>();
    if (resource.getMetadata("checkov") instanceof Map<?, ?> existing
        && existing.get("skip") instanceof List<?> previous) {
      skips.addAll(previous);
    }
    skips.add(Map.of("id", checkId, "comment", reason));
    checkov.put("skip", skips);
    resource.addMetadata("checkov", checkov);
  }

  /**
   * Records the accepted findings on the Lambda functions of {@code stack}. This app defines no
   * function of its own: every one is a handler CDK adds for deploy-time work (the bucket
   * deployment that writes MWAA's startup script, the custom resource that strips the default
   * security group), invoked by CloudFormation during a deploy and never by the pipeline.
   */
  public static void skipCdkHandlers(Stack stack) {
    for (IConstruct construct : stack.getNode().findAll()) {
      if (construct instanceof CfnResource resource
          && "AWS::Lambda::Function".equals(resource.getCfnResourceType())) {
        skip(
            resource,
            "CKV_AWS_115",
            "CDK deploy-time handler, invoked by CloudFormation once per deploy: a reserved concurrency would only take from the account's pool.");
        skip(
            resource,
            "CKV_AWS_116",
            "CDK deploy-time handler, invoked synchronously by CloudFormation, which reports a failure and rolls back: there is no asynchronous event to dead-letter.");
        skip(
            resource,
            "CKV_AWS_117",
            "CDK deploy-time handler that calls only AWS APIs (S3, EC2) while CloudFormation deploys; outside the VPC it needs no endpoints and reaches nothing inside.");
        skip(
            resource,
            "CKV_AWS_173",
            "The handler's environment variables hold no secret (tool paths only); Lambda encrypts them at rest with an AWS-managed key.");
        // CDK's handler declares DependsOn its role although it also references it (cfn-lint
        // W3005).
        resource.addMetadata(
            "cfn-lint", Map.of("config", Map.of("ignore_checks", List.of("W3005"))));
      }
    }
  }

  private static CfnResource resourceOf(IConstruct construct) {
    if (construct instanceof CfnResource resource) {
      return resource;
    }
    if (construct.getNode().getDefaultChild() instanceof CfnResource resource) {
      return resource;
    }
    throw new IllegalArgumentException(
        construct.getNode().getPath() + " has no CloudFormation resource");
  }
}
