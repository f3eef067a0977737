package org.newsdesk.web.paging;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** Reading a {@link PageLimit}: what it accepts, and the page size it asks for. */
public final class PageLimits {

    private PageLimits() {}

    /** The page size a valid {@code limit} asks for, or {@code defaultLimit} when it asks for none. */
    public static int orDefault(String limit, int defaultLimit) {
        return limit == null || limit.isBlank() ? defaultLimit : Integer.parseInt(limit.strip());
    }

    public static final class Validator implements ConstraintValidator<PageLimit, String> {

        private int max;

        @Override
        public void initialize(PageLimit limit) {
            this.max = limit.max();
        }

        @Override
        public boolean isValid(String limit, ConstraintValidatorContext context) {
            if (limit == null || limit.isBlank()) {
                return true;
            }
            String digits = limit.strip();
            if (digits.isEmpty() || digits.length() > 9 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return false;
            }
            int size = Integer.parseInt(digits);
            return size >= 1 && size <= max;
        }
    }
}
