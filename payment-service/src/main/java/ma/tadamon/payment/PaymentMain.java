package ma.tadamon.payment;

import ma.tadamon.platform.service.ServiceRuntime;

/** Runs the payment service on its own, configured from the environment. */
public final class PaymentMain {

  private PaymentMain() {}

  public static void main(String[] args) {
    ServiceRuntime.runMain(PaymentService.NAME, PaymentService::new);
  }
}
