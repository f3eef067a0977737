package org.newsdesk.submission.tip;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.apache.commons.codec.digest.DigestUtils;
import org.newsdesk.submission.receipt.ReceiptCode;
import org.newsdesk.web.problem.ProblemException;

/**
 * A client's {@code Idempotency-Key}: a request sent again with the same key (after a timeout, a
 * {@code 503}, a lost connection) gets the answer of the first one that was stored, the same tip
 * and the same receipt, instead of a second tip.
 *
 * <p>The service keeps only a digest of the key, and the receipt code sealed with a key derived
 * from it (AES-GCM): whoever reads the database learns neither, and only the client that holds
 * the idempotency key can get its receipt back. Keys are meant to be random (a UUID), which is
 * what makes a plain hash a sound derivation.
 */
final class IdempotencyKey {

    static final String HEADER = "Idempotency-Key";

    /** Visible ASCII, as the IETF draft and the payment APIs that made the header popular use it. */
    private static final Pattern VALID = Pattern.compile("[\\x21-\\x7E]{8,255}");

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final String value;

    private IdempotencyKey(String value) {
        this.value = value;
    }

    /** @return {@code null} without a header; a 400 problem naming the header for one that cannot be a key */
    static IdempotencyKey fromHeader(String header) {
        if (header == null) {
            return null;
        }
        if (!VALID.matcher(header).matches()) {
            throw ProblemException.invalid(HEADER, "must be 8 to 255 visible ASCII characters, such as a UUID");
        }
        return new IdempotencyKey(header);
    }

    /**
     * The one-time token the tip form carries, used as an idempotency key: sending the same form
     * twice (a double tap, a refresh that posts again) gives one tip and the same receipt.
     *
     * @return {@code null} when the form came without a usable token: the tip is taken all the same
     */
    static IdempotencyKey fromFormToken(String token) {
        return token == null || !VALID.matcher(token).matches() ? null : new IdempotencyKey("form:" + token);
    }

    /** A fresh token for a form: 128 random bits, URL-safe. */
    static String newFormToken() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** What the database finds the key by. */
    String digest() {
        return DigestUtils.sha256Hex("newsdesk-idempotency-key:" + value);
    }

    String seal(ReceiptCode receipt) {
        try {
            byte[] iv = new byte[IV_BYTES];
            RANDOM.nextBytes(iv);
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, iv);
            byte[] sealed = cipher.doFinal(receipt.formatted().getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder()
                    .encodeToString(ByteBuffer.allocate(IV_BYTES + sealed.length)
                            .put(iv)
                            .put(sealed)
                            .array());
        } catch (GeneralSecurityException ex) {
            throw new IllegalStateException("Every Java runtime has AES-GCM", ex);
        }
    }

    ReceiptCode unseal(String sealed) {
        try {
            byte[] bytes = Base64.getDecoder().decode(sealed);
            byte[] iv = new byte[IV_BYTES];
            System.arraycopy(bytes, 0, iv, 0, IV_BYTES);
            byte[] plain = cipher(Cipher.DECRYPT_MODE, iv).doFinal(bytes, IV_BYTES, bytes.length - IV_BYTES);
            return ReceiptCode.parse(new String(plain, StandardCharsets.US_ASCII))
                    .orElseThrow(() -> new IllegalStateException("A sealed receipt that is not a receipt code"));
        } catch (GeneralSecurityException ex) {
            throw new IllegalStateException("The sealed receipt does not open with this key", ex);
        }
    }

    private Cipher cipher(int mode, byte[] iv) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(
                mode,
                new SecretKeySpec(DigestUtils.sha256("newsdesk-receipt-seal:" + value), "AES"),
                new GCMParameterSpec(TAG_BITS, iv));
        return cipher;
    }

    /** Deliberately not the key: whoever holds it can open the receipt. */
    @Override
    public String toString() {
        return "IdempotencyKey[redacted]";
    }
}
