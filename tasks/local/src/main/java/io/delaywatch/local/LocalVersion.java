package io.delaywatch.local;

import picocli.CommandLine.IVersionProvider;

/**
 * {@code --version} of the launcher's own commands: the project version and git commit the {@code
 * ./delaywatch} script read from the checkout it runs ({@code -Ddelaywatch.version}, {@code
 * -Ddelaywatch.commit}), since a class folder has no jar manifest to carry them.
 */
public final class LocalVersion implements IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {
      "DelayWatch "
          + System.getProperty("delaywatch.version", "(unknown version)")
          + " (commit "
          + System.getProperty("delaywatch.commit", "unknown")
          + ")"
    };
  }
}
