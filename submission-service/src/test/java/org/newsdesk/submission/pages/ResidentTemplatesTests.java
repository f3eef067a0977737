package org.newsdesk.submission.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/** Everything the residents' pages print may have been typed by someone: nothing is ever printed unescaped. */
class ResidentTemplatesTests {

    @Test
    void noTemplatePrintsUnescapedTextOrRunsInlineCode() throws IOException {
        // Given every template of the residents' pages
        Resource[] templates =
                new PathMatchingResourcePatternResolver().getResources("classpath:/submission/templates/**/*.html");
        assertThat(templates).hasSizeGreaterThanOrEqualTo(6);

        for (Resource template : templates) {
            // When it is read
            String text = template.getContentAsString(StandardCharsets.UTF_8);

            // Then it has no unescaped output or inlining, nothing evaluating text as template code,
            // no inline script, event handler or style (the Content-Security-Policy would block them),
            // and a script only as the service's own file
            assertThat(text)
                    .as(template.getFilename())
                    .doesNotContain("th:utext", "[(", "th:inline", "__", "th:attr", "style=", "<style")
                    .doesNotContainPattern("\\son[a-z]+\\s*=")
                    .doesNotContainPattern("<script(?![^>]*th:src=\"@\\{/assets/[a-z-]+\\.js}\"[^>]*></script>)")
                    .doesNotContainPattern("th:(insert|replace|include)=\"~\\{\\s*(\\$\\{|[^\"]*::\\s*\\$\\{)");
        }
    }
}
