package io.delaywatch.storage;

import java.net.URI;
import java.nio.file.Path;

/** Opens the {@link ObjectStore} a warehouse URI names. */
public final class Warehouse {
  private Warehouse() {}

  /**
   * Opens {@code s3://bucket[/prefix]}, {@code file:///abs/path} or a plain local path.
   *
   * @throws IllegalArgumentException for another scheme or an S3 URI without a bucket
   */
  public static ObjectStore open(String uri) {
    if (uri == null || uri.isBlank()) {
      throw new IllegalArgumentException(
          "no warehouse: pass --warehouse or set DELAYWATCH_WAREHOUSE");
    }
    if (uri.startsWith("s3://") || uri.startsWith("s3a://")) {
      URI parsed = URI.create(uri);
      String bucket = parsed.getHost();
      if (bucket == null || bucket.isBlank()) {
        throw new IllegalArgumentException("S3 warehouse needs a bucket: " + uri);
      }
      String path = parsed.getPath() == null ? "" : parsed.getPath();
      return new S3ObjectStore(S3ObjectStore.clientFromEnvironment(), bucket, path);
    }
    if (uri.startsWith("file:")) {
      return new FileObjectStore(Path.of(URI.create(uri)));
    }
    if (uri.matches("^[a-zA-Z][a-zA-Z0-9+.-]+://.*")) {
      throw new IllegalArgumentException(
          "unsupported warehouse scheme in " + uri + " (expected s3://, file:// or a path)");
    }
    return new FileObjectStore(Path.of(uri));
  }
}
