package ma.tadamon.infra;

import java.io.File;
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

/** Finds the PostgreSQL server programs (initdb, pg_ctl) installed on this machine. */
public final class PostgresBinaries {

  private static final Pattern VERSION = Pattern.compile("(\\d+)");

  private PostgresBinaries() {}

  /**
   * Looks in PG_BIN, then on the PATH, then where Debian/Ubuntu, Red Hat, Homebrew and source
   * builds put them; the newest version wins.
   */
  public static Path locate(Map<String, String> env) {
    String explicit = env.get("PG_BIN");
    if (explicit != null && !explicit.isBlank()) {
      Path dir = Path.of(explicit);
      if (hasServerPrograms(dir)) {
        return realDirectory(dir);
      }
      throw new InfrastructureException(
          "PG_BIN=" + explicit + " does not contain initdb and pg_ctl");
    }
    List<Path> candidates = new ArrayList<>();
    String path = env.getOrDefault("PATH", "");
    for (String entry : path.split(File.pathSeparator)) {
      if (!entry.isBlank()) {
        candidates.add(Path.of(entry));
      }
    }
    candidates.addAll(versionedDirectories(Path.of("/usr/lib/postgresql"), "bin"));
    candidates.addAll(versionedDirectories(Path.of("/usr"), "bin", "pgsql-"));
    candidates.addAll(versionedDirectories(Path.of("/opt/homebrew/opt"), "bin", "postgresql"));
    candidates.addAll(versionedDirectories(Path.of("/usr/local/opt"), "bin", "postgresql"));
    candidates.add(Path.of("/usr/local/pgsql/bin"));
    candidates.add(Path.of("/Applications/Postgres.app/Contents/Versions/latest/bin"));
    Optional<Path> found =
        candidates.stream()
            .filter(PostgresBinaries::hasServerPrograms)
            .findFirst()
            .map(PostgresBinaries::realDirectory);
    return found.orElseThrow(
        () ->
            new InfrastructureException(
                "No PostgreSQL server programs (initdb, pg_ctl) were found on the PATH or in the usual places."
                    + " Install PostgreSQL 13 or newer (Debian/Ubuntu: apt install postgresql; macOS: brew install"
                    + " postgresql@16), or set PG_BIN to the directory holding initdb, or point PG_HOST, PG_PORT,"
                    + " PG_DATABASE, PG_USER and PG_PASSWORD at a server you run."));
  }

  /**
   * PATH often holds symlinks to a few programs only; their real directory has createdb and the
   * rest.
   */
  private static Path realDirectory(Path dir) {
    try {
      return dir.resolve("initdb").toRealPath().getParent();
    } catch (IOException e) {
      return dir;
    }
  }

  private static boolean hasServerPrograms(Path dir) {
    return Files.isExecutable(dir.resolve("initdb"))
        && Files.isExecutable(dir.resolve("pg_ctl"))
        && Files.isExecutable(dir.resolve("postgres"));
  }

  /** Subdirectories like 15/bin or pgsql-16/bin, newest version first. */
  private static List<Path> versionedDirectories(Path root, String bin, String... prefix) {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    String wanted = prefix.length == 0 ? "" : prefix[0];
    try (Stream<Path> children = Files.list(root)) {
      return children
          .filter(child -> child.getFileName().toString().startsWith(wanted))
          .sorted(Comparator.comparingInt(PostgresBinaries::majorVersion).reversed())
          .map(child -> child.resolve(bin))
          .toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  private static int majorVersion(Path dir) {
    Matcher matcher = VERSION.matcher(dir.getFileName().toString());
    return matcher.find() ? Integer.parseInt(matcher.group(1)) : 0;
  }
}
