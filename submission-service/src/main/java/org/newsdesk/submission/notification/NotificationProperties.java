package org.newsdesk.submission.notification;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How residents are emailed, under {@code newsdesk.notification}. The SMTP server is Spring's own
 * {@code spring.mail.*}; with no {@code spring.mail.host}, emails are written to the drop folder;
 * with neither, no email is made.
 *
 * @param from           the address emails come from; the outlet's name is its display name
 * @param dropFolder     where each email is written as an {@code .eml} file when no SMTP server is
 *                       set (the embedded run passes {@code <data dir>/mail})
 * @param lease          how long one relay holds a notice while it sends it: longer than an SMTP
 *                       send can take (its time-outs are in {@code spring.mail.properties}), so two
 *                       relays do not both send it
 * @param initialBackoff wait after a notice's first failed send; it doubles with every further
 *                       failure, up to {@code maxBackoff}
 * @param maxBackoff     longest wait between two sends of one notice
 * @param maxAttempts    failed sends after which the notice is given up (logged at ERROR)
 * @param tick           how often the relay checks whether it was rung for a new notice, or a
 *                       retry is due
 * @param sweepEvery     how often the relay searches the store for due notices it was not rung
 *                       for (another instance's, or left by a crash); also once at start. On a
 *                       store without secondary indexes that reads every receipt: keep it rare
 * @param batch          notices read per look
 */
@ConfigurationProperties("newsdesk.notification")
public record NotificationProperties(
        String from,
        Path dropFolder,
        Duration lease,
        Duration initialBackoff,
        Duration maxBackoff,
        Integer maxAttempts,
        Duration tick,
        Duration sweepEvery,
        Integer batch) {

    public NotificationProperties {
        from = from == null || from.isBlank() ? "tips@localhost" : from.strip();
        // An empty environment variable binds as the empty path: no folder.
        dropFolder = dropFolder == null || dropFolder.toString().isBlank() ? null : dropFolder;
        lease = lease == null ? Duration.ofMinutes(2) : lease;
        initialBackoff = initialBackoff == null ? Duration.ofSeconds(30) : initialBackoff;
        maxBackoff = maxBackoff == null ? Duration.ofHours(1) : maxBackoff;
        maxAttempts = maxAttempts == null ? 30 : maxAttempts;
        tick = tick == null ? Duration.ofMillis(500) : tick;
        sweepEvery = sweepEvery == null ? Duration.ofMinutes(5) : sweepEvery;
        batch = batch == null ? 50 : batch;
    }

    /** The wait before the next send of a notice that has failed {@code attempts} times. */
    Duration backoffAfter(int attempts) {
        Duration backoff = initialBackoff;
        for (int i = 1; i < attempts && backoff.compareTo(maxBackoff) < 0; i++) {
            backoff = backoff.multipliedBy(2);
        }
        return backoff.compareTo(maxBackoff) < 0 ? backoff : maxBackoff;
    }
}
