package org.newsdesk.testsupport.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.EvaluationResult;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The rules of CONTRIBUTING.md that a machine can check, run by every module over its own main
 * classes ({@link #check}). Classes a rule forbids are known by name, so a rule about another
 * service holds although that service is not on the module's class path.
 */
public final class NewsdeskArchitecture {

    private static final Pattern SERVICE_PACKAGE =
            Pattern.compile("org\\.newsdesk\\.(submission|moderation|publishing)(\\..*)?");

    private static final String PROBLEM_VOCABULARY = "org.newsdesk.web.problem..";

    private static final String VALUE = "org.springframework.beans.factory.annotation.Value";

    private NewsdeskArchitecture() {}

    /** A service talks to the others only through the events, and the shared modules know no service. */
    static final ArchRule NO_SERVICE_IMPORTS_ANOTHER = classes()
            .should(dependOnNoOtherService())
            .because("services meet only through the events in newsdesk-events");

    /** Controllers ask the feature's store or service; only stores talk to MongoDB. */
    static final ArchRule NO_CONTROLLER_TALKS_TO_A_STORE = noClasses()
            .that(describe(
                    "are controllers",
                    (JavaClass javaClass) ->
                            javaClass.isMetaAnnotatedWith("org.springframework.stereotype.Controller")))
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.springframework.data.mongodb..", "com.mongodb..", "org.bson..")
            .because("a controller reads and writes through its feature's store (CONTRIBUTING.md, Add an endpoint)");

    /** Every refusal is a ProblemException, answered by the one handler in newsdesk-web. */
    static final ArchRule NO_PROBLEM_DETAILS_OUTSIDE_THE_VOCABULARY = CompositeArchRule.of(noClasses()
                    .that()
                    .resideOutsideOfPackage(PROBLEM_VOCABULARY)
                    .should()
                    .callMethodWhere(describe(
                            "make a ProblemDetail",
                            (JavaMethodCall call) ->
                                    call.getTargetOwner().getName().equals("org.springframework.http.ProblemDetail")
                                            && call.getName().startsWith("forStatus")))
                    .orShould()
                    .callConstructorWhere(describe(
                            "make an error response other than a ProblemException",
                            call -> call.getTargetOwner()
                                            .isAssignableTo("org.springframework.web.ErrorResponseException")
                                    && !call.getTargetOwner()
                                            .isAssignableTo("org.newsdesk.web.problem.ProblemException")))
                    .orShould()
                    .beAssignableTo(
                            "org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler")
                    .orShould()
                    .accessField("org.springframework.http.MediaType", "APPLICATION_PROBLEM_JSON"))
            // A page a person sends a form from may answer that form's unreadable body with the page itself.
            .and(methods()
                    .that()
                    .areAnnotatedWith("org.springframework.web.bind.annotation.ExceptionHandler")
                    .and()
                    .areDeclaredInClassesThat()
                    .resideOutsideOfPackage(PROBLEM_VOCABULARY)
                    .should()
                    .haveRawReturnType("org.springframework.web.reactive.result.view.Rendering")
                    .andShould()
                    .beDeclaredInClassesThat()
                    .areNotAnnotatedWith("org.springframework.web.bind.annotation.RestController"))
            .and(classes()
                    .that()
                    .areAssignableTo("org.springframework.web.ErrorResponseException")
                    .should()
                    .beAssignableTo("org.newsdesk.web.problem.ProblemException"))
            .because(
                    "problems are made by ProblemException and answered by one handler (CONTRIBUTING.md, Add an endpoint)");

    /** Settings come in through their properties record, so every default is written once. */
    static final ArchRule NO_VALUE_INJECTION = noClasses()
            .should()
            .dependOnClassesThat()
            .haveFullyQualifiedName(VALUE)
            .because("settings come from a @ConfigurationProperties record (CONTRIBUTING.md, Add a setting)");

    /**
     * Listeners take the event, typed (a topic with several event types has one handler per type);
     * the shared error handler deals with anything else on a topic.
     */
    static final ArchRule LISTENERS_TAKE_TYPED_EVENTS = methods()
            .that()
            .areAnnotatedWith("org.springframework.kafka.annotation.KafkaListener")
            .or()
            .areAnnotatedWith("org.springframework.kafka.annotation.KafkaHandler")
            .should(takeNoRawRecords())
            .because("a listener takes the event record it handles (CONTRIBUTING.md, Add an event)");

    /**
     * One store idiom: mapped types through the operations interface, never the concrete template,
     * and in a service never a raw BSON document (the outbox's entries in newsdesk-messaging are
     * written into whatever record carries them, so they are documents).
     */
    static final ArchRule STORES_USE_THE_OPERATIONS_INTERFACE = CompositeArchRule.of(noClasses()
                    // The key store lives in a database of its own, shared by the services: it makes its
                    // own template over the service's client, behind the privacy module's interface.
                    .that()
                    .resideOutsideOfPackage("org.newsdesk.privacy..")
                    .should()
                    .dependOnClassesThat()
                    .haveFullyQualifiedName("org.springframework.data.mongodb.core.ReactiveMongoTemplate"))
            .and(noClasses()
                    .that()
                    .resideInAnyPackage(
                            "org.newsdesk.submission..", "org.newsdesk.moderation..", "org.newsdesk.publishing..")
                    .should()
                    .dependOnClassesThat()
                    .haveFullyQualifiedName("org.bson.Document"))
            .because(
                    "stores read and write mapped types through ReactiveMongoOperations (CONTRIBUTING.md, Add a store)");

    static final List<ArchRule> RULES = List.of(
            NO_SERVICE_IMPORTS_ANOTHER,
            NO_CONTROLLER_TALKS_TO_A_STORE,
            NO_PROBLEM_DETAILS_OUTSIDE_THE_VOCABULARY,
            NO_VALUE_INJECTION,
            LISTENERS_TAKE_TYPED_EVENTS,
            STORES_USE_THE_OPERATIONS_INTERFACE);

    /** Checks every rule against the main classes under {@code basePackage}, failing with each violation. */
    public static void check(String basePackage) {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages(basePackage);
        if (classes.isEmpty()) {
            throw new IllegalStateException("No classes found under " + basePackage);
        }
        // Every rule's report at once: one run tells all that is wrong.
        String failures = RULES.stream()
                .map(rule -> rule.allowEmptyShould(true).evaluate(classes))
                .filter(EvaluationResult::hasViolation)
                .map(result -> result.getFailureReport().toString())
                .collect(Collectors.joining("\n\n"));
        if (!failures.isEmpty()) {
            throw new AssertionError(failures);
        }
    }

    private static ArchCondition<JavaClass> dependOnNoOtherService() {
        return new ArchCondition<>("depend on no other service's classes") {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                String home = serviceOf(origin.getPackageName());
                origin.getDirectDependenciesFromSelf().forEach(dependency -> {
                    String target = serviceOf(dependency.getTargetClass().getPackageName());
                    if (target != null && !target.equals(home)) {
                        events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                    }
                });
            }
        };
    }

    /** {@code submission}, {@code moderation} or {@code publishing}; {@code null} for a shared module. */
    private static String serviceOf(String packageName) {
        var matcher = SERVICE_PACKAGE.matcher(packageName);
        return matcher.matches() ? matcher.group(1) : null;
    }

    private static ArchCondition<JavaMethod> takeNoRawRecords() {
        return new ArchCondition<>("take the event, not a ConsumerRecord or an Object") {
            @Override
            public void check(JavaMethod method, ConditionEvents events) {
                boolean raw = method.getRawParameterTypes().stream()
                        .anyMatch(type -> type.isAssignableTo("org.apache.kafka.clients.consumer.ConsumerRecord")
                                || type.isEquivalentTo(Object.class));
                if (raw) {
                    events.add(SimpleConditionEvent.violated(method, method.getFullName() + " takes no typed event"));
                }
            }
        };
    }
}
