package org.newsdesk.web.operations;

import org.newsdesk.web.problem.ProblemDetailsAutoConfiguration;
import org.newsdesk.web.problem.ProblemWriter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.context.annotation.Bean;
import org.springframework.web.server.WebFilter;

/** Requests are refused at once while the service is not ready; see {@link RefuseWhileNotReady}. */
@AutoConfiguration(after = {ApplicationAvailabilityAutoConfiguration.class, ProblemDetailsAutoConfiguration.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnBean({ApplicationAvailability.class, ProblemWriter.class})
public class NotReadyRefusalAutoConfiguration {

    @Bean
    WebFilter newsdeskRefuseWhileNotReady(
            ApplicationAvailability availability,
            ProblemWriter problems,
            ObjectProvider<AnsweredWhileNotReady> answeredHere) {
        return new RefuseWhileNotReady(
                availability, problems, answeredHere.orderedStream().toList());
    }
}
