package org.newsdesk.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsdesk.events.SealedContact;
import org.newsdesk.testsupport.InProcessMongo;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.mongodb.autoconfigure.MongoReactiveAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class ContactVaultTests {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final ContactDetails ADA = new ContactDetails("Ada Marker", "ada@example.org", "+44 7700 900123");

    private final String oldKey = MasterKeys.generate();
    private final String newKey = MasterKeys.generate();
    private MongoClient client;
    private String database;

    @BeforeEach
    void connect() {
        client = MongoClients.create(InProcessMongo.connectionString());
        database = "privacy-" + UUID.randomUUID();
    }

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void sealedDetailsOpenForTheirTipAndHoldNoneOfTheWordsInClear() {
        ContactVault vault = vault(oldKey, List.of());

        SealedContact sealed = vault.seal("tip-1", ADA).block(WAIT);

        // Neither the sealed text nor the bytes it encodes hold a detail. (Checked for whole details:
        // random ciphertext in base64 spells a short word such as "Ada" about once in 1,600 seals.)
        for (String part : List.of(sealed.name(), sealed.email(), sealed.phone())) {
            String bytes = new String(Base64.getDecoder().decode(part), StandardCharsets.ISO_8859_1);
            for (String detail : List.of("Ada Marker", "ada@example.org", "7700 900123")) {
                assertThat(part).doesNotContain(detail);
                assertThat(bytes).doesNotContain(detail);
            }
        }
        assertThat(vault.open("tip-1", sealed).block(WAIT)).isEqualTo(ADA);
        assertThat(vault.erased("tip-1").block(WAIT)).isFalse();
    }

    @Test
    void onlyTheGivenPartsAreSealedAndAnAnonymousTipGetsNoKey() {
        ContactVault vault = vault(oldKey, List.of());

        SealedContact emailOnly = vault.seal("tip-1", new ContactDetails(null, "ada@example.org", null))
                .block(WAIT);

        assertThat(emailOnly.name()).isNull();
        assertThat(emailOnly.phone()).isNull();
        assertThat(vault.open("tip-1", emailOnly).block(WAIT).email()).isEqualTo("ada@example.org");
        assertThat(vault.seal("tip-2", new ContactDetails(null, " ", null)).blockOptional(WAIT))
                .isEmpty();
        assertThat(vault.erased("tip-2").block(WAIT)).isTrue();
    }

    @Test
    void sealingATipAgainUsesTheKeyItHasSoBothCopiesOpen() {
        ContactVault vault = vault(oldKey, List.of());

        SealedContact first = vault.seal("tip-1", ADA).block(WAIT);
        SealedContact retried = vault.seal("tip-1", ADA).block(WAIT);

        assertThat(retried).isNotEqualTo(first);
        assertThat(vault.open("tip-1", first).block(WAIT)).isEqualTo(ADA);
        assertThat(vault.open("tip-1", retried).block(WAIT)).isEqualTo(ADA);
    }

    @Test
    void aSealedPartOpensOnlyForItsOwnTipAndInItsOwnPlace() {
        ContactVault vault = vault(oldKey, List.of());
        SealedContact first = vault.seal("tip-1", ADA).block(WAIT);
        vault.seal("tip-2", ADA).block(WAIT);

        assertThatThrownBy(() -> vault.open("tip-2", first).block(WAIT)).isInstanceOf(SealedContactException.class);
        SealedContact swapped = new SealedContact(first.email(), first.name(), null);
        assertThatThrownBy(() -> vault.open("tip-1", swapped).block(WAIT))
                .isInstanceOf(SealedContactException.class)
                .hasMessageNotContaining("ada");
    }

    @Test
    void erasingDeletesTheKeySoNoCopyOfTheDetailsOpensAgainAndErasingTwiceIsErasingOnce() {
        ContactVault vault = vault(oldKey, List.of());
        SealedContact sealed = vault.seal("tip-1", ADA).block(WAIT);

        assertThat(vault.erase("tip-1").block(WAIT)).isTrue();

        assertThat(vault.open("tip-1", sealed).blockOptional(WAIT)).isEmpty();
        assertThat(vault.erased("tip-1").block(WAIT)).isTrue();
        assertThat(vault.erase("tip-1").block(WAIT)).isFalse();
        // Another service's vault over the same key store finds it gone too.
        assertThat(vault(oldKey, List.of()).open("tip-1", sealed).blockOptional(WAIT))
                .isEmpty();
    }

    @Test
    void rotatingTheMasterKeyReWrapsTheDataKeysAndLeavesEverySealedDetailAsItWas() {
        ContactVault before = vault(oldKey, List.of());
        SealedContact first = before.seal("tip-1", ADA).block(WAIT);
        SealedContact second =
                before.seal("tip-2", new ContactDetails("Bo", null, null)).block(WAIT);

        ContactVault rotating = vault(newKey, List.of(oldKey));
        assertThat(rotating.rewrapUnderCurrentKey().block(WAIT)).isEqualTo(2);
        assertThat(rotating.rewrapUnderCurrentKey().block(WAIT)).isZero();

        // The old key can now be forgotten: the same sealed bytes open with the new key alone.
        ContactVault after = vault(newKey, List.of());
        assertThat(after.open("tip-1", first).block(WAIT)).isEqualTo(ADA);
        assertThat(after.open("tip-2", second).block(WAIT).name()).isEqualTo("Bo");
        assertThatThrownBy(() -> vault(oldKey, List.of()).open("tip-1", first).block(WAIT))
                .isInstanceOf(SealedContactException.class)
                .hasMessageContaining("was not given");
    }

    @Test
    void withoutAKeyAServiceRefusesToStartAndSaysWhatToSet() {
        new ApplicationContextRunner()
                .withConfiguration(
                        AutoConfigurations.of(MongoReactiveAutoConfiguration.class, PrivacyAutoConfiguration.class))
                .withPropertyValues("spring.mongodb.uri=" + InProcessMongo.connectionString() + "/submission")
                .run(context -> assertThat(context)
                        .getFailure()
                        .rootCause()
                        .isInstanceOf(MissingPrivacyKeyException.class)
                        .hasMessageContaining("NEWSDESK_PRIVACY_KEY"));
        new ApplicationContextRunner()
                .withConfiguration(
                        AutoConfigurations.of(MongoReactiveAutoConfiguration.class, PrivacyAutoConfiguration.class))
                .withPropertyValues(
                        "spring.mongodb.uri=" + InProcessMongo.connectionString() + "/submission",
                        "newsdesk.privacy.key=c2hvcnQ=")
                .run(context -> assertThat(context)
                        .getFailure()
                        .rootCause()
                        .isInstanceOf(MissingPrivacyKeyException.class)
                        .hasMessageContaining("32 random bytes"));
    }

    @Test
    void theEmbeddedRunsKeyFileIsMadeOnceReadableByItsOwnerOnlyAndFoundAgain(@TempDir Path data) throws Exception {
        Path keyFile = data.resolve("privacy.key");
        PrivacyProperties properties = new PrivacyProperties(null, null, keyFile, database, true);

        ContactVault first =
                new ContactVault(MasterKeys.from(properties), KeyStore.in(client, database), Clock.systemUTC());
        SealedContact sealed = first.seal("tip-1", ADA).block(WAIT);
        String written = Files.readString(keyFile, StandardCharsets.US_ASCII);

        ContactVault afterRestart =
                new ContactVault(MasterKeys.from(properties), KeyStore.in(client, database), Clock.systemUTC());
        assertThat(afterRestart.open("tip-1", sealed).block(WAIT)).isEqualTo(ADA);
        assertThat(Files.readString(keyFile, StandardCharsets.US_ASCII)).isEqualTo(written);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)))
                .isEqualTo("rw-------");
    }

    @Test
    void contactDetailsNeverPrintThemselves() {
        assertThat(ADA.toString()).doesNotContain("Ada", "ada@", "7700");
    }

    private ContactVault vault(String key, List<String> previous) {
        PrivacyProperties properties = new PrivacyProperties(key, previous, null, database, true);
        return new ContactVault(MasterKeys.from(properties), KeyStore.in(client, database), Clock.systemUTC());
    }
}
