package org.newsdesk.endtoend.crash;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Residents sending tips (every other one with a name and an email), now and then withdrawing a
 * tip of theirs or erasing their contact details, and moderators deciding tips, each as fast as
 * Newsdesk answers, and between their decisions correcting or retracting stories already published
 * (the contract's {@code moderator} account is an editor), every acknowledged answer written to the ledger. A thread stops for good at the first call that gets
 * no answer at all: the run has been killed.
 */
final class Traffic implements AutoCloseable {

    private static final int RESIDENTS = 1;
    private static final int MODERATORS = 2;
    private static final int DECISIONS_PER_QUEUE_READ = 5;

    private static final List<String> AREAS = List.of("Long Eaton", "Ilkeston", "Sandiacre", "Draycott");

    private final ExecutorService threads = Executors.newFixedThreadPool(RESIDENTS + MODERATORS);
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final AtomicInteger tipNumber = new AtomicInteger();
    private final AtomicInteger correctionNumber = new AtomicInteger();
    private final List<Throwable> failures = new ArrayList<>();

    private Traffic() {}

    /** Starts the traffic; each thread draws its choices from a generator seeded from {@code random}. */
    static Traffic start(NewsdeskApi api, Ledger ledger, Random random) {
        Traffic traffic = new Traffic();
        for (int resident = 0; resident < RESIDENTS; resident++) {
            Random choices = new Random(random.nextLong());
            traffic.threads.execute(() -> traffic.untilGone(() -> traffic.sendTip(api, ledger, choices)));
        }
        for (int moderator = 0; moderator < MODERATORS; moderator++) {
            Random choices = new Random(random.nextLong());
            traffic.threads.execute(() -> traffic.untilGone(() -> traffic.decideSomeTips(api, ledger, choices)));
        }
        return traffic;
    }

    private interface Step {
        void run() throws IOException;
    }

    private void untilGone(Step step) {
        try {
            while (!stopped.get()) {
                step.run();
            }
        } catch (IOException gone) {
            // No answer: the run was killed, and whatever this thread asked was never acknowledged.
        } catch (RuntimeException | Error ex) {
            synchronized (failures) {
                failures.add(ex);
            }
        }
    }

    private void sendTip(NewsdeskApi api, Ledger ledger, Random choices) throws IOException {
        int number = tipNumber.incrementAndGet();
        String area = AREAS.get(choices.nextInt(AREAS.size()));
        Optional<NewsdeskApi.AcceptedTip> accepted = api.submitTip(
                "Crash test tip " + number,
                "Something happened in " + area + ", reported as tip " + number + ".",
                area,
                number % 2 == 0 ? "Resident " + number : null);
        if (accepted.isEmpty()) {
            return;
        }
        Ledger.Tip tip = new Ledger.Tip(accepted.get().tipId(), accepted.get().receipt());
        ledger.accepted(tip);
        // One tip in eight: the resident thinks better of the tip they just sent, or of having left their details.
        switch (choices.nextInt(16)) {
            case 0 -> withdraw(api, ledger, tip);
            case 1 -> eraseContactDetails(api, ledger, choices);
            default -> {}
        }
    }

    /** Withdraws the tip unless a moderator has set out to decide it; 409 if it was decided first. */
    private void withdraw(NewsdeskApi api, Ledger ledger, Ledger.Tip tip) throws IOException {
        if (ledger.mayWithdraw(tip.tipId()) && api.withdraw(tip.receipt()) == 200) {
            ledger.withdrawn(tip.tipId());
        }
    }

    /** Erases the contact details of one of the resident's tips, whatever became of it. */
    private void eraseContactDetails(NewsdeskApi api, Ledger ledger, Random choices) throws IOException {
        List<Ledger.Tip> tips = ledger.tips();
        if (tips.isEmpty()) {
            return;
        }
        Ledger.Tip tip = tips.get(choices.nextInt(tips.size()));
        if (api.erase(tip.receipt()) == 200) {
            ledger.erased(tip.tipId());
        }
    }

    /** Reads the queue, then decides a few of its tips, picked at random, one way or the other. */
    private void decideSomeTips(NewsdeskApi api, Ledger ledger, Random choices) throws IOException {
        List<String> queue;
        try {
            queue = new ArrayList<>(api.queuedTipIds());
        } catch (IllegalStateException notAnswered) {
            // Not a 200: a service whose MongoDB was just killed before it was itself. Ask again.
            return;
        }
        Collections.shuffle(queue, choices);
        for (String tipId : queue.subList(0, Math.min(DECISIONS_PER_QUEUE_READ, queue.size()))) {
            if (!ledger.mayDecide(tipId)) {
                continue;
            }
            boolean approve = choices.nextBoolean();
            String outcome = approve ? "APPROVED" : "REJECTED";
            String reason = approve ? null : "Declined in the crash test, tip " + tipId;
            // 409: another moderator was quicker, or a decision sent just before a crash did land. Both fine.
            if (api.decide(tipId, outcome, reason) == 200) {
                ledger.recorded(new Ledger.Decision(tipId, outcome, reason));
            }
        }
        editAPublishedStory(api, ledger, choices);
    }

    /**
     * After each round of decisions, corrects a published story or withdraws it. A 409 means the other moderator
     * withdrew it first, or a retraction sent just before a crash did land: both fine.
     */
    private void editAPublishedStory(NewsdeskApi api, Ledger ledger, Random choices) throws IOException {
        List<String> published = ledger.approvedAndNotRetracted();
        if (published.isEmpty()) {
            return;
        }
        String tipId = published.get(choices.nextInt(published.size()));
        // Two corrections for each retraction: each of the two is sure to happen in a run.
        if (choices.nextInt(3) == 0) {
            String reason = "Withdrawn in the crash test, story " + tipId;
            if (api.retract(tipId, reason) == 200) {
                ledger.retracted(new Ledger.Retraction(tipId, reason));
            }
        } else {
            String note = "Corrected in the crash test (" + correctionNumber.incrementAndGet() + ")";
            if (api.correct(tipId, note) == 200) {
                ledger.corrected(new Ledger.Correction(tipId, note));
            }
        }
    }

    /** Stops the threads (those still running finish their call) and reports anything that went wrong in them. */
    @Override
    public void close() {
        stopped.set(true);
        threads.shutdown();
        try {
            if (!threads.awaitTermination(1, TimeUnit.MINUTES)) {
                throw new IllegalStateException("The traffic did not stop");
            }
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        synchronized (failures) {
            if (!failures.isEmpty()) {
                IllegalStateException failed = new IllegalStateException("The traffic failed");
                failures.forEach(failed::addSuppressed);
                throw failed;
            }
        }
    }
}
