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
 * A resident who says "Yes, you may contact me" gives a way to: an email address or a phone
 * number (a name alone reaches nobody). Refused on the form, with the message beside the choice,
 * rather than taken and never followed up: the resident would wait for a call that cannot come.
 */
@Documented
@Constraint(validatedBy = ContactReachable.Validator.class)
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@interface ContactReachable {

    String message();

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<ContactReachable, TipForm> {

        @Override
        public boolean isValid(TipForm form, ConstraintValidatorContext context) {
            if (!form.consents() || form.email() != null || form.phone() != null) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(context.getDefaultConstraintMessageTemplate())
                    .addPropertyNode("contactConsent")
                    .addConstraintViolation();
            return false;
        }
    }
}
