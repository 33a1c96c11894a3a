package ma.tadamon.notification;

import ma.tadamon.platform.service.ServiceRuntime;

/** Runs the notification service on its own, configured from the environment. */
public final class NotificationMain {

  private NotificationMain() {}

  public static void main(String[] args) {
    ServiceRuntime.runMain(NotificationService.NAME, NotificationService::new);
  }
}
