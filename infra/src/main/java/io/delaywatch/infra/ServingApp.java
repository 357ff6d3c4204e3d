package io.delaywatch.infra;

import java.util.Locale;

/**
 * The two long-running programs behind the load balancer, each with its own ECR repository, task
 * definition family and container {@code <id>}: Superset (image built from {@code
 * infra/superset/Dockerfile}) and the results API (module {@code api/}, built by Jib).
 */
public enum ServingApp {
  /** Superset's web server (gunicorn in the official image listens on 8088). */
  SUPERSET(8088, "/health"),
  /**
   * The read API. Its {@code /ready} also checks the database; the load balancer probes {@code
   * /health} so that a database outage answers 503 from live tasks instead of ECS replacing every
   * task in a loop.
   */
  API(8080, "/health");

  private final int containerPort;
  private final String healthPath;

  ServingApp(int containerPort, String healthPath) {
    this.containerPort = containerPort;
    this.healthPath = healthPath;
  }

  /** {@code superset}: container name and log stream prefix. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** {@code Superset}: construct id. */
  public String constructId() {
    return name().charAt(0) + id().substring(1);
  }

  /** {@code delaywatch-superset}: ECR repository and task definition family. */
  public String family() {
    return "delaywatch-" + id();
  }

  public int containerPort() {
    return containerPort;
  }

  /** The path the load balancer's health check requests (200 when the process is alive). */
  public String healthPath() {
    return healthPath;
  }
}
