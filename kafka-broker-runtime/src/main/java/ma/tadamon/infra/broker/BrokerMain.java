package ma.tadamon.infra.broker;

import java.io.IOException;
import java.io.InputStream;

/**
 * Entry point of the child JVM that runs the Kafka broker: it stops the broker when its parent
 * dies.
 *
 * <p>The parent keeps our standard input open for as long as it lives; end of input means the
 * parent is gone (even after a kill -9), so the broker exits cleanly instead of lingering on its
 * ports.
 */
public final class BrokerMain {

  private BrokerMain() {}

  public static void main(String[] args) throws Exception {
    Thread parentWatch = new Thread(BrokerMain::exitWhenParentIsGone, "parent-watch");
    parentWatch.setDaemon(true);
    parentWatch.start();
    Class.forName("kafka.Kafka").getMethod("main", String[].class).invoke(null, (Object) args);
  }

  private static void exitWhenParentIsGone() {
    try (InputStream in = System.in) {
      while (in.read() != -1) {
        // The parent never writes; any byte is ignored.
      }
    } catch (IOException closed) {
      // A broken pipe means the same as end of input.
    }
    System.exit(0);
  }
}
