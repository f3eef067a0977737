package org.newsdesk.submission.notification;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.newsdesk.events.NewsdeskEvent;
import org.newsdesk.events.StoryPublished;
import org.newsdesk.events.TipDecided;
import org.newsdesk.events.Topics;
import org.newsdesk.submission.TipEvents;
import org.newsdesk.submission.TipJson;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Tips whose residents may be emailed, the moderators' and editors' events about them, and what
 * the residents find in their inbox.
 */
final class ResidentMail {

    private ResidentMail() {}

    /** A tip from a resident with an address of their own, who agreed (or not) to be contacted. */
    static Map<String, Object> tipFrom(String email, boolean consent) {
        Map<String, Object> tip = TipJson.with("email", email);
        tip.put("contactConsent", consent);
        return tip;
    }

    /** An address no other test writes to, so each test counts only its own emails. */
    static String uniqueAddress() {
        return "resident-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    }

    static TipDecided decided(String tipId, TipDecided.Outcome outcome, String reason, String duplicateOf) {
        Instant now = now();
        return new TipDecided(
                UUID.randomUUID(),
                TipDecided.SCHEMA_VERSION,
                now,
                tipId,
                2,
                outcome,
                "Flooding on Station Road",
                "Station Road in Long Eaton is under water.",
                "Long Eaton",
                "Environment",
                reason,
                "moderator",
                now,
                null,
                List.of(),
                duplicateOf,
                null);
    }

    /** The same decision at a newer revision, as a moderator who decided it again would make it. */
    static TipDecided revised(TipDecided decided, long revision) {
        return new TipDecided(
                UUID.randomUUID(),
                decided.schemaVersion(),
                decided.occurredAt(),
                decided.tipId(),
                revision,
                decided.outcome(),
                decided.headline(),
                decided.body(),
                decided.area(),
                decided.category(),
                decided.reason(),
                decided.decidedBy(),
                decided.decidedAt(),
                decided.reasonCode(),
                decided.photos(),
                decided.duplicateOf(),
                decided.note());
    }

    /** A decision onto the decisions' topic, a story onto the stories'. */
    static void send(KafkaTemplate<Object, Object> kafka, NewsdeskEvent event) {
        String topic = event instanceof StoryPublished ? Topics.STORIES_PUBLISHED : Topics.TIPS_DECIDED;
        TipEvents.send(kafka, topic, event);
    }

    /** What the SMTP server received for this address. */
    static List<MimeMessage> emailsTo(GreenMailExtension smtp, String address) {
        return Arrays.stream(smtp.getReceivedMessages())
                .filter(email -> {
                    try {
                        return Arrays.stream(email.getRecipients(Message.RecipientType.TO))
                                .anyMatch(to ->
                                        ((InternetAddress) to).getAddress().equals(address));
                    } catch (MessagingException ex) {
                        throw new IllegalStateException(ex);
                    }
                })
                .toList();
    }

    static StoryPublished published(String tipId) {
        Instant now = now();
        return new StoryPublished(
                UUID.randomUUID(),
                StoryPublished.SCHEMA_VERSION,
                now,
                tipId,
                1,
                "flooding-" + tipId,
                "Flooding on Station Road",
                storyUrl(tipId),
                now);
    }

    static String storyUrl(String tipId) {
        return "http://localhost:8083/stories/flooding-" + tipId;
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
