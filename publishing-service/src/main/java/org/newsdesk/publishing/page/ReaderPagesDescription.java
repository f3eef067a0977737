package org.newsdesk.publishing.page;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.List;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

/**
 * The reader pages and the sitemap in the OpenAPI description. springdoc describes only handlers
 * that answer with a body, not views, so they are described here; {@code OpenApiContractTests}
 * fails when this and {@link ReaderPagesController}, {@link DevelopersPageController} or
 * {@link SitemapController} disagree on a
 * path, a parameter or a status.
 */
@Component
class ReaderPagesDescription implements OpenApiCustomizer {

    private static final String TAG = "Pages";

    @Override
    public void customise(OpenAPI openApi) {
        if (openApi.getPaths() == null) {
            openApi.setPaths(new Paths());
        }
        openApi.getPaths()
                .addPathItem(
                        "/",
                        page(
                                "frontPage",
                                "The front page: the latest stories, newest first",
                                List.of(cursor()),
                                "400",
                                "A broken link to older stories"))
                .addPathItem(
                        "/stories/{slug}",
                        page(
                                "storyPage",
                                "A story's page",
                                List.of(path("slug", "The story's slug")),
                                "404",
                                "No story under this address",
                                "410",
                                "The newsroom withdrew the story: when and why, and nothing of it"))
                .addPathItem(
                        "/corrections",
                        page(
                                "correctionsPage",
                                "Every correction and withdrawal of a story, newest first",
                                List.of(
                                        new Parameter()
                                                .in("query")
                                                .name("limit")
                                                .required(false)
                                                .description("Corrections per page, 1 to " + CorrectionsQuery.MAX_LIMIT
                                                        + "; " + CorrectionsQuery.DEFAULT_LIMIT + " when absent")
                                                .schema(new StringSchema()),
                                        cursor()),
                                "400",
                                "A broken link to older corrections"))
                .addPathItem(
                        "/areas/{area}",
                        page(
                                "areaPage",
                                "An area's stories, newest first",
                                List.of(
                                        path(
                                                "area",
                                                "The area's key; another spelling of its name is redirected (301) "
                                                        + "to it"),
                                        cursor()),
                                "404",
                                "Neither an area the outlet covers nor one a story was published in",
                                "400",
                                "A broken link to older stories",
                                "301",
                                "Moved to the area's key"))
                .addPathItem(
                        "/categories/{category}",
                        page(
                                "categoryPage",
                                "A category's stories, newest first",
                                List.of(
                                        path(
                                                "category",
                                                "The category's key; another spelling is redirected (301) to it"),
                                        cursor()),
                                "404",
                                "Neither a category the outlet lists nor one a story was published in",
                                "400",
                                "A broken link to older stories",
                                "301",
                                "Moved to the category's key"))
                .addPathItem(
                        "/search",
                        page(
                                "searchPage",
                                "The search: a form, and the best matches first",
                                List.of(
                                        new Parameter()
                                                .in("query")
                                                .name("q")
                                                .required(false)
                                                .description("Words to look for; case and accents do not matter")
                                                .schema(new StringSchema()),
                                        cursor()),
                                "400",
                                "A broken link to more matches"))
                .addPathItem(
                        DevelopersPageController.PATH,
                        page(
                                "developersPage",
                                "This description as a page to read: every endpoint, its parameters and answers",
                                List.of()))
                .addPathItem(
                        "/sitemap.xml",
                        operation(
                                "sitemap",
                                "The sitemap (sitemaps.org) of the front page, areas, categories and stories",
                                List.of(),
                                "The sitemap",
                                content("application/xml")));
    }

    /** A page's operation: 200 and 304 always, then pairs of status and description. */
    private static PathItem page(String id, String summary, List<Parameter> parameters, String... statuses) {
        PathItem page = operation(id, summary, parameters, "The page", content("text/html"));
        for (int i = 0; i < statuses.length; i += 2) {
            ApiResponse response = new ApiResponse().description(statuses[i + 1]);
            if (!statuses[i].startsWith("3")) {
                response.content(content("text/html"));
            }
            page.getGet().getResponses().addApiResponse(statuses[i], response);
        }
        return page;
    }

    /** An operation answering 200 with its content, or 304. */
    private static PathItem operation(
            String id, String summary, List<Parameter> parameters, String answer, Content content) {
        ApiResponses responses = new ApiResponses()
                .addApiResponse("200", new ApiResponse().description(answer).content(content))
                .addApiResponse("304", new ApiResponse().description("Not modified"));
        return new PathItem()
                .get(new Operation()
                        .operationId(id)
                        .summary(summary)
                        .addTagsItem(TAG)
                        .parameters(parameters)
                        .responses(responses));
    }

    private static Content content(String type) {
        return new Content().addMediaType(type, new MediaType().schema(new StringSchema()));
    }

    private static Parameter cursor() {
        return new Parameter()
                .in("query")
                .name("cursor")
                .required(false)
                .description("Where the list goes on, from the page's own link")
                .schema(new StringSchema());
    }

    private static Parameter path(String name, String description) {
        return new Parameter()
                .in("path")
                .name(name)
                .required(true)
                .description(description)
                .schema(new StringSchema());
    }
}
