package io.delaywatch.storage;

import java.net.URI;
import java.util.Properties;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * An in-process S3 server (S3Proxy over an in-memory blob store) for tests, reached through the
 * real AWS SDK: endpoint override, path-style, checksums only when required. Not API.
 */
public final class S3ProxyServer implements AutoCloseable {
  public static final String ACCESS_KEY = "test-access";
  public static final String SECRET_KEY = "test-secret";

  private final S3Proxy proxy;
  private final BlobStoreContext context;

  public S3ProxyServer() throws Exception {
    Properties properties = new Properties();
    context =
        ContextBuilder.newBuilder("transient")
            .credentials("identity", "credential")
            .overrides(properties)
            .build(BlobStoreContext.class);
    proxy =
        S3Proxy.builder()
            .blobStore(context.getBlobStore())
            .awsAuthentication(
                org.gaul.s3proxy.AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
            .endpoint(URI.create("http://127.0.0.1:0"))
            .build();
    proxy.start();
    while (!AbstractLifeCycle.STARTED.equals(proxy.getState())) {
      Thread.sleep(10);
    }
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + proxy.getPort());
  }

  /** A client configured as DelayWatch configures one for MinIO or S3Proxy. */
  public S3Client client() {
    return client(endpoint());
  }

  /** The same client, talking to {@code endpoint} (a proxy in front of this server). */
  public S3Client client(URI endpoint) {
    return S3ObjectStore.configured(S3Client.builder())
        .region(Region.US_EAST_1)
        .endpointOverride(endpoint)
        .forcePathStyle(true)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
        .build();
  }

  /** Creates {@code bucket}. */
  public void createBucket(String bucket) {
    try (S3Client s3 = client()) {
      s3.createBucket(b -> b.bucket(bucket));
    }
  }

  /**
   * Points the SDK's default chains at this server through system properties (what
   * AWS_ENDPOINT_URL, AWS_ACCESS_KEY_ID, ... do for a process), for code that builds its own
   * client.
   */
  public void exposeAsDefault() {
    System.setProperty("aws.endpointUrl", endpoint().toString());
    System.setProperty("aws.accessKeyId", ACCESS_KEY);
    System.setProperty("aws.secretAccessKey", SECRET_KEY);
    System.setProperty("aws.region", "us-east-1");
  }

  @Override
  public void close() {
    for (String key :
        new String[] {"aws.endpointUrl", "aws.accessKeyId", "aws.secretAccessKey", "aws.region"}) {
      System.clearProperty(key);
    }
    try {
      proxy.stop();
    } catch (Exception e) {
      throw new IllegalStateException("S3Proxy did not stop", e);
    }
    context.close();
  }
}
