package org.newsdesk.submission;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.newsdesk.privacy.PrivacyProperties;
import org.newsdesk.submission.notification.NotificationProperties;
import org.newsdesk.submission.photo.PhotoProperties;
import org.newsdesk.submission.privacy.RetentionProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.util.unit.DataSize;

/**
 * The service's settings as {@code application.yml} maps them from the environment: each default
 * is written once, in its properties record, and a variable left empty (as a compose file or a
 * shell script easily leaves it) keeps that default rather than failing the start or meaning zero.
 */
class SettingsTests {

    @Test
    void everySettingLeftEmptyIsItsDefault() throws IOException {
        // Given every environment variable the configuration names, set but empty
        Binder settings = settingsWith(Map.of());

        // When the service's settings are bound
        // Then each is the default its record gives
        assertThat(settings.bindOrCreate("newsdesk.submission", SubmissionProperties.class))
                .isEqualTo(new SubmissionProperties(null, null, null, null, null, null))
                .satisfies(submission -> {
                    assertThat(submission.tipRateLimit()).isEqualTo(20);
                    assertThat(submission.maxRequestSize()).isEqualTo(DataSize.ofKilobytes(64));
                    assertThat(submission.acceptTimeout()).isEqualTo(Duration.ofMillis(1800));
                });
        assertThat(settings.bindOrCreate("newsdesk.submission.photos", PhotoProperties.class))
                .isEqualTo(new PhotoProperties(null, null, null, null, null));
        assertThat(settings.bindOrCreate("newsdesk.submission.outlet", OutletProperties.class))
                .isEqualTo(new OutletProperties(null, null, null))
                .satisfies(outlet -> assertThat(outlet.name()).isEqualTo("Erewash Sound"));
        assertThat(settings.bindOrCreate("newsdesk.retention", RetentionProperties.class))
                .isEqualTo(new RetentionProperties(
                        Duration.ofDays(30), Duration.ofDays(90), Duration.ofDays(180), Duration.ofHours(1), 200));
        // (no drop folder: without an SMTP server either, no email is made)
        assertThat(settings.bindOrCreate("newsdesk.notification", NotificationProperties.class))
                .isEqualTo(new NotificationProperties(null, null, null, null, null, null, null, null, null))
                .satisfies(notification -> {
                    assertThat(notification.dropFolder()).isNull();
                    assertThat(notification.from()).isEqualTo("tips@localhost");
                });
        // (no master key: the service refuses to start, as PrivacyAutoConfiguration says)
        assertThat(settings.bindOrCreate("newsdesk.privacy", PrivacyProperties.class))
                .satisfies(privacy -> {
                    assertThat(privacy.key()).isNull();
                    assertThat(privacy.previousKeys()).isEmpty();
                    assertThat(privacy.keyStoreOwner()).isTrue();
                });
    }

    @Test
    void aSettingGivenInTheEnvironmentIsTaken() throws IOException {
        // Given the tip limit switched off, other limits changed, and an outlet of its own
        Binder settings = settingsWith(Map.of(
                "NEWSDESK_TIP_RATE_LIMIT",
                "0",
                "NEWSDESK_SUBMISSION_ACCEPT_TIMEOUT",
                "3s",
                "NEWSDESK_PHOTOS_MAX_SIZE",
                "4MB",
                "NEWSDESK_SITE_NAME",
                "Amber Valley Voice",
                "NEWSDESK_AREAS",
                "Belper,Ripley",
                "NEWSDESK_RETENTION_DECLINED",
                "14d",
                "NEWSDESK_PRIVACY_KEY",
                TestClock.KEY,
                "NEWSDESK_NOTIFICATION_DROP_FOLDER",
                "/var/lib/newsdesk/mail",
                "NEWSDESK_NOTIFICATION_FROM",
                "tips@amber-valley-voice.example"));

        // When the service's settings are bound
        SubmissionProperties submission = settings.bindOrCreate("newsdesk.submission", SubmissionProperties.class);
        PhotoProperties photos = settings.bindOrCreate("newsdesk.submission.photos", PhotoProperties.class);
        OutletProperties outlet = settings.bindOrCreate("newsdesk.submission.outlet", OutletProperties.class);

        // Then they are what the environment says, and the rest their defaults
        assertThat(submission.tipRateLimit()).isZero();
        assertThat(submission.acceptTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(submission.receiptGuesses()).isEqualTo(30);
        assertThat(photos.maxSize()).isEqualTo(DataSize.ofMegabytes(4));
        assertThat(photos.maxTipSize()).isEqualTo(DataSize.ofMegabytes(25));
        assertThat(outlet.name()).isEqualTo("Amber Valley Voice");
        assertThat(outlet.areaChoices()).containsExactly("Belper", "Ripley", OutletProperties.SOMEWHERE_ELSE);
        assertThat(settings.bindOrCreate("newsdesk.retention", RetentionProperties.class))
                .isEqualTo(new RetentionProperties(Duration.ofDays(14), null, null, null, null));
        assertThat(settings.bindOrCreate("newsdesk.privacy", PrivacyProperties.class)
                        .key())
                .isEqualTo(TestClock.KEY);
        assertThat(settings.bindOrCreate("newsdesk.notification", NotificationProperties.class))
                .satisfies(notification -> {
                    assertThat(notification.dropFolder()).isEqualTo(Path.of("/var/lib/newsdesk/mail"));
                    assertThat(notification.from()).isEqualTo("tips@amber-valley-voice.example");
                });
    }

    /**
     * The service's own configuration, with every variable it names empty unless {@code given},
     * bound as Boot binds it ({@code bindOrCreate}: a record none of whose settings has a value is
     * made all the same, with its defaults).
     */
    private static Binder settingsWith(Map<String, String> given) throws IOException {
        List<PropertySource<?>> yaml =
                new YamlPropertySourceLoader().load("application.yml", new ClassPathResource("application.yml"));
        Map<String, Object> variables = new HashMap<>();
        Matcher variable = Pattern.compile("\\$\\{(NEWSDESK_[A-Z_]+):")
                .matcher(new ClassPathResource("application.yml").getContentAsString(StandardCharsets.UTF_8));
        while (variable.find()) {
            variables.put(variable.group(1), "");
        }
        variables.putAll(given);
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("environment", variables));
        yaml.forEach(environment.getPropertySources()::addLast);
        return Binder.get(environment);
    }
}
