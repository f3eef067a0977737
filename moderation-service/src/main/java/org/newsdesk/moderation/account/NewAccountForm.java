package org.newsdesk.moderation.account;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.newsdesk.moderation.security.Role;

/** The accounts page's form to add a person, as a browser posts it. */
record NewAccountForm(
        @NotBlank(message = "is required")
        @Size(max = 40, message = "must be at most {max} characters")
        @Pattern(
                regexp = "\\s*[A-Za-z0-9][A-Za-z0-9._-]*\\s*",
                message = "may hold only letters, digits, dots, dashes and underscores, and starts with a"
                        + " letter or digit")
        String username,

        @NotBlank(message = "is required") @Size(max = 80, message = "must be at most {max} characters")
        String displayName,

        @NotNull(message = "is required") Role role) {}
