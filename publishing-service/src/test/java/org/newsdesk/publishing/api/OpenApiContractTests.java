package org.newsdesk.publishing.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.newsdesk.publishing.Decisions;
import org.newsdesk.publishing.PublishingIntegrationTest;
import org.newsdesk.publishing.story.Story;
import org.newsdesk.publishing.story.StoryDraft;
import org.newsdesk.publishing.story.StoryRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.reactive.result.method.RequestMappingInfo;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The OpenAPI description at {@code /v3/api-docs} is what other sites build on, so it must say
 * what the code does: every endpoint of this service is in it with exactly its parameters, and
 * real answers, good and bad, have a status the description lists and a body that validates
 * against the schema it gives for that status.
 */
@PublishingIntegrationTest
class OpenApiContractTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    WebTestClient web;

    @Autowired
    StoryRepository stories;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    JsonNode description;

    @BeforeEach
    void fetchTheDescription() throws Exception {
        byte[] body = web.get()
                .uri("/v3/api-docs")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody()
                .returnResult()
                .getResponseBody();
        description = JSON.readTree(body);
        // Kept for people to read: what other sites see.
        Files.createDirectories(Path.of("target"));
        Files.write(
                Path.of("target/api-docs.json"),
                JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(description));
    }

    @Test
    void everyEndpointIsDescribedWithExactlyItsParameters() {
        // Given every GET handler of this service
        Set<String> handled = new TreeSet<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> mapping :
                mappings.getHandlerMethods().entrySet()) {
            HandlerMethod handler = mapping.getValue();
            if (!handler.getBeanType().getPackageName().startsWith("org.newsdesk.publishing")) {
                continue;
            }
            Set<RequestMethod> methods = mapping.getKey().getMethodsCondition().getMethods();
            assertThat(methods).as("%s answers GET only", handler).containsOnly(RequestMethod.GET);
            for (PathPattern pattern : mapping.getKey().getPatternsCondition().getPatterns()) {
                String path = pattern.getPatternString();
                handled.add(path);

                // When the description is looked up for it
                JsonNode operation = description.path("paths").path(path).path("get");

                // Then it is there, with the handler's parameters, each where the handler takes it
                assertThat(operation.isMissingNode())
                        .as("%s is described", path)
                        .isFalse();
                assertThat(described(operation)).as("parameters of %s", path).isEqualTo(parameters(handler));
                assertThat(operation.path("responses").has("200"))
                        .as("%s documents 200", path)
                        .isTrue();
                assertThat(operation.path("summary").asString(""))
                        .as("%s has a summary", path)
                        .isNotBlank();
            }
        }
        // And nothing is described that no handler answers
        Set<String> describedPaths = new TreeSet<>();
        description.path("paths").propertyNames().forEach(describedPaths::add);
        assertThat(describedPaths).isEqualTo(handled);
    }

    @Test
    void realAnswersHaveADescribedStatusAndMatchTheDescribedSchema() {
        // Given a story
        Story story = stories.store(new StoryDraft(
                        Decisions.newTipId(),
                        "Contract story",
                        "Checked by the contract.",
                        "Erewash",
                        "Roads",
                        Instant.now(),
                        Decisions.DECIDED_REVISION))
                .block();
        String etag = web.get()
                .uri("/api/stories/" + story.slug())
                .exchange()
                .returnResult(String.class)
                .getResponseHeaders()
                .getETag();

        // When clients ask for it in every way, right and wrong
        List<Call> calls = List.of(
                new Call("/api/stories", "/api/stories", null, 200),
                new Call("/api/stories?limit=2&area=erewash&category=roads", "/api/stories", null, 200),
                new Call("/api/stories?q=contract", "/api/stories", null, 200),
                new Call("/api/stories?limit=0&cursor=junk", "/api/stories", null, 400),
                new Call("/api/stories?limit=99999999999", "/api/stories", null, 400),
                new Call("/api/stories?area=!!!", "/api/stories", null, 400),
                new Call("/api/stories/" + story.slug(), "/api/stories/{slug}", null, 200),
                new Call("/api/stories/" + story.slug(), "/api/stories/{slug}", etag, 304),
                new Call("/api/stories/no-such-story", "/api/stories/{slug}", null, 404),
                new Call("/feed.atom", "/feed.atom", null, 200),
                new Call("/areas/erewash/feed.atom", "/areas/{area}/feed.atom", null, 200),
                new Call("/areas/nowhere-at-all/feed.atom", "/areas/{area}/feed.atom", null, 404),
                new Call("/categories/roads/feed.atom", "/categories/{category}/feed.atom", null, 200),
                new Call("/categories/nothing-at-all/feed.atom", "/categories/{category}/feed.atom", null, 404),
                new Call("/", "/", null, 200),
                new Call("/?cursor=junk", "/", null, 400),
                new Call("/stories/" + story.slug(), "/stories/{slug}", null, 200),
                new Call("/stories/no-such-story", "/stories/{slug}", null, 404),
                new Call("/areas/erewash", "/areas/{area}", null, 200),
                new Call("/areas/Erewash", "/areas/{area}", null, 301),
                new Call("/areas/nowhere-at-all", "/areas/{area}", null, 404),
                new Call("/categories/roads", "/categories/{category}", null, 200),
                new Call("/categories/nothing-at-all", "/categories/{category}", null, 404),
                new Call("/search?q=contract", "/search", null, 200),
                new Call("/search?q=contract&cursor=junk", "/search", null, 400),
                new Call("/photos/not-a-photo", "/photos/{id}", null, 404),
                new Call("/photos/000000000000000000000000", "/photos/{id}", null, 404),
                new Call("/sitemap.xml", "/sitemap.xml", null, 200),
                new Call("/robots.txt", "/robots.txt", null, 200));

        // Then each answer's status is one its operation lists, and a JSON body validates
        for (Call call : calls) {
            WebTestClient.RequestHeadersSpec<?> request = web.get().uri(call.uri());
            if (call.ifNoneMatch() != null) {
                request = request.header(HttpHeaders.IF_NONE_MATCH, call.ifNoneMatch());
            }
            EntityExchangeResult<byte[]> answer =
                    request.exchange().expectBody().returnResult();
            int status = answer.getStatus().value();
            assertThat(status).as("status of %s", call.uri()).isEqualTo(call.status());
            JsonNode response = description
                    .path("paths")
                    .path(call.path())
                    .path("get")
                    .path("responses")
                    .path(String.valueOf(status));
            assertThat(response.isMissingNode())
                    .as("%s of %s is described", status, call.uri())
                    .isFalse();
            MediaType type = answer.getResponseHeaders().getContentType();
            if (type == null || answer.getResponseBody() == null) {
                assertThat(response.path("content").size())
                        .as("%s of %s has no body", status, call.uri())
                        .isZero();
                continue;
            }
            JsonNode content = content(response, type);
            assertThat(content)
                    .as("%s of %s describes %s", status, call.uri(), type)
                    .isNotNull();
            if (type.getSubtype().endsWith("json")) {
                List<Error> errors = schema(content.path("schema")).validate(JSON.readTree(answer.getResponseBody()));
                assertThat(errors)
                        .as("%s of %s against %s", status, call.uri(), content.path("schema"))
                        .isEmpty();
            }
        }
    }

    private record Call(String uri, String path, String ifNoneMatch, int status) {}

    /** The described content for an answer's type: exactly it, or a wildcard covering it. */
    private static JsonNode content(JsonNode response, MediaType type) {
        for (String described : response.path("content").propertyNames()) {
            if (MediaType.parseMediaType(described).isCompatibleWith(type)) {
                return response.path("content").path(described);
            }
        }
        return null;
    }

    /** A response schema with the description's components beside it, so its $refs resolve. */
    private Schema schema(JsonNode schema) {
        ObjectNode standalone = ((ObjectNode) schema).deepCopy();
        standalone.set("components", description.path("components"));
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(standalone);
    }

    private static Set<String> described(JsonNode operation) {
        Set<String> parameters = new TreeSet<>();
        operation
                .path("parameters")
                .forEach(parameter -> parameters.add(parameter.path("in").asString() + ":"
                        + parameter.path("name").asString()));
        return parameters;
    }

    private static Set<String> parameters(HandlerMethod handler) {
        Set<String> parameters = new TreeSet<>();
        for (MethodParameter parameter : handler.getMethodParameters()) {
            parameter.initParameterNameDiscovery(new org.springframework.core.DefaultParameterNameDiscoverer());
            RequestParam query = parameter.getParameterAnnotation(RequestParam.class);
            PathVariable path = parameter.getParameterAnnotation(PathVariable.class);
            if (parameter.getParameterType().isRecord()) {
                // A query record bound by the framework: each of its components is a query parameter.
                for (RecordComponent component : parameter.getParameterType().getRecordComponents()) {
                    parameters.add("query:" + component.getName());
                }
            }
            if (query != null) {
                parameters.add("query:" + (query.name().isEmpty() ? parameter.getParameterName() : query.name()));
            }
            if (path != null) {
                parameters.add("path:" + (path.name().isEmpty() ? parameter.getParameterName() : path.name()));
            }
        }
        return parameters;
    }

    @SuppressWarnings("unused")
    private static String names(Set<String> set) {
        return set.stream().collect(Collectors.joining(", "));
    }
}
