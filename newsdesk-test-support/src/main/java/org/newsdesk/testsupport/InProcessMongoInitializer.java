package org.newsdesk.testsupport;

import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Points {@code spring.mongodb.uri} at the JVM's {@link InProcessMongo}. Use it with
 * {@code @ContextConfiguration(initializers = InProcessMongoInitializer.class)}; being a class
 * rather than a dynamic property, it keeps Spring's test context cache working across classes.
 */
public class InProcessMongoInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        TestPropertyValues.of("spring.mongodb.uri=" + InProcessMongo.connectionString())
                .applyTo(context.getEnvironment());
    }
}
