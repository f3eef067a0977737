package org.newsdesk.moderation.security;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import me.gosimple.nbvcxz.Nbvcxz;

/**
 * The one rule for every new password, wherever it is chosen: the set-password link, a person's
 * own change, and the {@code moderator} password from the environment.
 *
 * <p>At least {@value #SHORTEST} characters, as NIST SP 800-63B-4 asks of a password that is the
 * only factor (ours is: there is no second one); at most {@value #LONGEST} characters and 72 bytes,
 * because BCrypt reads no further. No rules about digits or capitals (NIST advises against them);
 * instead the password must not be guessable: nbvcxz checks it against its list of the 100,000
 * commonest passwords and the patterns people build from them (a word repeated, a keyboard row,
 * a run of digits, a common word with a year), and refuses it below its minimum entropy.
 */
public final class PasswordRule {

    public static final int SHORTEST = 15;
    public static final int LONGEST = 64;
    private static final int MOST_BYTES = 72;

    private final Nbvcxz estimator = new Nbvcxz();

    /** What is wrong with the password, as a phrase that follows the field's name; empty when it will do. */
    public Optional<String> problem(String password) {
        if (password == null || password.isEmpty()) {
            return Optional.of("is required");
        }
        int length = password.codePointCount(0, password.length());
        if (length < SHORTEST) {
            return Optional.of("must be at least " + SHORTEST + " characters: a short sentence or a few unrelated"
                    + " words of your own are long enough and easy to remember");
        }
        if (length > LONGEST || password.getBytes(StandardCharsets.UTF_8).length > MOST_BYTES) {
            return Optional.of("must be at most " + LONGEST + " characters");
        }
        if (!estimator.estimate(password).isMinimumEntropyMet()) {
            return Optional.of("is too easy to guess: it is one of the commonest passwords, or built from them"
                    + " (a repeated word, a keyboard row, a run of digits); choose a few unrelated words instead");
        }
        return Optional.empty();
    }
}
