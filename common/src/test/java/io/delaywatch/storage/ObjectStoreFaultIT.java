package io.delaywatch.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MultipartUpload;

/** The object stores under faults: S3 through the fault proxy, and a local folder. */
class ObjectStoreFaultIT {
  private static S3ProxyServer s3;
  private static FaultProxy proxy;
  @TempDir Path dir;

  @BeforeAll
  static void start() throws Exception {
    s3 = new S3ProxyServer();
    s3.createBucket("lake");
    proxy = new FaultProxy(s3.endpoint());
  }

  @AfterAll
  static void stop() throws IOException {
    proxy.close();
    s3.close();
  }

  private static S3Client throughProxy() {
    return s3.client(proxy.endpoint());
  }

  private static byte[] bytes(int size, long seed) {
    byte[] data = new byte[size];
    new Random(seed).nextBytes(data);
    return data;
  }

  @Test
  void aReadCutMidBodyResumesWithTheSameVersionAndGivesEveryByteOnce() throws IOException {
    byte[] data = bytes(300_000, 1);
    try (S3Client direct = s3.client();
        S3ObjectStore store = new S3ObjectStore(throughProxy(), "lake", "resume")) {
      direct.putObject(b -> b.bucket("lake").key("resume/raw/a.bin"), RequestBody.fromBytes(data));
      AtomicBoolean first = new AtomicBoolean(true);
      proxy
          .resetAfterBytes(100_000)
          .policy(
              r ->
                  r.method().equals("GET") && first.getAndSet(false)
                      ? FaultProxy.Fault.RESET_MID_BODY
                      : FaultProxy.Fault.PASS);
      String etag = store.stat("raw/a.bin").orElseThrow().etag();

      byte[] read;
      try (InputStream in = store.open("raw/a.bin", etag)) {
        read = in.readAllBytes();
      }

      assertThat(read).isEqualTo(data);
      assertThat(proxy.injected(FaultProxy.Fault.RESET_MID_BODY)).isGreaterThanOrEqualTo(1);
    } finally {
      proxy.policy(r -> FaultProxy.Fault.PASS);
    }
  }

  @Test
  void aLongReadBrokenEveryFewKilobytesResumesAsLongAsItMakesProgress() throws IOException {
    byte[] data = bytes(200_000, 5);
    try (S3Client direct = s3.client();
        S3ObjectStore store = new S3ObjectStore(throughProxy(), "lake", "flaky")) {
      direct.putObject(b -> b.bucket("lake").key("flaky/raw/e.bin"), RequestBody.fromBytes(data));
      long before = proxy.injected(FaultProxy.Fault.RESET_MID_BODY);
      proxy
          .resetAfterBytes(4096)
          .policy(
              r ->
                  r.method().equals("GET")
                      ? FaultProxy.Fault.RESET_MID_BODY
                      : FaultProxy.Fault.PASS);

      byte[] read;
      try (InputStream in = store.open("raw/e.bin")) {
        read = in.readAllBytes();
      }

      assertThat(read).isEqualTo(data);
      // Every GET broke after 4 kB: ~49 breaks, far more than READ_RESUMES, each after progress.
      assertThat(proxy.injected(FaultProxy.Fault.RESET_MID_BODY) - before)
          .isGreaterThanOrEqualTo(data.length / 4096)
          .isGreaterThan(S3ObjectStore.READ_RESUMES);
    } finally {
      proxy.policy(r -> FaultProxy.Fault.PASS).resetAfterBytes(4096);
    }
  }

  @Test
  void aReadThatBreaksAgainAndAgainWithoutProgressGivesUpAfterItsResumes() throws IOException {
    try (S3Client direct = s3.client();
        S3ObjectStore store = new S3ObjectStore(throughProxy(), "lake", "dead")) {
      direct.putObject(
          b -> b.bucket("lake").key("dead/raw/f.bin"), RequestBody.fromBytes(bytes(50_000, 6)));
      AtomicInteger gets = new AtomicInteger();
      proxy
          .resetAfterBytes(0)
          .policy(
              r -> {
                if (!r.method().equals("GET")) {
                  return FaultProxy.Fault.PASS;
                }
                gets.incrementAndGet();
                return FaultProxy.Fault.RESET_MID_BODY;
              });

      assertThatThrownBy(
              () -> {
                try (InputStream in = store.open("raw/f.bin")) {
                  in.readAllBytes();
                }
              })
          .isInstanceOf(IOException.class);
      // The first GET and READ_RESUMES resumes, each of them retried by the SDK at most.
      assertThat(gets.get())
          .isBetween(
              1 + S3ObjectStore.READ_RESUMES,
              (1 + S3ObjectStore.READ_RESUMES) * S3ObjectStore.MAX_ATTEMPTS);
    } finally {
      proxy.policy(r -> FaultProxy.Fault.PASS).resetAfterBytes(4096);
    }
  }

