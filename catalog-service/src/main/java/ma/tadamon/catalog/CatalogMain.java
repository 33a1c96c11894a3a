package ma.tadamon.catalog;

import ma.tadamon.platform.service.ServiceRuntime;

/** Runs the catalog service on its own, configured from the environment. */
public final class CatalogMain {

  private CatalogMain() {}

  public static void main(String[] args) {
    ServiceRuntime.runMain(CatalogService.NAME, CatalogService::new);
  }
}
