package io.delaywatch.local;

import io.delaywatch.task.TaskCommandLine;
import picocli.CommandLine.Command;

/** The local runner behind {@code ./delaywatch}: the whole pipeline on one machine. */
@Command(
    name = "delaywatch",
    mixinStandardHelpOptions = true,
    description = {
      "DelayWatch on one machine: sample data, the six steps in order, an embedded PostgreSQL.",
      "Run one step exactly as its container would with: ./delaywatch TASK [options]",
      "(TASK = discover, download, transform, detect, plot, load; see ./delaywatch TASK --help)."
    },
    subcommands = {
      DemoCommand.class,
      RunCommand.class,
      GenerateCommand.class,
      io.delaywatch.evaluate.EvaluateCommand.class
    })
public final class Main {
  public static void main(String[] args) {
    System.exit(TaskCommandLine.of(new Main()).execute(args));
  }
}
