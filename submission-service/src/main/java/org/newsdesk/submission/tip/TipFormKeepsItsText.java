package org.newsdesk.submission.tip;

import org.newsdesk.web.operations.AnsweredWhileNotReady;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * A tip sent from the form while the service is not ready reaches {@link TipFormController}, which
 * refuses it before anything is written ({@link TipSubmissions}) and shows the form again with
 * everything the resident wrote and the same one-time token: they send it again in a moment, and
 * lose nothing. The generic refusal page would lose their text.
 */
@Component
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
class TipFormKeepsItsText implements AnsweredWhileNotReady {

    @Override
    public boolean canAnswer(ServerWebExchange exchange) {
        return exchange.getRequest().getMethod() == HttpMethod.POST
                && exchange.getRequest()
                        .getPath()
                        .pathWithinApplication()
                        .value()
                        .equals("/tips");
    }
}
