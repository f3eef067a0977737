package org.newsdesk.endtoend.crash;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Newsdesk's public HTTP API as a resident, a moderator and a reader use it, with nothing but
 * {@code java.net.http}. A call that gets no answer at all throws {@link IOException}: for the
 * crash test that means the run is gone, and whatever was asked was never acknowledged.
 */
final class NewsdeskApi {

    static final String MODERATOR = "moderator";

    /** The embedded run's local default, which it falls back to without NEWSDESK_MODERATOR_PASSWORD. */
    static final String MODERATOR_PASSWORD = "moderator";

    record AcceptedTip(String tipId, String receipt) {}

    /**
     * What the receipt says; {@code httpStatus} 404 if the receipt is unknown.
     *
     * @param contactDetails {@code ERASED} once the resident's contact details were erased
     */
    record ReceiptAnswer(int httpStatus, String status, String storyUrl, String reason, String contactDetails) {

        boolean decided() {
            return "IN_REVIEW".equals(status)
                    || "PUBLISHED".equals(status)
                    || "DECLINED".equals(status)
                    || "WITHDRAWN".equals(status);
        }
    }

    record Story(String id, String slug) {}

    /** A decision's answer: its HTTP status and, for a tip claimed by someone else, who holds it. */
    record DecisionAnswer(int httpStatus, String claimHolder) {}

    /** What a reader gets at a story's address: 200 with its corrections' notes, 404, or 410 once retracted. */
    record StoryAnswer(int httpStatus, String id, List<String> correctionNotes) {}

    private final JsonMapper json = JsonMapper.builder().build();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String submission;
    private final String moderation;
    private final String publishing;
    /** HTTP Basic credentials of the moderator this client signs in as. */
    private final String moderatorCredentials;

    /** Every answer by HTTP status, {@code 0} for none (refused, reset, timed out): what clients met. */
    private final Map<Integer, AtomicInteger> answers = new ConcurrentHashMap<>();
    /** The calls that got no answer, each with what happened and after how long. */
    private final List<String> unanswered = new CopyOnWriteArrayList<>();

    NewsdeskApi(EmbeddedRun.Ports ports) {
        this(
                "http://127.0.0.1:" + ports.submission(),
                "http://127.0.0.1:" + ports.moderation(),
                "http://127.0.0.1:" + ports.publishing());
    }

    NewsdeskApi(String submission, String moderation, String publishing) {
        this(submission, moderation, publishing, MODERATOR + ":" + MODERATOR_PASSWORD);
    }

    private NewsdeskApi(String submission, String moderation, String publishing, String moderatorCredentials) {
        this.submission = submission;
        this.moderation = moderation;
        this.publishing = publishing;
        this.moderatorCredentials = moderatorCredentials;
    }

    /** The same instances, as another moderator; its answers are counted apart. */
    NewsdeskApi signedInAs(String moderator, String password) {
        return new NewsdeskApi(submission, moderation, publishing, moderator + ":" + password);
    }

    /** The calls that got no answer so far: method, path, what happened and when. */
    List<String> unanswered() {
        return List.copyOf(unanswered);
    }

    /** How many answers of each HTTP status this client met ({@code 0}: none), since the last call. */
    Map<Integer, Integer> answersSinceLastAsked() {
        Map<Integer, Integer> counted = new TreeMap<>();
        answers.forEach((status, count) -> counted.put(status, count.getAndSet(0)));
        counted.values().removeIf(count -> count == 0);
        return counted;
    }

    /** The tip's id and receipt if it was accepted (202), empty for any other answer. */
    Optional<AcceptedTip> submitTip(String headline, String body, String area) throws IOException {
        return submitTip(headline, body, area, null);
    }

