package org.newsdesk.moderation;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.newsdesk.web.problem.ProblemException;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.http.ProblemDetail;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Controller;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.ExceptionHandler;

/** The rules of CONTRIBUTING.md that code can check, for this service's main code. */
@AnalyzeClasses(packages = "org.newsdesk.moderation", importOptions = ImportOption.DoNotIncludeTests.class)
class NewsdeskArchitectureTests {

    @ArchTest
    static final ArchRule noServiceImportsAnother = noClasses().should().dependOnClassesThat()
            .resideInAnyPackage("org.newsdesk.submission..", "org.newsdesk.publishing..");

    @ArchTest
    static final ArchRule controllersAskTheirFeatureNotTheStore = noClasses()
            .that().areMetaAnnotatedWith(Controller.class).or().areAnnotatedWith(Controller.class)
            .should().dependOnClassesThat().resideInAPackage("org.springframework.data.mongodb..");

    @ArchTest
    static final ArchRule storesUseOperationsAndMappedTypes = noClasses().should().dependOnClassesThat()
            .areAssignableTo(ReactiveMongoTemplate.class)
            .orShould().dependOnClassesThat().haveFullyQualifiedName("org.bson.Document");

    @ArchTest
    static final ArchRule problemsAreMadeByTheVocabulary = noClasses().should()
            .callMethodWhere(target(owner(assignableTo(ProblemDetail.class))).and(target(nameMatching("for.*"))))
            .orShould().callConstructorWhere(target(owner(assignableTo(ErrorResponseException.class))));

    @ArchTest
    static final ArchRule onlyProblemExceptionsAreErrorResponses = classes()
            .that().areAssignableTo(ErrorResponseException.class).should().beAssignableTo(ProblemException.class)
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule noExceptionHandlersOfOurOwn = noMethods().should().beAnnotatedWith(ExceptionHandler.class);

    @ArchTest
    static final ArchRule settingsComeFromPropertiesRecords = noClasses().should().dependOnClassesThat()
            .haveFullyQualifiedName("org.springframework.beans.factory.annotation.Value");

    @ArchTest
    static final ArchRule listenersTakeTypedEvents = methods().that().areAnnotatedWith(KafkaListener.class)
            .should(new ArchCondition<JavaMethod>("take an event record, not a ConsumerRecord or an Object") {
                @Override
                public void check(JavaMethod listener, ConditionEvents events) {
                    for (JavaClass parameter : listener.getRawParameterTypes()) {
                        if (parameter.isAssignableTo(ConsumerRecord.class) || parameter.isEquivalentTo(Object.class)) {
                            events.add(SimpleConditionEvent.violated(listener,
                                    listener.getFullName() + " takes " + parameter.getName()));
                        }
                    }
                }
            });
}
