package io.delaywatch.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A flat namespace of objects addressed by relative keys such as {@code raw/flights/2015.csv}: the
 * warehouse root of a data lake, on S3 or in a local folder.
 *
 * <p>Keys use {@code /} and never start with it. Writes replace whole objects and become visible
 * only when complete. Implementations are thread-safe. I/O failures surface as {@link IOException};
 * a missing object as {@link java.nio.file.NoSuchFileException}.
 */
public interface ObjectStore extends AutoCloseable {

  /** Opens an object for streaming; the caller closes the stream. */
  InputStream open(String key) throws IOException;

  /**
   * Opens the version of an object whose ETag is {@code expectedEtag} for streaming: every request
   * (resumed ones included) asks for that version only, so the bytes never mix two versions.
   *
   * @throws ObjectChangedException (when opening or while reading) if the object has another ETag
   */
  InputStream open(String key, String expectedEtag) throws IOException;

  /** Size and version tag of an object, or empty when it does not exist. */
  Optional<ObjectInfo> stat(String key) throws IOException;

  /** Every object whose key starts with {@code prefix}, sorted by key. */
  List<ObjectInfo> list(String prefix) throws IOException;

  /** Copies a local file to {@code key}, replacing it (multipart for big files on S3). */
  void upload(Path localFile, String key, String contentType) throws IOException;

  /**
   * Uploads a finished local file to {@code key} like {@link #upload} and removes the local file; a
   * local warehouse on the same file system renames it into place instead of copying it.
   */
  default void moveIn(Path localFile, String key, String contentType) throws IOException {
    upload(localFile, key, contentType);
    java.nio.file.Files.delete(localFile);
  }

  /** Writes small content to {@code key}, replacing it. */
  void put(String key, byte[] content, String contentType) throws IOException;

  /**
   * Copies {@code key} to a local file, replacing it. The caller only reads that file: a local
   * warehouse may hard-link it to the object's bytes instead of copying them (every writer here
   * replaces an object by a rename, never in place, so the linked bytes do not change).
   */
  void download(String key, Path localFile) throws IOException;

  /**
   * Removes what interrupted writes of {@code key} left behind before {@code before}: temporary
   * sibling files of a local warehouse, open multipart uploads on S3. Never touches {@code key}
   * itself nor writes started later (a run passes its own start time).
   *
   * @return how many leftovers were removed
   */
  int sweep(String key, java.time.Instant before) throws IOException;

  /**
   * Deletes every object under {@code folder} (a prefix ending in {@code /}) whose key starts with
   * none of {@code kept}, with the leftovers of interrupted writes there (temporary files, open
   * multipart uploads started before {@code before}) and, locally, the folders it empties.
   *
   * @return how many objects and leftovers were removed
   */
  int deleteExcept(String folder, java.util.Collection<String> kept, java.time.Instant before)
      throws IOException;

  /** The address of {@code key} for people and manifests, e.g. {@code s3://bucket/lake/raw/...}. */
  String uri(String key);

  @Override
  void close();
}
