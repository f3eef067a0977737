package org.newsdesk.publishing.page;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/** Everything the pages print was written by a resident: no template may print anything unescaped. */
class ReaderTemplatesTests {

    @Test
    void noTemplatePrintsUnescapedText() throws IOException {
        // Given every template of the reader pages
        Resource[] templates =
                new PathMatchingResourcePatternResolver().getResources("classpath:/publishing/templates/**/*.html");
        assertThat(templates).hasSizeGreaterThanOrEqualTo(4);

        for (Resource template : templates) {
            // When it is read
            String text = template.getContentAsString(StandardCharsets.UTF_8);

            // Then it uses neither unescaped output nor unescaped inlining, no script at all, and
            // nothing that would evaluate text as template code: preprocessing, attributes named
            // by data, or fragments chosen by data
            assertThat(text)
                    .as(template.getFilename())
                    .doesNotContain("th:utext", "[(", "<script", "th:inline=\"javascript\"", "__", "th:attr")
                    .doesNotContainPattern("\\son[a-z]+\\s*=")
                    // a fragment's name or template from an expression; parameters are fine
                    .doesNotContainPattern("th:(insert|replace|include)=\"~\\{\\s*(\\$\\{|[^\"]*::\\s*\\$\\{)");
        }
    }
}
