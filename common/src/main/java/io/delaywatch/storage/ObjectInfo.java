package io.delaywatch.storage;

/**
 * What a store knows of one object.
 *
 * @param key the key relative to the store's root
 * @param size bytes
 * @param etag the version tag: S3's ETag (without quotes), or size and modification time for files
 * @param versionId S3's version id when the bucket keeps versions; null otherwise (and in listings)
 */
public record ObjectInfo(String key, long size, String etag, String versionId) {
  /** An object without a version id. */
  public ObjectInfo(String key, long size, String etag) {
    this(key, size, etag, null);
  }
}
