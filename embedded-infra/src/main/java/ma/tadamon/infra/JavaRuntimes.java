package ma.tadamon.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds a Java runtime of at least a given version for a child server that needs a newer Java than
 * the platform's own (Keycloak needs 21): a home named by the environment, this JVM, {@code
 * JAVA_HOME}, then the usual places JDKs are installed (the newest there wins).
 */
final class JavaRuntimes {

  private static final Pattern VERSION = Pattern.compile("JAVA_VERSION=\"(\\d+)");

  private JavaRuntimes() {}

  /** The {@code java} executable of a runtime of at least {@code feature}, if any is found. */
  static Optional<Path> atLeast(int feature, String homeVariable, Map<String, String> env) {
    List<Path> named = new ArrayList<>();
    Optional.ofNullable(env.get(homeVariable)).map(Path::of).ifPresent(named::add);
    named.add(Path.of(System.getProperty("java.home")));
    Optional.ofNullable(env.get("JAVA_HOME")).map(Path::of).ifPresent(named::add);
    for (Path home : named) {
      if (feature(home).orElse(0) >= feature) {
        return Optional.of(home.resolve("bin/java"));
      }
    }
    Path user = Path.of(System.getProperty("user.home"));
    return Stream.of(
            Path.of("/usr/lib/jvm"),
            Path.of("/Library/Java/JavaVirtualMachines"),
            user.resolve(".sdkman/candidates/java"),
            user.resolve(".jdks"))
        .flatMap(JavaRuntimes::homesIn)
        .filter(home -> feature(home).orElse(0) >= feature)
        .max(Comparator.comparingInt(home -> feature(home).orElse(0)))
        .map(home -> home.resolve("bin/java"));
  }

  private static Stream<Path> homesIn(Path directory) {
    if (!Files.isDirectory(directory)) {
      return Stream.empty();
    }
    try (Stream<Path> entries = Files.list(directory)) {
      // macOS keeps the home one level down.
      return entries
          .map(
              entry ->
                  Files.isDirectory(entry.resolve("Contents/Home"))
                      ? entry.resolve("Contents/Home")
                      : entry)
          .toList()
          .stream();
    } catch (IOException unreadable) {
      return Stream.empty();
    }
  }

  /** The feature version a JDK's {@code release} file declares (e.g. 25), if it has one. */
  static Optional<Integer> feature(Path home) {
    Path release = home.resolve("release");
    if (!Files.isExecutable(home.resolve("bin/java")) || !Files.isReadable(release)) {
      return Optional.empty();
    }
    try {
      Matcher version = VERSION.matcher(Files.readString(release));
      return version.find() ? Optional.of(Integer.parseInt(version.group(1))) : Optional.empty();
    } catch (IOException unreadable) {
      return Optional.empty();
    }
  }
}
