package ma.tadamon.events.catalog;

import ma.tadamon.platform.events.EventType;
import ma.tadamon.platform.events.IntegrationEvent;

/** An operator checked the cooperative's registration: from now on it sells, with the verified badge. */
@EventType("ma.tadamon.catalog.cooperative.verified.v1")
public record CooperativeVerified(CooperativeState cooperative) implements IntegrationEvent {

  @Override
  public String subject() {
    return cooperative.id().toString();
  }
}
