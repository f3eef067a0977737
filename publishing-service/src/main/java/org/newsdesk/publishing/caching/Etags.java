package org.newsdesk.publishing.caching;

import java.util.Arrays;
import org.apache.commons.codec.digest.DigestUtils;

/**
 * The entity tags of this service's answers, made by their handlers from what the answer shows
 * (records print every field), so a tag changes exactly when an answer would. The handlers then
 * leave the conditional request to WebFlux: an answer returned as a {@code ResponseEntity} is
 * checked by the framework itself, and a page by its controller with
 * {@code ServerWebExchange.checkNotModified}.
 */
public final class Etags {

    /** 128 bits are plenty to tell two versions of an answer apart. */
    private static final int HEX_DIGITS = 32;

    private Etags() {}

    /** A strong tag of everything given, in order. */
    public static String of(Object... content) {
        return "\"" + DigestUtils.sha256Hex(Arrays.deepToString(content)).substring(0, HEX_DIGITS) + "\"";
    }
}
