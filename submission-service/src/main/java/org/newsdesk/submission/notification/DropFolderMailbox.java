package org.newsdesk.submission.notification;

import jakarta.mail.internet.MimeMessage;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Emails written as {@code .eml} files, for a run with no SMTP server (the embedded run): any
 * mail client opens them. A file appears whole or not at all, and an email written again (a crash
 * before it was marked sent) replaces its earlier copy.
 */
final class DropFolderMailbox implements ResidentMailbox {

    private final Path folder;

    DropFolderMailbox(Path folder) {
        this.folder = folder.toAbsolutePath();
    }

    @Override
    public void deliver(MimeMessage email, String name) throws Exception {
        Files.createDirectories(folder);
        Path written = Files.createTempFile(folder, name + "-", ".part");
        try {
            try (OutputStream out = Files.newOutputStream(written)) {
                email.writeTo(out);
            }
            Files.move(
                    written,
                    folder.resolve(name + ".eml"),
                    StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(written);
        }
    }

    @Override
    public String describe() {
        return "No SMTP server is set (spring.mail.host): emails to residents are written as .eml files to " + folder;
    }
}
