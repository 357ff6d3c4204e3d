package io.delaywatch.local;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * How one pipeline step ended.
 *
 * @param task the step
 * @param exitCode its process exit code
 * @param manifest its manifest (the last stdout line), or null when it printed none
 * @param seconds wall-clock duration
 */
public record StepResult(String task, int exitCode, JsonNode manifest, double seconds) {}
