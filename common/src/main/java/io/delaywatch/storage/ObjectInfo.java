package io.delaywatch.storage;

/**
 * What a store knows of one object.
 *
 * @param key the key relative to the store's root
 * @param size bytes
 * @param etag the version tag: S3's ETag, or size and modification time for files
 */
public record ObjectInfo(String key, long size, String etag) {}
