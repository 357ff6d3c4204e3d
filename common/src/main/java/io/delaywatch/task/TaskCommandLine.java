package io.delaywatch.task;

import io.delaywatch.storage.ObjectChangedException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Builds the {@link CommandLine} of a task with the contract's exit codes: every exception a task
 * lets propagate is mapped here, reported as one line on stderr, and a failure manifest is printed
 * as the last line of stdout.
 */
public final class TaskCommandLine {
  private static final Logger LOG = LoggerFactory.getLogger(TaskCommandLine.class);

  private TaskCommandLine() {}

  /** The command line for {@code command}, a picocli {@code @Command}. */
  public static CommandLine of(Object command) {
    TaskRun.forget();
    CommandLine cli = new CommandLine(command);
    // Descriptions are written as lines of up to ~100 characters; a narrower width re-wraps them.
    cli.setUsageHelpWidth(110);
    cli.setExitCodeExceptionMapper(TaskCommandLine::exitCode);
    cli.getCommandSpec().versionProvider(new TaskVersion(cli.getCommandName()));
    CommandLine.IParameterExceptionHandler usage = cli.getParameterExceptionHandler();
    cli.setParameterExceptionHandler(
        (e, args) -> {
          // picocli's own report (message, suggestions, synopsis) on stderr, then the manifest
          // the contract promises for every run, on stdout.
          int code = usage.handleParseException(e, args);
          failedBeforeStart(e.getCommandLine(), ExitCodes.USAGE, describe(e));
          return code;
        });
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          int code = exitCode(e);
          String message = describe(e);
          String status = code == ExitCodes.NOTHING_TO_DO ? "skipped" : "failed";
          if (code == ExitCodes.NOTHING_TO_DO) {
            LOG.info("{}: nothing to do: {}", commandLine.getCommandName(), message);
          } else if (code == 1) {
            LOG.error("{}: internal error", commandLine.getCommandName(), e);
          } else {
            LOG.error("{}: {}", commandLine.getCommandName(), message);
          }
          TaskRun run = TaskRun.current();
          if (run != null) {
            run.ended(status, code, message);
          } else {
            failedBeforeStart(commandLine, code, message);
          }
          return code;
        });
    return cli;
  }

  /**
   * Prints the failure manifest of a run that ended before it started (a usage error): the year and
   * run id as far as they were given.
   */
  private static void failedBeforeStart(CommandLine commandLine, int code, String message) {
    LakeOptions lake = null;
    for (CommandLine.Model.CommandSpec mixin : commandLine.getCommandSpec().mixins().values()) {
      if (mixin.userObject() instanceof LakeOptions options) {
        lake = options;
      }
    }
    String status = code == ExitCodes.NOTHING_TO_DO ? "skipped" : "failed";
    TaskRun.unstarted(
            commandLine.getCommandName(),
            lake == null ? null : lake.runIdOrNull(),
            lake == null ? null : lake.yearOrNull())
        .ended(status, code, message);
  }

  /** The contract's exit code for an exception that ended a task. */
  public static int exitCode(Throwable e) {
    Throwable cause = unwrap(e);
    if (cause instanceof CommandLine.ParameterException) {
      return ExitCodes.USAGE;
    }
    if (cause instanceof InvalidInputException || cause instanceof ObjectChangedException) {
      return ExitCodes.INVALID_INPUT;
    }
    if (cause instanceof NothingToDoException) {
      return ExitCodes.NOTHING_TO_DO;
    }
    if (cause instanceof DependencyException
        || cause instanceof SdkException
        || cause instanceof SQLException
        || cause instanceof IOException) {
      return ExitCodes.DEPENDENCY_FAILED;
    }
    return 1;
  }

  static String describe(Throwable e) {
    Throwable cause = unwrap(e);
    String message = cause.getMessage();
    if (message == null || message.isBlank()) {
      message = cause.getClass().getSimpleName();
    } else if (cause instanceof IOException && !(cause.getMessage().contains(" "))) {
      message = cause.getClass().getSimpleName() + ": " + message;
    }
    return message.replace('\n', ' ').replace('\r', ' ');
  }

  private static Throwable unwrap(Throwable e) {
    Throwable t = e;
    while ((t instanceof UncheckedIOException || t instanceof CommandLine.ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }
}
