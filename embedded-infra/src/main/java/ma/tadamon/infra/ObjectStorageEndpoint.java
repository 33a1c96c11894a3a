package ma.tadamon.infra;

import java.util.Map;

/**
 * Where an S3-compatible object storage answers, and the key pair that signs requests to it (AWS
 * Signature V4; path-style addresses, which every S3-compatible server understands).
 */
public record ObjectStorageEndpoint(
    String endpoint, String region, String accessKeyId, String secretAccessKey) {

  /** The settings a service reads to reach it ({@code S3_*}). */
  public Map<String, String> settings() {
    return Map.of(
        "S3_ENDPOINT", endpoint,
        "S3_REGION", region,
        "S3_ACCESS_KEY_ID", accessKeyId,
        "S3_SECRET_ACCESS_KEY", secretAccessKey);
  }

  @Override
  public String toString() {
    return endpoint; // never the secret
  }
}
