package org.newsdesk.submission.photo;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** The photo types residents may send, told apart by their first bytes, never by a name or a declared type. */
enum PhotoFormat {
    JPEG("jpeg"),
    PNG("png"),
    WEBP("webp");

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    /** What ImageIO calls the format, to find its reader. */
    final String imageIoName;

    PhotoFormat(String imageIoName) {
        this.imageIoName = imageIoName;
    }

    /** @return the format these bytes start like, or {@code null} for anything else */
    static PhotoFormat of(byte[] bytes) {
        if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xD8 && (bytes[2] & 0xFF) == 0xFF) {
            return JPEG;
        }
        if (bytes.length >= PNG_SIGNATURE.length
                && Arrays.equals(bytes, 0, PNG_SIGNATURE.length, PNG_SIGNATURE, 0, PNG_SIGNATURE.length)) {
            return PNG;
        }
        if (bytes.length >= 12
                && ascii(bytes, 0, 4).equals("RIFF")
                && ascii(bytes, 8, 12).equals("WEBP")) {
            return WEBP;
        }
        return null;
    }

    private static String ascii(byte[] bytes, int from, int to) {
        return new String(bytes, from, to - from, StandardCharsets.ISO_8859_1);
    }
}
