package org.newsdesk.web.operations;

import org.springframework.web.server.ServerWebExchange;

/**
 * Says that a request can be answered from what the service holds in memory (publishing's
 * rendered copies of readers' pages), so it is answered even while the service is not ready:
 * readers keep the stories already rendered while the store is out.
 */
@FunctionalInterface
public interface AnsweredWithoutStore {

    boolean canAnswer(ServerWebExchange exchange);
}
