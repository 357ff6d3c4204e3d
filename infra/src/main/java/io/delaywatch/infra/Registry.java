package io.delaywatch.infra;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.ecr.LifecycleRule;
import software.amazon.awscdk.services.ecr.Repository;
import software.amazon.awscdk.services.ecr.TagMutability;
import software.constructs.Construct;

/**
 * One ECR repository per task, {@code delaywatch-<task>}, and per served program, {@code
 * delaywatch-superset} and {@code delaywatch-api}: images are scanned on push, tags are immutable
 * (the release tags each image with the git SHA and the version; a task definition names one of
 * them and always gets the same image), and only the newest images are kept.
 */
public final class Registry extends Construct {
  private final Map<Task, Repository> repositories = new EnumMap<>(Task.class);
  private final Map<ServingApp, Repository> servingRepositories = new EnumMap<>(ServingApp.class);

  /** Props of {@link Registry}. */
  public record Props(int keepImages) {
    public Props {
      if (keepImages < 1) {
        throw new IllegalArgumentException("keepImages must be at least 1, got " + keepImages);
      }
    }

    public static Builder builder() {
      return new Builder();
    }

    /** Builder of {@link Props}. */
    public static final class Builder {
      private int keepImages = 10;

      /**
       * Images kept per repository; older ones are expired (the running tag is among the newest).
       */
      public Builder keepImages(int keepImages) {
        this.keepImages = keepImages;
        return this;
      }

      public Props build() {
        return new Props(keepImages);
      }
    }
  }

  public Registry(Construct scope, String id, Props props) {
    super(scope, id);
    for (Task task : Task.values()) {
      repositories.put(task, repository(task.constructId(), task.family(), props));
    }
    for (ServingApp app : ServingApp.values()) {
      servingRepositories.put(app, repository(app.constructId(), app.family(), props));
    }
  }

  private Repository repository(String id, String name, Props props) {
    Repository repository =
        Repository.Builder.create(this, id)
            .repositoryName(name)
            .imageScanOnPush(true)
            .imageTagMutability(TagMutability.IMMUTABLE)
            .lifecycleRules(
                List.of(
                    LifecycleRule.builder()
                        .description("keep the newest " + props.keepImages() + " images")
                        .maxImageCount(props.keepImages())
                        .build()))
            .removalPolicy(RemovalPolicy.RETAIN)
            .build();
    Checkov.skip(
        repository,
        "CKV_AWS_136",
        "Images hold public code and no secrets; ECR's default AES-256 encryption avoids a KMS key's monthly and per-pull costs.");
    return repository;
  }

  public Repository repository(Task task) {
    return repositories.get(task);
  }

  public Repository repository(ServingApp app) {
    return servingRepositories.get(app);
  }
}
