package io.delaywatch.task;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Content fingerprints of the commit protocol: {@code sha256:<64 hex digits>} of a file's bytes.
 * The raw object, which is not ours to hash before reading, is fingerprinted by its ETag instead
 * ({@code etag:<ETag>}).
 */
public final class Fingerprints {
  private Fingerprints() {}

  /** The fingerprint of a local file, streamed. */
  public static String of(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return of(in);
    }
  }

  /** The fingerprint of everything left in {@code in}; does not close it. */
  public static String of(InputStream in) throws IOException {
    MessageDigest sha = sha256();
    byte[] buffer = new byte[1 << 16];
    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
      sha.update(buffer, 0, n);
    }
    return "sha256:" + HexFormat.of().formatHex(sha.digest());
  }

  /**
   * The fingerprint of {@code content}, as {@link #of(Path)} gives it for a file of these bytes.
   */
  public static String of(byte[] content) {
    return "sha256:" + HexFormat.of().formatHex(sha256().digest(content));
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /** The fingerprint of a raw object by its ETag. */
  public static String ofEtag(String etag) {
    return "etag:" + etag;
  }

  /** A short form for messages: the scheme and the first 12 characters of the value. */
  static String brief(String fingerprint) {
    if (fingerprint == null) {
      return "none";
    }
    int colon = fingerprint.indexOf(':');
    return fingerprint.length() <= colon + 13 ? fingerprint : fingerprint.substring(0, colon + 13);
  }
}
