package io.delaywatch.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.FileNotFoundException;
import java.net.SocketException;
import javax.xml.stream.Location;
import javax.xml.stream.XMLStreamException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Which failures the S3 client asks again, beyond the SDK's own conditions. */
class S3ObjectStoreTest {
  private static final Location AT_2001 =
      new Location() {
        @Override
        public int getLineNumber() {
          return 1;
        }

        @Override
        public int getColumnNumber() {
          return 2001;
        }

        @Override
        public int getCharacterOffset() {
          return 2000;
        }

        @Override
        public String getPublicId() {
          return null;
        }

        @Override
        public String getSystemId() {
          return null;
        }
      };

  private static SdkClientException unparsable(Throwable cause) {
    return SdkClientException.builder()
        .message("Could not parse XML response.")
        .cause(cause)
        .build();
  }

  @Test
  void aResponseCutWhileTheJdkParserReadItIsAskedAgain() {
    // The JDK's StAX parser: the reset is the nested exception, getCause() is null.
    XMLStreamException jdk =
        new XMLStreamException("Connection reset", AT_2001, new SocketException("reset"));
    assertThat(jdk.getCause()).isNull();

    assertThat(S3ObjectStore.brokeOffMidBody(unparsable(jdk))).isTrue();
  }

  @Test
  void aResponseCutWhileWoodstoxReadItIsAskedAgain() {
    // Woodstox wraps the reset as the cause of its XMLStreamException.
    XMLStreamException woodstox =
        new XMLStreamException("Connection reset", new SocketException("reset"));

    assertThat(S3ObjectStore.brokeOffMidBody(unparsable(woodstox))).isTrue();
  }

  @Test
  void malformedXmlAServiceErrorAndAMissingLocalFileAreNotAskedAgain() {
    XMLStreamException malformed = new XMLStreamException("Unexpected character '<'", AT_2001);
    S3Exception denied =
        (S3Exception) S3Exception.builder().statusCode(403).message("Access Denied").build();

    assertThat(S3ObjectStore.brokeOffMidBody(unparsable(malformed))).isFalse();
    assertThat(S3ObjectStore.brokeOffMidBody(denied)).isFalse();
    assertThat(S3ObjectStore.brokeOffMidBody(new FileNotFoundException("up.bin"))).isFalse();
  }
}
