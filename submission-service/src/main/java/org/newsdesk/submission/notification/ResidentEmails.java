package org.newsdesk.submission.notification;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.UnsupportedEncodingException;
import java.time.Clock;
import java.util.Date;
import java.util.Properties;
import org.newsdesk.submission.OutletProperties;
import org.newsdesk.web.time.OutletTime;
import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * Writes the one short email a resident gets: plain text, from the outlet by name, about the tip
 * they sent on a given day. Never the receipt code (the service does not even know it), never
 * anything the moderators keep to themselves.
 */
final class ResidentEmails {

    private final String outlet;
    private final InternetAddress from;
    private final String messageIdDomain;
    private final OutletTime time;
    private final Clock clock;
    private final Session session = Session.getInstance(new Properties());

    ResidentEmails(OutletProperties outlet, NotificationProperties properties, OutletTime time, Clock clock) {
        this.outlet = outlet.name();
        this.time = time;
        this.clock = clock;
        try {
            this.from = new InternetAddress(properties.from(), outlet.name(), "UTF-8");
            this.from.validate();
        } catch (UnsupportedEncodingException | MessagingException ex) {
            throw new IllegalArgumentException("newsdesk.notification.from is not an email address", ex);
        }
        String address = properties.from();
        this.messageIdDomain = address.substring(address.indexOf('@') + 1);
    }

    /**
     * The email for the notice, to this address. Its Message-ID is the same every time it is made,
     * so should it be sent twice (a crash between the send and its mark) a mail client sees one email.
     */
    MimeMessage write(PendingNotice notice, String to) throws MessagingException {
        MimeMessage email = new StableIdMessage(session, messageId(notice));
        MimeMessageHelper helper = new MimeMessageHelper(email, false, "UTF-8");
        helper.setFrom(from);
        helper.setTo(to);
        helper.setSentDate(Date.from(clock.instant()));
        helper.setSubject(subject(notice.kind()));
        helper.setText(body(notice));
        return email;
    }

    /** What the email is called where it is kept: the tip and the kind, no address. */
    static String name(PendingNotice notice) {
        return notice.tipId() + "-" + notice.kind().name().toLowerCase();
    }

    String messageId(PendingNotice notice) {
        return "<" + notice.tipId() + "." + notice.kind().name().toLowerCase() + "@" + messageIdDomain + ">";
    }

    private String subject(NoticeKind kind) {
        return switch (kind) {
            case PUBLISHED -> "Your tip is now a story on " + outlet;
            case DECLINED -> "About the tip you sent " + outlet;
            case COVERED -> "The news in your tip is now a story on " + outlet;
        };
    }

    private String body(PendingNotice notice) {
        String sent = notice.submittedAt() == null
                ? "the tip you sent us"
                : "the tip you sent us on " + time.day(notice.submittedAt()).text();
        String news = switch (notice.kind()) {
            case PUBLISHED -> "Thank you for " + sent + ". It is now a story, here:\n\n" + notice.link() + "\n";
            case DECLINED ->
                "Thank you for " + sent + ". We have decided not to publish it"
                        + (notice.reason() == null || notice.reason().isBlank()
                                ? ".\n"
                                : ", and this is why:\n\n" + notice.reason().strip() + "\n");
            case COVERED ->
                "Thank you for " + sent + ". Another reader told us the same news, and our story on it"
                        + " is here:\n\n" + notice.link() + "\n";
        };
        return "Hello,\n\n" + news + "\n"
                + "You said we could contact you about your tip, so we email you when it is published, declined"
                + " or covered by another story, and about nothing else.\n\n"
                + outlet + "\n";
    }

    /** A message whose Message-ID stays as given when it is sent, instead of a new random one. */
    private static final class StableIdMessage extends MimeMessage {

        private final String messageId;

        StableIdMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
