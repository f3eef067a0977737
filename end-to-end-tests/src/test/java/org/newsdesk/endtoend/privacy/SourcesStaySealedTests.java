package org.newsdesk.endtoend.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsdesk.endtoend.ModeratorSession;
import org.newsdesk.endtoend.NewsdeskDistribution;
import org.newsdesk.endtoend.TipFormPages;
import org.newsdesk.launcher.LocalKafkaBroker;
import org.newsdesk.launcher.LocalMongoServer;
import org.newsdesk.launcher.NewsdeskServices;
import org.newsdesk.launcher.NewsdeskServices.Service;
import org.newsdesk.testsupport.FreePorts;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;

/**
 * A resident's contact details and photo, each carrying a marker of its own, sent through the form
 * and the API to the three services from their jars on the embedded run's real parts; then the raw
 * bytes of everything they keep on disk (every Kafka log segment, dead-letter topics included, and
 * the embedded store's file) are read: the moderator's tip page shows the details, the disk holds
 * none of them. After the resident erases one tip's details and the retention period erases the
 * other's, the moderator's page says so, a rebuild of every read model from the log has no way to
 * them, and the disk still holds no marker.
 */
class SourcesStaySealedTests {

    private static final String MODERATOR_PASSWORD = "a-long-sealed-sources-password";
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT =
            new ParameterizedTypeReference<>() {};

    @TempDir
    static Path dataDir;

    private static LocalKafkaBroker kafka;
    private static LocalMongoServer mongo;
    private static NewsdeskServices services;

    /** What one resident gave, each part a marker nothing else on the disk could hold by chance. */
    record Source(String headline, String name, String email, String phone, String photoMarker, String fileName) {

        static Source marked(String via) {
            String token = token();
            return new Source(
                    "Sealed sources check " + via + " " + token,
                    "Nell " + token,
                    "nell." + token.toLowerCase(Locale.ROOT) + "@example.org",
                    "0770" + ThreadLocalRandom.current().nextInt(1_000_000, 10_000_000),
                    "PHOTO-" + token,
                    "nell-" + token.toLowerCase(Locale.ROOT) + ".jpg");
        }

        /** Every personal part, as given: none may be on the disk. The headline is not personal. */
        List<String> personal() {
            return List.of(name, email, phone, photoMarker, fileName);
        }
    }

    @BeforeAll
    static void startNewsdesk() {
        kafka = LocalKafkaBroker.start(dataDir, FreePorts.loopback(), FreePorts.loopback());
        mongo = LocalMongoServer.start(dataDir, 0);
        services = NewsdeskServices.against(kafka.bootstrapServers(), mongo.connectionString())
                .servicesDirectory(NewsdeskDistribution.servicesDirectory())
                .randomPorts()
                .property(Service.MODERATION, "newsdesk.moderator.password", MODERATOR_PASSWORD)
                .property(
                        "newsdesk.privacy.key-file",
                        dataDir.resolve("privacy.key").toString())
                // A declined tip's details go a few seconds after the decision, not 30 days: the
                // retention sweep as it runs in production, on a clock this test can wait for.
                .property(Service.SUBMISSION, "newsdesk.retention.declined", "PT3S")
                .property(Service.SUBMISSION, "newsdesk.retention.sweep-every", "PT2S")
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
    void contactDetailsAndPhotosAreSealedOnDiskShownToModeratorsAndGoneForGoodOnceErased() throws Exception {
        // Given a resident who sends a tip through the form and another through the API, each with
        // their name, email, phone and a photo carrying markers (the photo's in its metadata and its file name)
        Source byForm = Source.marked("form");
        Source byApi = Source.marked("api");
        String formReceipt = sendThroughTheForm(byForm);
        Map<String, Object> apiAccepted = sendThroughTheApi(byApi);
        String apiReceipt = (String) apiAccepted.get("receipt");
        String apiTipId = (String) apiAccepted.get("tipId");
        String formTipId = awaitInTheQueue(byForm.headline());
        awaitInTheQueue(byApi.headline());

        // When a moderator opens each tip
        ModeratorSession moderator =
                ModeratorSession.signIn(services.moderation().baseUrl(), "moderator", MODERATOR_PASSWORD);

        // Then the tip page shows the details as the resident typed them
        for (var tip : Map.of(formTipId, byForm, apiTipId, byApi).entrySet()) {
            String page = moderator.get("/tips/" + tip.getKey()).body();
            assertThat(page)
                    .contains(
                            tip.getValue().name(),
                            tip.getValue().email(),
                            tip.getValue().phone());
        }

        // And the disk holds the tips (their headlines are on it) but not one personal marker
        List<String> everyMarker = new ArrayList<>(byForm.personal());
        everyMarker.addAll(byApi.personal());
        awaitOnDisk(byForm.headline(), byApi.headline());
        assertThat(markersOnDisk(everyMarker))
                .as("personal markers in the raw bytes on disk")
                .isEmpty();

        // When the form's resident erases their details, and the API's tip is declined and its
        // retention period runs out
        submission()
                .post()
                .uri("/api/tips/{receipt}/erasure", formReceipt)
                .exchange()
                .expectStatus()
                .isOk();
        moderation()
                .post()
                .uri("/api/tips/{tipId}/decision", apiTipId)
                .headers(headers -> headers.setBasicAuth("moderator", MODERATOR_PASSWORD))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("outcome", "REJECTED", "reason", "We could not confirm it."))
                .exchange()
                .expectStatus()
                .isOk();
        await("the retention sweep to erase the declined tip's details")
                .atMost(PATIENCE)
                .until(() -> "ERASED".equals(receipt(apiReceipt).get("contactDetails")));

        // Then the moderator's page says they were erased, and by whom, where they were
        await().atMost(PATIENCE).untilAsserted(() -> {
            String erasedByResident = moderator.get("/tips/" + formTipId).body();
            assertThat(erasedByResident)
                    .contains("id=\"contact-erased\"", "at the resident's request")
                    .doesNotContain(byForm.name(), byForm.email());
            String erasedByRetention = moderator.get("/tips/" + apiTipId).body();
            assertThat(erasedByRetention)
                    .contains("id=\"contact-erased\"", "when the retention period ran out")
                    .doesNotContain(byApi.name(), byApi.email());
        });
        // And the tips' data keys are gone from the key store, the only place they ever were
        assertThat(dataKeys(formTipId, apiTipId)).isEmpty();

        // When every read model is rebuilt from the log into a database of its own
        for (Service service : Service.values()) {
            rebuild(service);
        }

        // Then the rebuilt moderation store knows both were erased and keeps no sealed copy to open
        List<Document> rebuilt = documents("newsdesk-moderation-rebuilt", "tips", formTipId, apiTipId);
        assertThat(rebuilt).hasSize(2).allSatisfy(tip -> {
            Document submission = tip.get("submission", Document.class);
            assertThat(submission.get("sealedContact")).isNull();
            assertThat(submission.get("contact")).isNull();
        });
        // And still no marker anywhere on the disk, the rebuilt stores included
        awaitOnDisk("newsdesk-moderation-rebuilt");
        assertThat(markersOnDisk(everyMarker))
                .as("personal markers on disk after erasure and rebuild")
                .isEmpty();
    }

