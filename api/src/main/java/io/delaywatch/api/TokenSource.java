package io.delaywatch.api;

import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** Reads the bearer token from AWS Secrets Manager (the secret's string value). Not API. */
final class TokenSource {
  private TokenSource() {}

  static String fromSecretsManager(String secretId) {
    try (SecretsManagerClient client =
        SecretsManagerClient.builder().httpClient(UrlConnectionHttpClient.create()).build()) {
      return client.getSecretValue(r -> r.secretId(secretId)).secretString().trim();
    }
  }
}
