package ma.tadamon.events.catalog;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import ma.tadamon.platform.events.EventType;
import ma.tadamon.platform.events.IntegrationEvent;

/**
 * A fair as it now stands, sent whenever operators announce it, correct it or place a cooperative
 * at a stand: the whole state, so the newest event is all a reader needs. Its days are Morocco's
 * calendar days; {@code campaignTag} is the tag its posters put on their links.
 */
@EventType("ma.tadamon.catalog.fair.scheduled.v1")
public record FairScheduled(
    UUID fairId,
    String slug,
    String campaignTag,
    Map<String, String> name,
    String region,
    Map<String, String> city,
    Map<String, String> venue,
    LocalDate startsOn,
    LocalDate endsOn,
    List<Stand> stands)
    implements IntegrationEvent {

  /** A cooperative exhibiting at the fair, at stand {@code stand} ("B7"). */
  public record Stand(UUID cooperativeId, String stand) {}

  public FairScheduled {
    stands = stands == null ? List.of() : List.copyOf(stands);
  }

  @Override
  public String subject() {
    return fairId.toString();
  }
}
