package ma.tadamon.infra;

import com.sun.security.auth.module.UnixSystem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A private PostgreSQL server started from the machine's own PostgreSQL programs, listening only on
 * 127.0.0.1 on a free port. PostgreSQL refuses to run as root, so when we are root it runs as an
 * unprivileged system user ({@code postgres} where it exists, else {@code nobody}). It is
 * supervised: a server that exits without being asked to is started again on the same port with its
 * data, after PostgreSQL's own crash recovery ({@link Supervisor}).
 */
public final class EmbeddedPostgres implements AutoCloseable {

  public static final String DATABASE = "tadamon";
  public static final String USER = "tadamon";
  private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgres.class);

  private final Path binaries;
  private final Path dataDirectory;
  private final List<String> runAs;
  private final int port;
  private final boolean throwaway;
  private final Path root;
  private volatile Supervisor supervisor;

  private EmbeddedPostgres(
      Path binaries, Path root, List<String> runAs, int port, boolean throwaway) {
    this.binaries = binaries;
    this.root = root;
    this.dataDirectory = root.resolve("pgdata");
    this.runAs = runAs;
    this.port = port;
    this.throwaway = throwaway;
  }

  /**
   * Starts a server on the data in {@code root} (initialising it the first time). A throwaway
   * server is tuned for tests: no fsync.
   */
  public static EmbeddedPostgres start(Path root, boolean throwaway, Map<String, String> env) {
    Path binaries = PostgresBinaries.locate(env);
    List<String> runAs = unprivilegedUserPrefix();
    EmbeddedPostgres postgres =
        new EmbeddedPostgres(binaries, root, runAs, FreePorts.next(), throwaway);
    postgres.initialiseIfNew();
    postgres.stopStaleServer();
    postgres.startServer();
    postgres.createDatabaseIfMissing();
    postgres.supervisor =
        new Supervisor("PostgreSQL server", postgres.postmaster(), postgres::restart);
    log.info(
        "PostgreSQL from {} listening on 127.0.0.1:{}, data in {}",
        binaries,
        postgres.port,
        postgres.dataDirectory);
    return postgres;
  }

  public PostgresEndpoint endpoint() {
    return new PostgresEndpoint(
        "127.0.0.1", port, DATABASE, USER, "", socketDirectory().map(Path::toString));
  }

  /**
   * Where the server also listens on a Unix socket: in its data directory, which no other server
   * shares, unless the socket's path would be longer than the system allows (107 bytes) or than
   * what pg_ctl can pass through its shell unquoted. Clients on this machine go through it (the
   * services' pools, on Vert.x's native transport), JDBC tools over TCP.
   */
  private Optional<Path> socketDirectory() {
    String directory = dataDirectory.toAbsolutePath().toString();
    boolean fits = (directory + "/.s.PGSQL." + port).getBytes(StandardCharsets.UTF_8).length <= 107;
    return fits && directory.matches("[A-Za-z0-9/._-]+")
        ? Optional.of(dataDirectory.toAbsolutePath())
        : Optional.empty();
  }

  /** The server's (postmaster's) process id, for an operator (or a test) who must find it. */
  public long pid() {
    return supervisor.pid();
  }

  /** Starts the server again on the same port with its data, for the supervisor. */
  private ProcessHandle restart() {
    startServer();
    return postmaster();
  }

  /** The running server's main process, as it writes it first in its lock file. */
  private ProcessHandle postmaster() {
    Path lockFile = dataDirectory.resolve("postmaster.pid");
    try {
      long pid =
          Long.parseLong(Files.readAllLines(lockFile, StandardCharsets.UTF_8).get(0).strip());
      return ProcessHandle.of(pid)
          .orElseThrow(
              () -> new InfrastructureException("PostgreSQL exited just after it started"));
    } catch (IOException | RuntimeException e) {
      throw new InfrastructureException(
          "could not read the PostgreSQL server's process from " + lockFile + ": " + e, e);
    }
  }

  @Override
  public void close() {
    if (supervisor != null) {
      supervisor.close();
    }
    try {
      ChildProcesses.run(
          command("pg_ctl", "-D", dataDirectory.toString(), "-m", "fast", "-w", "stop"),
          root.resolve("postgres-ctl.log"),
          Duration.ofSeconds(60));
    } catch (InfrastructureException e) {
      log.warn("PostgreSQL did not stop cleanly: {}", e.getMessage());
    }
  }

  private void initialiseIfNew() {
    if (Files.exists(dataDirectory.resolve("PG_VERSION"))) {
      return;
    }
    try {
      Files.createDirectories(dataDirectory);
      if (!runAs.isEmpty()) {
        // The unprivileged user must reach and own its data directory.
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setOwner(dataDirectory, lookupUser(runAs.get(2)));
        requireSearchPermissionAbove(root, runAs.get(2));
      }
    } catch (IOException e) {
      throw new InfrastructureException("could not prepare " + dataDirectory + ": " + e, e);
    }
    try {
      // C collation (fast, deterministic order) with a Unicode character classification: without
      // it,
      // trigram matching sees no letters in Arabic words and typo-tolerant search works in Latin
      // script only.
      initdb("--no-locale", "--lc-ctype=C.UTF-8");
    } catch (InfrastructureException noUnicodeLocale) {
      log.warn(
          "the C.UTF-8 locale is missing here; PostgreSQL runs with the C locale, and typo-tolerant"
              + " search then matches Latin-script words only");
      initdb("--no-locale");
    }
    appendSettings();
  }

  private void initdb(String... localeOptions) {
    List<String> arguments =
        new ArrayList<>(
            List.of(
                "-D",
                dataDirectory.toString(),
                "-U",
                USER,
                "-A",
                "trust",
                "-E",
                "UTF8",
                "--no-instructions"));
    arguments.addAll(List.of(localeOptions));
    ChildProcesses.run(
        command("initdb", arguments.toArray(new String[0])),
        root.resolve("initdb.log"),
        Duration.ofSeconds(120));
  }

  private void appendSettings() {
    List<String> settings =
        new ArrayList<>(
            List.of(
                "",
                "# Added by Tadamon's EmbeddedPostgres: loopback TCP, and no Unix socket where a system server",
                "# keeps its own (the start command puts one in this data directory).",
                "listen_addresses = '127.0.0.1'",
                "unix_socket_directories = ''",
                "max_connections = 300",
                "timezone = 'UTC'",
                "# A new database's tables grow from empty, and a statement's plan cached while they were",
                "# small reads them whole until an ANALYZE replaces it: analysed within seconds, not a minute.",
                "autovacuum_naptime = 5s",
                "# ...and again once its rows have changed by half, not by a tenth: a new database's tables",
                "# change by a tenth every few seconds under load, and each ANALYZE reads up to 30,000 pages",
                "# (measured: a fifth of the server's CPU). A production table is large, and a tenth of it is",
                "# hours of orders; the planner reads a table's current size at each plan anyway.",
                "autovacuum_analyze_scale_factor = 0.5"));
    if (throwaway) {
      settings.addAll(
          List.of(
              "# A throwaway test server: durability traded for speed.",
              "fsync = off",
              "synchronous_commit = off",
              "full_page_writes = off"));
    }
    try {
      Files.writeString(
          dataDirectory.resolve("postgresql.conf"),
          String.join("\n", settings) + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new InfrastructureException("could not configure " + dataDirectory + ": " + e, e);
    }
  }

  /**
   * Every directory above the data must let others pass through, or the unprivileged server cannot
   * reach it.
   */
  private static void requireSearchPermissionAbove(Path root, String user) throws IOException {
    for (Path dir = root.toAbsolutePath().getParent(); dir != null; dir = dir.getParent()) {
      if (!Files.getPosixFilePermissions(dir).contains(PosixFilePermission.OTHERS_EXECUTE)) {
        throw new InfrastructureException(
            "PostgreSQL refuses to run as root, so it runs as user '"
                + user
                + "', which cannot reach "
                + root
                + " because "
                + dir
                + " is closed to other users. Choose a data"
                + " directory it can reach (TADAMON_DATA_DIR), or run as an ordinary user.");
      }
    }
  }

  /**
   * After a crash the old server may still hold the data directory; stop it before starting ours.
   */
  private void stopStaleServer() {
    if (!Files.exists(dataDirectory.resolve("postmaster.pid"))) {
      return;
    }
    try {
      ChildProcesses.run(
          command("pg_ctl", "-D", dataDirectory.toString(), "status"),
          root.resolve("postgres-ctl.log"),
          Duration.ofSeconds(10));
    } catch (InfrastructureException notRunning) {
      return;
    }
    log.warn(
        "A PostgreSQL server left over from an earlier run holds {}; stopping it", dataDirectory);
    ChildProcesses.run(
        command("pg_ctl", "-D", dataDirectory.toString(), "-m", "fast", "-w", "stop"),
        root.resolve("postgres-ctl.log"),
        Duration.ofSeconds(60));
  }

  private void startServer() {
    ChildProcesses.run(
        ChildProcesses.detached(
            command(
                "pg_ctl",
                "-D",
                dataDirectory.toString(),
                "-l",
                dataDirectory.resolve("server.log").toString(),
                "-o",
                "-p " + port + socketDirectory().map(directory -> " -k " + directory).orElse(""),
                "-w",
                "-t",
                "60",
                "start")),
        root.resolve("postgres-ctl.log"),
        Duration.ofSeconds(90));
    // Its own lock file already tells a leftover server apart (stopStaleServer).
    ChildProcesses.track(postmaster(), "PostgreSQL server", root.resolve("postgres-ctl.log"));
  }

  private void createDatabaseIfMissing() {
    Path createdb = binaries.resolve("createdb");
    Path marker = dataDirectory.resolve("tadamon-database-created");
    if (Files.exists(marker)) {
      return;
    }
    if (!Files.isExecutable(createdb)) {
      throw new InfrastructureException("createdb is missing from " + binaries);
    }
    ChildProcesses.run(
        command("createdb", "-h", "127.0.0.1", "-p", String.valueOf(port), "-U", USER, DATABASE),
        root.resolve("createdb.log"),
        Duration.ofSeconds(30));
    try {
      Files.writeString(marker, "created by EmbeddedPostgres\n");
    } catch (IOException e) {
      throw new InfrastructureException("could not write " + marker + ": " + e, e);
    }
  }

  private List<String> command(String program, String... args) {
    List<String> command = new ArrayList<>(runAs);
    command.add(binaries.resolve(program).toString());
    command.addAll(List.of(args));
    return command;
  }

  private static List<String> unprivilegedUserPrefix() {
    if (!isRoot()) {
      return List.of();
    }
    String user = userExists("postgres") ? "postgres" : "nobody";
    return List.of("runuser", "-u", user, "--");
  }

  private static boolean isRoot() {
    try {
      return new UnixSystem().getUid() == 0;
    } catch (UnsatisfiedLinkError | RuntimeException notUnix) {
      return false;
    }
  }

  private static boolean userExists(String name) {
    try {
      lookupUser(name);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static UserPrincipal lookupUser(String name) throws IOException {
    return Path.of("/").getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(name);
  }
}
