package ma.tadamon.platform.service;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;

/**
 * The one place Tadamon touches Vert.x's internal context API. Vert.x 5 has no public way to make a
 * duplicated context (the per-request context its HTTP server gives every request, with locals of
 * its own) or to ask whether the current one is such; the Kafka consumer needs one per record, and
 * the log fields must know they are on one. {@code DuplicatedContextsTest} checks every behaviour
 * relied on here, so an upgrade that changes them fails there, loudly, not in production.
 */
public final class DuplicatedContexts {

  private DuplicatedContexts() {}

  /** A new context on the same event loop as {@code context}, with locals of its own. */
  public static Context duplicate(Context context) {
    return ((ContextInternal) context).duplicate();
  }

  /** Whether the calling code runs on a request's or a record's own (duplicated) context. */
  public static boolean onDuplicatedContext() {
    Context current = Vertx.currentContext();
    return current instanceof ContextInternal internal && internal.isDuplicate();
  }
}
