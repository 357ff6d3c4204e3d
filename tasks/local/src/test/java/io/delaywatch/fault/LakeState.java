package io.delaywatch.fault;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.delaywatch.task.Fingerprints;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.parquet.format.ColumnChunk;
import org.apache.parquet.format.Encoding;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.KeyValue;
import org.apache.parquet.format.PageEncodingStats;
import org.apache.parquet.format.RowGroup;
import org.apache.parquet.format.Util;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The state of a lake as the convergence checks compare it (docs/reliability.md, "What converges"):
 * one line per object, equal for two lakes that hold the same data committed the same way, whatever
 * JVM wrote them. Not API.
 *
 * <ul>
 *   <li>A Parquet file: its row count and row groups, the SHA-256 of every byte before the footer
 *       (all pages), and of its footer with each column's encoding list sorted. parquet-java
 *       collects those encodings in a {@code HashSet} of enum constants, whose identity hash codes
 *       depend on what the writing JVM did before, so two runs on the same input may list them in
 *       another order; nothing else differs. The footer's input fingerprint is replaced by whether
 *       it is the one its producer's manifest committed (it is the SHA-256 of that producer's
 *       bytes, so it differs with them).
 *   <li>A manifest: everything but its times and its history counts (leftovers removed, older files
 *       or rows deleted), each committed fingerprint replaced by whether the object has it, each
 *       input fingerprint by whether it is the one its producer committed.
 *   <li>Any other object: the SHA-256 of its bytes (of its text for HTML pages).
 *   <li>A temporary file of an interrupted upload: {@code LEFTOVER}.
 * </ul>
 *
 * In every key and text the warehouse URI, the raw object's ETag and plot's run-folder names
 * ({@code run-<hash>}, derived from the input's bytes) are replaced by placeholders, so that an S3
 * lake compares with a local one. The raw files themselves are left out: they are the input.
 */
final class LakeState {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern RUN_FOLDER = Pattern.compile("run-[0-9a-f]{12}");
  private static final Set<String> HISTORY_COUNTS =
      Set.of("leftovers_removed", "older_files_deleted", "rows_deleted");

  private final Map<String, byte[]> objects;
  private final String warehouseUri;
  private final String rawEtag;

  private LakeState(Map<String, byte[]> objects, String warehouseUri, String rawEtag) {
    this.objects = objects;
    this.warehouseUri = warehouseUri;
    this.rawEtag = rawEtag;
  }

  /** The state of the local warehouse {@code lake} whose raw object has {@code rawEtag}. */
  static Map<String, String> of(Path lake, String rawEtag) throws IOException {
    Map<String, byte[]> objects = new TreeMap<>();
    try (Stream<Path> files = Files.walk(lake)) {
      for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        objects.put(lake.relativize(file).toString(), Files.readAllBytes(file));
      }
    }
    return new LakeState(objects, lake.toUri().toString(), rawEtag).lines();
  }

  /** The state of the S3 warehouse {@code s3://bucket/prefix}. */
  static Map<String, String> of(S3Client s3, String bucket, String prefix, String rawEtag)
      throws IOException {
    Map<String, byte[]> objects = new TreeMap<>();
    for (S3Object object :
        s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents()) {
      try (InputStream in =
          s3.getObject(
              b -> b.bucket(bucket).key(object.key()), ResponseTransformer.toInputStream())) {
        objects.put(object.key().substring(prefix.length()), in.readAllBytes());
      }
    }
    return new LakeState(objects, "s3://" + bucket + "/" + prefix, rawEtag).lines();
  }

  private Map<String, String> lines() throws IOException {
    Map<String, String> state = new TreeMap<>();
    for (Map.Entry<String, byte[]> object : objects.entrySet()) {
      String key = object.getKey();
      if (key.startsWith("raw/")) {
        continue;
      }
      String name = key.substring(key.lastIndexOf('/') + 1);
      String line;
      if (name.startsWith(".tmp-")) {
        line = "LEFTOVER";
      } else if (key.startsWith("runs/")) {
        line = manifest(object.getValue());
      } else if (name.endsWith(".parquet")) {
        line = parquet(object.getValue());
      } else if (name.endsWith(".html")) {
        line =
            sha(
                normalize(new String(object.getValue(), StandardCharsets.UTF_8))
                    .getBytes(StandardCharsets.UTF_8));
      } else {
        line = sha(object.getValue());
      }
      String normalized = normalize(key);
      // Two run folders (a killed plot's and the published one) must not hide each other.
      while (state.containsKey(normalized)) {
        normalized += " (another run folder)";
      }
      state.put(normalized, line);
    }
    return state;
  }

  private String normalize(String text) {
    String out = text.replace(warehouseUri, "<lake>/");
    if (rawEtag != null) {
      out = out.replace(rawEtag, "<raw-etag>");
    }
    return RUN_FOLDER.matcher(out).replaceAll("run-*");
  }

  private String manifest(byte[] bytes) throws IOException {
    ObjectNode manifest = (ObjectNode) JSON.readTree(bytes);
    manifest.remove(List.of("started_at", "finished_at"));
    if (manifest.get("counts") instanceof ObjectNode counts) {
      counts.remove(HISTORY_COUNTS);
    }
    if (manifest.get("fingerprints") instanceof ObjectNode prints) {
      for (String key : keys(prints)) {
        String found = fingerprintOf(key);
        prints.put(
            key,
            prints.get(key).asText().equals(found)
                ? "committed"
                : "MISMATCH: the object is " + found);
      }
    }
    if (manifest.get("input_fingerprints") instanceof ObjectNode inputs) {
      for (String key : keys(inputs)) {
        inputs.put(key, inputPrint(key, inputs.get(key).asText()));
      }
    }
    return normalize(manifest.toString());
  }

  private static List<String> keys(ObjectNode node) {
    List<String> keys = new ArrayList<>();
    node.properties().forEach(p -> keys.add(p.getKey()));
    return keys;
  }

  /** The object's fingerprint, a folder's as plot computes it; "missing" if there is none. */
  private String fingerprintOf(String key) throws IOException {
    if (!key.endsWith("/")) {
      byte[] bytes = objects.get(key);
      return bytes == null ? "missing" : Fingerprints.of(bytes);
    }
    StringBuilder listing = new StringBuilder();
    for (Map.Entry<String, byte[]> object : objects.entrySet()) {
      if (object.getKey().startsWith(key)) {
        listing.append(object.getKey()).append(' ').append(sha(object.getValue())).append('\n');
      }
    }
    return listing.isEmpty() ? "missing" : sha(listing.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** An input fingerprint as compared: an ETag as it is, a content print by its commitment. */
  private String inputPrint(String key, String print) throws IOException {
    if (!print.startsWith("sha256:")) {
      return print;
    }
    String producer = producer(key);
    byte[] manifest = objects.get("runs/year=" + year(key) + "/" + producer + ".json");
    String committed =
        manifest == null
            ? null
            : JSON.readTree(manifest).path("fingerprints").path(key).asText(null);
    return print.equals(committed)
        ? "committed by " + producer
        : "NOT what " + producer + " committed: " + print;
  }

  private static String producer(String key) {
    if (key.startsWith("staged/")) {
      return "download";
    }
    if (key.startsWith("daily/")) {
      return "transform";
    }
    if (key.startsWith("scored/")) {
      return "detect";
    }
    throw new IllegalArgumentException("no producer known for " + key);
  }

  private static String year(String key) {
    int at = key.indexOf("year=");
    return key.substring(at + 5, at + 9);
  }

  private String parquet(byte[] bytes) throws IOException {
    int footerLength =
        ByteBuffer.wrap(bytes, bytes.length - 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    int footerStart = bytes.length - 8 - footerLength;
    FileMetaData footer =
        Util.readFileMetaData(new ByteArrayInputStream(bytes, footerStart, footerLength));
    List<Long> groups = new ArrayList<>();
    for (RowGroup group : footer.getRow_groups()) {
      groups.add(group.getNum_rows());
      for (ColumnChunk column : group.getColumns()) {
        column.getMeta_data().getEncodings().sort(Comparator.comparingInt(Encoding::getValue));
        List<PageEncodingStats> stats = column.getMeta_data().getEncoding_stats();
        if (stats != null) {
          stats.sort(
              Comparator.comparingInt((PageEncodingStats s) -> s.getPage_type().getValue())
                  .thenComparingInt(s -> s.getEncoding().getValue()));
        }
      }
    }
    Map<String, String> metadata = new TreeMap<>();
    if (footer.getKey_value_metadata() != null) {
      for (KeyValue pair : footer.getKey_value_metadata()) {
        metadata.put(pair.getKey(), pair.getValue());
      }
      String input = metadata.get("delaywatch.input");
      String print = metadata.get("delaywatch.input_fingerprint");
      if (input != null && print != null) {
        metadata.put("delaywatch.input_fingerprint", inputPrint(input, print));
      }
      for (KeyValue pair : footer.getKey_value_metadata()) {
        pair.setValue(normalize(metadata.get(pair.getKey())));
      }
    }
    ByteArrayOutputStream canonical = new ByteArrayOutputStream();
    Util.writeFileMetaData(footer, canonical);
    byte[] pages = new byte[footerStart];
    System.arraycopy(bytes, 0, pages, 0, footerStart);
    return normalize(
        "parquet rows="
            + footer.getNum_rows()
            + " row_groups="
            + groups
            + " pages="
            + sha(pages)
            + " footer="
            + sha(canonical.toByteArray())
            + " metadata="
            + metadata);
  }

  private static String sha(byte[] bytes) throws IOException {
    return Fingerprints.of(bytes);
  }
}
