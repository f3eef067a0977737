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

/**
 * A day as a date input sends it or as a person in the UK types it ({@link TipForm#date}):
 * {@code 2024-05-31}, {@code 31/05/2024}, {@code 31-5-2024}, {@code 31.05.2024}. Nothing typed is
 * valid: whether a date is needed is another constraint's business.
 */
@Documented
@Constraint(validatedBy = TypedDate.Validator.class)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@interface TypedDate {

    String message();

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<TypedDate, String> {

        @Override
        public boolean isValid(String typed, ConstraintValidatorContext context) {
            return typed == null || TipForm.date(typed) != null;
        }
    }
}
