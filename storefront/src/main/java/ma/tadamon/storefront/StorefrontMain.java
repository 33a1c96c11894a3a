package ma.tadamon.storefront;

import ma.tadamon.platform.service.ServiceRuntime;

/** Runs the storefront origin on its own, configured from the environment. */
public final class StorefrontMain {

  private StorefrontMain() {}

  public static void main(String[] args) {
    ServiceRuntime.runMain(StorefrontEdge.NAME, context -> new StorefrontEdge(context.settings()));
  }
}
