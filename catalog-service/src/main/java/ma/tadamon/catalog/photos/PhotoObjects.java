package ma.tadamon.catalog.photos;

import java.net.URI;
import java.util.Optional;
import ma.tadamon.platform.config.Settings;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Photos' bytes in S3-compatible object storage (MinIO, Ceph, a provider, or the local platform's
 * S3Proxy), through the AWS SDK for Java v2. Its calls block: they are made on the photo workers,
 * never on an event loop. Keys name their content, so an object is written once and never changed.
 */
public final class PhotoObjects implements AutoCloseable {

  /** An object's bytes and the storage's ETag for them. */
  public record Stored(byte[] bytes, String contentType) {}

  /** A key names its bytes: whoever has them may keep them for a year without asking again. */
  public static final String IMMUTABLE = "public, max-age=31536000, immutable";

  private final S3Client s3;
  private final String bucket;

  PhotoObjects(S3Client s3, String bucket) {
    this.s3 = s3;
    this.bucket = bucket;
  }

  /**
   * From {@code S3_ENDPOINT} (required), {@code S3_REGION}, {@code S3_ACCESS_KEY_ID}, {@code
   * S3_SECRET_ACCESS_KEY} and {@code S3_BUCKET}. Addresses are path-style, which every
   * S3-compatible server understands; checksums are sent only where S3 requires them, which every
   * such server accepts.
   */
  public static PhotoObjects fromSettings(Settings settings) {
    S3Client s3 =
        S3Client.builder()
            .endpointOverride(URI.create(settings.required("S3_ENDPOINT")))
            .region(Region.of(settings.get("S3_REGION", "us-east-1")))
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(
                        settings.required("S3_ACCESS_KEY_ID"),
                        settings.required("S3_SECRET_ACCESS_KEY"))))
            .forcePathStyle(true)
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
            .httpClient(UrlConnectionHttpClient.builder().build())
            .build();
    return new PhotoObjects(s3, settings.get("S3_BUCKET", "tadamon-photos"));
  }

  /** Creates the bucket if it is not there yet (a new platform's first start). */
  public void ensureBucket() {
    try {
      s3.headBucket(head -> head.bucket(bucket));
    } catch (NoSuchBucketException missing) {
      s3.createBucket(create -> create.bucket(bucket));
    } catch (S3Exception e) {
      if (e.statusCode() != 404) {
        throw e;
      }
      s3.createBucket(create -> create.bucket(bucket));
    }
  }

  public void put(String key, byte[] bytes, String contentType) {
    s3.putObject(
        put -> put.bucket(bucket).key(key).contentType(contentType).cacheControl(IMMUTABLE),
        RequestBody.fromBytes(bytes));
  }

  public Optional<Stored> get(String key) {
    try {
      ResponseBytes<GetObjectResponse> object =
          s3.getObjectAsBytes(get -> get.bucket(bucket).key(key));
      return Optional.of(new Stored(object.asByteArray(), object.response().contentType()));
    } catch (NoSuchKeyException missing) {
      return Optional.empty();
    }
  }

  public void delete(String key) {
    s3.deleteObject(delete -> delete.bucket(bucket).key(key));
  }

  @Override
  public void close() {
    s3.close();
  }
}
