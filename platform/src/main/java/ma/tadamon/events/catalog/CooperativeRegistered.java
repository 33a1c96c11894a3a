package ma.tadamon.events.catalog;

import ma.tadamon.platform.events.EventType;
import ma.tadamon.platform.events.IntegrationEvent;

@EventType("ma.tadamon.catalog.cooperative.registered.v1")
public record CooperativeRegistered(CooperativeState cooperative) implements IntegrationEvent {

  @Override
  public String subject() {
    return cooperative.id().toString();
  }
}
