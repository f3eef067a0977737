package org.newsdesk.web.operations;

import org.springframework.web.server.ServerWebExchange;

/**
 * Says that the service answers a request itself while it is not ready, so
 * {@code RefuseWhileNotReady} lets it through. Two kinds of request qualify: one answered from
 * what the service holds in memory (publishing's rendered copies of readers' pages, so readers
 * keep the stories already rendered while the store is out), and one whose handler refuses it in
 * words of its own before touching the store (the tip form, which shows the resident their tip
 * again rather than a page that loses it).
 */
@FunctionalInterface
public interface AnsweredWhileNotReady {

    boolean canAnswer(ServerWebExchange exchange);
}
