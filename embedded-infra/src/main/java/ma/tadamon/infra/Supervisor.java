package ma.tadamon.infra;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps an embedded server running: when its process exits without being asked to (killed,
 * crashed), it is started again, after a backoff that grows while it keeps failing. The services'
 * clients reconnect by themselves; the server keeps its data, so nothing is lost but time.
 */
final class Supervisor implements AutoCloseable {

  /** Starts the server again and waits until it answers; returns the process to watch next. */
  interface Restart {
    ProcessHandle start() throws Exception;
  }

  private static final Logger log = LoggerFactory.getLogger(Supervisor.class);
  private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

  private final String server;
  private final Restart restart;
  private final ScheduledExecutorService scheduler;
  private volatile ProcessHandle watched;
  private volatile boolean closing;
  private Duration backoff = FIRST_BACKOFF;

  Supervisor(String server, ProcessHandle first, Restart restart) {
    this.server = server;
    this.restart = restart;
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, server + " supervisor");
              thread.setDaemon(true);
              return thread;
            });
    watch(first);
  }

  /** The process now running the server. */
  long pid() {
    return watched.pid();
  }

  private void watch(ProcessHandle process) {
    watched = process;
    process
        .onExit()
        .thenRun(
            () -> {
              if (closing || ChildProcesses.stoppingAtOnce()) {
                return;
              }
              log.warn(
                  "the {} exited without being asked to; restarting it in {} s, its data kept",
                  server,
                  backoff.toSeconds());
              scheduler.schedule(this::restart, backoff.toMillis(), TimeUnit.MILLISECONDS);
            });
  }

  private void restart() {
    if (closing) {
      return;
    }
    try {
      ProcessHandle restarted = restart.start();
      log.info("the {} is back", server);
      backoff = FIRST_BACKOFF;
      watch(restarted);
    } catch (Exception e) {
      // Failed again (a port or a lock still held, a damaged file): wait longer, and say so.
      Duration doubled = backoff.multipliedBy(2);
      backoff = doubled.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : doubled;
      log.warn(
          "the {} did not start again ({}); next try in {} s",
          server,
          e.getMessage(),
          backoff.toSeconds());
      if (!closing) {
        scheduler.schedule(this::restart, backoff.toMillis(), TimeUnit.MILLISECONDS);
      }
    }
  }

  /** From now on an exit is asked for: nothing is restarted. */
  @Override
  public void close() {
    closing = true;
    scheduler.shutdownNow();
  }
}
