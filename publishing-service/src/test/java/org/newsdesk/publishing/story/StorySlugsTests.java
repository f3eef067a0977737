package org.newsdesk.publishing.story;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.newsdesk.publishing.SeedStory;

class StorySlugsTests {

    @Test
    void theSeedHeadlinesBecomeReadableSlugs() {
        // Given the headlines of the two real stories
        // When they are turned into slugs
        // Then they read like the headlines
        assertThat(StorySlugs.of(SeedStory.load(SeedStory.POLICE_AND_CRIME_PLAN).headline()))
                .isEqualTo("significant-progress-against-police-and-crime-plan");
        assertThat(StorySlugs.of(SeedStory.load(SeedStory.VICTIM_SUPPORT).headline()))
                .isEqualTo("police-and-crime-commissioner-welcomes-continuous-progress-in-victim-support");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            Café crème at the Œuvre in Ærøskøbing | cafe-creme-at-the-oeuvre-in-aeroskobing
            Straße über Öl                        | strasse-uber-ol
            Łódź and Dvořák                       | lodz-and-dvorak
            Don't panic: it’s 50% off!            | dont-panic-its-50-off
            Fish & chips                          | fish-and-chips
            snake_case__and--double--hyphens      | snake-case-and-double-hyphens
            '  -- Leading and trailing --  '      | leading-and-trailing
            2023/24 budget: £1.2m                 | 2023-24-budget-1-2m
            """)
    void accentsFoldAndPunctuationBecomesHyphens(String headline, String slug) {
        // Given a headline with accents, punctuation or odd spacing
        // When it is turned into a slug
        // Then the slug is lower-case ASCII words joined by single hyphens
        assertThat(StorySlugs.of(headline)).isEqualTo(slug);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            '!!!'
            '   '
            日本語のニュース
            ''
            """)
    void aHeadlineWithoutLettersOrDigitsStillGetsASlug(String headline) {
        // Given a headline slugs cannot spell
        // When it is turned into a slug
        // Then the story still has an address
        assertThat(StorySlugs.of(headline)).isEqualTo(StorySlugs.FALLBACK);
    }

    @Test
    void longHeadlinesAreCutBetweenWords() {
        // Given a headline far longer than an address should be
        String headline = "Residents of Long Eaton, Sandiacre and Ilkeston report that the new "
                + "roadworks on the A52 have caused delays of more than an hour every morning this week";

        // When it is turned into a slug
        String slug = StorySlugs.of(headline);

        // Then it is bounded and ends on a whole word
        assertThat(slug)
                .hasSizeLessThanOrEqualTo(StorySlugs.MAX_LENGTH)
                .isEqualTo("residents-of-long-eaton-sandiacre-and-ilkeston-report-that-the-new-roadworks-on");
        assertThat(StorySlugs.of("x".repeat(200))).isEqualTo("x".repeat(StorySlugs.MAX_LENGTH));
    }

    @Test
    void slugsDoNotDependOnTheMachinesLocale() {
        // Given a JVM running in Turkish, where "I".toLowerCase() is a dotless ı
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.forLanguageTag("tr-TR"));

            // When a headline with capital I is turned into a slug
            // Then it is the same as anywhere else
            assertThat(StorySlugs.of("IKEA In Ilkeston")).isEqualTo("ikea-in-ilkeston");
        } finally {
            Locale.setDefault(before);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            A headline
            Café crème at the Œuvre
            '<script>alert(1)</script>'
            Ünïcödé ✓ everywhere 🎉
            '-_-'
            """)
    void everySlugMatchesThePatternTheEventSchemaPromises(String headline) {
        assertThat(StorySlugs.of(headline)).matches(StorySlugs.VALID);
    }

    @Test
    void variantsCountUpFromTheBaseSlug() {
        // When the variants of a headline's slug are asked for, from the first or further on
        // Then they are the base itself, then the base numbered from 2
        assertThat(StorySlugs.variants("road-closed", 1, 3))
                .containsExactly("road-closed", "road-closed-2", "road-closed-3");
        assertThat(StorySlugs.variants("road-closed", 17, 2)).containsExactly("road-closed-17", "road-closed-18");
        assertThatIllegalArgumentException().isThrownBy(() -> StorySlugs.variant("road-closed", 0));
    }
}
