package org.newsdesk.moderation;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

@SpringBootApplication
public class ModerationApplication {

    /**
     * The service's configuration lives in {@code moderation-service.yml}, not {@code application.yml}: the
     * embedded launcher runs all three services in one JVM, where three {@code application.yml}
     * files on one classpath would hide each other.
     */
    public static final String CONFIG_NAME = "moderation-service";

    public static void main(String[] args) {
        application().run(args);
    }

    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(ModerationApplication.class)
                .properties("spring.config.name=" + CONFIG_NAME);
    }
}
