package io.delaywatch.storage;

import java.io.IOException;

/**
 * The object is not (or no longer) the version the reader asked for: its ETag differs from the
 * expected one, or it was replaced while being read. Retrying the read cannot help; the caller has
 * to find the object again.
 */
public final class ObjectChangedException extends IOException {
  private static final long serialVersionUID = 1L;

  private final String expectedEtag;
  private final String foundEtag;

  /**
   * @param uri the object's address
   * @param expectedEtag the ETag the reader asked for
   * @param foundEtag the ETag the object has now, or null when the store did not say
   */
  public ObjectChangedException(String uri, String expectedEtag, String foundEtag) {
    super(
        uri
            + " is not the version expected (ETag "
            + expectedEtag
            + (foundEtag == null ? ", the store refused it" : ", found " + foundEtag)
            + ")");
    this.expectedEtag = expectedEtag;
    this.foundEtag = foundEtag;
  }

  public String expectedEtag() {
    return expectedEtag;
  }

  /** The ETag found, or null when the store only said that the expected one no longer matches. */
  public String foundEtag() {
    return foundEtag;
  }
}
