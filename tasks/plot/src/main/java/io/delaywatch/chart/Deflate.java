package io.delaywatch.chart;

import java.util.Arrays;
import java.util.PriorityQueue;

/**
 * A zlib stream (RFC 1950) of one dynamic-Huffman deflate block (RFC 1951) built from literal bytes
 * and runs of zero bytes, for {@link PngFile}. The caller says where the runs are (it knows them
 * from the pixels), so nothing is searched for: a run is copies at distance 1 of the zero before
 * it, up to 258 bytes a copy, and the Huffman codes are fitted to the counts of the stream's own
 * symbols (at most 15 bits, as the format allows; the code-length code at most 7). Not API; not
 * thread-safe: one per thread, reused through {@link #reset}.
 */
final class Deflate {
  private static final int ADLER_MOD = 65521;

  /**
   * The Adler-32 sums are kept unreduced until B reaches this (A grows by at most 255 a byte, B by
   * A): one comparison a byte instead of two reductions.
   */
  private static final long ADLER_REDUCE = 1L << 60;

  private final long adlerReduce;

  private static final int END = 256;
  private static final int LITERALS_AND_LENGTHS = 286;
  private static final int MAX_LENGTH = 258;

  /** Per copy length 3..258: its length symbol, the value of its extra bits and their number. */
  private static final int[] LENGTH_SYMBOL = new int[MAX_LENGTH + 1];

  private static final int[] LENGTH_EXTRA = new int[MAX_LENGTH + 1];
  private static final int[] LENGTH_EXTRA_BITS = new int[MAX_LENGTH + 1];

  /** The order in which the code-length code's lengths are sent. */
  private static final int[] CODE_LENGTH_ORDER = {
    16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15
  };

  static {
    int[] base = {
      3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131,
      163, 195, 227, 258
    };
    int[] extra = {
      0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0
    };
    for (int code = 0; code < base.length; code++) {
      // 258 has a symbol of its own: the last 5-bit range stops at 257.
      int last =
          code == base.length - 1 ? MAX_LENGTH : Math.min(MAX_LENGTH - 1, base[code + 1] - 1);
      for (int length = base[code]; length <= last; length++) {
        LENGTH_SYMBOL[length] = 257 + code;
        LENGTH_EXTRA[length] = length - base[code];
        LENGTH_EXTRA_BITS[length] = extra[code];
      }
    }
  }

  /** The stream so far: a literal byte (0..255) or 256 + a copy's length. */
  private int[] tokens = new int[1 << 16];

  private int count;
  private final int[] frequency = new int[LITERALS_AND_LENGTHS];
  private long adlerA = 1;
  private long adlerB;
  private boolean lastWasZero;

  private byte[] out;
  private int at;
  private long bits;
  private int bitCount;

  Deflate() {
    this(ADLER_REDUCE);
  }

  /** A deflater that reduces its Adler-32 sums once B reaches {@code adlerReduce} (tests). */
  Deflate(long adlerReduce) {
    this.adlerReduce = adlerReduce;
  }

  /** Starts a new stream. */
  void reset() {
    count = 0;
    Arrays.fill(frequency, 0);
    adlerA = 1;
    adlerB = 0;
    lastWasZero = false;
  }

  /** Appends one byte. */
  void literal(int value) {
    if (count == tokens.length) {
      grow();
    }
    tokens[count++] = value;
    frequency[value]++;
    lastWasZero = value == 0;
    adlerA += value;
    adlerB += adlerA;
    if (adlerB >= adlerReduce) {
      reduceAdler();
    }
  }

  /**
   * Appends three bytes (a pixel's samples): {@link #literal} three times, in one call, which
   * matters where plot runs (C1's code inlines no method this long).
   */
  void literals(int first, int second, int third) {
    if (count + 3 > tokens.length) {
      grow();
    }
    tokens[count] = first;
    tokens[count + 1] = second;
    tokens[count + 2] = third;
    count += 3;
    frequency[first]++;
    frequency[second]++;
    frequency[third]++;
    lastWasZero = third == 0;
    adlerB += 3 * adlerA + 3 * first + 2 * second + third;
    adlerA += first + second + third;
    if (adlerB >= adlerReduce) {
      reduceAdler();
    }
  }

