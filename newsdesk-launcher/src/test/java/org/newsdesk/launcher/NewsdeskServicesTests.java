package org.newsdesk.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.newsdesk.launcher.NewsdeskServices.Service;
import org.springframework.util.ClassUtils;

class NewsdeskServicesTests {

    private final NewsdeskServices.Starter starter = NewsdeskServices.against("127.0.0.1:1", "mongodb://127.0.0.1:2");

    @Test
    void eachServiceKeepsOnlyTheAutoConfigurationsItAskedFor() {
        // Given services co-hosted on one classpath that carries Spring Security and Thymeleaf

        // When their command lines are built
        List<String> submission = exclusions(Service.SUBMISSION);
        List<String> moderation = exclusions(Service.MODERATION);
        List<String> publishing = exclusions(Service.PUBLISHING);

        // Then only the moderation service keeps security, and only the publishing service Thymeleaf
        List<String> security = NewsdeskServices.SECURITY_AUTO_CONFIGURATIONS;
        List<String> thymeleaf = NewsdeskServices.THYMELEAF_AUTO_CONFIGURATIONS;
        assertThat(submission).containsAll(security).containsAll(thymeleaf);
        assertThat(publishing).containsAll(security).doesNotContainAnyElementsOf(thymeleaf);
        assertThat(moderation).containsAll(thymeleaf).doesNotContainAnyElementsOf(security);
    }

    @Test
    void theExcludedAutoConfigurationsExist() {
        // Given the class names excluded for some of the services
        List<String> names = new ArrayList<>(NewsdeskServices.SECURITY_AUTO_CONFIGURATIONS);
        names.addAll(NewsdeskServices.THYMELEAF_AUTO_CONFIGURATIONS);

        // When they are looked up on the classpath
        // Then every one is there: Spring Boot refuses to exclude a class that does not exist,
        // and a renamed one would silently lock the public sites again
        assertThat(names).allMatch(name -> ClassUtils.isPresent(name, getClass().getClassLoader()));
    }

    @Test
    void aPropertyForOneServiceReachesOnlyThatService() {
        // Given a public base URL meant for the publishing service and an exclusion meant for all
        starter.property(Service.PUBLISHING, "newsdesk.publishing.public-base-url", "http://news.example")
                .property("spring.autoconfigure.exclude", "com.example.Extra")
                .port(Service.SUBMISSION, 0);

        // When the command lines are built
        List<String> publishing = List.of(starter.commandLineFor(Service.PUBLISHING));
        List<String> submission = List.of(starter.commandLineFor(Service.SUBMISSION));
        List<String> moderation = List.of(starter.commandLineFor(Service.MODERATION));

        // Then each service gets what was meant for it, with the infrastructure and the caller's exclusion kept
        assertThat(publishing).contains("--newsdesk.publishing.public-base-url=http://news.example",
                "--spring.kafka.bootstrap-servers=127.0.0.1:1", "--spring.mongodb.uri=mongodb://127.0.0.1:2");
        assertThat(submission).contains("--server.port=0")
                .noneMatch(argument -> argument.startsWith("--newsdesk.publishing.public-base-url"));
        assertThat(publishing).anyMatch(argument -> argument.startsWith("--spring.autoconfigure.exclude=")
                && argument.endsWith(",com.example.Extra"));
        assertThat(moderation).anyMatch(argument -> argument.startsWith("--spring.autoconfigure.exclude=")
                && argument.endsWith(",com.example.Extra"));
    }

    /** The auto-configurations a service's command line leaves out, one class name each. */
    private List<String> exclusions(Service service) {
        String prefix = "--spring.autoconfigure.exclude=";
        return List.of(starter.commandLineFor(service)).stream()
                .filter(argument -> argument.startsWith(prefix))
                .flatMap(argument -> Stream.of(argument.substring(prefix.length()).split(",")))
                .toList();
    }
}
