package ma.tadamon.catalog.domain;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import ma.tadamon.events.Region;
import ma.tadamon.events.catalog.CooperativeState;

/** A cooperative as the catalog knows it. Texts are maps by language. */
public record Cooperative(
    UUID id,
    String slug,
    Map<String, String> name,
    Map<String, String> story,
    Region region,
    Map<String, String> city,
    String phone,
    String email,
    String registrationNumber,
    int foundedYear,
    int members,
    boolean womenLed,
    String preferredLanguage,
    List<String> notificationChannels,
    boolean verified,
    SellerIdentity seller) {

  public Cooperative {
    seller = seller == null ? SellerIdentity.NONE : seller;
  }

  /** What other services may know of it, as carried by catalog events. */
  public CooperativeState state() {
    return new CooperativeState(
        id,
        name,
        region.slug(),
        city,
        phone,
        email,
        preferredLanguage,
        notificationChannels,
        womenLed,
        verified,
        new CooperativeState.Seller(
            registrationNumber, seller.ice(), seller.taxId(), seller.returnAddress()));
  }

  public Cooperative asVerified() {
    return new Cooperative(
        id,
        slug,
        name,
        story,
        region,
        city,
        phone,
        email,
        registrationNumber,
        foundedYear,
        members,
        womenLed,
        preferredLanguage,
        notificationChannels,
        true,
        seller);
  }

  public Cooperative withSeller(SellerIdentity newSeller) {
    return new Cooperative(
        id,
        slug,
        name,
        story,
        region,
        city,
        phone,
        email,
        registrationNumber,
        foundedYear,
        members,
        womenLed,
        preferredLanguage,
        notificationChannels,
        verified,
        newSeller);
  }
}
