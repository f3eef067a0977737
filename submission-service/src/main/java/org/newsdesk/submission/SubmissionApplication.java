package org.newsdesk.submission;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

@SpringBootApplication
public class SubmissionApplication {

    /**
     * The service's configuration lives in {@code submission-service.yml}, not {@code application.yml}: the
     * embedded launcher runs all three services in one JVM, where three {@code application.yml}
     * files on one classpath would hide each other.
     */
    public static final String CONFIG_NAME = "submission-service";

    public static void main(String[] args) {
        application().run(args);
    }

    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(SubmissionApplication.class)
                .properties("spring.config.name=" + CONFIG_NAME);
    }
}
