package ma.tadamon.notification.store;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;

/**
 * Every SMS received, what it was read as, and the command it became: the record of who asked what.
 */
public final class InboundSmsStore {

  private static final String INSERT =
      """
      INSERT INTO inbound_sms (id, sender, text, via, outcome, detail, order_id, cooperative_id)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
      """;
  private static final String SENDER =
      "SELECT sender, cooperative_id FROM inbound_sms WHERE id = $1";

  /** An inbound SMS's outcome: a command sent on, or why not. */
  public enum Outcome {
    COMMAND,
    UNKNOWN_SENDER,
    UNREADABLE,
    UNKNOWN_ORDER,
    /** A shopper proved the phone of an order by answering its code's SMS. */
    PHONE_CONFIRMED,
    /** A shopper answered a code's SMS with a wrong code, or too late. */
    PHONE_CODE_REFUSED,
    /** STOP: no more of Tadamon's news to this phone. */
    OPTED_OUT,
    /** A cooperative reported a sale at its fair stand ("VENTE 3 2"). */
    STAND_SALE
  }

  public record Sender(String phone, UUID cooperativeId) {}

  public Future<Void> record(
      SqlConnection tx,
      UUID id,
      String sender,
      String text,
      String via,
      Outcome outcome,
      String detail,
      UUID orderId,
      UUID cooperativeId) {
    String kept = text.length() > 1000 ? text.substring(0, 1000) : text;
    return tx.preparedQuery(INSERT)
        .execute(
            Tuple.from(
                Arrays.asList(
                    id, sender, kept, via, outcome.name(), detail, orderId, cooperativeId)))
        .mapEmpty();
  }

  /** Who sent the SMS a command came from: its answer goes back to that phone. */
  public Future<Optional<Sender>> sender(SqlConnection tx, UUID commandId) {
    return tx.preparedQuery(SENDER)
        .execute(Tuple.of(commandId))
        .map(
            rows ->
                rows.size() == 0
                    ? Optional.empty()
                    : Optional.of(
                        new Sender(
                            rows.iterator().next().getString("sender"),
                            rows.iterator().next().getUUID("cooperative_id"))));
  }
}
