package org.newsdesk.submission.receipt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReceiptCodeTests {

    @Test
    void theAlphabetHasThirtyTwoSymbolsAndNoLookAlikes() {
        assertThat(ReceiptCode.ALPHABET).hasSize(32).doesNotContain("I", "L", "O", "U");
        assertThat(ReceiptCode.ALPHABET.chars().distinct().count()).isEqualTo(32);
    }

    @Test
    void aCodeCarriesEightyRandomBitsInFourGroupsOfFour() {
        // Given a new code
        ReceiptCode code = ReceiptCode.generate();

        // Then it reads as four groups of four symbols from the alphabet, 5 bits each
        assertThat(code.formatted()).matches("[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}");
        assertThat(ReceiptCode.BITS).isGreaterThanOrEqualTo(80);
        assertThat(code.formatted().replace("-", "")).hasSize(ReceiptCode.BITS / 5);
    }

    @Test
    void everySymbolTurnsUpInEveryPosition() {
        // Given many codes
        Set<String> symbolsAt = new HashSet<>();
        for (int i = 0; i < 5_000; i++) {
            String canonical = ReceiptCode.generate().formatted().replace("-", "");
            for (int position = 0; position < canonical.length(); position++) {
                symbolsAt.add(position + ":" + canonical.charAt(position));
            }
        }

        // Then no position is stuck on part of the alphabet (5,000 draws miss a symbol with odds below 1e-60)
        assertThat(symbolsAt).hasSize(ReceiptCode.LENGTH * ReceiptCode.ALPHABET.length());
    }

    @Test
    void aCodeIsStoredAsTheSha256OfItsCanonicalFormSoCodesGivenBeforeStillOpen() {
        // Given a code however it was typed
        ReceiptCode code = ReceiptCode.parse("k7q2-m9xd-4hrt-pw3c").orElseThrow();

        // Then its digest is SHA-256 of its sixteen symbols, in lower-case hex
        assertThat(code.digest()).isEqualTo("7d7b728fa24afb8dd211f5f85b2899088840abcf7f13d48d954201b2c0a4e075");
    }

    @Test
    void codesDoNotRepeat() {
        // Given a hundred thousand codes
        Set<ReceiptCode> codes = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            codes.add(ReceiptCode.generate());
        }

        // Then they are all different
        assertThat(codes).hasSize(100_000);
    }

    @Test
    void aCodeReadsBackHoweverItIsTyped() {
        // Given a code
        ReceiptCode code = ReceiptCode.parse("K7Q2-M9XD-4HRT-PW3C").orElseThrow();

        // Then case, dashes, spaces and look-alike letters make no difference
        assertThat(ReceiptCode.parse("k7q2-m9xd-4hrt-pw3c")).contains(code);
        assertThat(ReceiptCode.parse("K7Q2M9XD4HRTPW3C")).contains(code);
        assertThat(ReceiptCode.parse(" k7q2 m9xd 4hrt pw3c ")).contains(code);
        assertThat(ReceiptCode.parse("K7Q2--M9XD-4HRT-PW3C")).contains(code);
        assertThat(ReceiptCode.parse("0I1L-0000-0000-0000"))
                .contains(ReceiptCode.parse("0111-0000-0000-0000").orElseThrow());
        assertThat(ReceiptCode.parse("O000-0000-0000-0000"))
                .contains(ReceiptCode.parse("0000-0000-0000-0000").orElseThrow());
        assertThat(code.formatted()).isEqualTo("K7Q2-M9XD-4HRT-PW3C");
    }

    @Test
    void aGeneratedCodeReadsBackAsItself() {
        ReceiptCode code = ReceiptCode.generate();

        assertThat(ReceiptCode.parse(code.formatted())).contains(code);
        assertThat(ReceiptCode.parse(code.formatted().toLowerCase())).contains(code);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "   ",
                "K7Q2-M9XD-4HRT-PW3",
                "K7Q2-M9XD-4HRT-PW3CX",
                "K7Q2-M9XD-4HRT-PWU3",
                "K7Q2_M9XD_4HRT_PW3C",
                "K7Q2-M9XD-4HRT-PW3Ç",
                "../../etc/passwd"
            })
    void whatCannotBeACodeIsRejected(String typed) {
        assertThat(ReceiptCode.parse(typed)).isEmpty();
    }

    @Test
    void nothingIsNotACode() {
        assertThat(ReceiptCode.parse(null)).isEmpty();
        assertThat(ReceiptCode.parse("0".repeat(10_000))).isEmpty();
    }

    @Test
    void theDigestIsTheSha256OfTheCanonicalCodeAndNeverTheCodeItself() {
        // Given a code typed two ways
        ReceiptCode code = ReceiptCode.parse("K7Q2-M9XD-4HRT-PW3C").orElseThrow();
        ReceiptCode typedSloppily = ReceiptCode.parse("k7q2m9xd4hrtpw3c").orElseThrow();

        // Then both have the digest of "K7Q2M9XD4HRTPW3C" (printf K7Q2M9XD4HRTPW3C | sha256sum)
        assertThat(code.digest())
                .isEqualTo("7d7b728fa24afb8dd211f5f85b2899088840abcf7f13d48d954201b2c0a4e075")
                .isEqualTo(typedSloppily.digest());
        // And neither the digest nor the code's toString gives the code away
        assertThat(code.digest()).doesNotContainIgnoringCase("K7Q2");
        assertThat(code.toString()).doesNotContain("K7Q2").doesNotContain("PW3C");
    }
}
