package ma.tadamon.local;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import ma.tadamon.infra.Infrastructure;

/**
 * Ctrl-C (or SIGTERM) once: the platform stops in order, which takes some seconds (consumers leave
 * their groups, outboxes drain, the servers stop after the services). Twice: it stops at once,
 * killing its servers, so that nothing is left running. The JVM's own handler cannot do the second:
 * while shutdown hooks run, a second signal waits for them.
 *
 * <p>Signals are taken with {@code sun.misc.Signal} (module jdk.unsupported, there for exactly
 * this), called by reflection: compiled with {@code --release} and warnings as errors, naming it
 * fails the build.
 */
final class SecondInterrupt {

  private static final AtomicInteger SIGNALS = new AtomicInteger();

  private SecondInterrupt() {}

  /** Takes over SIGINT and SIGTERM; where the JVM has no such signals, its defaults stay. */
  static void stopAtOnce() {
    try {
      Class<?> signal = Class.forName("sun.misc.Signal");
      Class<?> handler = Class.forName("sun.misc.SignalHandler");
      Method number = signal.getMethod("getNumber");
      Object onSignal =
          Proxy.newProxyInstance(
              SecondInterrupt.class.getClassLoader(),
              new Class<?>[] {handler},
              (proxy, method, arguments) -> {
                if (method.getName().equals("handle")) {
                  received((Integer) number.invoke(arguments[0]));
                  return null;
                }
                return switch (method.getName()) {
                  case "hashCode" -> System.identityHashCode(proxy);
                  case "equals" -> proxy == arguments[0];
                  default -> "second interrupt handler";
                };
              });
      Method handle = signal.getMethod("handle", signal, handler);
      for (String name : List.of("INT", "TERM")) {
        handle.invoke(null, signal.getConstructor(String.class).newInstance(name), onSignal);
      }
    } catch (ReflectiveOperationException | RuntimeException e) {
      System.err.println("(a second Ctrl-C will not stop at once here: " + e + ")");
    }
  }

  /**
   * The end of the orderly stop. When a second signal came meanwhile, the JVM must end by that
   * signal's halt, once its servers are gone and it has said so: the orderly stop, quick with its
   * servers killed under it, would otherwise end the JVM first and cut the stop at once short.
   */
  static void letAStopAtOnceEndIt() {
    if (SIGNALS.get() < 2) {
      return;
    }
    try {
      // Longer than the stop at once waits for its servers; its halt ends this wait.
      Thread.sleep(30_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void received(int signalNumber) {
    int status = 128 + signalNumber;
    if (SIGNALS.incrementAndGet() == 1) {
      System.out.println("\nStopping Tadamon ... (Ctrl-C again to stop at once)");
      // Not on the signal's thread: exit runs the shutdown hooks and waits for them.
      new Thread(() -> System.exit(status), "tadamon-exit").start();
      return;
    }
    List<String> killed = Infrastructure.stopEveryServerAtOnce();
    System.out.println(
        "Stopped at once"
            + (killed.isEmpty() ? "" : " (killed: " + String.join(", ", killed) + ")")
            + "; the data recovers at the next start.");
    Runtime.getRuntime().halt(status);
  }
}
