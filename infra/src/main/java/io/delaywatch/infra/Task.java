package io.delaywatch.infra;

import java.util.List;
import java.util.Locale;

/**
 * The six task programs, in pipeline order, with their default Fargate size and the lake prefixes
 * each may touch (docs/architecture.md, "Data lake layout"; keys relative to the lake bucket, which
 * is the warehouse root). Every task may also list the bucket's keys (not read them): discover and
 * download list {@code raw/flights/}, and without s3:ListBucket S3 answers a missing input with 403
 * instead of 404, so a task would report a failed dependency (exit 4) where its input is simply
 * missing (exit 3, "run transform first").
 *
 * <p>Sizes follow the README's measured figures (a full year, each JVM capped at 1 GB of heap):
 * peak RSS stays under 400 MB for every task. The JVM takes 75% of the container's memory as heap,
 * so 1 GB containers give 768 MB of heap and 2 GB ones 1.5 GB: download, transform and plot (the
 * CSV scan, the aggregation, 700 charts rendered in parallel) get a whole vCPU and 2 GB; discover,
 * detect and load half a vCPU and 1 GB.
 */
public enum Task {
  /** Lists {@code raw/flights/}; reads no object. */
  DISCOVER(512, 1024, List.of(), List.of()),
  DOWNLOAD(1024, 2048, List.of("raw/flights/"), List.of("staged/flights/", "staged/rejected/")),
  TRANSFORM(1024, 2048, List.of("staged/flights/"), List.of("daily/airport_daily/")),
  DETECT(512, 1024, List.of("daily/airport_daily/"), List.of("scored/airport_anomalies/")),
  PLOT(1024, 2048, List.of("scored/airport_anomalies/"), List.of("plots/")),
  LOAD(512, 1024, List.of("scored/airport_anomalies/"), List.of());

  private final int defaultCpu;
  private final int defaultMemoryMiB;
  private final List<String> reads;
  private final List<String> writes;

  Task(int defaultCpu, int defaultMemoryMiB, List<String> reads, List<String> writes) {
    this.defaultCpu = defaultCpu;
    this.defaultMemoryMiB = defaultMemoryMiB;
    this.reads = reads;
    this.writes = writes;
  }

  /**
   * The task's name everywhere: {@code detect} (module, image suffix, Airflow task id, container).
   */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** {@code Detect}: the task's construct id. */
  public String constructId() {
    return name().charAt(0) + id().substring(1);
  }

  /**
   * {@code delaywatch-detect}: the image repository and the task definition family (DAG contract).
   */
  public String family() {
    return "delaywatch-" + id();
  }

  public int defaultCpu() {
    return defaultCpu;
  }

  public int defaultMemoryMiB() {
    return defaultMemoryMiB;
  }

  /** Key prefixes whose objects the task reads. */
  public List<String> reads() {
    return reads;
  }

  /** Key prefixes the task writes, besides its manifest. */
  public List<String> writes() {
    return writes;
  }

  /** Key pattern of the task's manifests, {@code runs/year=YYYY/<task>.json}. */
  public String manifests() {
    return "runs/year=*/" + id() + ".json";
  }
}
