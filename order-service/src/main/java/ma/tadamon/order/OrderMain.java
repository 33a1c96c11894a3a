package ma.tadamon.order;

import ma.tadamon.platform.service.ServiceRuntime;

/** Runs the order service on its own, configured from the environment. */
public final class OrderMain {

  private OrderMain() {}

  public static void main(String[] args) {
    ServiceRuntime.runMain(OrderService.NAME, OrderService::new);
  }
}
