package org.newsdesk.publishing;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

@SpringBootApplication
public class PublishingApplication {

    /**
     * The service's configuration lives in {@code publishing-service.yml}, not {@code application.yml}: the
     * embedded launcher runs all three services in one JVM, where three {@code application.yml}
     * files on one classpath would hide each other.
     */
    public static final String CONFIG_NAME = "publishing-service";

    public static void main(String[] args) {
        application().run(args);
    }

    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(PublishingApplication.class)
                .properties("spring.config.name=" + CONFIG_NAME);
    }
}
