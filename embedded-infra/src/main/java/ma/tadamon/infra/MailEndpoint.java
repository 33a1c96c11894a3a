package ma.tadamon.infra;

import java.util.Map;

/**
 * Where the local mail server takes mail over SMTP, where its API lists what it received (for the
 * page that shows it) and its IMAP port (through which the oldest are deleted); neither API nor
 * IMAP port (0) for a mail server the environment names.
 */
public record MailEndpoint(String smtpHost, int smtpPort, String apiUrl, int imapPort) {

  /** The settings notification-service reads to send through it ({@code SMTP_*}). */
  public Map<String, String> settings() {
    return Map.of(
        "SMTP_HOST", smtpHost, "SMTP_PORT", String.valueOf(smtpPort), "SMTP_STARTTLS", "DISABLED");
  }

  @Override
  public String toString() {
    return "smtp://" + smtpHost + ":" + smtpPort;
  }
}
