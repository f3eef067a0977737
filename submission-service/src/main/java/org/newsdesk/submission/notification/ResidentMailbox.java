package org.newsdesk.submission.notification;

import jakarta.mail.internet.MimeMessage;

/** Where emails to residents go: an SMTP server, a folder of {@code .eml} files, or nowhere. */
interface ResidentMailbox {

    /** Nowhere: neither an SMTP server nor a drop folder is set, so no notice is made. */
    ResidentMailbox NONE = new ResidentMailbox() {
        @Override
        public void deliver(MimeMessage email, String name) {
            throw new IllegalStateException("No mailbox is set up: no notice should have been made");
        }

        @Override
        public boolean accepts() {
            return false;
        }

        @Override
        public String describe() {
            return "Emails to residents are off: neither spring.mail.host (SMTP) nor newsdesk.notification.drop-folder is set";
        }
    };

    /**
     * Hands the email on; returns once it is accepted, fails otherwise (and is tried again).
     *
     * @param name what the email may be called where it is kept: the tip's id and the kind, never
     *             an address or a receipt code
     */
    void deliver(MimeMessage email, String name) throws Exception;

    default boolean accepts() {
        return true;
    }

    /** For the log at start: where emails go, never to whom. */
    String describe();
}
