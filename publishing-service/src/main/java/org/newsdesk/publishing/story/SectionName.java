package org.newsdesk.publishing.story;

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
 * The name or key of an area or a category: it must have a letter or a digit, or it has no key
 * ({@link StoryQuery#key}) and {@code area=!!!} would mean every area. Absent or empty means none.
 */
@Documented
@Constraint(validatedBy = SectionName.Validator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
@interface SectionName {

    String message() default "must have a letter or a digit";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    final class Validator implements ConstraintValidator<SectionName, String> {

        @Override
        public boolean isValid(String name, ConstraintValidatorContext context) {
            return name == null || name.isEmpty() || !StoryQuery.key(name).isEmpty();
        }
    }
}
