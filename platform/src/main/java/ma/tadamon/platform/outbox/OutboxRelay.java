package ma.tadamon.platform.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import ma.tadamon.platform.db.Transactions;
import ma.tadamon.platform.kafka.KafkaSettings;
import ma.tadamon.platform.observability.TraceHeaders;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the outbox to Kafka, in id order, with an idempotent producer (acks=all): a pass
 * deletes the rows it takes, and commits once Kafka has acknowledged them all (Kafka keeps the
 * copy). A crash or a failed send before the commit leaves the rows to be published again: twice,
 * never zero times; consumers are idempotent. Only one relay per schema works at a time (a
 * transaction-scoped advisory lock), so replicas never reorder one aggregate's events.
 *
 * <p>A pass runs as soon as a transaction that wrote through this process's {@link Outbox} has
 * committed, and every {@code OUTBOX_POLL_INTERVAL_MS} for rows written elsewhere (a relay run as a
 * process of its own). Not woken by a NOTIFY: PostgreSQL serialises every notifying commit of the
 * whole server under one lock, held through the commit's WAL flush, and every outbox write would
 * wait for it (docs/benchmarks.md, 2026-12-05 — wake-ups without NOTIFY).
 *
 * <p>A pass hands its whole batch to Kafka's own producer in one task on a worker thread, which
 * waits there for the acknowledgements: Vert.x's producer would take each record to a worker and
 * bring each acknowledgement back to the event loop, two thread hand-overs a record where this is
 * two a pass (docs/benchmarks.md, 2026-12-05 — the relay's batch in one task).
 */
public final class OutboxRelay extends VerticleBase {

  private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

  /**
   * The lock and the batch in one statement: the rows are deleted in the pass's transaction, which
   * commits only once Kafka has acknowledged every record, so a send that fails rolls the deletion
   * back and the rows wait for the next pass. The lock is an uncorrelated subquery, taken once
   * before any row is read; when another replica holds it, nothing is read and nothing deleted. The
   * ids as an array keep the plan on the primary key however long the outbox has grown.
   */
  private static final String TAKE_BATCH =
      """
      DELETE FROM outbox WHERE id = ANY (ARRAY(
        SELECT id FROM outbox
        WHERE (SELECT pg_try_advisory_xact_lock(hashtext(current_schema() || '.outbox')))
        ORDER BY id LIMIT $1))
      RETURNING id, topic, message_key, payload, trace_parent
      """;

  /**
   * Sent ahead of {@link #TAKE_BATCH}, in the same round trip, to tell a pass that took nothing
   * because another replica's pass held the lock from one that found the outbox empty. The lock is
   * the transaction's either way: taken again by the batch, it is still held.
   */
  private static final String TRY_LOCK =
      "SELECT pg_try_advisory_xact_lock(hashtext(current_schema() || '.outbox'))";

  /**
   * How soon a pass woken by a commit here tries again when another replica's pass held the lock:
   * that pass may have read the outbox before the commit, and this one is what publishes it.
   */
  private static final long LOCK_BUSY_RETRY_MILLIS = 20;

  private static final byte[] CLOUDEVENTS_JSON =
      "application/cloudevents+json; charset=UTF-8".getBytes(StandardCharsets.UTF_8);

  private static final String BACKLOG =
      """
      SELECT count(*) AS pending, coalesce(extract(epoch FROM now() - min(created_at)), 0) AS oldest_age_seconds
      FROM outbox
      """;

  private final Pool pool;
  private final Outbox outbox;
  private final String schema;
  private final KafkaSettings kafka;
  private final OutboxSettings settings;
  private final AtomicLong pending = new AtomicLong();
  private final AtomicLong oldestPendingAgeSeconds = new AtomicLong();
  private final Counter published;
  private final Counter passes;
  private final AtomicBoolean wakeQueued = new AtomicBoolean();
  private Producer<String, String> producer;
  private Runnable stopHearingCommits = () -> {};

  /** The publishing pass in progress, or the last one. */
  private Future<Integer> pass = Future.succeededFuture(0);

  private boolean wakeRequested;

  /**
   * Commits heard here, and how many of them a pass that held the lock began after: those are
   * published, or in the outbox for the next pass.
   */
  private long commitsHeard;

  private long commitsCovered;

  /** The last batch took nothing because another replica's pass held the lock. */
  private boolean lockWasBusy;

  private boolean stopping;
  private long pollTimer;
  private long backlogTimer;

  public OutboxRelay(
      Pool pool,
      Outbox outbox,
      String schema,
      KafkaSettings kafka,
      OutboxSettings settings,
      MeterRegistry registry) {
    this.pool = pool;
    this.outbox = outbox;
    this.schema = schema;
    this.kafka = kafka;
    this.settings = settings;
    // Every replica reports the same backlog (one shared table): dashboards take the maximum.
    Gauge.builder("tadamon.outbox.pending", pending, AtomicLong::get)
        .description("Events committed to the outbox and not yet acknowledged by Kafka")
        .register(registry);
    Gauge.builder("tadamon.outbox.oldest.pending.age", oldestPendingAgeSeconds, AtomicLong::get)
        .baseUnit("seconds")
        .description("How long the oldest unpublished event has waited")
        .register(registry);
    this.published =
        Counter.builder("tadamon.outbox.published")
            .description("Events this replica's relay published")
            .register(registry);
    this.passes =
        Counter.builder("tadamon.outbox.passes")
            .description(
                "Publishing passes this replica's relay finished: published over passes is how"
                    + " many events a pass carries")
            .register(registry);
  }

  @Override
  public Future<?> start() {
    return vertx
        .executeBlocking(() -> new KafkaProducer<String, String>(new HashMap<>(kafka.producer())))
        .onSuccess(
            created -> {
              producer = created;
              pollTimer = vertx.setPeriodic(settings.pollIntervalMillis(), id -> wake());
              backlogTimer = vertx.setPeriodic(10_000, id -> measureBacklog());
              stopHearingCommits = outbox.onCommitted(event -> committed());
              wake();
            });
  }

  @Override
  public Future<?> stop() {
    stopping = true;
    stopHearingCommits.run();
    vertx.cancelTimer(pollTimer);
    vertx.cancelTimer(backlogTimer);
    // Flush what is pending before the producer goes: a graceful shutdown leaves nothing half-sent.
    // A pass already under way holds the advisory lock, so a second one would publish nothing and
    // close the producer under it: let it finish first, then publish whatever it left.
    return pass.transform(finished -> drain())
        .recover(err -> Future.succeededFuture(0))
        .compose(
            v ->
                vertx.executeBlocking(
                    () -> {
                      producer.close();
                      return null;
                    }));
  }

  /**
   * Publishes until the outbox is empty; returns how many rows went out. A batch shorter than the
   * batch size was all there was: rows committed since then wake another pass.
   */
  public Future<Integer> drain() {
    return publishBatch()
        .compose(
            count ->
                count < settings.batchSize()
                    ? Future.succeededFuture(count)
                    : drain().map(more -> count + more));
  }

  /**
   * A transaction that wrote the outbox through this service's {@link Outbox} has committed: from
   * any thread, once per event, so only the first of a burst goes to the relay's context.
   */
  private void committed() {
    if (wakeQueued.compareAndSet(false, true)) {
      context.runOnContext(
          v -> {
            wakeQueued.set(false);
            commitsHeard++;
            wake();
          });
    }
  }

  /** Runs a publishing pass now, or right after the one in progress. */
  private void wake() {
    if (stopping) {
      return; // stop() publishes what is left
    }
    if (!pass.isComplete()) {
      wakeRequested = true;
      return;
    }
    wakeRequested = false;
    long heardBefore = commitsHeard;
    lockWasBusy = false;
    pass =
        drain()
            .onFailure(
                err ->
                    log.warn(
                        "outbox of {} not published yet, will retry: {}", schema, err.toString()))
            .onComplete(
                done -> {
                  passes.increment();
                  if (done.succeeded() && !lockWasBusy) {
                    commitsCovered = Math.max(commitsCovered, heardBefore);
                  }
                  if (wakeRequested) {
                    wake();
                  } else if (lockWasBusy && commitsHeard > commitsCovered && !stopping) {
                    // Another replica's pass may have read the outbox before our commit.
                    vertx.setTimer(LOCK_BUSY_RETRY_MILLIS, id -> wake());
                  }
                });
  }

  /**
   * One batch, taken under the lock in one statement, sent, and forgotten by the commit: a pass is
   * four statements (BEGIN, the lock's answer, the batch, COMMIT), of which the first three go out
   * together.
   */
  private Future<Integer> publishBatch() {
    return Transactions.run(
        pool,
        tx -> {
          Future<RowSet<Row>> locked = tx.preparedQuery(TRY_LOCK).execute();
          return tx.preparedQuery(TAKE_BATCH)
              .execute(Tuple.of(settings.batchSize()))
              .compose(
                  rows -> {
                    if (rows.size() > 0) {
                      return send(rows);
                    }
                    // Answered before the batch, on the same connection.
                    lockWasBusy = !locked.result().iterator().next().getBoolean(0);
                    return Future.succeededFuture(0);
                  });
        });
  }

  private Future<Integer> send(RowSet<Row> taken) {
    // RETURNING follows no order: Kafka must get them in the order they were written.
    List<Row> rows = new ArrayList<>(taken.size());
    taken.forEach(rows::add);
    rows.sort(Comparator.comparingLong(row -> row.getLong("id")));
    List<ProducerRecord<String, String>> records = new ArrayList<>(rows.size());
    for (Row row : rows) {
      ProducerRecord<String, String> record =
          new ProducerRecord<>(
              row.getString("topic"), row.getString("message_key"), row.getString("payload"));
      record.headers().add("content-type", CLOUDEVENTS_JSON);
      String traceparent = row.getString("trace_parent");
      if (traceparent != null) {
        record
            .headers()
            .add(TraceHeaders.TRACEPARENT, traceparent.getBytes(StandardCharsets.UTF_8));
      }
      records.add(record);
    }
    return vertx
        .executeBlocking(() -> publish(records))
        .map(
            count -> {
              published.increment(count);
              return count;
            });
  }

  /**
   * On a worker thread: sends in id order on one producer (Kafka keeps that order within each
   * partition), then waits for every acknowledgement; fails with the first refusal.
   */
  private int publish(List<ProducerRecord<String, String>> records) throws Exception {
    AtomicReference<Exception> refused = new AtomicReference<>();
    for (ProducerRecord<String, String> record : records) {
      producer.send(
          record,
          (metadata, error) -> {
            if (error != null) {
              refused.compareAndSet(null, error);
            }
          });
    }
    // The pass holds every record it will send: they go now, in one request per partition leader,
    // rather than after the producer's linger, which only pays for records arriving one by one.
    // flush() returns once every record is acknowledged or refused, its callback run.
    producer.flush();
    if (refused.get() != null) {
      throw refused.get();
    }
    return records.size();
  }

  private void measureBacklog() {
    pool.query(BACKLOG)
        .execute()
        .onSuccess(
            rows -> {
              Row row = rows.iterator().next();
              pending.set(row.getLong("pending"));
              oldestPendingAgeSeconds.set(row.getBigDecimal("oldest_age_seconds").longValue());
            })
        .onFailure(
            err ->
                log.debug(
                    "could not measure the outbox backlog of {}: {}", schema, err.toString()));
  }
}
