package org.newsdesk.moderation.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.newsdesk.moderation.ModerationIntegrationTest;
import org.newsdesk.moderation.record.EditorialRecord;
import org.newsdesk.moderation.security.ModeratorAccounts;
import org.newsdesk.moderation.security.PasswordRule;
import org.newsdesk.moderation.security.Role;
import org.newsdesk.testsupport.InProcessMongo;
import org.newsdesk.web.problem.ProblemException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The account store, its seeding and its links, each test on a database of its own (the same
 * in-process server), with a clock the test moves.
 */
@ModerationIntegrationTest
class AccountStoreTests {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String FIRST = "First-configured-desk-password";
    private static final String SECOND = "Second-configured-desk-password";
    private static final String CHOSEN = "Chosen on the page by the duty editor";

    @Autowired
    ModeratorAccounts names;

    @Autowired
    EditorialRecord record;

    @Autowired
    PasswordEncoder encoder;

    MongoClient client;
    Accounts accounts;
    AccountSeeding seeding;
    AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-05T09:00:00Z"));
    AccountDesk desk;

    @BeforeEach
    void aDatabaseOfItsOwn() {
        client = MongoClients.create(InProcessMongo.connectionString());
        accounts = new Accounts(new ReactiveMongoTemplate(client, "accounts-" + UUID.randomUUID()), names);
        seeding = new AccountSeeding(accounts, names, record);
        Clock clock = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        desk = new AccountDesk(accounts, record, encoder, new PasswordRule(), names, clock);
    }

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void configurationSeedsAnAccountOnceAndAChangedConfiguredPasswordResetsIt() {
        // Given the moderator account seeded from the environment's password
        seeding.seed(seed(FIRST)).block(PATIENCE);
        Account seeded = accounts.find("moderator").block(PATIENCE);
        assertThat(seeded.role()).isEqualTo(Role.EDITOR);
        assertThat(seeded.enabled()).isTrue();
        assertThat(encoder.matches(FIRST, seeded.passwordHash())).isTrue();

        // When its person changes the password on the page, and the service restarts with the same configuration
        desk.changeOwnPassword("moderator", FIRST, CHOSEN, CHOSEN).block(PATIENCE);
        seeding.seed(seed(FIRST)).block(PATIENCE);

        // Then the password chosen on the page stands
        Account restarted = accounts.find("moderator").block(PATIENCE);
        assertThat(encoder.matches(CHOSEN, restarted.passwordHash())).isTrue();

        // When the operator changes the configured password and restarts
        seeding.seed(seed(SECOND)).block(PATIENCE);

        // Then the configured one works again, and every older session has ended
        Account reset = accounts.find("moderator").block(PATIENCE);
        assertThat(encoder.matches(SECOND, reset.passwordHash())).isTrue();
        assertThat(encoder.matches(CHOSEN, reset.passwordHash())).isFalse();
        assertThat(reset.epoch()).isGreaterThan(restarted.epoch());
    }

    @Test
    void aSetPasswordLinkWorksOnceAndForADay() {
        // Given a person added at nine
        seeding.seed(seed(FIRST)).block(PATIENCE);
        String first = desk.add("sam", "Sam Reporter", Role.MODERATOR, "moderator")
                .block(PATIENCE)
                .token();
        assertThat(accounts.find("sam").block(PATIENCE).hasPassword()).isFalse();

        // When the link is opened nearly a day later
        now.set(now.get().plus(Duration.ofHours(23)).plus(Duration.ofMinutes(59)));

        // Then it still works, once
        assertThat(desk.linkedAccount(first).block(PATIENCE)).isNotNull();
        desk.setPassword(first, CHOSEN, CHOSEN).block(PATIENCE);
        assertThat(encoder.matches(CHOSEN, accounts.find("sam").block(PATIENCE).passwordHash()))
                .isTrue();
        assertThat(desk.linkedAccount(first).block(PATIENCE)).isNull();
        assertThatThrownBy(() ->
                        desk.setPassword(first, CHOSEN + "!", CHOSEN + "!").block(PATIENCE))
                .isInstanceOfSatisfying(
                        ProblemException.class,
                        gone -> assertThat(gone.getStatusCode().value()).isEqualTo(410));

        // When a new link is made and a day passes
        String second = desk.issueLink("sam", "moderator").block(PATIENCE).token();
        now.set(now.get().plus(Duration.ofHours(24)));

        // Then it no longer works
        assertThat(desk.linkedAccount(second).block(PATIENCE)).isNull();
        assertThatThrownBy(() -> desk.setPassword(second, CHOSEN, CHOSEN).block(PATIENCE))
                .isInstanceOf(ProblemException.class);
    }

