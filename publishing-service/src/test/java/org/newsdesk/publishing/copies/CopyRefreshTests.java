package org.newsdesk.publishing.copies;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/** Which addresses are kept, what each shows, and which story changes drop them. */
class CopyRefreshTests {

    private final RenderedCopies copies = new RenderedCopies(new SimpleMeterRegistry());

    @Test
    void aNewStoryDropsTheListsThatCanShowItAndNoOther() {
        // Given a story published in Ilkeston, about roads
        StoryChange published = new StoryChange("new-story", "ilkeston", "roads", false, false);

        // Then the lists of everything, of Ilkeston and of roads change, and the API's lists alike
        assertThat(scope("/").changedBy(published)).isTrue();
        assertThat(scope("/feed.atom").changedBy(published)).isTrue();
        assertThat(scope("/areas/ilkeston").changedBy(published)).isTrue();
        assertThat(scope("/areas/ilkeston/feed.atom").changedBy(published)).isTrue();
        assertThat(scope("/categories/roads").changedBy(published)).isTrue();
        assertThat(scope("/api/stories", "area", "Ilkeston").changedBy(published))
                .isTrue();
        assertThat(scope("/stories/new-story").changedBy(published)).isTrue();
        // And another area's, another category's, another story's and the corrections column do not
        assertThat(scope("/areas/sandiacre").changedBy(published)).isFalse();
        assertThat(scope("/categories/schools/feed.atom").changedBy(published)).isFalse();
        assertThat(scope("/api/stories", "category", "schools").changedBy(published))
                .isFalse();
        assertThat(scope("/stories/old-story").changedBy(published)).isFalse();
        assertThat(scope("/api/stories/old-story").changedBy(published)).isFalse();
        assertThat(scope("/corrections").changedBy(published)).isFalse();
    }

    @Test
    void aWithdrawalDropsEveryListAndTheColumn() {
        StoryChange withdrawn = new StoryChange("gone", "ilkeston", "roads", true, true);

        assertThat(scope("/areas/sandiacre").changedBy(withdrawn)).isTrue();
        assertThat(scope("/corrections.atom").changedBy(withdrawn)).isTrue();
        assertThat(scope("/stories/gone").changedBy(withdrawn)).isTrue();
        assertThat(scope("/stories/other").changedBy(withdrawn)).isFalse();
    }

    @Test
    void anyStoryChangeDropsEverySearch() {
        // Given searches on the page and on the API, for words the changed story may not even hold
        StoryChange corrected = new StoryChange("other-story", "sandiacre", "schools", false, true);
        StoryChange published = new StoryChange("new-story", null, null, false, false);

        // Then any change drops them: any story's words can match or stop matching any search
        assertThat(scope("/search", "q", "roads").changedBy(corrected)).isTrue();
        assertThat(scope("/search", "q", "roads").changedBy(published)).isTrue();
        assertThat(scope("/api/stories", "q", "roads", "area", "ilkeston").changedBy(published))
                .isTrue();
    }

    @Test
    void photosAndOtherAddressesAreNotKept() {
        assertThat(RenderedCopiesFilter.kept("/photos/abc", query())).isEmpty();
        assertThat(RenderedCopiesFilter.kept("/developers", query())).isEmpty();
        assertThat(RenderedCopiesFilter.kept("/areas/", query())).isEmpty();
    }

    @Test
    void aRenderingARefreshOvertookIsNotKept() {
        // Given a rendering of Ilkeston's page under way
        RenderedCopies.Rendering rendering = copies.begin(CopyScope.list("ilkeston", null));

        // When a story of Ilkeston is stored meanwhile, and the rendering then finishes
        copies.refresh(new StoryChange("s", "ilkeston", "roads", false, false), "test");
        copies.keep("/areas/ilkeston?", rendering, copy(rendering.scope));
        copies.end(rendering);

        // Then what it read before the write is not kept
        assertThat(copies.holds("/areas/ilkeston?")).isFalse();

        // While a rendering that no refresh concerned is
        RenderedCopies.Rendering other = copies.begin(CopyScope.list("sandiacre", null));
        copies.refresh(new StoryChange("s", "ilkeston", "roads", false, false), "test");
        copies.keep("/areas/sandiacre?", other, copy(other.scope));
        copies.end(other);
        assertThat(copies.holds("/areas/sandiacre?")).isTrue();
    }

    private static RenderedCopies.Copy copy(CopyScope scope) {
        return new RenderedCopies.Copy(scope, "area", new byte[] {1}, new HttpHeaders());
    }

    private static CopyScope scope(String path, String... query) {
        return RenderedCopiesFilter.kept(path, query(query)).orElseThrow().scope();
    }

    private static MultiValueMap<String, String> query(String... nameAndValue) {
        MultiValueMap<String, String> query = new LinkedMultiValueMap<>();
        for (int i = 0; i < nameAndValue.length; i += 2) {
            query.add(nameAndValue[i], nameAndValue[i + 1]);
        }
        return query;
    }
}