    /** As {@link #submitTip(String, String, String)}, from a resident who leaves their name and email. */
    Optional<AcceptedTip> submitTip(String headline, String body, String area, String name) throws IOException {
        Map<String, String> tip = new LinkedHashMap<>();
        tip.put("headline", headline);
        tip.put("body", body);
        tip.put("area", area);
        if (name != null) {
            tip.put("name", name);
            tip.put("email", name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]", ".") + "@example.org");
        }
        HttpResponse<String> response = send(post(submission + "/api/tips", tip));
        if (response.statusCode() != 202) {
            return Optional.empty();
        }
        JsonNode accepted = json.readTree(response.body());
        return Optional.of(new AcceptedTip(
                accepted.get("tipId").asString(), accepted.get("receipt").asString()));
    }

    /** The ids of every tip in the moderators' queue, following {@code next} for as long as there is one. */
    List<String> queuedTipIds() throws IOException {
        List<String> ids = new ArrayList<>();
        String cursor = "";
        do {
            HttpResponse<String> response = send(asModerator(HttpRequest.newBuilder(
                            URI.create(moderation + "/api/queue?limit=100&cursor=" + encode(cursor))))
                    .GET()
                    .build());
            expect(200, response);
            JsonNode queue = json.readTree(response.body());
            queue.get("items").forEach(item -> ids.add(item.get("tipId").asString()));
            cursor = text(queue, "next");
        } while (cursor != null);
        return ids;
    }

    /** The HTTP status of a decision: 200 when it was recorded, 409 when the tip was decided already. */
    int decide(String tipId, String outcome, String reason) throws IOException {
        return decision(tipId, outcome, reason).httpStatus();
    }

    /** A decision, with who holds the tip's claim when that is why it was refused (409). */
    DecisionAnswer decision(String tipId, String outcome, String reason) throws IOException {
        Map<String, String> decision = new LinkedHashMap<>();
        decision.put("outcome", outcome);
        if (reason != null) {
            decision.put("reason", reason);
        }
        HttpResponse<String> response =
                send(asModerator(postJson(moderation + "/api/tips/" + tipId + "/decision", decision))
                        .build());
        String holder = response.statusCode() == 409 ? text(json.readTree(response.body()), "holder") : null;
        return new DecisionAnswer(response.statusCode(), holder);
    }

    /** Claims the tip for this client's moderator; who holds the claim afterwards. */
    String claim(String tipId) throws IOException {
        HttpResponse<String> response =
                send(asModerator(HttpRequest.newBuilder(URI.create(moderation + "/api/tips/" + tipId + "/claim")))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build());
        expect(200, response);
        return text(json.readTree(response.body()), "holder");
    }

    /** An editor's correction that adds a public note and leaves the text as it is; its HTTP status. */
    int correct(String tipId, String note) throws IOException {
        return send(asModerator(postJson(moderation + "/api/tips/" + tipId + "/correction", Map.of("note", note)))
                        .build())
                .statusCode();
    }

    /** An editor's retraction; its HTTP status (409 once retracted). */
    int retract(String tipId, String reason) throws IOException {
        return send(asModerator(postJson(moderation + "/api/tips/" + tipId + "/retraction", Map.of("reason", reason)))
                        .build())
                .statusCode();
    }

    /** The resident withdraws their tip: 200 when withdrawn, 409 once decided. */
    int withdraw(String receipt) throws IOException {
        return send(post(submission + "/api/tips/" + encode(receipt) + "/withdrawal", Map.of()))
                .statusCode();
    }

    /** The resident erases their contact details: 200 when erased (or erased already). */
    int erase(String receipt) throws IOException {
        return send(post(submission + "/api/tips/" + encode(receipt) + "/erasure", Map.of()))
                .statusCode();
    }

    /** Whether the moderators' service knows the tip's contact details were erased. */
    boolean moderatorsKnowContactErased(String tipId) throws IOException {
        HttpResponse<String> response =
                send(asModerator(HttpRequest.newBuilder(URI.create(moderation + "/api/tips/" + tipId)))
                        .GET()
                        .build());
        expect(200, response);
        JsonNode erasure = json.readTree(response.body()).path("submission").path("contactErasure");
        return !erasure.isMissingNode() && !erasure.isNull();
    }

