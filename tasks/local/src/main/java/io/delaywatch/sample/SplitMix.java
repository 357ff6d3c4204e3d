package io.delaywatch.sample;

/**
 * SplitMix64 with the few distributions the generator draws from. Not API.
 *
 * <p>Note: intentionally not {@link java.util.SplittableRandom} or {@code nextGaussian}: the files
 * must stay byte-identical for a seed across JDK versions, so the algorithm is spelled out here and
 * the transcendental functions are {@link StrictMath}'s, which give the same bits on every
 * platform. Not thread-safe.
 */
final class SplitMix {
  private static final long GOLDEN = 0x9E3779B97F4A7C15L;

  private long state;
  private double spareGaussian;
  private boolean hasSpare;

  SplitMix(long seed) {
    this.state = seed;
  }

  /** A stream independent of this one's future draws, for a named purpose ({@code salt}). */
  static SplitMix stream(long seed, long salt) {
    return new SplitMix(mix(seed ^ mix(salt + GOLDEN)));
  }

  long nextLong() {
    state += GOLDEN;
    return mix(state);
  }

  /** Uniform in [0, 1). */
  double nextDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }

  /** Uniform in [0, bound). */
  int nextInt(int bound) {
    return (int) (((nextLong() >>> 32) * bound) >>> 32);
  }

  /** Uniform in [from, to). */
  double uniform(double from, double to) {
    return from + (to - from) * nextDouble();
  }

  boolean chance(double probability) {
    return nextDouble() < probability;
  }

  /** Exponential with the given mean. */
  double exponential(double mean) {
    return -mean * StrictMath.log(1 - nextDouble());
  }

  /** Standard normal (Marsaglia's polar method). */
  double gaussian() {
    if (hasSpare) {
      hasSpare = false;
      return spareGaussian;
    }
    double x;
    double y;
    double s;
    do {
      x = 2 * nextDouble() - 1;
      y = 2 * nextDouble() - 1;
      s = x * x + y * y;
    } while (s >= 1 || s == 0);
    double factor = StrictMath.sqrt(-2 * StrictMath.log(s) / s);
    spareGaussian = y * factor;
    hasSpare = true;
    return x * factor;
  }

  /** An index drawn with probability proportional to {@code weights[i]}; -1 if all are zero. */
  int weighted(double[] weights) {
    double total = 0;
    for (double w : weights) {
      total += w;
    }
    if (total <= 0) {
      return -1;
    }
    double target = nextDouble() * total;
    int last = -1;
    for (int i = 0; i < weights.length; i++) {
      if (weights[i] > 0) {
        last = i;
        target -= weights[i];
        if (target < 0) {
          return i;
        }
      }
    }
    return last;
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