  @Test
  void anObjectReplacedWhileAReadWasBrokenFailsInsteadOfMixingTwoVersions() throws IOException {
    byte[] old = bytes(300_000, 2);
    byte[] replacement = bytes(300_000, 3);
    try (S3Client direct = s3.client();
        S3ObjectStore store = new S3ObjectStore(throughProxy(), "lake", "mix")) {
      direct.putObject(b -> b.bucket("lake").key("mix/raw/b.bin"), RequestBody.fromBytes(old));
      String etag = store.stat("raw/b.bin").orElseThrow().etag();
      AtomicBoolean first = new AtomicBoolean(true);
      proxy
          .resetAfterBytes(100_000)
          .onReset(
              () ->
                  direct.putObject(
                      b -> b.bucket("lake").key("mix/raw/b.bin"),
                      RequestBody.fromBytes(replacement)))
          .policy(
              r ->
                  r.method().equals("GET") && first.getAndSet(false)
                      ? FaultProxy.Fault.RESET_MID_BODY
                      : FaultProxy.Fault.PASS);
      ObjectChangedException thrown;

      try (InputStream in = store.open("raw/b.bin")) {
        thrown = catchThrowableOfType(ObjectChangedException.class, in::readAllBytes);
      }
      // The replacement's ETag is only known once the broken read has put it.
      String now = store.stat("raw/b.bin").orElseThrow().etag();
      assertThat(now).isNotEqualTo(etag);
      assertThat(thrown)
          .hasMessage(
              "s3://lake/mix/raw/b.bin is not the version expected (ETag "
                  + etag
                  + ", found "
                  + now
                  + ")");
    } finally {
      proxy.policy(r -> FaultProxy.Fault.PASS).onReset(() -> {});
    }
  }

  @Test
  void openingAnotherVersionThanTheExpectedOneFailsNamingBothEtags() throws IOException {
    try (S3Client direct = s3.client();
        S3ObjectStore store = new S3ObjectStore(direct, "lake", "etag")) {
      store.put("raw/c.csv", "new".getBytes(), "text/csv");
      String now = store.stat("raw/c.csv").orElseThrow().etag();

      assertThatThrownBy(() -> store.open("raw/c.csv", "0123abcd").close())
          .isInstanceOf(ObjectChangedException.class)
          .hasMessage(
              "s3://lake/etag/raw/c.csv is not the version expected (ETag 0123abcd, found "
                  + now
                  + ")");
    }
  }

  @Test
  void slowDownsOnAThirdOfTheRequestsAreRetriedUntilEveryCallSucceeds() throws IOException {
    byte[] data = bytes(50_000, 4);
    Path local = Files.write(dir.resolve("up.bin"), data);
    proxy.policy(FaultProxy.random(42, 0.33, 0, 0));
    try (S3ObjectStore store = new S3ObjectStore(throughProxy(), "lake", "throttled")) {
      for (int i = 0; i < 5; i++) {
        store.upload(local, "staged/" + i + ".bin", "application/octet-stream");
      }
      assertThat(store.list("staged/")).hasSize(5);
      store.download("staged/3.bin", dir.resolve("down.bin"));
      assertThat(Files.readAllBytes(dir.resolve("down.bin"))).isEqualTo(data);
      assertThat(proxy.injected(FaultProxy.Fault.SLOW_DOWN)).isPositive();
    } finally {
      proxy.policy(r -> FaultProxy.Fault.PASS);
    }
  }

  @Test
  void aBurstOfSlowDownsOnOneCallIsWaitedOutUpToTheAttemptBudget() throws IOException {
    // The SDK's standard mode alone gives up after three 503s (what failed a fault-suite seed).
    AtomicInteger heads = new AtomicInteger();
    try (S3Client direct = s3.client();
        S3ObjectStore store = new S3ObjectStore(throughProxy(), "lake", "burst")) {
      direct.putObject(
          b -> b.bucket("lake").key("burst/raw/d.csv"), RequestBody.fromBytes(new byte[] {1}));
      proxy.policy(
          r ->
              r.method().equals("HEAD") && heads.incrementAndGet() < S3ObjectStore.MAX_ATTEMPTS
                  ? FaultProxy.Fault.SLOW_DOWN
                  : FaultProxy.Fault.PASS);

      assertThat(store.stat("raw/d.csv")).map(ObjectInfo::size).hasValue(1L);
      assertThat(heads).hasValue(S3ObjectStore.MAX_ATTEMPTS);
    } finally {
      proxy.policy(r -> FaultProxy.Fault.PASS);
    }
  }

