package ma.tadamon.notification.domain;

import java.util.UUID;

/** How to reach the shopper of an order, as its confirmation told this service. */
public record ShopperContact(
    UUID orderId, String orderCode, String phone, String email, String language) {}
