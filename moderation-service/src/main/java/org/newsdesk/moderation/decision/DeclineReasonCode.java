package org.newsdesk.moderation.decision;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.hibernate.validator.constraintvalidation.HibernateConstraintValidatorContext;
import org.newsdesk.moderation.ModerationProperties;

/** The code of one of the configured decline reasons, or nothing. */
@Documented
@Constraint(validatedBy = DeclineReasonCode.Configured.class)
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
@interface DeclineReasonCode {

    String message() default "must be one of the configured reasons: {reasons}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Made by Spring's validator factory, which hands it the settings that list the reasons. */
    final class Configured implements ConstraintValidator<DeclineReasonCode, String> {

        private final ModerationProperties settings;

        Configured(ModerationProperties settings) {
            this.settings = settings;
        }

        @Override
        public boolean isValid(String code, ConstraintValidatorContext context) {
            if (code == null || settings.declineReason(code).isPresent()) {
                return true;
            }
            // A message parameter, not part of the template: configured text is never interpolated.
            context.unwrap(HibernateConstraintValidatorContext.class)
                    .addMessageParameter(
                            "reasons",
                            settings.declineReasons().stream()
                                    .map(ModerationProperties.DeclineReason::code)
                                    .toList());
            return false;
        }
    }
}
