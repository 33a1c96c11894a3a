package ma.tadamon.catalog;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import ma.tadamon.catalog.domain.Cooperative;
import ma.tadamon.catalog.members.KeycloakMembers;
import ma.tadamon.catalog.members.ManagerAccount;
import ma.tadamon.catalog.members.Member;
import ma.tadamon.catalog.members.SignInLink;
import ma.tadamon.catalog.store.CooperativeStore;
import ma.tadamon.catalog.store.SignInLinkStore;
import ma.tadamon.catalog.store.SignInLinkStore.Owed;
import ma.tadamon.events.catalog.MemberInvited;
import ma.tadamon.platform.auth.TokenDigest;
import ma.tadamon.platform.db.Transactions;
import ma.tadamon.platform.domain.DomainException;
import ma.tadamon.platform.events.Topics;
import ma.tadamon.platform.outbox.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sign-in links for cooperatives' members (docs/identity.md). Verifying a cooperative owes its
 * manager one, in the verification's transaction; an operator may owe any member a new one. Owed
 * links are then sent by a periodic round: the account is made (or found again) in Keycloak, and
 * the link's code goes out in a {@link MemberInvited} event, which notification-service turns into
 * an e-mail or an SMS. Following the link, she chooses her password; the code works once.
 */
public final class MemberSignInLinks {

  private static final Logger log = LoggerFactory.getLogger(MemberSignInLinks.class);
  private static final int PER_ROUND = 10;

  /** What the page behind a link shows before she chooses her password. */
  public record Opened(
      UUID cooperative, Map<String, String> cooperativeName, String username, Instant expiresAt) {}

  private final Pool pool;
  private final SignInLinkStore links;
  private final CooperativeStore cooperatives;
  private final KeycloakMembers keycloak;
  private final Outbox outbox;
  private final Clock clock;

  public MemberSignInLinks(
      Pool pool,
      SignInLinkStore links,
      CooperativeStore cooperatives,
      KeycloakMembers keycloak,
      Outbox outbox,
      Clock clock) {
    this.pool = pool;
    this.links = links;
    this.cooperatives = cooperatives;
    this.keycloak = keycloak;
    this.outbox = outbox;
    this.clock = clock;
  }

  /**
   * The manager's first link, owed in the transaction that verifies her cooperative; one per
   * cooperative, however often that is retried.
   */
  public static Future<Void> oweManager(
      SignInLinkStore links, SqlClient tx, UUID cooperative, String operator) {
    UUID id =
        UUID.nameUUIDFromBytes(
            ("tadamon:manager-sign-in-link:" + cooperative).getBytes(StandardCharsets.UTF_8));
    return links.owe(tx, new Owed(id, cooperative, null), operator);
  }

  /**
   * A new link for a member of {@code cooperative}; her older links stop working once it is sent.
   */
  public Future<Member> oweMember(UUID cooperative, String memberId, String operator) {
    return keycloak
        .member(cooperative, memberId)
        .compose(
            member ->
                links
                    .owe(pool, new Owed(UUID.randomUUID(), cooperative, member.id()), operator)
                    .compose(owed -> sendDue())
                    .map(member));
  }

  /** One round: the links whose turn has come, sent one after the other; how many were sent. */
  public Future<Integer> sendDue() {
    return links
        .claimDue(PER_ROUND)
        .compose(
            owed -> {
              Future<Integer> sent = Future.succeededFuture(0);
              for (Owed link : owed) {
                sent = sent.compose(count -> send(link).map(done -> done ? count + 1 : count));
              }
              return sent;
            });
  }

  private Future<Boolean> send(Owed owed) {
    return cooperatives
        .find(owed.cooperative())
        .map(found -> found.orElseThrow(() -> DomainException.notFound("This cooperative")))
        .compose(
            coop ->
                (owed.memberId() == null
                        ? keycloak.ensureManager(ManagerAccount.of(coop))
                        : keycloak.member(coop.id(), owed.memberId()))
                    .compose(member -> announce(owed, coop, member)))
        .recover(
            failure -> {
              // Keycloak's or the database's words about it, which name nobody.
              log.warn("sign-in link {} not sent yet: {}", owed.id(), failure.toString());
              return links.failed(owed.id(), failure.toString()).map(false);
            });
  }

  private Future<Boolean> announce(Owed owed, Cooperative coop, Member member) {
    String code = SignInLink.newCode();
    Instant expires = clock.instant().plus(SignInLink.LIFETIME);
    // Her own phone or address where an operator gave one, the cooperative's otherwise.
    String email = member.email() != null ? member.email() : coop.email();
    String phone = member.phone() != null ? member.phone() : coop.phone();
    return Transactions.run(
        pool,
        tx ->
            links
                .markSent(
                    tx, owed.id(), member.id(), member.username(), TokenDigest.of(code), expires)
                .compose(
                    sent ->
                        sent
                            ? outbox
                                .append(
                                    tx,
                                    Topics.CATALOG_EVENTS,
                                    new MemberInvited(
                                        owed.id(),
                                        coop.id(),
                                        member.username(),
                                        code,
                                        expires,
                                        phone,
                                        email,
                                        coop.preferredLanguage()))
                                .map(true)
                            : Future.succeededFuture(false)));
  }

  /** The link's cooperative and username, while the link works. */
  public Future<Opened> open(String code) {
    return usable(code)
        .compose(
            link ->
                cooperatives
                    .find(link.cooperative())
                    .map(
                        coop ->
                            new Opened(
                                link.cooperative(),
                                coop.map(Cooperative::name).orElse(Map.of()),
                                link.username(),
                                link.expiresAt())));
  }

  /** Sets the password she chose; her username, to sign in with. */
  public Future<String> use(String code, String password) {
    DomainException.requireValid(SignInLink.passwordProblems(password));
    return usable(code)
        .compose(
            link ->
                keycloak
                    .choosePassword(link.cooperative(), link.memberId(), password)
                    .recover(
                        failure ->
                            failure instanceof DomainException refused
                                    && refused.kind() == DomainException.Kind.NOT_FOUND
                                ? Future.failedFuture(SignInLink.noLongerWorks())
                                : Future.failedFuture(failure))
                    .compose(done -> links.markUsed(link.id()))
                    .map(link.username()));
  }

  private Future<SignInLink> usable(String code) {
    if (!SignInLink.wellFormed(code)) {
      return Future.failedFuture(SignInLink.noLongerWorks());
    }
    return links
        .byCodeDigest(TokenDigest.of(code))
        .map(
            found ->
                found
                    .filter(link -> link.usableAt(clock.instant()))
                    .orElseThrow(SignInLink::noLongerWorks));
  }
}
