package ma.tadamon.catalog.domain;

import java.util.ArrayList;
import java.util.List;
import ma.tadamon.events.catalog.ProductAvailabilityChanged;
import ma.tadamon.events.catalog.ProductPriceChanged;
import ma.tadamon.events.catalog.ProductPublished;
import ma.tadamon.events.catalog.ProductUpdated;
import ma.tadamon.events.catalog.ProductWithdrawn;
import ma.tadamon.platform.events.IntegrationEvent;

/**
 * What other services are told when a product changes: one event per kind of change, each with the
 * whole new state.
 */
public final class ProductChanges {

  private ProductChanges() {}

  public static List<IntegrationEvent> between(Product before, Product after) {
    List<IntegrationEvent> events = new ArrayList<>();
    if (!after.sameDetailsAs(before)) {
      events.add(new ProductUpdated(after.state()));
    }
    if (after.priceCentimes() != before.priceCentimes()) {
      events.add(new ProductPriceChanged(after.state(), before.priceCentimes()));
    }
    if (before.active() && !after.active()) {
      events.add(new ProductWithdrawn(after.state()));
    } else if (!before.active() && after.active()) {
      events.add(new ProductPublished(after.state()));
    } else if (after.active() && before.inStock() != after.inStock()) {
      // Sold out, or back in stock: the storefront and the order read model show it at once.
      events.add(new ProductAvailabilityChanged(after.state()));
    }
    return events;
  }
}
