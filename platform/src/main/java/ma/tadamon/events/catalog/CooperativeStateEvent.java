package ma.tadamon.events.catalog;

import ma.tadamon.platform.events.IntegrationEvent;

/**
 * A catalog event carrying a cooperative's whole state: a read model applies any of them the same
 * way, keeping the newest.
 */
public interface CooperativeStateEvent extends IntegrationEvent {

  CooperativeState cooperative();

  @Override
  default String subject() {
    return cooperative().id().toString();
  }
}
