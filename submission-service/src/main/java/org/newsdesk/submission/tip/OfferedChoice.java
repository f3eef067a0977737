package org.newsdesk.submission.tip;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;
import org.newsdesk.submission.OutletProperties;

/**
 * One of the choices the form offers for the field, as the outlet configures them
 * ({@link OutletProperties}): a form whose select was tampered with is refused. Nothing chosen is
 * valid: whether a choice is needed is another constraint's business.
 */
@Documented
@Constraint(validatedBy = OfferedChoice.Validator.class)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@interface OfferedChoice {

    Choices value();

    String message();

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    enum Choices {
        AREAS,
        CATEGORIES
    }

    /** Made by Spring, which gives it the outlet's settings. */
    class Validator implements ConstraintValidator<OfferedChoice, String> {

        private final OutletProperties outlet;

        private List<String> offered;

        Validator(OutletProperties outlet) {
            this.outlet = outlet;
        }

        @Override
        public void initialize(OfferedChoice choice) {
            offered = switch (choice.value()) {
                case AREAS -> outlet.areaChoices();
                case CATEGORIES -> outlet.categories();
            };
        }

        @Override
        public boolean isValid(String chosen, ConstraintValidatorContext context) {
            return chosen == null || offered.contains(chosen);
        }
    }
}
