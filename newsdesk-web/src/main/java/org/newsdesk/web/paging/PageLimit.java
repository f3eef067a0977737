package org.newsdesk.web.paging;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A page's {@code limit} parameter, taken as text so that every mistake ({@code abc},
 * {@code 0}, {@code 1000}) gets the same answer; absent or empty means the list's default
 * ({@link PageLimits#orDefault}).
 */
@Documented
@Constraint(validatedBy = PageLimits.Validator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface PageLimit {

    /** The most items one page may hold. */
    int max();

    String message() default "must be a whole number from 1 to {max}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
