package org.newsdesk.submission.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.boot.mail.autoconfigure.MailProperties;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/** Where emails go follows the settings: SMTP when a host is named, else the drop folder, else nowhere. */
class ResidentMailboxTests {

    private static final NotificationProperties WITH_FOLDER =
            new NotificationProperties(null, Path.of("/data/mail"), null, null, null, null, null, null, null);
    private static final NotificationProperties WITHOUT_FOLDER =
            new NotificationProperties(null, null, null, null, null, null, null, null, null);

    @Test
    void aNamedHostSendsOverSmtp() {
        // Given an SMTP host and port
        MailProperties server = new MailProperties();
        server.setHost("smtp.example.org");
        server.setPort(587);

        // When the mailbox is chosen
        ResidentMailbox mailbox = NotificationConfiguration.chosen(new JavaMailSenderImpl(), server, WITH_FOLDER);

        // Then it is SMTP, and says so without naming anyone
        assertThat(mailbox).isInstanceOf(SmtpMailbox.class);
        assertThat(mailbox.describe()).endsWith("through smtp.example.org:587");
    }

    @Test
    void anEmptyHostAsAComposeFilePassesItOnIsNoSmtpServer() {
        // Given a host set but empty (Spring Boot makes a sender for it all the same)
        MailProperties server = new MailProperties();
        server.setHost("");

        // When the mailbox is chosen, Then it is the drop folder, or, without one, none at all
        assertThat(NotificationConfiguration.chosen(new JavaMailSenderImpl(), server, WITH_FOLDER))
                .isInstanceOf(DropFolderMailbox.class);
        assertThat(NotificationConfiguration.chosen(new JavaMailSenderImpl(), server, WITHOUT_FOLDER))
                .isSameAs(ResidentMailbox.NONE)
                .satisfies(none -> assertThat(none.accepts()).isFalse());
    }
}