  /** Appends {@code n} zero bytes. */
  void zeros(int n) {
    if (n <= 0) {
      return;
    }
    reduceAdler();
    adlerB = (adlerB + n % ADLER_MOD * adlerA) % ADLER_MOD;
    int left = n;
    if (!lastWasZero) {
      symbol(0);
      left--;
    }
    while (left >= 3) {
      int copy = Math.min(left, MAX_LENGTH);
      if (left - copy > 0 && left - copy < 3) {
        copy = left - 3;
      }
      token(END + copy, LENGTH_SYMBOL[copy]);
      left -= copy;
    }
    for (; left > 0; left--) {
      symbol(0);
    }
    lastWasZero = true;
  }

  /** At least the number of bytes {@link #finish} will write. */
  int maxBytes() {
    // zlib header and Adler-32, the block header and code lengths (< 300 bytes), and per symbol
    // at most 15 bits of code, 5 extra bits and a 1-bit distance.
    return 6 + 300 + (int) (((long) count * 21 + 15 + 7) / 8) + 8;
  }

  /**
   * Writes the zlib stream of everything appended since {@link #reset} into {@code target} from
   * {@code offset} ({@link #maxBytes} bytes must fit); returns the offset after it.
   */
  int finish(byte[] target, int offset) {
    out = target;
    at = offset;
    bits = 0;
    bitCount = 0;
    out[at++] = 0x78; // deflate, 32 KB window
    out[at++] = 0x01; // fastest; (0x78 * 256 + 0x01) % 31 == 0
    frequency[END] = 1;
    int[] lengths = codeLengths(frequency, 15);
    int literals = LITERALS_AND_LENGTHS;
    while (lengths[literals - 1] == 0) {
      literals--;
    }
    int[] sequence = Arrays.copyOf(lengths, literals + 1);
    // The one distance code, distance 1, in one bit.
    sequence[literals] = 1;
    int[] lengthFrequency = new int[19];
    for (int length : sequence) {
      lengthFrequency[length]++;
    }
    // The code-length code must be complete: give it a second symbol when it has one.
    if (Arrays.stream(lengthFrequency).filter(f -> f > 0).count() < 2) {
      lengthFrequency[lengthFrequency[0] > 0 ? 1 : 0]++;
    }
    int[] lengthLengths = codeLengths(lengthFrequency, 7);
    int sent = CODE_LENGTH_ORDER.length;
    while (sent > 4 && lengthLengths[CODE_LENGTH_ORDER[sent - 1]] == 0) {
      sent--;
    }
    int[] codes = canonicalCodes(lengths);
    int[] lengthCodes = canonicalCodes(lengthLengths);

    put(1 | 2 << 1, 3); // the final block, dynamic Huffman codes
    put(literals - 257, 5);
    put(0, 5); // one distance code
    put(sent - 4, 4);
    for (int i = 0; i < sent; i++) {
      put(lengthLengths[CODE_LENGTH_ORDER[i]], 3);
    }
    for (int length : sequence) {
      put(lengthCodes[length], lengthLengths[length]);
    }
    // Per token its whole bit string, code and extra bits and (a copy) the distance code's one
    // 0 bit, at most 15 + 5 + 1 bits: one table look-up and one append a token.
    int[] tokenBits = new int[END + MAX_LENGTH + 1];
    int[] tokenSize = new int[END + MAX_LENGTH + 1];
    for (int token = 0; token < END; token++) {
      tokenBits[token] = codes[token];
      tokenSize[token] = lengths[token];
    }
    for (int copy = 3; copy <= MAX_LENGTH; copy++) {
      int symbol = LENGTH_SYMBOL[copy];
      tokenBits[END + copy] = codes[symbol] | LENGTH_EXTRA[copy] << lengths[symbol];
      tokenSize[END + copy] = lengths[symbol] + LENGTH_EXTRA_BITS[copy] + 1;
    }
    long pending = bits;
    int pendingCount = bitCount;
    int to = at;
    for (int i = 0; i < count; i++) {
      int token = tokens[i];
      pending |= (long) tokenBits[token] << pendingCount;
      pendingCount += tokenSize[token];
      if (pendingCount >= 32) {
        target[to] = (byte) pending;
        target[to + 1] = (byte) (pending >>> 8);
        target[to + 2] = (byte) (pending >>> 16);
        target[to + 3] = (byte) (pending >>> 24);
        to += 4;
        pending >>>= 32;
        pendingCount -= 32;
      }
    }
    bits = pending;
    bitCount = pendingCount;
    at = to;
    put(codes[END], lengths[END]);
    while (bitCount > 0) {
      out[at++] = (byte) bits;
      bits >>>= 8;
      bitCount -= 8;
    }
    reduceAdler();
    long adler = adlerB << 16 | adlerA;
    out[at++] = (byte) (adler >>> 24);
    out[at++] = (byte) (adler >>> 16);
    out[at++] = (byte) (adler >>> 8);
    out[at++] = (byte) adler;
    out = null;
    return at;
  }

