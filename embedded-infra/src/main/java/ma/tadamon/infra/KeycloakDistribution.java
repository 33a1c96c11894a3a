package ma.tadamon.infra;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keycloak's server distribution as Keycloak publishes it on Maven Central, unpacked and built
 * ({@code kc.sh build}: about 25 s) once per machine and per set of build options, in a cache
 * directory outside the project, so that neither {@code ./mvnw clean} nor {@code ./tadamon run
 * --reset} pays for it again. Each start then runs {@code kc.sh start --optimized}.
 */
final class KeycloakDistribution {

  private static final Logger log = LoggerFactory.getLogger(KeycloakDistribution.class);

  /**
   * Fixed when the distribution is built; everything else is a start option. One node per local
   * platform, so the caches are local (no cluster discovery).
   */
  static final List<String> BUILD_OPTIONS =
      List.of(
          "--db=postgres",
          "--http-relative-path=/auth",
          "--health-enabled=true",
          "--metrics-enabled=true",
          "--cache=local");

  private static final String PREPARED_MARK = ".tadamon-prepared";

  private KeycloakDistribution() {}

  /** The version this build of the platform uses, and the zip Maven resolved for it. */
  static String version() {
    return PublishedArtifact.read("keycloak", "zip").version();
  }

  /** A built distribution's home, preparing it first if this machine has none yet. */
  static Path prepared(Path java, Map<String, String> env) {
    Path cache = cacheDirectory(env);
    Path home = cache.resolve("keycloak-" + version() + "-" + digest(BUILD_OPTIONS));
    try {
      Files.createDirectories(cache);
      // Two test JVMs, or a test and ./tadamon run, may both find it missing: one prepares it.
      try (FileChannel lockFile =
          FileChannel.open(
              cache.resolve("keycloak.lock"),
              StandardOpenOption.CREATE,
              StandardOpenOption.WRITE)) {
        FileLock held = lockFile.lock();
        try {
          if (!Files.exists(home.resolve(PREPARED_MARK))) {
            prepare(home, java);
          }
        } finally {
          held.release();
        }
      }
      return home;
    } catch (IOException e) {
      throw new InfrastructureException("could not prepare Keycloak in " + home + ": " + e, e);
    }
  }

  private static void prepare(Path home, Path java) throws IOException {
    Path zip = PublishedArtifact.read("keycloak", "zip").file();
    if (!Files.isReadable(zip)) {
      throw new InfrastructureException(
          "Keycloak's distribution is not at " + zip + "; build with ./mvnw install");
    }
    log.info(
        "preparing Keycloak {} in {} (once per machine, about half a minute)", version(), home);
    Infrastructure.deleteRecursively(home);
    unpack(zip, home);
    List<String> build = new ArrayList<>(List.of(home.resolve("bin/kc.sh").toString(), "build"));
    build.addAll(BUILD_OPTIONS);
    ChildProcesses.run(
        build,
        Map.of("JAVA_HOME", java.getParent().getParent().toString()),
        home.resolve("build.log"),
        Duration.ofMinutes(5));
    Files.writeString(home.resolve(PREPARED_MARK), String.join(" ", BUILD_OPTIONS));
  }

  /** Unpacks the zip without its top directory, keeping the scripts executable. */
  private static void unpack(Path zip, Path home) throws IOException {
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
      for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
        String name = entry.getName();
        int slash = name.indexOf('/');
        if (slash < 0 || slash == name.length() - 1) {
          continue;
        }
        Path target = home.resolve(name.substring(slash + 1)).normalize();
        if (!target.startsWith(home)) {
          throw new IOException("unsafe entry in " + zip + ": " + name);
        }
        if (entry.isDirectory()) {
          Files.createDirectories(target);
          continue;
        }
        Files.createDirectories(target.getParent());
        Files.copy(in, target);
        if (name.endsWith(".sh")) {
          target.toFile().setExecutable(true);
        }
      }
    }
  }

  private static Path cacheDirectory(Map<String, String> env) {
    if (env.get("TADAMON_CACHE_DIR") != null) {
      return Path.of(env.get("TADAMON_CACHE_DIR"));
    }
    Path base =
        env.get("XDG_CACHE_HOME") != null
            ? Path.of(env.get("XDG_CACHE_HOME"))
            : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("tadamon");
  }

  private static String digest(List<String> options) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256")
              .digest(String.join("\n", options).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
