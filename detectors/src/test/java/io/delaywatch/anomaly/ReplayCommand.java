package io.delaywatch.anomaly;

import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/**
 * Prints, when a property fails, its seed and the two ways to replay it: rerun the test (jqwik
 * starts again from the failing seed it keeps in target/.jqwik-database), or pin the seed in the
 * annotation. Property tests draw fresh seeds on every green run.
 */
public final class ReplayCommand implements AroundPropertyHook {
  @Override
  public PropertyExecutionResult aroundProperty(
      PropertyLifecycleContext context, PropertyExecutor property) {
    PropertyExecutionResult result = property.execute();
    if (result.status() == PropertyExecutionResult.Status.FAILED) {
      String test = context.containerClass().getSimpleName();
      String seed = result.seed().orElse("unknown");
      System.err.printf(
          "%n%s.%s failed with seed %s. Replay it with%n"
              + "  mvn -B -o -pl detectors -am test -Dtest=%s -Dsurefire.failIfNoSpecifiedTests=false%n"
              + "(jqwik reruns the failing seed first until the property passes; mvn clean forgets"
              + " it), or pin it: @Property(tries = ..., seed = \"%s\").%n",
          test, context.targetMethod().getName(), seed, test, seed);
    }
    return result;
  }
}
