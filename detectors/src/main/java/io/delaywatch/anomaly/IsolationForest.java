package io.delaywatch.anomaly;

import java.util.SplittableRandom;

/**
 * Isolation Forest as Liu, Ting and Zhou published it (ICDM 2008): t trees, each grown on ψ points
 * drawn without replacement, split on a random attribute at a uniform random value between its
 * minimum and maximum until a point is alone or the height limit ⌈log₂ ψ⌉ is reached; a point's
 * anomaly score is s = 2^(−E[h(x)] / c(ψ)), h its path length (plus c(size) at a leaf of several
 * points), c(n) = 2H(n−1) − 2(n−1)/n the average path length of an unsuccessful search in a binary
 * search tree. Near 1: isolated at once, anomalous; well below 0.5: ordinary. Not API; immutable
 * once grown.
 */
final class IsolationForest {
  /** The paper's defaults: 100 trees of 256 points. */
  static final int TREES = 100;

  static final int SUBSAMPLE = 256;
  private static final double EULER_GAMMA = 0.5772156649015329;

  private final Node[] trees;
  private final double normaliser;

  private IsolationForest(Node[] trees, double normaliser) {
    this.trees = trees;
    this.normaliser = normaliser;
  }

  /**
   * Grows a forest on {@code points} (rows of equal length, no NaN).
   *
   * @param seed the same seed and points give the same forest
   */
  static IsolationForest grow(double[][] points, int trees, int subsample, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int n = points.length;
    int psi = Math.min(subsample, n);
    int heightLimit = (int) Math.ceil(Math.log(Math.max(2, psi)) / Math.log(2));
    Node[] grown = new Node[trees];
    int[] indices = new int[n];
    for (int t = 0; t < trees; t++) {
      for (int i = 0; i < n; i++) {
        indices[i] = i;
      }
      // A partial Fisher–Yates shuffle: the first psi indices are a sample without replacement.
      for (int i = 0; i < psi; i++) {
        int j = i + random.nextInt(n - i);
        int swap = indices[i];
        indices[i] = indices[j];
        indices[j] = swap;
      }
      int[] sample = java.util.Arrays.copyOf(indices, psi);
      grown[t] = grow(points, sample, 0, psi, 0, heightLimit, random);
    }
    return new IsolationForest(grown, averagePathLength(psi));
  }

  /** The anomaly score s(x, ψ) of {@code point}, in (0, 1]. */
  double score(double[] point) {
    double total = 0;
    for (Node tree : trees) {
      total += pathLength(tree, point);
    }
    return Math.pow(2, -(total / trees.length) / normaliser);
  }

  /** c(n): the average path length of an unsuccessful search in a binary search tree of n keys. */
  static double averagePathLength(int n) {
    if (n <= 1) {
      return 0;
    }
    return 2 * harmonic(n - 1) - 2.0 * (n - 1) / n;
  }

  private static double harmonic(int i) {
    if (i < 64) {
      double sum = 0;
      for (int k = 1; k <= i; k++) {
        sum += 1.0 / k;
      }
      return sum;
    }
    return Math.log(i) + EULER_GAMMA + 1.0 / (2 * i);
  }

  private static double pathLength(Node node, double[] point) {
    int depth = 0;
    while (node.attribute >= 0) {
      node = point[node.attribute] < node.split ? node.left : node.right;
      depth++;
    }
    return depth + averagePathLength(node.size);
  }

  /**
   * Splits sample[from..to) in place; a leaf when one point is left, at the limit, or all equal.
   */
  private static Node grow(
      double[][] points,
      int[] sample,
      int from,
      int to,
      int depth,
      int limit,
      SplittableRandom random) {
    int size = to - from;
    if (depth >= limit || size <= 1) {
      return Node.leaf(size);
    }
    int dimensions = points[sample[from]].length;
    double[] min = new double[dimensions];
    double[] max = new double[dimensions];
    java.util.Arrays.fill(min, Double.POSITIVE_INFINITY);
    java.util.Arrays.fill(max, Double.NEGATIVE_INFINITY);
    for (int i = from; i < to; i++) {
      double[] point = points[sample[i]];
      for (int a = 0; a < dimensions; a++) {
        min[a] = Math.min(min[a], point[a]);
        max[a] = Math.max(max[a], point[a]);
      }
    }
    // The paper picks any attribute; one that is constant here cannot split, so it is not drawn.
    int splittable = 0;
    for (int a = 0; a < dimensions; a++) {
      splittable += max[a] > min[a] ? 1 : 0;
    }
    if (splittable == 0) {
      return Node.leaf(size);
    }
    int pick = random.nextInt(splittable);
    int attribute = -1;
    for (int a = 0; a < dimensions; a++) {
      if (max[a] > min[a] && pick-- == 0) {
        attribute = a;
        break;
      }
    }
    double split = min[attribute] + random.nextDouble() * (max[attribute] - min[attribute]);
    if (split <= min[attribute]) {
      // nextDouble() can be 0: keep the split strictly above the minimum so both sides are used.
      split = Math.nextUp(min[attribute]);
    }
    int middle = from;
    for (int i = from; i < to; i++) {
      if (points[sample[i]][attribute] < split) {
        int swap = sample[i];
        sample[i] = sample[middle];
        sample[middle] = swap;
        middle++;
      }
    }
    Node left = grow(points, sample, from, middle, depth + 1, limit, random);
    Node right = grow(points, sample, middle, to, depth + 1, limit, random);
    return new Node(attribute, split, left, right, size);
  }

  /** An internal node (attribute ≥ 0) or a leaf holding {@code size} points. */
  private record Node(int attribute, double split, Node left, Node right, int size) {
    static Node leaf(int size) {
      return new Node(-1, Double.NaN, null, null, size);
    }
  }
}
