package io.delaywatch.task;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The one-line JSON record of a task run: what ran, on which year, what it read and wrote, and its
 * counts. Printed as the last line of stdout and stored under {@code runs/year=YYYY/}.
 *
 * @param task the task name, e.g. {@code transform}
 * @param year the processed year, or null when it could not be resolved
 * @param runId the orchestrator's run id
 * @param status {@code done}, {@code skipped} or {@code failed}
 * @param exitCode the process exit code
 * @param startedAt ISO-8601 instant
 * @param finishedAt ISO-8601 instant
 * @param inputs URIs read
 * @param inputFingerprints lake key of each input read → its fingerprint ({@link Fingerprints})
 * @param outputs URIs written
 * @param fingerprints lake key of each output committed → its fingerprint: the commit record a
 *     downstream step checks its input against
 * @param counts named counts (rows_read, rows_kept, rows_rejected, airports, anomalies, ...)
 * @param details further task-specific facts (never secrets)
 * @param error the one-line error message of a failed or skipped run
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TaskManifest(
    String task,
    Integer year,
    @JsonProperty("run_id") String runId,
    String status,
    @JsonProperty("exit_code") int exitCode,
    @JsonProperty("started_at") String startedAt,
    @JsonProperty("finished_at") String finishedAt,
    List<String> inputs,
    @JsonProperty("input_fingerprints") Map<String, String> inputFingerprints,
    List<String> outputs,
    Map<String, String> fingerprints,
    Map<String, Long> counts,
    Map<String, Object> details,
    String error) {}
