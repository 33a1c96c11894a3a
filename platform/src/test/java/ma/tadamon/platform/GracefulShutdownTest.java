package ma.tadamon.platform;

import static ma.tadamon.platform.service.ServiceRuntime.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import ma.tadamon.events.inventory.StockReserved;
import ma.tadamon.platform.config.Settings;
import ma.tadamon.platform.events.Topics;
import ma.tadamon.platform.service.Foundation;
import ma.tadamon.platform.service.ServiceContext;
import ma.tadamon.platform.service.ServiceRuntime;
import ma.tadamon.platform.service.ServiceRuntime.RunningService;
import ma.tadamon.platform.service.ServiceVerticle;
import ma.tadamon.platform.testing.TestPlatform;
import ma.tadamon.platform.testing.TopicProbe;
import org.junit.jupiter.api.Test;

/**
 * Stopping a service (what SIGTERM does in a pod) loses nothing: a request in flight is answered,
 * and the event it wrote to the outbox reaches Kafka before the service is gone.
 */
class GracefulShutdownTest {

  /**
   * Takes its time over each order, like a checkout waiting on a busy database, then writes an
   * event.
   */
  static final class SlowService extends ServiceVerticle {

    private final CompletableFuture<Void> requestArrived;

    SlowService(ServiceContext context, CompletableFuture<Void> requestArrived) {
      super(context, "graceful_test");
      this.requestArrived = requestArrived;
    }

    @Override
    protected Future<?> wire(Foundation foundation) {
      var router = foundation.router();
      router
          .post("/slow/:order")
          .handler(
              ctx -> {
                UUID order = UUID.fromString(ctx.pathParam("order"));
                requestArrived.complete(null);
                Promise<Void> slowly = Promise.promise();
                vertx.setTimer(1_000, id -> slowly.complete());
                slowly
                    .future()
                    .compose(
                        v ->
                            foundation
                                .pool()
                                .withTransaction(
                                    tx ->
                                        foundation
                                            .outbox()
                                            .append(
                                                tx,
                                                Topics.INVENTORY_EVENTS,
                                                new StockReserved(order))))
                    .onSuccess(v -> ctx.response().setStatusCode(201).end())
                    .onFailure(ctx::fail);
              });
      return foundation.startOutboxRelay().compose(v -> foundation.listen(router, 0));
    }
  }

  @Test
  void a_stopping_service_answers_the_request_in_flight_and_publishes_what_it_wrote()
      throws Exception {
    Settings settings = TestPlatform.settings().with(Map.of("OUTBOX_POLL_INTERVAL_MS", "60000"));
    int port = settings.getInt("HTTP_PORT", 0);
    CompletableFuture<Void> arrived = new CompletableFuture<>();
    RunningService service =
        await(
            ServiceRuntime.start(
                "graceful-test", settings, context -> new SlowService(context, arrived)),
            60);
    Vertx client = Vertx.vertx();
    UUID order = UUID.randomUUID();
    try (TopicProbe probe = TopicProbe.watch(client, Topics.INVENTORY_EVENTS)) {
      WebClient web = WebClient.create(client);
      Future<HttpResponse<Buffer>> response = web.post(port, "localhost", "/slow/" + order).send();
      arrived.get(10, TimeUnit.SECONDS);

      await(service.close(), 30);

      assertThat(await(response, 10).statusCode()).isEqualTo(201);
      assertThat(probe.awaitEvent(StockReserved.class, order).orderId()).isEqualTo(order);
      assertThatThrownBy(() -> await(web.get(port, "localhost", "/health/live").send(), 10))
          .as("a stopped service accepts no new connection")
          .isNotNull();
    } finally {
      client.close();
    }
  }
}
