package org.newsdesk.submission.notification;

import jakarta.mail.internet.MimeMessage;
import org.springframework.mail.javamail.JavaMailSender;

/** Emails sent over SMTP, through the sender Spring Boot makes from {@code spring.mail.*}. */
final class SmtpMailbox implements ResidentMailbox {

    private final JavaMailSender sender;
    private final String server;

    SmtpMailbox(JavaMailSender sender, String server) {
        this.sender = sender;
        this.server = server;
    }

    @Override
    public void deliver(MimeMessage email, String name) {
        sender.send(email);
    }

    @Override
    public String describe() {
        return "Emails to residents are sent over SMTP through " + server;
    }
}
