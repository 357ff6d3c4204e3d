package io.delaywatch.storage;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import javax.xml.stream.XMLStreamException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListMultipartUploadsRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A warehouse under {@code s3://bucket/prefix}, through the AWS SDK v2 with its standard retries
 * (exponential backoff with jitter on throttling, 5xx, connection errors and responses broken off
 * mid-body).
 *
 * <p>Reads stream and resume from the last byte after a broken connection; files above {@link
 * #MULTIPART_THRESHOLD} are uploaded in parts.
 */
public final class S3ObjectStore implements ObjectStore {
  /** Above this size uploads go in parts: one PUT of a large file has no partial retry. */
  static final long MULTIPART_THRESHOLD = 64L << 20;

  static final long PART_SIZE = 32L << 20;

  /**
   * Resumes in a row, with no byte read between them, after which a read gives up. A read that
   * makes progress between breaks resumes as often as it breaks: a long transfer over a flaky link
   * should not fail on its sixth break of the hour.
   */
  static final int READ_RESUMES = 5;

  private static final Logger LOG = LoggerFactory.getLogger(S3ObjectStore.class);

  private final S3Client s3;
  private final String bucket;
  private final String prefix;
  private final long multipartThreshold;
  private final long partSize;

  /**
   * @param s3 the client (closed by {@link #close()})
   * @param bucket bucket name
   * @param prefix key prefix under the bucket, empty or without leading/trailing slash
   */
  public S3ObjectStore(S3Client s3, String bucket, String prefix) {
    this(s3, bucket, prefix, MULTIPART_THRESHOLD, PART_SIZE);
  }

  S3ObjectStore(S3Client s3, String bucket, String prefix, long multipartThreshold, long partSize) {
    this.s3 = s3;
    this.bucket = bucket;
    String trimmed = prefix.replaceAll("^/+|/+$", "");
    this.prefix = trimmed.isEmpty() ? "" : trimmed + "/";
    this.multipartThreshold = multipartThreshold;
    this.partSize = partSize;
  }

  /**
   * A client configured from the environment: region from the default chain ({@code AWS_REGION},
   * profile, instance metadata; {@code us-east-1} when none), credentials from the default chain,
   * and {@code AWS_ENDPOINT_URL} (or the system property {@code aws.endpointUrl}) for MinIO or
   * S3Proxy, with path-style addressing, when set.
   */
  public static S3Client clientFromEnvironment() {
    S3ClientBuilder builder = configured(S3Client.builder()).region(regionOrDefault());
    String endpoint = System.getenv("AWS_ENDPOINT_URL");
    if (endpoint == null || endpoint.isBlank()) {
      endpoint = System.getProperty("aws.endpointUrl");
    }
    if (endpoint != null && !endpoint.isBlank()) {
      builder.endpointOverride(URI.create(endpoint)).forcePathStyle(true);
    }
    return builder.build();
  }

  /**
   * Attempts per S3 call, the first included. The SDK's standard mode stops at 3, which a burst of
   * three 503 SlowDown answers to one request exhausts (seen under the fault suite's 5% SlowDown);
   * a batch task should wait such a burst out rather than fail the step (Hadoop's S3A allows 7 for
   * errors, 20 for throttling). The standard strategy's jittered exponential backoff stays; five
   * SlowDowns in a row cost ~2 s against S3Proxy here (ObjectStoreFaultIT).
   */
  static final int MAX_ATTEMPTS = 6;

  /**
   * The retries and checksums every DelayWatch client has: the SDK's standard retries (up to {@link
   * #MAX_ATTEMPTS} attempts), which also ask again when a response {@linkplain #brokeOffMidBody
   * broke off mid-body}; checksums only where required, as S3-compatible servers reject the newer
   * default ones (AWS accepts either).
   */
  static S3ClientBuilder configured(S3ClientBuilder builder) {
    RetryStrategy retries =
        AwsRetryStrategy.standardRetryStrategy().toBuilder()
            .maxAttempts(MAX_ATTEMPTS)
            .retryOnException(S3ObjectStore::brokeOffMidBody)
            .build();
    return builder
        .overrideConfiguration(o -> o.retryStrategy(retries))
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
  }

  /**
   * Whether a call failed because the connection broke while the SDK was reading the response's XML
   * (a listing, a multipart answer): the SDK's own conditions retry a broken connection only before
   * the body is read, and fail this one at once as "Could not parse XML response". The JDK's StAX
   * parser keeps the {@link IOException} as its "nested" exception, not as the cause.
   */
  static boolean brokeOffMidBody(Throwable failure) {
    if (!(failure instanceof SdkClientException)) {
      return false;
    }
    for (Throwable t = failure.getCause(); t != null; t = t.getCause()) {
      if (t instanceof IOException
          || t instanceof XMLStreamException xml
              && xml.getNestedException() instanceof IOException) {
        return true;
      }
    }
    return false;
  }

  private static Region regionOrDefault() {
    try {
      return new DefaultAwsRegionProviderChain().getRegion();
    } catch (SdkException e) {
      return Region.US_EAST_1;
    }
  }

  @Override
  public InputStream open(String key) throws IOException {
    return new ResumingStream(key, null);
  }

  @Override
  public InputStream open(String key, String expectedEtag) throws IOException {
    return new ResumingStream(key, expectedEtag);
  }

  @Override
  public Optional<ObjectInfo> stat(String key) throws IOException {
    try {
      HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key(prefix + key));
      return Optional.of(
          new ObjectInfo(key, head.contentLength(), unquote(head.eTag()), head.versionId()));
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return Optional.empty();
      }
      throw new IOException("HEAD " + uri(key) + " failed: " + e.getMessage(), e);
    }
  }

  @Override
  public List<ObjectInfo> list(String keyPrefix) throws IOException {
    List<ObjectInfo> found = new ArrayList<>();
    ListObjectsV2Request request =
        ListObjectsV2Request.builder().bucket(bucket).prefix(prefix + keyPrefix).build();
    try {
      for (S3Object object : s3.listObjectsV2Paginator(request).contents()) {
        found.add(
            new ObjectInfo(
                object.key().substring(prefix.length()), object.size(), unquote(object.eTag())));
      }
    } catch (S3Exception e) {
      throw new IOException("LIST " + uri(keyPrefix) + " failed: " + e.getMessage(), e);
    }
    return found;
  }

  @Override
  public void upload(Path localFile, String key, String contentType) throws IOException {
    long size = Files.size(localFile);
    if (size <= multipartThreshold) {
      s3.putObject(
          b -> b.bucket(bucket).key(prefix + key).contentType(contentType),
          RequestBody.fromFile(localFile));
      return;
    }
    String uploadId =
        s3.createMultipartUpload(b -> b.bucket(bucket).key(prefix + key).contentType(contentType))
            .uploadId();
    try {
      List<CompletedPart> parts = new ArrayList<>();
      try (InputStream in = Files.newInputStream(localFile)) {
        for (int number = 1; (long) (number - 1) * partSize < size; number++) {
          byte[] part = in.readNBytes((int) Math.min(partSize, size - (number - 1) * partSize));
          int partNumber = number;
          String etag =
              s3.uploadPart(
                      b ->
                          b.bucket(bucket)
                              .key(prefix + key)
                              .uploadId(uploadId)
                              .partNumber(partNumber),
                      RequestBody.fromBytes(part))
                  .eTag();
          parts.add(CompletedPart.builder().partNumber(partNumber).eTag(etag).build());
        }
      }
      s3.completeMultipartUpload(
          b ->
              b.bucket(bucket)
                  .key(prefix + key)
                  .uploadId(uploadId)
                  .multipartUpload(CompletedMultipartUpload.builder().parts(parts).build()));
    } catch (IOException | RuntimeException e) {
      // An abandoned upload keeps its parts (and their cost) until aborted.
      s3.abortMultipartUpload(b -> b.bucket(bucket).key(prefix + key).uploadId(uploadId));
      throw e;
    }
  }

  @Override
  public void put(String key, byte[] content, String contentType) {
    s3.putObject(
        b -> b.bucket(bucket).key(prefix + key).contentType(contentType),
        RequestBody.fromBytes(content));
  }

  @Override
  public void download(String key, Path localFile) throws IOException {
    try (InputStream in = open(key)) {
      Files.copy(in, localFile, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  @Override
  public int sweep(String key, Instant before) throws IOException {
    int aborted = 0;
    try {
      ListMultipartUploadsRequest request =
          ListMultipartUploadsRequest.builder().bucket(bucket).prefix(prefix + key).build();
      for (MultipartUpload upload : s3.listMultipartUploadsPaginator(request).uploads()) {
        // Only this key's uploads (the prefix also matches longer keys), and only older ones: an
        // upload started after `before` belongs to a run that is still going.
        if (upload.key().equals(prefix + key)
            && upload.initiated() != null
            && upload.initiated().isBefore(before)) {
          s3.abortMultipartUpload(
              b -> b.bucket(bucket).key(upload.key()).uploadId(upload.uploadId()));
          LOG.info("aborted the stale multipart upload {} of {}", upload.uploadId(), uri(key));
          aborted++;
        }
      }
    } catch (S3Exception e) {
      throw new IOException(
          "listing the multipart uploads of " + uri(key) + " failed: " + e.getMessage(), e);
    }
    return aborted;
  }

  @Override
  public int deleteExcept(String folder, Collection<String> kept, Instant before)
      throws IOException {
    int removed = 0;
    for (ObjectInfo object : list(folder)) {
      if (kept.stream().noneMatch(object.key()::startsWith)) {
        delete(object.key());
        removed++;
      }
    }
    try {
      ListMultipartUploadsRequest request =
          ListMultipartUploadsRequest.builder().bucket(bucket).prefix(prefix + folder).build();
      for (MultipartUpload upload : s3.listMultipartUploadsPaginator(request).uploads()) {
        String key = upload.key().substring(prefix.length());
        if (kept.stream().noneMatch(key::startsWith)
            && upload.initiated() != null
            && upload.initiated().isBefore(before)) {
          s3.abortMultipartUpload(
              b -> b.bucket(bucket).key(upload.key()).uploadId(upload.uploadId()));
          removed++;
        }
      }
    } catch (S3Exception e) {
      throw new IOException(
          "listing the multipart uploads under " + uri(folder) + " failed: " + e.getMessage(), e);
    }
    return removed;
  }

  private void delete(String key) {
    s3.deleteObject(b -> b.bucket(bucket).key(prefix + key));
  }

  @Override
  public String uri(String key) {
    return "s3://" + bucket + "/" + prefix + key;
  }

  @Override
  public void close() {
    s3.close();
  }

  private static String quote(String etag) {
    return etag.startsWith("\"") ? etag : "\"" + etag + "\"";
  }

  private static String unquote(String etag) {
    return etag == null ? "" : etag.replace("\"", "");
  }

  /**
   * Streams an object; after a broken connection it asks for the remaining bytes only, of the same
   * version (If-Match on the ETag of the first response, or the expected one): a resumed read of an
   * object replaced meanwhile fails instead of splicing two versions.
   */
  private final class ResumingStream extends InputStream {
    private final String key;
    private String etag;
    private InputStream current;
    private long position;
    private int resumes;
    private long brokeAt = -1;

    ResumingStream(String key, String expectedEtag) throws IOException {
      this.key = key;
      this.etag = expectedEtag;
      this.current = request(0);
    }

    private InputStream request(long from) throws IOException {
      GetObjectRequest.Builder request =
          GetObjectRequest.builder().bucket(bucket).key(prefix + key);
      if (from > 0) {
        request.range("bytes=" + from + "-");
      }
      if (etag != null) {
        request.ifMatch(quote(etag));
      }
      try {
        ResponseInputStream<GetObjectResponse> response =
            s3.getObject(request.build(), ResponseTransformer.toInputStream());
        String found = unquote(response.response().eTag());
        if (etag != null && !found.isEmpty() && !found.equals(etag)) {
          // A server that ignores If-Match: the check is ours then.
          response.abort();
          throw new ObjectChangedException(uri(key), etag, found);
        }
        if (etag == null && !found.isEmpty()) {
          etag = found;
        }
        return response;
      } catch (NoSuchKeyException e) {
        throw new NoSuchFileException(uri(key));
      } catch (S3Exception e) {
        if (e.statusCode() == 404) {
          throw new NoSuchFileException(uri(key));
        }
        if (e.statusCode() == 412) {
          throw new ObjectChangedException(uri(key), etag, currentEtag());
        }
        throw new IOException("GET " + uri(key) + " failed: " + e.getMessage(), e);
      }
    }

    private String currentEtag() {
      try {
        return stat(key).map(ObjectInfo::etag).orElse(null);
      } catch (IOException | SdkException e) {
        return null;
      }
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      while (true) {
        try {
          int n = current.read(buffer, offset, length);
          if (n > 0) {
            position += n;
          }
          return n;
        } catch (IOException | SdkException e) {
          if (position > brokeAt) {
            resumes = 0; // bytes came since the last break
          }
          brokeAt = position;
          if (++resumes > READ_RESUMES) {
            throw e instanceof IOException io ? io : new IOException(e);
          }
          LOG.warn("reading {} broke at byte {} ({}); resuming", uri(key), position, e.toString());
          closeQuietly();
          current = request(position);
        }
      }
    }

    private void closeQuietly() {
      try {
        current.close();
      } catch (IOException ignored) {
        // the connection is already broken
      }
    }

    @Override
    public void close() throws IOException {
      current.close();
    }
  }
}