    private String sendThroughTheForm(Source source) {
        MultipartBodyBuilder form = new MultipartBodyBuilder();
        form.part("formToken", formToken());
        form.part("headline", source.headline());
        form.part("body", "The footbridge over the canal at Sandiacre has been closed since Monday.");
        form.part("area", "Sandiacre");
        form.part("category", "Roads and transport");
        form.part("name", source.name());
        form.part("email", source.email());
        form.part("phone", source.phone());
        form.part("contactConsent", "yes");
        form.part("photos", photo(source)).contentType(MediaType.IMAGE_JPEG);
        String page = submission()
                .post()
                .uri("/tips")
                .accept(MediaType.TEXT_HTML)
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .bodyValue(form.build())
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        return TipFormPages.receiptOn(page);
    }

    private Map<String, Object> sendThroughTheApi(Source source) {
        MultipartBodyBuilder body = new MultipartBodyBuilder();
        body.part(
                        "tip",
                        Map.of(
                                "headline", source.headline(),
                                "body", "Water has been coming up through the road by the school since dawn.",
                                "area", "Long Eaton",
                                "name", source.name(),
                                "email", source.email(),
                                "phone", source.phone()))
                .contentType(MediaType.APPLICATION_JSON);
        body.part("photos", photo(source)).contentType(MediaType.IMAGE_JPEG);
        return submission()
                .post()
                .uri("/api/tips")
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .bodyValue(body.build())
                .exchange()
                .expectStatus()
                .isAccepted()
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody();
    }

    /** The tip's id, once the moderators' queue holds a tip with this headline. */
    @SuppressWarnings("unchecked")
    private String awaitInTheQueue(String headline) {
        return await("the tip in the moderators' queue")
                .atMost(PATIENCE)
                .until(
                        () -> {
                            Map<String, Object> queue = moderation()
                                    .get()
                                    .uri("/api/queue?limit=100")
                                    .headers(headers -> headers.setBasicAuth("moderator", MODERATOR_PASSWORD))
                                    .exchange()
                                    .expectStatus()
                                    .isOk()
                                    .expectBody(JSON_OBJECT)
                                    .returnResult()
                                    .getResponseBody();
                            return ((List<Map<String, Object>>) queue.get("items"))
                                    .stream()
                                            .filter(item -> headline.equals(item.get("headline")))
                                            .map(item -> (String) item.get("tipId"))
                                            .findFirst()
                                            .orElse(null);
                        },
                        tipId -> tipId != null);
    }

