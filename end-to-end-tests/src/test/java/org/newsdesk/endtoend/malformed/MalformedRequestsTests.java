package org.newsdesk.endtoend.malformed;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsdesk.endtoend.ModeratorSession;
import org.newsdesk.endtoend.NewsdeskDistribution;
import org.newsdesk.endtoend.ServiceLines;
import org.newsdesk.endtoend.malformed.HostileRequests.Hostile;
import org.newsdesk.endtoend.malformed.HostileRequests.Target;
import org.newsdesk.launcher.LocalKafkaBroker;
import org.newsdesk.launcher.LocalMongoServer;
import org.newsdesk.launcher.NewsdeskServices;
import org.newsdesk.launcher.NewsdeskServices.Service;
import org.newsdesk.testsupport.FreePorts;
import tools.jackson.databind.json.JsonMapper;

/**
 * Thousands of malformed requests, drawn from a logged seed, over every endpoint of the three
 * services as they run from their jars: each is answered, and with a 4xx, never a 5xx; an API's
 * refusal is problem details. Replay a run with {@code -Dnewsdesk.malformed.seed=...}; send more
 * with {@code -Dnewsdesk.malformed.requests=10000}.
 */
class MalformedRequestsTests {

    private static final String MODERATOR_PASSWORD = "a-long-malformed-requests-password";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final Pattern PLAIN_HEADER_VALUE = Pattern.compile("^[\\x20-\\x7E\\t]*$");

    @TempDir
    static Path dataDir;

    private static LocalKafkaBroker kafka;
    private static LocalMongoServer mongo;
    private static NewsdeskServices services;
    private static final ServiceLines lines = new ServiceLines();

    @BeforeAll
    static void startNewsdesk() {
        kafka = LocalKafkaBroker.start(dataDir, FreePorts.loopback(), FreePorts.loopback());
        mongo = LocalMongoServer.start(dataDir, 0);
        NewsdeskServices.Starter starter = NewsdeskServices.against(kafka.bootstrapServers(), mongo.connectionString())
                .servicesDirectory(NewsdeskDistribution.servicesDirectory())
                .randomPorts()
                .output(lines.stream());
        services = starter.property(Service.MODERATION, "newsdesk.moderator.password", MODERATOR_PASSWORD)
                // As the embedded run gives the services their master key for sealing contact details.
                .property(
                        "newsdesk.privacy.key-file",
                        dataDir.resolve("privacy.key").toString())
                // Every request comes from here: limits would answer 429 where the request's own problem should show.
                .property(Service.SUBMISSION, "newsdesk.submission.tip-rate-limit", "0")
                .property(Service.SUBMISSION, "newsdesk.submission.receipt-guesses", "0")
                .start();
    }

    @AfterAll
    static void stopNewsdesk() {
        if (services != null) {
            services.close();
        }
        if (mongo != null) {
            mongo.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void everyMalformedRequestIsAnsweredWithA4xx() throws Exception {
        // Given three services with a few real tips to aim at, and a moderator signed in on the pages
        long seed = Long.getLong("newsdesk.malformed.seed", System.nanoTime());
        int count = Integer.getInteger("newsdesk.malformed.requests", 2_000);
        System.out.println("Malformed requests: seed " + seed + ", " + count + " requests");
        HostileRequests hostile = new HostileRequests(
                new Random(seed),
                new Target("submission", services.submission().port(), Map.of()),
                new Target("moderation", services.moderation().port(), RawHttp.basic("moderator", MODERATOR_PASSWORD)),
                signedInPages(),
                new Target("publishing", services.publishing().port(), Map.of()),
                realTipIds());

        // When a careless client sends them, a few at a time
        List<Hostile> requests = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            requests.add(hostile.next());
        }
        ExecutorService clients = Executors.newFixedThreadPool(4);
        List<Future<RawHttp.Answer>> answers = new ArrayList<>();
        try {
            for (Hostile request : requests) {
                answers.add(clients.submit(() -> RawHttp.send(request)));
            }
            // Then every one is answered, none with a server error, and an API's refusal is problem details
            Map<Integer, Integer> byStatus = new TreeMap<>();
            List<String> failures = new ArrayList<>();
            for (int i = 0; i < requests.size(); i++) {
                Hostile request = requests.get(i);
                RawHttp.Answer answer;
                try {
                    answer = answers.get(i).get();
                } catch (java.util.concurrent.ExecutionException unanswered) {
                    failures.add("no answer: " + request.description() + ": " + unanswered.getCause());
                    continue;
                }
                byStatus.merge(answer.status(), 1, Integer::sum);
                if (answer.status() >= 500) {
                    failures.add(answer.status() + ": " + request.description());
                } else if (answer.status() >= 400
                        && expectsProblemDetails(request)
                        && (answer.contentType() == null
                                || !answer.contentType().startsWith("application/problem+json"))) {
                    failures.add(answer.status() + " as " + answer.contentType() + ": " + request.description());
                }
            }
            System.out.println("Malformed requests answered: " + byStatus);
            assertThat(failures).as("seed " + seed).isEmpty();
            // And the framework's warnings about them (a receipt lookup it cannot decode is quoted with its request
            // line) name neither the client nor the receipt code aimed at
            assertThat(lines.text())
                    .as("seed " + seed)
                    .doesNotContain("127.0.0.1")
                    .doesNotContain(HostileRequests.RECEIPT_CODE)
                    .doesNotContain(HostileRequests.RECEIPT_CODE.replace("-", ""));
        } finally {
            clients.shutdownNow();
        }
    }

    /**
     * An API's refusal is problem details for a client that can read them. A request the HTTP
     * server itself refuses (a target that is not even a URI, a header value with control or
     * non-ASCII characters) never reaches the application: it gets a bare 400 from the server.
     */
    private static boolean expectsProblemDetails(Hostile request) {
        String accept = request.headers().getOrDefault("Accept", "*/*");
        boolean readsProblems =
                List.of("*/*", "application/json", "application/problem+json").contains(accept);
        boolean plainHeaders = request.headers().values().stream().allMatch(PLAIN_HEADER_VALUE.asPredicate());
        return request.requestTarget().startsWith("/api/")
                && !"HEAD".equals(request.method())
                && readsProblems
                && isUri(request.requestTarget())
                && plainHeaders;
    }

    private static boolean isUri(String requestTarget) {
        try {
            URI.create(requestTarget);
            return true;
        } catch (IllegalArgumentException notAUri) {
            return false;
        }
    }

    /** A session on the moderators' pages, and its CSRF token, as a browser holds them. */
    private static Target signedInPages() throws Exception {
        ModeratorSession moderator =
                ModeratorSession.signIn(services.moderation().baseUrl(), "moderator", MODERATOR_PASSWORD);
        return new Target(
                "moderation pages",
                services.moderation().port(),
                Map.of(
                        "Cookie",
                        ModeratorSession.SESSION_COOKIE + "=" + moderator.session(),
                        "_csrf",
                        moderator.csrf()));
    }

    /** Tips in the moderators' queue, so that requests about tips reach more than "unknown tip". */
    private static List<String> realTipIds() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        List<String> tipIds = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String answer = http.send(
                            HttpRequest.newBuilder(
                                            URI.create(services.submission().baseUrl() + "/api/tips"))
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString("{\"headline\": \"Malformed requests " + i
                                            + "\", \"body\": \"A tip for hostile requests to aim at.\"}"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            tipIds.add(JSON.readTree(answer).get("tipId").asString());
        }
        return tipIds;
    }
}
