package io.delaywatch.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Both stores behave alike; S3 through the real AWS SDK against an in-process S3 server. */
class ObjectStoreIT {
  static S3ProxyServer server;
  @TempDir Path dir;

  @BeforeAll
  static void startS3() throws Exception {
    server = new S3ProxyServer();
    server.createBucket("lake");
  }

  @AfterAll
  static void stopS3() throws Exception {
    server.close();
  }

  private void roundTrip(ObjectStore store) throws IOException {
    store.put(
        "runs/year=2015/discover.json", "{}".getBytes(StandardCharsets.UTF_8), "application/json");
    Path local = dir.resolve("f.csv");
    Files.writeString(local, "a,b\n1,2\n");
    store.upload(local, "raw/flights/2015.csv", "text/csv");
    store.upload(local, "raw/flights/2016.csv.gz", "application/gzip");
    store.upload(local, "raw/flightsx/2017.csv", "text/csv");

    assertThat(store.list("raw/flights/"))
        .extracting(ObjectInfo::key)
        .containsExactly("raw/flights/2015.csv", "raw/flights/2016.csv.gz");
    assertThat(store.stat("raw/flights/2015.csv")).get().extracting(ObjectInfo::size).isEqualTo(8L);
    assertThat(store.stat("raw/flights/2014.csv")).isEmpty();
    try (InputStream in = store.open("raw/flights/2015.csv")) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("a,b\n1,2\n");
    }
    Path back = dir.resolve("back.csv");
    store.download("runs/year=2015/discover.json", back);
    assertThat(Files.readString(back)).isEqualTo("{}");
    // A local store links rather than copies: replacing the object leaves the downloaded bytes.
    store.put("runs/year=2015/discover.json", "{\"v\":2}".getBytes(StandardCharsets.UTF_8), "x");
    assertThat(Files.readString(back)).isEqualTo("{}");
    Path finished = dir.resolve("staged.parquet");
    Files.writeString(finished, "PAR1");
    store.moveIn(finished, "staged/flights/year=2015/flights.parquet", "application/x");
    assertThat(finished).doesNotExist();
    try (InputStream in = store.open("staged/flights/year=2015/flights.parquet")) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("PAR1");
    }
    assertThatThrownBy(() -> store.open("raw/flights/1999.csv").close())
        .isInstanceOf(NoSuchFileException.class);
  }

  @Test
  void fileStoreListsReadsWritesAndDeletesByKey() throws IOException {
    roundTrip(new FileObjectStore(dir.resolve("lake")));
  }

  @Test
  void s3StoreUnderAPrefixBehavesLikeTheFileStore() throws IOException {
    try (ObjectStore store = new S3ObjectStore(server.client(), "lake", "/team/prod/")) {
      roundTrip(store);
      assertThat(store.uri("raw/flights/2015.csv"))
          .isEqualTo("s3://lake/team/prod/raw/flights/2015.csv");
    }
  }

  @Test
  void concurrentUploadsFromOneStoreAllLand() throws Exception {
    Path page = dir.resolve("index.html");
    Files.writeString(page, "<html></html>");
    try (ObjectStore store = new S3ObjectStore(server.client(), "lake", "plots")) {
      store.upload(page, "2015/index.html", "text/html");
      java.util.concurrent.ExecutorService pool =
          java.util.concurrent.Executors.newFixedThreadPool(4);
      try {
        java.util.List<java.util.concurrent.Future<?>> uploads = new java.util.ArrayList<>();
        for (int i = 0; i < 16; i++) {
          String key = "2015/A" + i + "/daily_flights.png";
          uploads.add(
              pool.submit(
                  () -> {
                    store.upload(page, key, "image/png");
                    return null;
                  }));
        }
        for (java.util.concurrent.Future<?> upload : uploads) {
          upload.get();
        }
      } finally {
        pool.shutdown();
      }
      assertThat(store.list("2015/")).hasSize(17);
    }
  }

  @Test
  void bigUploadsGoInPartsAndReadBackByteForByte() throws IOException {
    byte[] content = new byte[12 << 20];
    new Random(1).nextBytes(content);
    Path big = dir.resolve("big.bin");
    Files.write(big, content);
    try (ObjectStore store = new S3ObjectStore(server.client(), "lake", "", 5 << 20, 5 << 20)) {
      store.upload(big, "staged/big.bin", "application/octet-stream");
      assertThat(store.stat("staged/big.bin").orElseThrow().etag()).endsWith("-3");
      try (InputStream in = store.open("staged/big.bin")) {
        assertThat(in.readAllBytes()).isEqualTo(content);
      }
    }
  }

  @Test
  void warehouseUriPicksTheStoreAndS3FollowsTheEndpointSetting() throws IOException {
    server.exposeAsDefault();
    try (ObjectStore store = Warehouse.open("s3://lake/via-default")) {
      store.put("x.txt", new byte[] {1}, "text/plain");
      assertThat(store.list("")).extracting(ObjectInfo::key).containsExactly("x.txt");
    } finally {
      for (String key :
          new String[] {
            "aws.endpointUrl", "aws.accessKeyId", "aws.secretAccessKey", "aws.region"
          }) {
        System.clearProperty(key);
      }
    }
    assertThat(Warehouse.open(dir.toString())).isInstanceOf(FileObjectStore.class);
    assertThat(Warehouse.open(dir.toUri().toString())).isInstanceOf(FileObjectStore.class);
    assertThatThrownBy(() -> Warehouse.open("gs://bucket/x"))
        .hasMessage(
            "unsupported warehouse scheme in gs://bucket/x (expected s3://, file:// or a path)");
  }

  @Test
  void keysCannotEscapeTheFileWarehouse() {
    FileObjectStore store = new FileObjectStore(dir);
    assertThatThrownBy(() -> store.resolve("../outside"))
        .hasMessage("key escapes the warehouse root: ../outside");
  }
}
