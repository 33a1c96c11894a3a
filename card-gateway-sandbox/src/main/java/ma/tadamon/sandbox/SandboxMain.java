package ma.tadamon.sandbox;

import ma.tadamon.platform.service.ServiceRuntime;

/**
 * Runs the card gateway sandbox on its own: SANDBOX_MERCHANT_ID, SANDBOX_SECRET, HTTP_PORT (8090).
 */
public final class SandboxMain {

  private SandboxMain() {}

  public static void main(String[] args) {
    ServiceRuntime.runMain(
        SandboxGateway.NAME,
        context ->
            new SandboxGateway(
                context.settings().required("SANDBOX_MERCHANT_ID"),
                context.settings().required("SANDBOX_SECRET"),
                context.settings().required("SANDBOX_API_USER"),
                context.settings().required("SANDBOX_API_PASSWORD"),
                context.settings().getInt("HTTP_PORT", 8090)));
  }
}
