package ma.tadamon.sandbox.sms;

import java.io.IOException;
import java.io.UncheckedIOException;
import ma.tadamon.platform.service.ServiceRuntime;

/**
 * Runs the SMS sandbox on its own: SMPP on SMSC_PORT (2775) for SMSC_SYSTEM_ID/SMSC_PASSWORD, the
 * page on HTTP_PORT (8091).
 */
public final class SmsSandboxMain {

  private SmsSandboxMain() {}

  public static void main(String[] args) {
    ServiceRuntime.runMain(
        SmsSandbox.NAME,
        context -> {
          try {
            return new SmsSandbox(
                new SandboxSmsc(
                    context.settings().getInt("SMSC_PORT", 2775),
                    context.settings().required("SMSC_SYSTEM_ID"),
                    context.settings().required("SMSC_PASSWORD"),
                    true),
                context.settings().getInt("HTTP_PORT", 8091));
          } catch (IOException e) {
            throw new UncheckedIOException("cannot listen for SMPP", e);
          }
        });
  }
}
