package ma.tadamon.events.catalog;

import ma.tadamon.platform.events.EventType;

/**
 * The cooperative's profile changed (contacts, texts, language, channels); carries its whole state.
 */
@EventType("ma.tadamon.catalog.cooperative.updated.v1")
public record CooperativeUpdated(CooperativeState cooperative) implements CooperativeStateEvent {}
