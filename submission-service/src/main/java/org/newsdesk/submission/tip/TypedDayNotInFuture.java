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
import java.time.LocalDate;

/**
 * A typed day ({@link TypedDate}) that is today or before, today being the outlet's day on the
 * validator's clock (see {@code SubmissionConfiguration.outletToday}). Nothing typed, or what is
 * not a date, is valid here: those are other constraints' business.
 */
@Documented
@Constraint(validatedBy = TypedDayNotInFuture.Validator.class)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@interface TypedDayNotInFuture {

    String message();

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<TypedDayNotInFuture, String> {

        @Override
        public boolean isValid(String typed, ConstraintValidatorContext context) {
            LocalDate day = TipForm.date(typed);
            return day == null
                    || !day.isAfter(LocalDate.now(context.getClockProvider().getClock()));
        }
    }
}
