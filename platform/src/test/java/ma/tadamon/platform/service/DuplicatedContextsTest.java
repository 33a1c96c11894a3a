package ma.tadamon.platform.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.spi.context.storage.ContextLocal;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What Tadamon relies on in Vert.x's internal context API, which {@link DuplicatedContexts} alone
 * uses. If an upgrade of Vert.x changes any of it, this fails, and the consumer's per-record
 * contexts and the log fields must be looked at again.
 */
class DuplicatedContextsTest {

  /** Registered before any Vert.x instance exists, as Vert.x requires. */
  private static final ContextLocal<String> ORDER = ContextLocal.registerLocal(String.class);

  private static Vertx vertx;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void a_duplicate_runs_on_its_parents_event_loop_with_locals_of_its_own() throws Exception {
    Context parent = vertx.getOrCreateContext();
    Context first = DuplicatedContexts.duplicate(parent);
    Context second = DuplicatedContexts.duplicate(parent);

    CompletableFuture<String[]> seen = new CompletableFuture<>();
    parent.runOnContext(
        p ->
            first.runOnContext(
                a -> {
                  String parentThread = Thread.currentThread().getName();
                  first.putLocal(ORDER, "A");
                  boolean onDuplicate = DuplicatedContexts.onDuplicatedContext();
                  second.runOnContext(
                      b ->
                          seen.complete(
                              new String[] {
                                parentThread,
                                Thread.currentThread().getName(),
                                String.valueOf(onDuplicate),
                                String.valueOf(second.getLocal(ORDER)),
                                String.valueOf(first.getLocal(ORDER))
                              }));
                }));

    String[] facts = seen.get(10, TimeUnit.SECONDS);
    assertThat(facts[1]).as("same event loop").isEqualTo(facts[0]);
    assertThat(facts[2]).as("known to be a duplicate").isEqualTo("true");
    assertThat(facts[3]).as("another record's locals are not seen").isEqualTo("null");
    assertThat(facts[4]).as("its own locals are kept").isEqualTo("A");
  }

  @Test
  void the_services_own_context_is_not_a_duplicate() throws Exception {
    CompletableFuture<Boolean> onDuplicate = new CompletableFuture<>();
    vertx
        .getOrCreateContext()
        .runOnContext(v -> onDuplicate.complete(DuplicatedContexts.onDuplicatedContext()));

    assertThat(onDuplicate.get(10, TimeUnit.SECONDS)).isFalse();
    assertThat(DuplicatedContexts.onDuplicatedContext()).as("off any context").isFalse();
  }
}