    ReceiptAnswer receipt(String receipt) throws IOException {
        HttpResponse<String> response =
                send(HttpRequest.newBuilder(URI.create(submission + "/api/tips/" + encode(receipt)))
                        .GET()
                        .build());
        if (response.statusCode() != 200) {
            return new ReceiptAnswer(response.statusCode(), null, null, null, null);
        }
        JsonNode answer = json.readTree(response.body());
        return new ReceiptAnswer(
                200,
                text(answer, "status"),
                text(answer, "storyUrl"),
                text(answer, "reason"),
                text(answer, "contactDetails"));
    }

    /** The story a reader gets at this slug, or empty if there is none. */
    Optional<Story> story(String slug) throws IOException {
        HttpResponse<String> response =
                send(HttpRequest.newBuilder(URI.create(publishing + "/api/stories/" + encode(slug)))
                        .GET()
                        .build());
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        expect(200, response);
        return Optional.of(story(json.readTree(response.body())));
    }

    StoryAnswer storyAnswer(String slug) throws IOException {
        HttpResponse<String> response =
                send(HttpRequest.newBuilder(URI.create(publishing + "/api/stories/" + encode(slug)))
                        .GET()
                        .build());
        if (response.statusCode() != 200) {
            return new StoryAnswer(response.statusCode(), null, List.of());
        }
        JsonNode story = json.readTree(response.body());
        List<String> notes = new ArrayList<>();
        JsonNode corrections = story.get("corrections");
        if (corrections != null) {
            corrections.forEach(correction -> notes.add(correction.get("note").asString()));
        }
        return new StoryAnswer(200, story.get("id").asString(), notes);
    }

    /** Every published story, page by page, as a reader's app would fetch them all. */
    List<Story> allStories() throws IOException {
        List<Story> stories = new ArrayList<>();
        String cursor = "";
        do {
            HttpResponse<String> response = send(
                    HttpRequest.newBuilder(URI.create(publishing + "/api/stories?limit=100&cursor=" + encode(cursor)))
                            .GET()
                            .build());
            expect(200, response);
            JsonNode page = json.readTree(response.body());
            page.get("items").forEach(item -> stories.add(story(item)));
            cursor = text(page, "next");
        } while (cursor != null);
        return stories;
    }

    private static Story story(JsonNode story) {
        return new Story(story.get("id").asString(), story.get("slug").asString());
    }

    private HttpRequest post(String url, Map<String, String> body) {
        return postJson(url, body).build();
    }

    private HttpRequest.Builder postJson(String url, Map<String, String> body) {
        return HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
    }

    private HttpRequest.Builder asModerator(HttpRequest.Builder request) {
        return request.header(
                "Authorization",
                "Basic " + Base64.getEncoder().encodeToString(moderatorCredentials.getBytes(StandardCharsets.UTF_8)));
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException {
        HttpRequest bounded = HttpRequest.newBuilder(request, (name, value) -> true)
                .header("Accept", "application/json")
                .timeout(Duration.ofSeconds(10))
                .build();
        Instant sentAt = Instant.now();
        long sent = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(bounded, HttpResponse.BodyHandlers.ofString());
            answers.computeIfAbsent(response.statusCode(), status -> new AtomicInteger())
                    .incrementAndGet();
            return response;
        } catch (IOException noAnswer) {
            answers.computeIfAbsent(0, status -> new AtomicInteger()).incrementAndGet();
            unanswered.add(request.method() + " " + request.uri().getPath() + ": "
                    + noAnswer.getClass().getSimpleName() + " after " + (System.nanoTime() - sent) / 1_000_000
                    + " ms, sent at " + sentAt);
            throw noAnswer;
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted", ex);
        }
    }

    private static void expect(int status, HttpResponse<String> response) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(response.request().method() + " "
                    + response.request().uri() + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return (value == null || value.isNull()) ? null : value.asString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
