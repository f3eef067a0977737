package org.newsdesk.publishing.page;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class BodyBlockTests {

    @Test
    void everyLineIsAParagraphAndBlankLinesAreNothing() {
        // Given text typed on a phone, with Windows line ends in part and stray spaces
        String body = "  First paragraph.\r\nSecond, on the next line.\n\n\n   \nThird after blank lines.  ";

        // When it is split
        // Then each line of text is a paragraph of its own, trimmed
        assertThat(BodyBlock.of(body))
                .containsExactly(
                        paragraph("First paragraph."),
                        paragraph("Second, on the next line."),
                        paragraph("Third after blank lines."));
    }

    @Test
    void bulletedLinesMakeOneListEvenAcrossBlankLines() {
        // Given a list like the seed stories', with a blank line inside it, then text again
        String body = "Achievements include:\n\n  • Teams\n  • Drones\n\n- Vehicles\n* Training\nThat is all.";

        // When it is split
        // Then the bullets become one list, without their markers
        assertThat(BodyBlock.of(body))
                .containsExactly(
                        paragraph("Achievements include:"),
                        new BodyBlock(null, List.of("Teams", "Drones", "Vehicles", "Training")),
                        paragraph("That is all."));
    }

    @Test
    void aHyphenThatIsNoBulletStaysText() {
        assertThat(BodyBlock.of("-5 degrees overnight\n2023-24 budget"))
                .containsExactly(paragraph("-5 degrees overnight"), paragraph("2023-24 budget"));
    }

    @Test
    void anEmptyBodyHasNoBlocks() {
        assertThat(BodyBlock.of("")).isEmpty();
        assertThat(BodyBlock.of(" \n\n ")).isEmpty();
        assertThat(BodyBlock.of(null)).isEmpty();
    }

    private static BodyBlock paragraph(String text) {
        return new BodyBlock(text, List.of());
    }
}