  @Test
  void aListingWhoseResponseIsCutMidBodyIsAskedAgainAndGivesEveryKeyOnce() throws IOException {
    try (S3Client direct = s3.client();
        S3ObjectStore store = new S3ObjectStore(throughProxy(), "lake", "listing")) {
      for (int i = 0; i < 40; i++) {
        String key = String.format("listing/daily/part-%03d.parquet", i);
        direct.putObject(b -> b.bucket("lake").key(key), RequestBody.fromBytes(bytes(10, i)));
      }
      AtomicBoolean first = new AtomicBoolean(true);
      // The XML of 40 keys is ~10 kB: the first listing breaks off inside it.
      proxy
          .resetAfterBytes(2_000)
          .policy(
              r ->
                  r.target().contains("list-type=2") && first.getAndSet(false)
                      ? FaultProxy.Fault.RESET_MID_BODY
                      : FaultProxy.Fault.PASS);

      List<ObjectInfo> listed = store.list("daily/");

      assertThat(first).as("the listing was cut").isFalse();
      assertThat(listed).hasSize(40);
      assertThat(listed)
          .extracting(ObjectInfo::key)
          .doesNotHaveDuplicates()
          .allMatch(k -> k.startsWith("daily/part-"));
    } finally {
      proxy.policy(r -> FaultProxy.Fault.PASS);
    }
  }

  @Test
  void sweepAbortsOnlyTheStaleMultipartUploadsOfItsKey() throws IOException {
    try (S3Client direct = s3.client();
        S3ObjectStore store = new S3ObjectStore(direct, "lake", "sweep")) {
      String stale =
          direct
              .createMultipartUpload(b -> b.bucket("lake").key("sweep/staged/f.parquet"))
              .uploadId();
      direct.createMultipartUpload(b -> b.bucket("lake").key("sweep/staged/f.parquet.other"));
      Instant cutoff = Instant.now().plusSeconds(1);

      int removed = store.sweep("staged/f.parquet", cutoff);

      List<MultipartUpload> left =
          direct.listMultipartUploads(b -> b.bucket("lake").prefix("sweep/")).uploads();
      assertThat(removed).isEqualTo(1);
      assertThat(left)
          .extracting(MultipartUpload::key)
          .containsExactly("sweep/staged/f.parquet.other");
      assertThat(left).extracting(MultipartUpload::uploadId).doesNotContain(stale);
      assertThat(store.sweep("staged/f.parquet", Instant.EPOCH)).isZero();
    }
  }

  @Test
  void aLocalStoreSweepsTheTemporaryFilesOfItsKeyOnlyAndChecksTheEtag() throws IOException {
    FileObjectStore store = new FileObjectStore(dir);
    store.put("daily/d.parquet", "data".getBytes(), "application/octet-stream");
    Path folder = dir.resolve("daily");
    Path stale = Files.writeString(folder.resolve(".tmp-d.parquet-1.part"), "half");
    Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minusSeconds(60)));
    Path other = Files.writeString(folder.resolve(".tmp-e.parquet-2.part"), "half");
    Files.setLastModifiedTime(other, FileTime.from(Instant.now().minusSeconds(60)));
    String etag = store.stat("daily/d.parquet").orElseThrow().etag();

    assertThat(store.sweep("daily/d.parquet", Instant.now())).isEqualTo(1);
    assertThat(stale).doesNotExist();
    assertThat(other).exists();
    assertThat(folder.resolve("d.parquet")).hasContent("data");
    try (InputStream in = store.open("daily/d.parquet", etag)) {
      assertThat(in.readAllBytes()).isEqualTo("data".getBytes());
    }
    assertThatThrownBy(() -> store.open("daily/d.parquet", "4-1").close())
        .isInstanceOf(ObjectChangedException.class)
        .hasMessage(
            store.uri("daily/d.parquet")
                + " is not the version expected (ETag 4-1, found "
                + etag
                + ")");
  }
}