    @Test
    void onlyTheNewestLinkWorksAndOnlyItsDigestIsKept() {
        // Given a person with two links, one after the other
        seeding.seed(seed(FIRST)).block(PATIENCE);
        String older = desk.add("kim", "Kim Editor", Role.EDITOR, "moderator")
                .block(PATIENCE)
                .token();
        String newer = desk.issueLink("kim", "moderator").block(PATIENCE).token();

        // Then the older stops working, and the store has neither token, only digests
        assertThat(desk.linkedAccount(older).block(PATIENCE)).isNull();
        assertThat(desk.linkedAccount(newer).block(PATIENCE)).isNotNull();
        assertThat(accounts.workingLink(newer, now.get()).block(PATIENCE)).isNull();
        assertThat(accounts.workingLink(AccountDesk.digest(newer), now.get()).block(PATIENCE))
                .isNotNull();
    }

    @Test
    void theNewsroomAlwaysKeepsAnEnabledEditor() {
        // Given the only editor
        seeding.seed(seed(FIRST)).block(PATIENCE);
        desk.add("alex", "Alex Moderator", Role.MODERATOR, "moderator").block(PATIENCE);

        // When they try to disable or demote themselves
        // Then both are refused, saying why
        assertThatThrownBy(() -> desk.disable("moderator", "moderator").block(PATIENCE))
                .isInstanceOfSatisfying(ProblemException.class, refused -> {
                    assertThat(refused.getStatusCode().value()).isEqualTo(409);
                    assertThat(refused.getBody().getDetail()).contains("no enabled editor");
                });
        assertThatThrownBy(() -> desk.changeRole("moderator", Role.MODERATOR, "moderator")
                        .block(PATIENCE))
                .isInstanceOf(ProblemException.class);

        // When someone else is made an editor first
        desk.changeRole("alex", Role.EDITOR, "moderator").block(PATIENCE);

        // Then the first may step down
        assertThat(desk.changeRole("moderator", Role.MODERATOR, "moderator")
                        .block(PATIENCE)
                        .role())
                .isEqualTo(Role.MODERATOR);
        // And the one who is now the only editor cannot be disabled
        assertThatThrownBy(() -> desk.disable("alex", "moderator").block(PATIENCE))
                .isInstanceOf(ProblemException.class);
        assertThat(accounts.find("alex").block(PATIENCE).enabled()).isTrue();
    }

    @Test
    void theRuleAppliesToEveryPasswordPath() {
        // Given a person with a link
        seeding.seed(seed(FIRST)).block(PATIENCE);
        String token = desk.add("lee", "Lee Reporter", Role.MODERATOR, "moderator")
                .block(PATIENCE)
                .token();

        // When a short or a common password is chosen, or two different ones are typed
        // Then each is refused for the field it concerns, and the link still works
        assertThatThrownBy(
                        () -> desk.setPassword(token, "too-short", "too-short").block(PATIENCE))
                .isInstanceOfSatisfying(
                        ProblemException.class,
                        refused -> assertThat(refused.fieldProblems())
                                .singleElement()
                                .satisfies(
                                        problem -> assertThat(problem.field()).isEqualTo("password")));
        assertThatThrownBy(() -> desk.setPassword(token, "passwordpassword1", "passwordpassword1")
                        .block(PATIENCE))
                .isInstanceOf(ProblemException.class);
        assertThatThrownBy(() -> desk.setPassword(token, CHOSEN, CHOSEN + ".").block(PATIENCE))
                .isInstanceOfSatisfying(
                        ProblemException.class,
                        refused -> assertThat(refused.fieldProblems())
                                .singleElement()
                                .satisfies(
                                        problem -> assertThat(problem.field()).isEqualTo("repeated")));
        assertThat(desk.linkedAccount(token).block(PATIENCE)).isNotNull();

        // And a change of one's own password needs the current one, and the same rule
        desk.setPassword(token, CHOSEN, CHOSEN).block(PATIENCE);
        assertThatThrownBy(() ->
                        desk.changeOwnPassword("lee", "not-it", SECOND, SECOND).block(PATIENCE))
                .isInstanceOfSatisfying(
                        ProblemException.class,
                        refused -> assertThat(refused.fieldProblems())
                                .singleElement()
                                .satisfies(
                                        problem -> assertThat(problem.field()).isEqualTo("current")));
        assertThatThrownBy(() ->
                        desk.changeOwnPassword("lee", CHOSEN, "short", "short").block(PATIENCE))
                .isInstanceOf(ProblemException.class);
    }

    private ModeratorAccounts.Seed seed(String password) {
        return new ModeratorAccounts.Seed(
                "moderator",
                "Duty Editor",
                Role.EDITOR,
                encoder.encode(password),
                stored -> stored != null && encoder.matches(password, stored));
    }
}
