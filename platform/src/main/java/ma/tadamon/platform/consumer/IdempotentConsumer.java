package ma.tadamon.platform.consumer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.kafka.client.common.TopicPartition;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vertx.kafka.client.consumer.KafkaConsumerRecords;
import io.vertx.kafka.client.consumer.OffsetAndMetadata;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;
import ma.tadamon.platform.db.AfterCommit;
import ma.tadamon.platform.db.Transactions;
import ma.tadamon.platform.events.EventEnvelope;
import ma.tadamon.platform.events.EventMapper;
import ma.tadamon.platform.events.MalformedEventException;
import ma.tadamon.platform.events.Topics;
import ma.tadamon.platform.kafka.KafkaSettings;
import ma.tadamon.platform.observability.LogFields;
import ma.tadamon.platform.observability.TraceHeaders;
import ma.tadamon.platform.service.DuplicatedContexts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes topics with exactly-once effect: each event's effect and the record of its id commit in
 * one PostgreSQL transaction, so a redelivered event changes nothing. Offsets are committed only up
 * to what is applied. An event that still fails after retries goes to {@code <topic>.dlq} (and the
 * dead_letters table) so it never blocks its partition.
 *
 * <p>Each partition has a lane: its records, strictly in order, in batches of up to {@code
 * CONSUMER_BATCH_SIZE}: one transaction, one statement marking them all processed, then each
 * handler in turn. Lanes go concurrently and independently, and polling goes on while they work, so
 * a partition never waits for another's batch. For {@link EventHandlers#oneBatchAtATime()} one lane
 * takes every partition's records, each partition's still in order, as one batch. A handler
 * registered with {@link EventHandlers#onEach} gets a batch's events of its type in one call, as
 * long as their subjects differ. A batch that fails leaves nothing behind and is applied again one
 * record at a time, so that a poisonous record goes to the dead-letter topic alone.
 *
 * <p>Offsets are committed at most once per {@code CONSUMER_COMMIT_INTERVAL_MS}, and when the
 * consumer stops; a record applied but not yet committed when the process dies is delivered again
 * and skipped.
 */
public final class IdempotentConsumer extends VerticleBase {

  private static final Logger log = LoggerFactory.getLogger(IdempotentConsumer.class);
  private static final Duration POLL_TIMEOUT = Duration.ofMillis(500);
  // Polling pauses while a poll's worth of records waits.
  private static final int WAITING_AT_MOST = KafkaSettings.MAX_POLL_RECORDS;
  // A first purge minutes after start, not an hour: a service deployed several times a day would
  // otherwise never purge; not at once, where it would compete with the start-up's catch-up.
  private static final Duration FIRST_PURGE_AFTER = Duration.ofMinutes(5);
  private static final Duration PURGE_EVERY = Duration.ofHours(1);

  private static final String MARK_PROCESSED =
      """
      INSERT INTO processed_events (consumer, event_id, event_type) VALUES ($1, $2, $3)
      ON CONFLICT DO NOTHING
      """;
  // Events delivered twice in one batch are marked once: ON CONFLICT DO NOTHING skips the second.
  private static final String MARK_ALL_PROCESSED =
      """
      INSERT INTO processed_events (consumer, event_id, event_type)
      SELECT $1, delivered.id, delivered.type FROM unnest($2::uuid[], $3::text[]) AS delivered (id, type)
      ON CONFLICT DO NOTHING
      RETURNING event_id
      """;
  private static final String RECORD_DEAD_LETTER =
      """
      INSERT INTO dead_letters (consumer, topic, kafka_partition, kafka_offset, event_id, event_type, error, payload)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
      ON CONFLICT DO NOTHING
      """;

  /** A record read as an event, and the handler that applies its type (null: it is skipped). */
  private record Delivered(
      KafkaConsumerRecord<String, String> record,
      EventEnvelope envelope,
      EventHandlers.RegisteredHandler<?> handler) {}

  private final String name;
  private final Set<String> topics;
  private final EventHandlers handlers;
  private final Pool pool;
  private final KafkaSettings kafka;
  private final ConsumerSettings settings;
  private final MeterRegistry registry;
  private final Tracer tracer;
  private KafkaConsumer<String, String> consumer;
  private KafkaClientMetrics kafkaMetrics;
  private KafkaProducer<String, String> deadLetterProducer;
  private volatile boolean stopping;
  private Promise<Void> stopped;
  private long purgeTimer;
  private long commitTimer = -1;

  // Touched on this verticle's event loop only.
  private final Set<TopicPartition> assigned = new HashSet<>();
  private final Map<TopicPartition, Lane> lanes = new HashMap<>();
  private final Lane everyPartition = new Lane();
  private final Map<TopicPartition, Long> appliedUpTo = new HashMap<>();
  private final Map<TopicPartition, Long> rewoundAfterPoll = new HashMap<>();
  private long pollsIssued;
  private boolean pollInFlight;
  private boolean appliedSinceCommit;
  private long lastCommitNanos = System.nanoTime();

  /**
   * Records waiting their turn, applied a batch after another: a partition's own lane, or one lane
   * for every partition of a consumer that applies one batch at a time.
   */
  private static final class Lane {
    final ArrayDeque<KafkaConsumerRecord<String, String>> waiting = new ArrayDeque<>();
    boolean applying;
    boolean resting;
  }

  /**
   * @param name the consumer group, and the name under which processed events are recorded, e.g.
   *     {@code order-service.saga}
   */
  public IdempotentConsumer(
      String name,
      Set<String> topics,
      EventHandlers handlers,
      Pool pool,
      KafkaSettings kafka,
      ConsumerSettings settings,
      MeterRegistry registry,
      Tracer tracer) {
    this.name = name;
    this.topics = topics;
    this.handlers = handlers;
    this.pool = pool;
    this.kafka = kafka;
    this.settings = settings;
    this.registry = registry;
    this.tracer = tracer;
  }

  @Override
  public Future<?> start() {
    consumer = KafkaConsumer.create(vertx, kafka.consumer(name));
    deadLetterProducer = KafkaProducer.create(vertx, kafka.producer());
    stopped = Promise.promise();
    // The Kafka client's own metrics, lag per partition among them
    // (kafka_consumer_fetch_manager_records_lag).
    kafkaMetrics = new KafkaClientMetrics(consumer.unwrap());
    kafkaMetrics.bindTo(registry);
    purgeTimer =
        vertx.setPeriodic(
            FIRST_PURGE_AFTER.toMillis(), PURGE_EVERY.toMillis(), id -> purgeProcessedMarks());
    // An idle consumer still tells Kafka what it applied last, once its interval is over; with no
    // interval, the end of each batch already did.
    if (!settings.commitInterval().isZero()) {
      commitTimer = vertx.setPeriodic(settings.commitInterval().toMillis(), id -> commitIfDue());
    }
    // Both run on this verticle's context before the records of the poll that rebalanced.
    consumer.partitionsAssignedHandler(assigned::addAll);
    consumer.partitionsRevokedHandler(this::forget);
    return consumer.subscribe(topics).onSuccess(v -> pollIfRoom());
  }

  @Override
  public Future<?> stop() {
    // Stop polling, let the batches in hand finish, commit what was applied, then leave the group.
    stopping = true;
    vertx.cancelTimer(purgeTimer);
    if (commitTimer >= 0) {
      vertx.cancelTimer(commitTimer);
    }
    stopIfIdle();
    return stopped
        .future()
        .onComplete(v -> kafkaMetrics.close())
        .compose(v -> consumer.close())
        .compose(v -> deadLetterProducer.close());
  }

  /**
   * Polls again unless enough records already wait their lane's turn: polling goes on while batches
   * are applied, so a partition whose batch is done finds its next records in hand instead of
   * waiting for every other partition's batch and a poll.
   */
  private void pollIfRoom() {
    if (stopping || pollInFlight || waitingRecords() >= WAITING_AT_MOST) {
      return;
    }
    pollInFlight = true;
    long poll = ++pollsIssued;
    consumer
        .poll(POLL_TIMEOUT)
        .onComplete(
            polled -> {
              pollInFlight = false;
              if (stopping) {
                stopIfIdle(); // what it brought is not applied, nor committed: delivered again
              } else if (polled.failed()) {
                log.warn("{}: poll failed, retrying: {}", name, polled.cause().toString());
                vertx.setTimer(1_000, id -> pollIfRoom());
              } else {
                queue(polled.result(), poll);
                pollIfRoom();
              }
            });
  }

  /** Puts each record in its lane, in its partition's order, and starts the lanes that wait. */
  private void queue(KafkaConsumerRecords<String, String> records, long poll) {
    Set<Lane> touched = new HashSet<>();
    for (int i = 0; i < records.size(); i++) {
      KafkaConsumerRecord<String, String> record = records.recordAt(i);
      TopicPartition partition = partitionOf(record);
      Long rewoundAfter = rewoundAfterPoll.get(partition);
      if (rewoundAfter != null && poll <= rewoundAfter) {
        continue; // fetched before its partition was rewound: it comes again, in its place
      }
      Lane lane = laneOf(partition);
      lane.waiting.add(record);
      touched.add(lane);
    }
    touched.forEach(this::applyNext);
  }

  private Stream<Lane> allLanes() {
    return Stream.concat(lanes.values().stream(), Stream.of(everyPartition));
  }

  /** Records in the lanes, not yet taken into a batch. */
  private int waitingRecords() {
    return allLanes().mapToInt(lane -> lane.waiting.size()).sum();
  }

  private static TopicPartition partitionOf(KafkaConsumerRecord<String, String> record) {
    return new TopicPartition(record.topic(), record.partition());
  }

  private Lane laneOf(TopicPartition partition) {
    return handlers.appliesOneBatchAtATime()
        ? everyPartition
        : lanes.computeIfAbsent(partition, p -> new Lane());
  }

  /** Applies the lane's next batch, unless one is being applied or it waits after a failure. */
  private void applyNext(Lane lane) {
    if (stopping || lane.applying || lane.resting || lane.waiting.isEmpty()) {
      return;
    }
    // A consumer applying one batch at a time takes every partition's waiting records at once:
    // its throughput is one transaction's length, so under load its batches grow instead.
    int most = handlers.appliesOneBatchAtATime() ? WAITING_AT_MOST : settings.batchSize();
    List<KafkaConsumerRecord<String, String>> batch = new ArrayList<>();
    while (batch.size() < most && !lane.waiting.isEmpty()) {
      batch.add(lane.waiting.poll());
    }
    lane.applying = true;
    processBatch(batch)
        .onComplete(
            done -> {
              lane.applying = false;
              if (done.succeeded()) {
                applied(batch);
                commitIfDue();
              } else {
                rewind(lane, batch, done.cause());
              }
              if (stopping) {
                stopIfIdle();
              } else {
                applyNext(lane);
                pollIfRoom();
              }
            });
  }

  private void applied(List<KafkaConsumerRecord<String, String>> batch) {
    for (KafkaConsumerRecord<String, String> record : batch) {
      TopicPartition partition = partitionOf(record);
      // A partition taken away meanwhile is its new owner's to commit.
      if (assigned.contains(partition)) {
        appliedUpTo.merge(partition, record.offset() + 1, Math::max);
        appliedSinceCommit = true;
      }
    }
  }

  /**
   * Processing failed beyond what retries and the dead-letter topic absorb (the database or Kafka
   * is down): the lane's partitions go back to the batch's first record, whose redelivery waits a
   * second; what was applied is skipped. Records already fetched past that point are dropped, and
   * those of the poll under way when it rewound are dropped as they come.
   */
  private void rewind(Lane lane, List<KafkaConsumerRecord<String, String>> batch, Throwable cause) {
    log.warn("{}: batch not processed, will be redelivered: {}", name, cause.toString());
    Map<TopicPartition, Long> firstOffsets = new LinkedHashMap<>();
    for (var records : List.of(batch, lane.waiting)) {
      for (KafkaConsumerRecord<String, String> record : records) {
        firstOffsets.putIfAbsent(partitionOf(record), record.offset());
      }
    }
    lane.waiting.clear();
    firstOffsets.forEach(
        (partition, offset) -> {
          rewoundAfterPoll.put(partition, pollsIssued);
          consumer.seek(partition, offset);
        });
    lane.resting = true;
    vertx.setTimer(
        1_000,
        id -> {
          lane.resting = false;
          applyNext(lane);
          pollIfRoom();
        });
  }

  /**
   * Partitions given to another consumer: what of theirs waits here is left to it, from the offsets
   * last committed; a batch of theirs being applied finishes, and the new owner, reading the same
   * events again, waits on its marks and then skips them.
   */
  private void forget(Set<TopicPartition> revoked) {
    assigned.removeAll(revoked);
    for (TopicPartition partition : revoked) {
      appliedUpTo.remove(partition);
      laneOf(partition).waiting.removeIf(record -> partitionOf(record).equals(partition));
    }
  }

  private void stopIfIdle() {
    if (pollInFlight || allLanes().anyMatch(lane -> lane.applying)) {
      return;
    }
    commitApplied().onComplete(committed -> stopped.tryComplete());
  }

  /**
   * Tells Kafka how far this consumer has applied, at most once per commit interval: every commit
   * is a request the broker writes to its offsets log, and at a low rate each poll brings a record
   * or two. What a crash or a rebalance leaves uncommitted is delivered again and skipped as
   * already processed.
   */
  private void commitIfDue() {
    if (!appliedSinceCommit
        || System.nanoTime() - lastCommitNanos < settings.commitInterval().toNanos()) {
      return;
    }
    commitApplied()
        .onFailure(
            failed ->
                // Kept for the next turn: the offsets are still right.
                log.warn("{}: offsets not committed, will try again: {}", name, failed.toString()));
  }

  private Future<Void> commitApplied() {
    if (!appliedSinceCommit) {
      return Future.succeededFuture();
    }
    appliedSinceCommit = false;
    lastCommitNanos = System.nanoTime();
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    appliedUpTo.forEach(
        (partition, next) -> offsets.put(partition, new OffsetAndMetadata(next, null)));
    return consumer.commit(offsets).<Void>mapEmpty().onFailure(failed -> appliedSinceCommit = true);
  }

  private void purgeProcessedMarks() {
    ProcessedMarks.purge(pool, name, settings.processedRetention())
        .onSuccess(purged -> log.debug("{}: purged {} old processed marks", name, purged))
        .onFailure(
            err -> log.warn("{}: could not purge old processed marks: {}", name, err.toString()));
  }

  /**
   * A partition's records in one transaction. When anything in it fails (a record that cannot be
   * read or applied, a deadlock with another partition's batch, the database), nothing of it stays
   * and its records are applied again one by one, each with its retries and the dead-letter topic.
   */
  private Future<Void> processBatch(List<KafkaConsumerRecord<String, String>> delivered) {
    List<KafkaConsumerRecord<String, String>> records = withoutIgnored(delivered);
    if (records.isEmpty()) {
      return Future.succeededFuture();
    }
    if (records.size() == 1) {
      return processTraced(records.get(0));
    }
    List<Delivered> batch = new ArrayList<>(records.size());
    for (KafkaConsumerRecord<String, String> record : records) {
      try {
        EventEnvelope envelope = EventMapper.fromJson(record.value());
        batch.add(new Delivered(record, envelope, handlers.forType(envelope.type()).orElse(null)));
      } catch (MalformedEventException e) {
        return oneByOne(records);
      }
    }
    KafkaConsumerRecord<String, String> first = records.get(0);
    return batchTraced(batch)
        .recover(
            failure -> {
              log.info(
                  "{}: a batch of {} from {}[{}]@{} failed, applying them one by one: {}",
                  name,
                  records.size(),
                  first.topic(),
                  first.partition(),
                  first.offset(),
                  failure.toString());
              return oneByOne(records);
            });
  }

  /**
   * The records of a type this consumer takes, or that must be read to know (an unreadable one goes
   * to the dead-letter topic): the others are counted and passed over without reading their data,
   * in no transaction and no span. Several consumers read each topic, and each takes few of its
   * types.
   */
  private List<KafkaConsumerRecord<String, String>> withoutIgnored(
      List<KafkaConsumerRecord<String, String>> records) {
    List<KafkaConsumerRecord<String, String>> taken = new ArrayList<>(records.size());
    for (KafkaConsumerRecord<String, String> record : records) {
      Optional<String> type = EventMapper.typeOnly(record.value());
      if (type.isPresent() && handlers.forType(type.get()).isEmpty()) {
        count(type.get(), "ignored");
      } else {
        taken.add(record);
      }
    }
    return taken;
  }

  private Future<Void> oneByOne(List<KafkaConsumerRecord<String, String>> records) {
    Future<Void> chain = Future.succeededFuture();
    for (KafkaConsumerRecord<String, String> record : records) {
      chain = chain.compose(v -> processTraced(record));
    }
    return chain;
  }

  /**
   * A batch on a context of its own, in a span for what is the batch's (its transaction and the
   * mark), linked to each record's trace; each handler runs in a span of its record's own trace, so
   * that what it writes to the outbox carries that trace on: one order stays one trace.
   */
  private Future<Void> batchTraced(List<Delivered> batch) {
    KafkaConsumerRecord<String, String> first = batch.get(0).record();
    SpanBuilder builder =
        tracer
            .spanBuilder(name + " process batch")
            .setNoParent()
            .setSpanKind(SpanKind.CONSUMER)
            .setAttribute("messaging.system", "kafka")
            .setAttribute("messaging.destination.name", first.topic())
            .setAttribute("messaging.consumer.group.name", name)
            .setAttribute("messaging.batch.message_count", (long) batch.size());
    for (Delivered delivered : batch) {
      SpanContext published =
          Span.fromContext(TraceHeaders.extract(delivered.record())).getSpanContext();
      if (published.isValid()) {
        builder.addLink(published);
      }
    }
    return onOwnContext(Context.root(), builder.startSpan(), () -> appliedTogether(batch));
  }

  private Future<Void> appliedTogether(List<Delivered> batch) {
    List<Delivered> handled = batch.stream().filter(d -> d.handler() != null).toList();
    if (handled.isEmpty()) {
      batch.forEach(ignored -> count(ignored.envelope().type(), "ignored"));
      return Future.succeededFuture();
    }
    return Transactions.run(
        pool,
        tx ->
            markAll(tx, handled)
                .compose(
                    firstTime -> {
                      Future<Void> chain = Future.succeededFuture();
                      for (List<Delivered> group : groups(batch)) {
                        chain =
                            chain.compose(
                                v ->
                                    group.size() == 1
                                        ? applyInBatch(tx, group.get(0), firstTime)
                                        : applyGathered(tx, group, firstTime));
                      }
                      return chain;
                    }));
  }

  /**
   * The batch's records in the groups they are applied in, in that order: each alone, except the
   * events of a type whose handler takes many, gathered while the subjects (message keys) come
   * distinct. A subject seen again ends the gathering: each subject's events keep their order, and
   * records of distinct subjects were never ordered among themselves (they may be of different
   * partitions).
   */
  private static List<List<Delivered>> groups(List<Delivered> batch) {
    List<List<Delivered>> groups = new ArrayList<>();
    Map<String, List<Delivered>> gathering = new HashMap<>();
    Set<String> subjects = new HashSet<>();
    for (Delivered delivered : batch) {
      String subject = delivered.record().key();
      if (subject == null || !subjects.add(subject)) {
        gathering.clear();
        subjects.clear();
        if (subject != null) {
          subjects.add(subject);
        }
      }
      if (delivered.handler() != null && delivered.handler().takesMany()) {
        String type = delivered.envelope().type();
        List<Delivered> group = gathering.get(type);
        if (group == null) {
          group = new ArrayList<>();
          gathering.put(type, group);
          groups.add(group);
        }
        group.add(delivered);
      } else {
        groups.add(List.of(delivered));
      }
    }
    return groups;
  }

  /**
   * Events of one type applied by one call of their handler, each in a span of its record's own
   * trace, which the handler makes current for what it writes about that event.
   */
  private Future<Void> applyGathered(SqlConnection tx, List<Delivered> group, Set<UUID> firstTime) {
    List<EventEnvelope> envelopes = new ArrayList<>(group.size());
    List<Context> traces = new ArrayList<>(group.size());
    List<Span> spans = new ArrayList<>(group.size());
    for (Delivered delivered : group) {
      String type = delivered.envelope().type();
      boolean first = firstTime.remove(delivered.envelope().id());
      AfterCommit.run(tx, () -> count(type, first ? "applied" : "duplicate"));
      if (first) {
        Context published = TraceHeaders.extract(delivered.record());
        Span span = recordSpan(delivered.record(), published);
        envelopes.add(delivered.envelope());
        traces.add(published.with(span));
        spans.add(span);
      }
    }
    if (envelopes.isEmpty()) {
      return Future.succeededFuture();
    }
    Future<Void> applied;
    try {
      applied = group.get(0).handler().applyAll(envelopes, traces, tx);
    } catch (RuntimeException e) {
      applied = Future.failedFuture(e);
    }
    return applied.onComplete(
        done ->
            spans.forEach(
                span -> {
                  if (done.failed()) {
                    span.setStatus(StatusCode.ERROR, done.cause().toString());
                  }
                  span.end();
                }));
  }

  /** Marks the batch's events processed; answers those marked now, i.e. seen for the first time. */
  private Future<Set<UUID>> markAll(SqlConnection tx, List<Delivered> handled) {
    UUID[] ids = handled.stream().map(d -> d.envelope().id()).toArray(UUID[]::new);
    String[] types = handled.stream().map(d -> d.envelope().type()).toArray(String[]::new);
    return tx.preparedQuery(MARK_ALL_PROCESSED)
        .execute(Tuple.of(name, ids, types))
        .map(
            marked -> {
              Set<UUID> firstTime = new HashSet<>();
              marked.forEach(row -> firstTime.add(row.getUUID(0)));
              return firstTime;
            });
  }

  private Future<Void> applyInBatch(SqlConnection tx, Delivered delivered, Set<UUID> firstTime) {
    String type = delivered.envelope().type();
    if (delivered.handler() == null) {
      AfterCommit.run(tx, () -> count(type, "ignored"));
      return Future.succeededFuture();
    }
    // Removed once applied: a second copy later in the batch is a duplicate.
    boolean first = firstTime.remove(delivered.envelope().id());
    AfterCommit.run(tx, () -> count(type, first ? "applied" : "duplicate"));
    if (!first) {
      return Future.succeededFuture();
    }
    Context published = TraceHeaders.extract(delivered.record());
    Span span = recordSpan(delivered.record(), published);
    Scope scope = published.with(span).makeCurrent();
    LogFields.fromEvent(delivered.envelope());
    Future<Void> applied;
    try {
      applied = delivered.handler().apply(delivered.envelope(), tx);
    } catch (RuntimeException e) {
      applied = Future.failedFuture(e);
    }
    return applied.onComplete(
        done -> {
          if (done.failed()) {
            span.setStatus(StatusCode.ERROR, done.cause().toString());
          }
          span.end();
          scope.close();
        });
  }

  /**
   * Processes one record in a span that continues the trace which published it (its traceparent
   * header), on a context of its own: partitions are processed concurrently, and each record's span
   * and log fields must follow its own callbacks only.
   */
  private Future<Void> processTraced(KafkaConsumerRecord<String, String> record) {
    Context published = TraceHeaders.extract(record);
    return onOwnContext(published, recordSpan(record, published), () -> process(record));
  }

  /** A record's processing, in the trace that published it (its traceparent header). */
  private Span recordSpan(KafkaConsumerRecord<String, String> record, Context published) {
    return tracer
        .spanBuilder(name + " process")
        .setParent(published)
        .setSpanKind(SpanKind.CONSUMER)
        .setAttribute("messaging.system", "kafka")
        .setAttribute("messaging.destination.name", record.topic())
        .setAttribute("messaging.consumer.group.name", name)
        .setAttribute("messaging.kafka.offset", record.offset())
        .startSpan();
  }

  /** Runs {@code work} under {@code span} (a child of {@code parent}) on a context of its own. */
  private Future<Void> onOwnContext(Context parent, Span span, Supplier<Future<Void>> work) {
    var ownContext = DuplicatedContexts.duplicate(context);
    Promise<Void> processed = Promise.promise();
    ownContext.runOnContext(
        v -> {
          Scope scope = parent.with(span).makeCurrent();
          Future<Void> done;
          try {
            done = work.get();
          } catch (RuntimeException e) {
            done = Future.failedFuture(e); // as compose would have: a handler that throws fails
          }
          done.onComplete(
              result -> {
                if (result.failed()) {
                  span.setStatus(StatusCode.ERROR, result.cause().toString());
                }
                span.end();
                scope.close();
                processed.handle(result);
              });
        });
    return processed.future();
  }

  private Future<Void> process(KafkaConsumerRecord<String, String> record) {
    EventEnvelope envelope;
    try {
      envelope = EventMapper.fromJson(record.value());
    } catch (MalformedEventException e) {
      return deadLetter(record, null, e);
    }
    Span.current().setAttribute("tadamon.event.type", envelope.type());
    LogFields.fromEvent(envelope);
    return handlers
        .forType(envelope.type())
        .map(handler -> attempt(record, envelope, handler, 1))
        .orElseGet(
            () -> {
              count(envelope.type(), "ignored");
              return Future.succeededFuture();
            });
  }

  private Future<Void> attempt(
      KafkaConsumerRecord<String, String> record,
      EventEnvelope envelope,
      EventHandlers.RegisteredHandler<?> handler,
      int attempt) {
    return Transactions.run(pool, tx -> applyOnce(tx, envelope, handler))
        .recover(
            err -> {
              if (err instanceof MalformedEventException || attempt >= settings.maxAttempts()) {
                return deadLetter(record, envelope, err);
              }
              long backoff = settings.backoffBefore(attempt + 1);
              log.info(
                  "{}: {} {} failed (attempt {}), retrying in {} ms: {}",
                  name,
                  envelope.type(),
                  envelope.id(),
                  attempt,
                  backoff,
                  err.toString());
              return vertx
                  .timer(backoff)
                  .compose(t -> attempt(record, envelope, handler, attempt + 1));
            });
  }

  private Future<Void> applyOnce(
      SqlConnection tx, EventEnvelope envelope, EventHandlers.RegisteredHandler<?> handler) {
    return tx.preparedQuery(MARK_PROCESSED)
        .execute(Tuple.of(name, envelope.id(), envelope.type()))
        .compose(
            marked -> {
              boolean first = marked.rowCount() == 1;
              AfterCommit.run(tx, () -> count(envelope.type(), first ? "applied" : "duplicate"));
              return first
                  ? handler.apply(envelope, tx)
                  : Future.succeededFuture(); // else a redelivery
            });
  }

  /**
   * Events this consumer saw, by type and what became of them: applied, duplicate, ignored,
   * dead-lettered.
   */
  private void count(String type, String outcome) {
    Counter.builder("tadamon.events.consumed")
        .tag("consumer", name)
        .tag("type", type)
        .tag("outcome", outcome)
        .register(registry)
        .increment();
  }

  private Future<Void> deadLetter(
      KafkaConsumerRecord<String, String> record, EventEnvelope envelope, Throwable error) {
    String message = error.getClass().getSimpleName() + ": " + error.getMessage();
    log.error(
        "{}: giving up on {}[{}]@{} ({}): {}",
        name,
        record.topic(),
        record.partition(),
        record.offset(),
        envelope == null ? "unreadable" : envelope.type(),
        message);
    KafkaProducerRecord<String, String> dead =
        KafkaProducerRecord.create(Topics.deadLetter(record.topic()), record.key(), record.value());
    dead.addHeader("tadamon-consumer", name);
    dead.addHeader("tadamon-error", message);
    dead.addHeader("tadamon-original-partition", String.valueOf(record.partition()));
    dead.addHeader("tadamon-original-offset", String.valueOf(record.offset()));
    UUID eventId = envelope == null ? null : envelope.id();
    String eventType = envelope == null ? null : envelope.type();
    count(eventType == null ? "unreadable" : eventType, "dead-lettered");
    return deadLetterProducer
        .send(dead)
        .compose(
            sent ->
                pool.preparedQuery(RECORD_DEAD_LETTER)
                    .execute(
                        Tuple.from(
                                List.of(name, record.topic(), record.partition(), record.offset()))
                            .addValue(eventId)
                            .addValue(eventType)
                            .addValue(message)
                            .addValue(record.value() == null ? "" : record.value())))
        .mapEmpty();
  }
}
