package org.newsdesk.web.json;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBuffer;

/**
 * Checks that a body arriving in pieces is well-formed UTF-8, with the JDK's own decoder:
 * overlong forms ({@code C0 AF} for {@code /}), surrogates and truncated sequences are refused.
 * JSON parsers decode UTF-8 for speed and let overlong forms through, which would let a resident
 * write a {@code /} (or a {@code <}) that no byte-level filter ever saw. One per body, in order.
 */
final class Utf8Check {

    static final String NOT_UTF8 = "The request body is not valid UTF-8 text";

    private final CharsetDecoder decoder = StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);

    private final CharBuffer discarded = CharBuffer.allocate(4096);

    /** The bytes of a character split across two pieces, at most three. */
    private ByteBuffer carried = ByteBuffer.allocate(0);

    /** @throws DecodingException at the first byte that is not UTF-8 */
    void check(DataBuffer piece) {
        int length = piece.readableByteCount();
        ByteBuffer bytes = ByteBuffer.allocate(carried.remaining() + length);
        bytes.put(carried);
        piece.toByteBuffer(piece.readPosition(), bytes, bytes.position(), length);
        bytes.position(bytes.position() + length);
        bytes.flip();
        decode(bytes, false);
        carried = bytes.slice();
    }

    /** @throws DecodingException if the body ended inside a character */
    void finish() {
        decode(carried, true);
        discarded.clear();
        CoderResult result = decoder.flush(discarded);
        if (result.isError()) {
            throw notUtf8(result);
        }
    }

    /** With the coder's own exception as the cause, by which the problem handler knows it. */
    private static DecodingException notUtf8(CoderResult result) {
        try {
            result.throwException();
        } catch (CharacterCodingException malformed) {
            return new DecodingException(NOT_UTF8, malformed);
        }
        return new DecodingException(NOT_UTF8);
    }

    private void decode(ByteBuffer bytes, boolean endOfInput) {
        while (true) {
            discarded.clear();
            CoderResult result = decoder.decode(bytes, discarded, endOfInput);
            if (result.isError()) {
                throw notUtf8(result);
            }
            if (result.isUnderflow()) {
                return;
            }
        }
    }
}
