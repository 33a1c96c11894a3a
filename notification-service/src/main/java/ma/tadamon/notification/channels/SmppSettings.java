package ma.tadamon.notification.channels;

import java.util.Optional;
import ma.tadamon.platform.config.Settings;

/**
 * The SMSC account: where it is, the credentials (a Kubernetes Secret), the senders, and the
 * throughput the contract allows. {@code sourceAddress} is the name messages that need no answer
 * come from; {@code replyNumber}, the short code or long number the provider supplies for two-way
 * SMS, is where messages that expect an answer come from, since a phone cannot answer a name.
 */
public record SmppSettings(
    String host,
    int port,
    String systemId,
    String password,
    String sourceAddress,
    Optional<String> replyNumber,
    int throughputPerSecond,
    int enquireLinkMillis,
    long responseTimeoutMillis) {

  public static SmppSettings from(Settings settings) {
    return new SmppSettings(
        settings.required("SMPP_HOST"),
        settings.getInt("SMPP_PORT", 2775),
        settings.required("SMPP_SYSTEM_ID"),
        settings.required("SMPP_PASSWORD"),
        settings.get("SMPP_SOURCE_ADDRESS", "TADAMON"),
        settings.optional("SMPP_REPLY_NUMBER").map(String::strip).filter(n -> !n.isEmpty()),
        Math.max(1, settings.getInt("SMPP_THROUGHPUT_PER_SECOND", 10)),
        settings.getInt("SMPP_ENQUIRE_LINK_SECONDS", 30) * 1000,
        settings.getLong("SMPP_RESPONSE_TIMEOUT_MS", 10_000));
  }
}
