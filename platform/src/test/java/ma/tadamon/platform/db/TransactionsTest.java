package ma.tadamon.platform.db;

import static ma.tadamon.platform.service.ServiceRuntime.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.TransactionRollbackException;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import ma.tadamon.platform.testing.TestPlatform;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A transaction's first statements go out before the server has answered its BEGIN (and, sent at
 * once, its COMMIT goes out behind them): they must still be inside it, committed with it or rolled
 * back with it.
 */
class TransactionsTest {

  private final PostgresSettings pg = PostgresSettings.from(TestPlatform.settings());
  private final String table =
      "transactions_test_" + UUID.randomUUID().toString().replace('-', '_');
  private Vertx vertx;
  private Pool pool;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    pool = Database.pool(vertx, pg, "public", "transactions-test");
    await(pool.query("CREATE TABLE " + table + " (id int PRIMARY KEY, note text)").execute(), 10);
  }

  @AfterEach
  void stop() {
    await(pool.query("DROP TABLE IF EXISTS " + table).execute(), 10);
    await(pool.close(), 10);
    await(vertx.close(), 10);
  }

  /** Both ways a transaction is run: COMMIT after the work's answers, or sent right behind them. */
  enum Way {
    RUN {
      @Override
      <T> Future<T> transaction(Pool pool, Function<SqlConnection, Future<T>> work) {
        return Transactions.run(pool, work);
      }
    },
    SENT_AT_ONCE {
      @Override
      <T> Future<T> transaction(Pool pool, Function<SqlConnection, Future<T>> work) {
        return Transactions.runSentAtOnce(pool, work);
      }
    };

    abstract <T> Future<T> transaction(Pool pool, Function<SqlConnection, Future<T>> work);
  }

  @ParameterizedTest
  @EnumSource(Way.class)
  void what_the_work_wrote_is_committed_when_it_succeeds(Way way) {
    String answer =
        await(
            way.transaction(
                pool, tx -> Future.all(insert(tx, 1), insert(tx, 2)).map(written -> "written")),
            10);

    assertThat(answer).isEqualTo("written");
    assertThat(rows()).isEqualTo(2);
  }

  @ParameterizedTest
  @EnumSource(Way.class)
  void a_statement_that_fails_takes_those_sent_before_it_with_it_and_says_why(Way way) {
    Throwable failure =
        catchThrowable(
            () ->
                await(
                    way.transaction(
                        pool,
                        // The first insert is sent at once, behind BEGIN: had it gone out before
                        // the transaction began, it would have been committed on its own.
                        tx -> Future.all(insert(tx, 1), insert(tx, 1), insert(tx, 2))),
                    10));

    assertThat(PgErrors.uniqueViolation(failure, table + "_pkey"))
        .as("the statement's own error, not the rollback's: %s", failure)
        .isTrue();
    assertThat(rows()).isZero();
    // The connection went back to the pool out of its transaction: the next one works.
    await(way.transaction(pool, tx -> insert(tx, 3)), 10);
    assertThat(rows()).isEqualTo(1);
  }

  @Test
  void work_that_fails_after_writing_leaves_nothing_written() {
    IllegalStateException decided = new IllegalStateException("decided against it");

    Throwable failure =
        catchThrowable(
            () ->
                await(
                    Transactions.run(
                        pool, tx -> insert(tx, 1).compose(written -> Future.failedFuture(decided))),
                    10));

    assertThat(failure).isSameAs(decided);
    assertThat(rows()).isZero();
    // The connection went back to the pool out of its transaction: the next one works.
    await(Transactions.run(pool, tx -> insert(tx, 3)), 10);
    assertThat(rows()).isEqualTo(1);
  }

  @Test
  void work_that_makes_light_of_a_failed_statement_is_told_it_was_all_rolled_back() {
    Throwable failure = madeLightOfAFailedSecondInsert(tx -> insert(tx, 1));

    assertThat(failure).isInstanceOf(TransactionRollbackException.class);
    assertThat(rows()).isZero();
  }

  @ParameterizedTest
  @EnumSource(Way.class)
  void what_waits_for_the_commit_runs_once_it_is_committed(Way way) {
    AtomicInteger ran = new AtomicInteger();

    await(
        way.transaction(
            pool, tx -> insert(tx, 1).onSuccess(v -> AfterCommit.run(tx, ran::incrementAndGet))),
        10);

    assertThat(ran).hasValue(1);
  }

  @Test
  void what_waits_for_the_commit_never_runs_when_a_later_statement_rolled_it_back() {
    AtomicInteger ran = new AtomicInteger();

    // The first insert succeeds and its answer comes before the COMMIT's: the second one's
    // failure makes the server answer that COMMIT as a rollback (an outbox write's relay must not
    // be woken for it, nor a metric counted).
    madeLightOfAFailedSecondInsert(
        tx -> insert(tx, 1).onSuccess(v -> AfterCommit.run(tx, ran::incrementAndGet)));

    assertThat(rows()).isZero();
    assertThat(ran).hasValue(0);
  }

  @ParameterizedTest
  @EnumSource(Way.class)
  void work_that_throws_while_sending_rolls_back_what_it_sent(Way way) {
    IllegalStateException broken = new IllegalStateException("broken while sending");

    Throwable failure =
        catchThrowable(
            () ->
                await(
                    way.<Void>transaction(
                        pool,
                        tx -> {
                          insert(tx, 1);
                          throw broken;
                        }),
                    10));

    assertThat(failure).isSameAs(broken);
    assertThat(rows()).isZero();
  }

  /**
   * Sent at once: {@code first}, then a second insert of the same key, which fails; the work makes
   * light of it and answers "fine". Answers how the transaction ended.
   */
  private Throwable madeLightOfAFailedSecondInsert(Function<SqlConnection, Future<Void>> first) {
    return catchThrowable(
        () ->
            await(
                Transactions.runSentAtOnce(
                    pool,
                    tx ->
                        Future.join(first.apply(tx), insert(tx, 1))
                            .transform(either -> Future.succeededFuture("fine"))),
                10));
  }

  private Future<Void> insert(SqlConnection tx, int id) {
    return tx.preparedQuery("INSERT INTO " + table + " (id, note) VALUES ($1, $2)")
        .execute(Tuple.of(id, "row " + id))
        .mapEmpty();
  }

  private long rows() {
    return await(pool.query("SELECT count(*) FROM " + table).execute(), 10)
        .iterator()
        .next()
        .getLong(0);
  }
}
