package org.newsdesk.web.operations;

import org.springframework.boot.actuate.autoconfigure.web.server.ConditionalOnManagementPort;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.boot.actuate.endpoint.ApiVersion;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.WebServerNamespace;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.ReactiveHealthEndpointWebExtension;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * Keeps {@code /actuator/health} and its groups ({@code /actuator/health/readiness}, {@code
 * /liveness}) on the public port once the actuator has a management port of its own. Whatever
 * routes traffic to a service asks the port it routes to (a load balancer, docker-compose's
 * health check, the launcher), while metrics and every other endpoint stay off the public port.
 * The answers are the actuator's own, as its endpoint would give them to an anonymous caller.
 */
@AutoConfiguration(after = HealthEndpointAutoConfiguration.class)
@ConditionalOnClass(ReactiveHealthEndpointWebExtension.class)
@ConditionalOnBean(ReactiveHealthEndpointWebExtension.class)
@ConditionalOnManagementPort(ManagementPortType.DIFFERENT)
public class PublicHealthAutoConfiguration {

    static final String HEALTH_PATH = "/actuator/health";

    @Bean
    RouterFunction<ServerResponse> publicHealthRoutes(ReactiveHealthEndpointWebExtension health) {
        return RouterFunctions.route()
                .GET(
                        HEALTH_PATH,
                        request -> answer(
                                health.health(ApiVersion.LATEST, WebServerNamespace.SERVER, SecurityContext.NONE)))
                .GET(
                        HEALTH_PATH + "/{*group}",
                        request -> answer(health.health(
                                ApiVersion.LATEST,
                                WebServerNamespace.SERVER,
                                SecurityContext.NONE,
                                segments(request.pathVariable("group")))))
                .build();
    }

    private static String[] segments(String path) {
        return path.replaceFirst("^/", "").split("/");
    }

    private static Mono<ServerResponse> answer(Mono<WebEndpointResponse<? extends HealthDescriptor>> health) {
        return health.flatMap(response -> {
            HealthDescriptor body = response.getBody();
            return body == null
                    ? ServerResponse.status(response.getStatus()).build()
                    : ServerResponse.status(response.getStatus())
                            .contentType(MediaType.APPLICATION_JSON)
                            .bodyValue(body);
        });
    }
}
