/**
 * The task contract shared by every program: {@link io.delaywatch.task.LakeOptions} (a picocli
 * mixin), {@link io.delaywatch.task.TaskCommandLine} (exit codes), {@link
 * io.delaywatch.task.TaskRun} and its {@link io.delaywatch.task.TaskManifest}.
 */
package io.delaywatch.task;