    private Map<String, Object> receipt(String receipt) {
        return submission()
                .get()
                .uri("/api/tips/{receipt}", receipt)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody();
    }

    /**
     * Until each text is in the raw bytes: proof that what is searched is where the services keep
     * their data, and that the embedded store has written it to its file (it writes shortly after
     * each change), so that finding no marker means something.
     */
    private static void awaitOnDisk(String... texts) {
        await("the data on disk")
                .atMost(PATIENCE)
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    for (String text : texts) {
                        assertThat(filesHolding(text))
                                .as("files holding %s", text)
                                .isNotEmpty();
                    }
                });
    }

    /** Each marker found, with the file it was found in: every Kafka segment and the store's file, byte by byte. */
    private static List<String> markersOnDisk(List<String> markers) throws IOException {
        List<String> found = new ArrayList<>();
        for (String marker : markers) {
            filesHolding(marker).forEach(file -> found.add(marker + " in " + dataDir.relativize(file)));
        }
        return found;
    }

    private static List<Path> filesHolding(String text) throws IOException {
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        List<Path> holding = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dataDir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                byte[] bytes;
                try {
                    bytes = Files.readAllBytes(file);
                } catch (IOException goneMeanwhile) {
                    // A segment index or temporary file deleted while the walk went by.
                    continue;
                }
                if (indexOf(bytes, needle) >= 0) {
                    holding.add(file);
                }
            }
        }
        return holding;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /**
     * The service's jar as its rebuild command, as the README tells an operator to run it: it reads
     * the topics from the beginning into an empty database of its own, then exits.
     */
    private static void rebuild(Service service) throws IOException, InterruptedException {
        String name = service.name().toLowerCase(Locale.ROOT);
        Path jar = NewsdeskDistribution.servicesDirectory().resolve(name + "-service.jar");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process rebuild = new ProcessBuilder(
                        java,
                        "-XX:TieredStopAtLevel=1",
                        "-jar",
                        jar.toString(),
                        "--newsdesk.rebuild=true",
                        "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                        "--spring.mongodb.uri=" + mongo.connectionString(),
                        "--spring.mongodb.database=newsdesk-" + name + "-rebuilt",
                        "--newsdesk.privacy.key-file=" + dataDir.resolve("privacy.key"),
                        "--newsdesk.moderator.password=" + MODERATOR_PASSWORD)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                .start();
        assertThat(rebuild.waitFor(3, TimeUnit.MINUTES))
                .as("the %s rebuild to end", name)
                .isTrue();
        assertThat(rebuild.exitValue()).as("the %s rebuild's exit code", name).isZero();
    }

    private static List<Document> documents(String database, String collection, String... ids) {
        try (MongoClient client = MongoClients.create(mongo.connectionString())) {
            return Flux.from(client.getDatabase(database)
                            .getCollection(collection)
                            .find(new Document("_id", new Document("$in", List.of(ids)))))
                    .collectList()
                    .block(PATIENCE);
        }
    }

    private static List<Document> dataKeys(String... tipIds) {
        return documents("newsdesk-privacy", "dataKeys", tipIds);
    }

    /** A phone's photo with the source's marker in a JPEG comment, sent under a file name that carries another. */
    private static ByteArrayResource photo(Source source) {
        byte[] original = resource("/photos/sideways-with-gps.jpg");
        byte[] comment = source.photoMarker().getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream marked = new ByteArrayOutputStream();
        // Start of image, then a COM segment (its length counts its own two bytes), then the rest as it was.
        marked.write(original, 0, 2);
        marked.write(0xFF);
        marked.write(0xFE);
        marked.write((comment.length + 2) >> 8);
        marked.write((comment.length + 2) & 0xFF);
        marked.writeBytes(comment);
        marked.write(original, 2, original.length - 2);
        return new ByteArrayResource(marked.toByteArray()) {
            @Override
            public String getFilename() {
                return source.fileName();
            }
        };
    }

    private String formToken() {
        return TipFormPages.formToken(submission());
    }

    private static WebTestClient submission() {
        return client(services.submission());
    }

    private static WebTestClient moderation() {
        return client(services.moderation());
    }

    private static WebTestClient client(NewsdeskServices.RunningService service) {
        return WebTestClient.bindToServer()
                .baseUrl(service.baseUrl())
                .responseTimeout(Duration.ofSeconds(20))
                .build();
    }

    private static byte[] resource(String name) {
        try (InputStream in = SourcesStaySealedTests.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String token() {
        StringBuilder token = new StringBuilder();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < 12; i++) {
            token.append((char) ('A' + random.nextInt(26)));
        }
        return token.toString();
    }
}