  private void symbol(int value) {
    token(value, value);
    lastWasZero = value == 0;
  }

  /** Appends {@code token} (see {@link #tokens}), counting its literal/length {@code symbol}. */
  private void token(int token, int symbol) {
    if (count == tokens.length) {
      grow();
    }
    tokens[count++] = token;
    frequency[symbol]++;
  }

  private void grow() {
    tokens = Arrays.copyOf(tokens, tokens.length * 2);
  }

  private void reduceAdler() {
    adlerA %= ADLER_MOD;
    adlerB %= ADLER_MOD;
  }

  /** Appends the low {@code n} bits of {@code value}, first bit first. */
  private void put(int value, int n) {
    bits |= (long) value << bitCount;
    bitCount += n;
    if (bitCount >= 32) {
      out[at] = (byte) bits;
      out[at + 1] = (byte) (bits >>> 8);
      out[at + 2] = (byte) (bits >>> 16);
      out[at + 3] = (byte) (bits >>> 24);
      at += 4;
      bits >>>= 32;
      bitCount -= 32;
    }
  }

  /**
   * Huffman code lengths for {@code frequency} of at most {@code limit} bits: the optimal code,
   * with the counts halved until it fits. A symbol of count 0 gets no code; a lone symbol gets 1
   * bit.
   */
  static int[] codeLengths(int[] frequency, int limit) {
    int[] counts = frequency.clone();
    while (true) {
      int[] lengths = huffman(counts);
      if (Arrays.stream(lengths).max().orElse(0) <= limit) {
        return lengths;
      }
      for (int i = 0; i < counts.length; i++) {
        counts[i] = counts[i] == 0 ? 0 : (counts[i] + 1) / 2;
      }
    }
  }

  private static int[] huffman(int[] counts) {
    int n = counts.length;
    int[] lengths = new int[n];
    int[] parent = new int[2 * n];
    // A node's weight above, its index below: ties break by index, so the codes never vary.
    PriorityQueue<Long> queue = new PriorityQueue<>();
    for (int i = 0; i < n; i++) {
      if (counts[i] > 0) {
        queue.add((long) counts[i] << 32 | i);
      }
    }
    if (queue.size() == 1) {
      lengths[(int) (queue.peek() & 0xFFFFFFFFL)] = 1;
      return lengths;
    }
    int next = n;
    while (queue.size() > 1) {
      long first = queue.poll();
      long second = queue.poll();
      parent[(int) (first & 0xFFFFFFFFL)] = next;
      parent[(int) (second & 0xFFFFFFFFL)] = next;
      queue.add(((first >>> 32) + (second >>> 32)) << 32 | next);
      next++;
    }
    int root = next - 1;
    for (int i = 0; i < n; i++) {
      if (counts[i] > 0) {
        int depth = 0;
        for (int node = i; node != root; node = parent[node]) {
          depth++;
        }
        lengths[i] = depth;
      }
    }
    return lengths;
  }

  /** The canonical codes of {@code lengths} (RFC 1951, 3.2.2), bit-reversed for writing. */
  static int[] canonicalCodes(int[] lengths) {
    int[] perLength = new int[16];
    for (int length : lengths) {
      perLength[length]++;
    }
    perLength[0] = 0;
    int[] nextCode = new int[16];
    int code = 0;
    for (int bitsUsed = 1; bitsUsed < 16; bitsUsed++) {
      code = (code + perLength[bitsUsed - 1]) << 1;
      nextCode[bitsUsed] = code;
    }
    int[] codes = new int[lengths.length];
    for (int i = 0; i < lengths.length; i++) {
      if (lengths[i] > 0) {
        codes[i] = Integer.reverse(nextCode[lengths[i]]++) >>> (32 - lengths[i]);
      }
    }
    return codes;
  }
}
