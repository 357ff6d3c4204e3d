package io.delaywatch.storage;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** A warehouse in a local folder; writes go to a temporary file renamed into place. */
public final class FileObjectStore implements ObjectStore {
  /** Names of files being written; listings skip them. */
  static final String TEMP_PREFIX = ".tmp-";

  private final Path root;

  public FileObjectStore(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  public Path root() {
    return root;
  }

  /** The local path of {@code key}. */
  public Path resolve(String key) {
    Path path = root.resolve(key).normalize();
    if (!path.startsWith(root)) {
      throw new IllegalArgumentException("key escapes the warehouse root: " + key);
    }
    return path;
  }

  @Override
  public InputStream open(String key) throws IOException {
    return Files.newInputStream(resolve(key));
  }

  @Override
  public InputStream open(String key, String expectedEtag) throws IOException {
    Path path = resolve(key);
    String found =
        stat(key).map(ObjectInfo::etag).orElseThrow(() -> new NoSuchFileException(uri(key)));
    if (!found.equals(expectedEtag)) {
      throw new ObjectChangedException(uri(key), expectedEtag, found);
    }
    InputStream in = Files.newInputStream(path);
    Object inode = Files.readAttributes(path, BasicFileAttributes.class).fileKey();
    return new CheckedAtEnd(key, in, expectedEtag, inode);
  }

  @Override
  public Optional<ObjectInfo> stat(String key) throws IOException {
    Path path = resolve(key);
    if (!Files.isRegularFile(path)) {
      return Optional.empty();
    }
    return Optional.of(info(path));
  }

  @Override
  public List<ObjectInfo> list(String prefix) throws IOException {
    Path start = resolve(prefix.contains("/") ? prefix.substring(0, prefix.lastIndexOf('/')) : "");
    if (!Files.isDirectory(start)) {
      return List.of();
    }
    List<ObjectInfo> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(start)) {
      for (Path path : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        if (key(path).startsWith(prefix)
            && !path.getFileName().toString().startsWith(TEMP_PREFIX)) {
          found.add(info(path));
        }
      }
    }
    found.sort(Comparator.comparing(ObjectInfo::key));
    return found;
  }

  @Override
  public void upload(Path localFile, String key, String contentType) throws IOException {
    place(key, tmp -> Files.copy(localFile, tmp));
  }

  @Override
  public void moveIn(Path localFile, String key, String contentType) throws IOException {
    // A rename on the same file system, a copy and a delete across: the target appears whole
    // either way, by the rename into place.
    place(key, tmp -> Files.move(localFile, tmp));
  }

  private interface Fill {
    void into(Path tmp) throws IOException;
  }

  /** Fills a temporary sibling of the key's file, then renames it into place. */
  private void place(String key, Fill fill) throws IOException {
    Path target = resolve(key);
    Files.createDirectories(target.getParent());
    Path tmp = temporarySibling(target);
    try {
      fill.into(tmp);
      moveIntoPlace(tmp, target);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  @Override
  public void put(String key, byte[] content, String contentType) throws IOException {
    Path target = resolve(key);
    Files.createDirectories(target.getParent());
    Path tmp = temporarySibling(target);
    try {
      Files.write(tmp, content);
      moveIntoPlace(tmp, target);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  @Override
  public void download(String key, Path localFile) throws IOException {
    Path source = resolve(key);
    if (!Files.isRegularFile(source)) {
      throw new NoSuchFileException(uri(key));
    }
    Files.deleteIfExists(localFile);
    try {
      Files.createLink(localFile, source);
    } catch (IOException | UnsupportedOperationException e) {
      // Another file system, or a file we may not link (fs.protected_hardlinks): copy it.
      Files.copy(source, localFile, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  @Override
  public int sweep(String key, Instant before) throws IOException {
    Path target = resolve(key);
    Path dir = target.getParent();
    if (dir == null || !Files.isDirectory(dir)) {
      return 0;
    }
    int removed = 0;
    String prefix = TEMP_PREFIX + target.getFileName() + "-";
    try (DirectoryStream<Path> siblings = Files.newDirectoryStream(dir, prefix + "*.part")) {
      for (Path leftover : siblings) {
        if (Files.getLastModifiedTime(leftover).toInstant().isBefore(before)
            && Files.deleteIfExists(leftover)) {
          removed++;
        }
      }
    }
    return removed;
  }

  @Override
  public int deleteExcept(String folder, Collection<String> kept, Instant before)
      throws IOException {
    Path start = resolve(folder);
    if (!Files.isDirectory(start)) {
      return 0;
    }
    int removed = 0;
    List<Path> all;
    try (Stream<Path> walk = Files.walk(start)) {
      all = walk.sorted(Comparator.reverseOrder()).toList();
    }
    for (Path path : all) {
      String key = key(path) + (Files.isDirectory(path) ? "/" : "");
      boolean keep = kept.stream().anyMatch(k -> key.startsWith(k) || k.startsWith(key));
      if (keep || path.equals(start)) {
        continue;
      }
      if (Files.isDirectory(path)) {
        try (Stream<Path> left = Files.list(path)) {
          if (left.findAny().isEmpty()) {
            Files.delete(path);
          }
        }
      } else if (!path.getFileName().toString().startsWith(TEMP_PREFIX)
          || Files.getLastModifiedTime(path).toInstant().isBefore(before)) {
        Files.deleteIfExists(path);
        removed++;
      }
    }
    return removed;
  }

  @Override
  public String uri(String key) {
    return resolve(key).toUri().toString();
  }

  @Override
  public void close() {}

  /**
   * A fresh name beside {@code target}, named for it so that {@link #sweep} finds what a killed
   * write left; the file is created later with the usual permissions.
   */
  private static Path temporarySibling(Path target) {
    // Not Files.createTempFile: its owner-only mode would make the lake unreadable to others.
    return target.resolveSibling(
        TEMP_PREFIX + target.getFileName() + "-" + java.util.UUID.randomUUID() + ".part");
  }

  private static void moveIntoPlace(Path tmp, Path target) throws IOException {
    try {
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private String key(Path path) {
    return root.relativize(path).toString().replace('\\', '/');
  }

  /** Checks at the end that the file was not rewritten in place while it was read. */
  private final class CheckedAtEnd extends FilterInputStream {
    private final String key;
    private final String expectedEtag;
    private final Object inode;

    CheckedAtEnd(String key, InputStream in, String expectedEtag, Object inode) {
      super(in);
      this.key = key;
      this.expectedEtag = expectedEtag;
      this.inode = inode;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b < 0) {
        check();
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      if (n < 0) {
        check();
      }
      return n;
    }

    private void check() throws IOException {
      // A file replaced by a rename (how every writer here replaces one) leaves the file we opened
      // whole; one rewritten in place does not.
      Path path = resolve(key);
      if (inode != null
          && Files.isRegularFile(path)
          && !inode.equals(Files.readAttributes(path, BasicFileAttributes.class).fileKey())) {
        return;
      }
      String now = stat(key).map(ObjectInfo::etag).orElse(null);
      if (now != null && !expectedEtag.equals(now)) {
        throw new ObjectChangedException(uri(key), expectedEtag, now);
      }
    }
  }

  private ObjectInfo info(Path path) throws IOException {
    BasicFileAttributes attrs = Files.readAttributes(path, BasicFileAttributes.class);
    String etag = attrs.size() + "-" + attrs.lastModifiedTime().toMillis();
    return new ObjectInfo(key(path), attrs.size(), etag);
  }
}
