package org.newsdesk.privacy;

/**
 * A resident's contact details in clear, as they are typed and as a moderator reads them: held in
 * memory only, never stored or sent (a {@link org.newsdesk.events.SealedContact} is). Each part may
 * be {@code null}. Its string form leaves the parts out, so no log line or exception message shows them.
 */
public record ContactDetails(String name, String email, String phone) {

    /** Whether the resident gave none of them. */
    public boolean isEmpty() {
        return isBlank(name) && isBlank(email) && isBlank(phone);
    }

    @Override
    public String toString() {
        return "ContactDetails[redacted]";
    }

    private static boolean isBlank(String part) {
        return part == null || part.isBlank();
    }
}
