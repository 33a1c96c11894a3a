package ma.tadamon.events.catalog;

import ma.tadamon.platform.events.EventType;
import ma.tadamon.platform.events.IntegrationEvent;

/** The cooperative's profile changed (contacts, texts, language, channels); carries its whole state. */
@EventType("ma.tadamon.catalog.cooperative.updated.v1")
public record CooperativeUpdated(CooperativeState cooperative) implements IntegrationEvent {

  @Override
  public String subject() {
    return cooperative.id().toString();
  }
}
