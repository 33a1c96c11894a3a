package ma.tadamon.platform.observability;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RepeatedWarningsTest {

  private static final String UNREACHABLE =
      "Connection to node {} ({}) could not be established. Node may not be available.";

  private final AtomicLong now = new AtomicLong(1_000_000);
  private final LoggerContext context = new LoggerContext();
  private final ListAppender<ILoggingEvent> said = new ListAppender<>();

  @BeforeEach
  void logging() {
    RepeatedWarnings filter = new RepeatedWarnings(now::get);
    filter.setContext(context);
    filter.start();
    context.addTurboFilter(filter);
    said.setContext(context);
    said.start();
    context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(said);
  }

  @Test
  void fifteenClientsRetryingForAMinuteSayItOnce() {
    Logger network = context.getLogger("org.apache.kafka.clients.NetworkClient");
    for (int attempt = 0; attempt < 50; attempt++) {
      for (int client = 0; client < 15; client++) {
        network.warn("[Consumer clientId=c" + client + ", groupId=g] " + UNREACHABLE, 1, "b:9092");
      }
      now.addAndGet(1_000);
    }
    assertThat(said.list).hasSize(1);
    assertThat(said.list.get(0).getFormattedMessage())
        .isEqualTo(
            "[Consumer clientId=c0, groupId=g] Connection to node 1 (b:9092) could not be"
                + " established. Node may not be available.");

    now.addAndGet(60_000); // the broker is still away a minute later: said again, once
    network.warn("[Producer clientId=p] " + UNREACHABLE, 1, "b:9092");
    network.warn("[Producer clientId=q] " + UNREACHABLE, 1, "b:9092");
    assertThat(said.list).hasSize(2);
  }

  @Test
  void otherWarningsErrorsAndOtherLoggersAreAllSaid() {
    Logger network = context.getLogger("org.apache.kafka.clients.NetworkClient");
    Logger ours = context.getLogger("ma.tadamon.order.OrderService");
    network.warn("[Producer clientId=p] " + UNREACHABLE, 1, "b:9092");
    network.warn("[Producer clientId=p] Bootstrap broker {} disconnected", "b:9092");
    network.error("[Producer clientId=p] " + UNREACHABLE, 1, "b:9092");
    ours.warn("the same warning twice");
    ours.warn("the same warning twice");
    assertThat(said.list).hasSize(5);
  }
}
