package org.newsdesk.endtoend.crash;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every answer Newsdesk acknowledged during the crash test: a tip it accepted with 202, a decision
 * it recorded with 200. What is in here must survive any crash; what was asked but never answered
 * is not in here and may or may not have happened.
 */
final class Ledger {

    record Tip(String tipId, String receipt) {}

    record Decision(String tipId, String outcome, String reason) {

        boolean approved() {
            return "APPROVED".equals(outcome);
        }
    }

    private final Map<String, Tip> tips = new ConcurrentHashMap<>();
    private final Map<String, Decision> decisions = new ConcurrentHashMap<>();
    private final AtomicInteger acknowledged = new AtomicInteger();

    void accepted(Tip tip) {
        tips.put(tip.tipId(), tip);
        acknowledged.incrementAndGet();
    }

    void recorded(Decision decision) {
        Decision earlier = decisions.putIfAbsent(decision.tipId(), decision);
        if (earlier != null) {
            throw new IllegalStateException(
                    "Tip " + decision.tipId() + " was decided twice with 200: " + earlier + ", then " + decision);
        }
        acknowledged.incrementAndGet();
    }

    List<Tip> tips() {
        return List.copyOf(tips.values());
    }

    List<Decision> decisions() {
        return List.copyOf(decisions.values());
    }

    Decision decisionOn(String tipId) {
        return decisions.get(tipId);
    }

    /** Acknowledged answers so far, tips and decisions together. */
    int acknowledged() {
        return acknowledged.get();
    }
}
