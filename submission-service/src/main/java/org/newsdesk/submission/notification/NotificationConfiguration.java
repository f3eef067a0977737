package org.newsdesk.submission.notification;

import java.time.Clock;
import org.newsdesk.messaging.rebuild.RebuildMode;
import org.newsdesk.privacy.ContactVault;
import org.newsdesk.submission.OutletProperties;
import org.newsdesk.web.time.OutletTime;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.mail.autoconfigure.MailProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * Emails to residents: over SMTP when {@code spring.mail.host} is set (Spring Boot then makes the
 * sender), else into the drop folder, else not at all.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(NotificationProperties.class)
class NotificationConfiguration {

    @Bean
    ResidentMailbox residentMailbox(
            ObjectProvider<JavaMailSender> smtp,
            ObjectProvider<MailProperties> mail,
            NotificationProperties properties) {
        return chosen(smtp.getIfAvailable(), mail.getIfAvailable(), properties);
    }

    /**
     * SMTP when a host is named; a host set but empty (as a compose file passes an unset variable
     * on) is none, though Spring Boot makes a sender for it all the same.
     */
    static ResidentMailbox chosen(JavaMailSender sender, MailProperties server, NotificationProperties properties) {
        if (sender != null
                && server != null
                && server.getHost() != null
                && !server.getHost().isBlank()) {
            return new SmtpMailbox(sender, server.getHost() + portOf(server));
        }
        return properties.dropFolder() != null ? new DropFolderMailbox(properties.dropFolder()) : ResidentMailbox.NONE;
    }

    @Bean
    NoticeBell noticeBell(ResidentMailbox mailbox) {
        return new NoticeBell(mailbox.accepts());
    }

    /** Not while rebuilding: the rebuilt receipts make no notice to send (see the receipts). */
    @Bean
    @ConditionalOnBooleanProperty(name = RebuildMode.PROPERTY, havingValue = false, matchIfMissing = true)
    ResidentNotices residentNotices(
            PendingNotices notices,
            NoticeBell bell,
            ContactVault vault,
            ResidentMailbox mailbox,
            NotificationProperties properties,
            OutletProperties outlet,
            OutletTime time,
            Clock clock) {
        return new ResidentNotices(
                notices, bell, vault, new ResidentEmails(outlet, properties, time, clock), mailbox, properties, clock);
    }

    private static String portOf(MailProperties server) {
        return server.getPort() == null ? "" : ":" + server.getPort();
    }
}
