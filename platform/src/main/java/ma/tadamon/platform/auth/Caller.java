package ma.tadamon.platform.auth;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.User;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import ma.tadamon.platform.http.ProblemException;
import ma.tadamon.platform.http.QueryParameters;

/** The authenticated caller of a request: its subject, roles and, for a cooperative, which one. */
public record Caller(String subject, Set<Role> roles, Optional<UUID> cooperativeId) {

  public static Caller of(User user) {
    JsonObject claims = user.principal();
    Set<Role> roles = EnumSet.noneOf(Role.class);
    JsonArray claimed = claims.getJsonArray("roles", new JsonArray());
    for (Role role : Role.values()) {
      if (claimed.contains(role.claim())) {
        roles.add(role);
      }
    }
    Optional<UUID> coop =
        Optional.ofNullable(claims.getString("coop")).flatMap(QueryParameters::parseId);
    return new Caller(claims.getString("sub"), roles, coop);
  }

  public boolean is(Role role) {
    return roles.contains(role);
  }

  /** An operator, or the cooperative itself: anyone else is refused. */
  public void requireOperatorOrCooperative(UUID cooperative) {
    if (is(Role.OPERATOR)) {
      return;
    }
    if (is(Role.COOPERATIVE) && cooperativeId.filter(cooperative::equals).isPresent()) {
      return;
    }
    throw ProblemException.forbidden("Only this cooperative or an operator may do this.");
  }

  /**
   * An operator, or this cooperative's manager: what changes the cooperative's offer or shows its
   * money. Its other members (a packer) work its orders only.
   */
  public void requireOperatorOrManagerOf(UUID cooperative) {
    requireOperatorOrCooperative(cooperative);
    if (!is(Role.OPERATOR) && !is(Role.COOPERATIVE_MANAGER)) {
      throw ProblemException.forbidden(
          "Only this cooperative's manager or an operator may do this.");
    }
  }
}
