package org.newsdesk.endtoend.hygiene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.newsdesk.endtoend.ModeratorSession;
import org.newsdesk.endtoend.NewsdeskDistribution;
import org.newsdesk.endtoend.ServiceLines;
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
import org.springframework.web.reactive.function.BodyInserters;

/**
 * A resident whose every personal field carries a marker of its own (name, email, phone, a
 * photo's file name, the receipt codes they are given, the address they send from) goes through
 * the whole journey, through the form and the API, the failures included, while the three
 * services run from their jars; then every line the services wrote is read, and holds no marker,
 * no receipt code however typed, and no client address. The journey is a list of steps: a new way
 * in for a resident (or a moderator) is one more step.
 */
class PersonalDataStaysOutOfTheLogsTests {

    private static final String MODERATOR_PASSWORD = "a-long-log-hygiene-password";
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT =
            new ParameterizedTypeReference<>() {};

    @TempDir
    static Path dataDir;

    /** What the resident gave and got, each a marker no other line of the log could hold by chance. */
    record Resident(String name, String email, String phone, String fileName, String address, List<String> receipts) {

        static Resident marked() {
            String token = letters(12);
            ThreadLocalRandom random = ThreadLocalRandom.current();
            return new Resident(
                    "Mara " + token,
                    token.toLowerCase(Locale.ROOT) + "@example.org",
                    "+44 7700 9" + random.nextInt(10_000, 100_000),
                    "mara-" + token.toLowerCase(Locale.ROOT) + "-at-home.jpg",
                    "203.0.113." + random.nextInt(1, 255),
                    new ArrayList<>());
        }

        /** Everything the log must not hold, each as it was given and in the other ways it may be typed. */
        List<String> markers() {
            List<String> markers = new ArrayList<>(List.of(
                    name, email, phone, phone.replace(" ", ""), fileName, address, name.substring("Mara ".length())));
            for (String receipt : receipts) {
                markers.add(receipt);
                markers.add(receipt.replace("-", ""));
            }
            return markers;
        }
    }

    /** One part of the journey, as the resident or a moderator takes it. */
    @FunctionalInterface
    interface Step {
        void take(Resident resident) throws Exception;
    }

    /**
     * In the plain lines, and in the JSON lines a log pipeline takes
     * ({@code LOGGING_STRUCTURED_FORMAT_CONSOLE=ecs}), which are made from the same events.
     */
    @ParameterizedTest(name = "log format: {0}")
    @ValueSource(strings = {"plain", "ecs"})
    void noPersonalDetailReceiptCodeOrClientAddressReachesAnyServicesLog(String format) throws Exception {
        ServiceLines lines = new ServiceLines();
        Path runDir = Files.createDirectories(dataDir.resolve(format));
        LocalKafkaBroker kafka = LocalKafkaBroker.start(runDir, FreePorts.loopback(), FreePorts.loopback());
        LocalMongoServer mongo = LocalMongoServer.start(runDir, 0);
        Resident resident = Resident.marked();
        try {
            // Given the three services, every line they write kept (and shown as it comes)
            NewsdeskServices.Starter starter = NewsdeskServices.against(
                            kafka.bootstrapServers(), mongo.connectionString())
                    .servicesDirectory(NewsdeskDistribution.servicesDirectory())
                    .randomPorts();
            if (!format.equals("plain")) {
                starter.property("logging.structured.format.console", format);
            }
            NewsdeskServices services = starter.property(
                            Service.MODERATION, "newsdesk.moderator.password", MODERATOR_PASSWORD)
                    // As the embedded run gives the services their master key for sealing contact details.
                    .property(
                            "newsdesk.privacy.key-file",
                            runDir.resolve("privacy.key").toString())
                    .output(lines.stream())
                    .start();
            Journey journey = new Journey(services);
            try {
                // When a resident with markers in every field goes through the journey, failures and all
                List<Step> steps = List.of(
                        journey::sendsATipThroughTheForm,
                        journey::sendsATipThroughTheApi,
                        journey::sendsTipsThatAreRefused,
                        journey::looksUpTheirReceiptsAndOnesThatAreNotTheirs,
                        journey::sendsLookupsTheServerCannotDecode,
                        journey::withdrawsTheirFormTip,
                        journey::hasAModeratorOpenTheirTip,
                        journey::hasAModeratorDecideTheirTip,
                        journey::erasesTheirContactDetails);
                for (Step step : steps) {
                    step.take(resident);
                }
            } finally {
                // (stopped first, so that their last lines are in too)
                services.close();
            }
        } finally {
            mongo.close();
            kafka.close();
        }

        // Then the services wrote about it, the framework's warning about an undecodable request included
        String log = lines.text();
        assertThat(log).contains("joined the moderation queue").contains("Decoding failed");
        if (!format.equals("plain")) {
            // (as JSON, with the trace ids that tie the three services' lines together)
            assertThat(log).contains("\"ecs\":{\"version\"").contains("\"traceId\":\"");
        }
        // And no line holds a marker, a receipt code or a client's address
        String upper = log.toUpperCase(Locale.ROOT);
        for (String marker : resident.markers()) {
            assertThat(upper).as("the log holds %s", marker).doesNotContain(marker.toUpperCase(Locale.ROOT));
        }
        assertThat(log).doesNotContain("127.0.0.1").doesNotContain("0:0:0:0:0:0:0:1");
    }

    /** The steps, against the running services. */
    private static final class Journey {

        private final NewsdeskServices services;
        private final List<String> tipIds = new ArrayList<>();

        Journey(NewsdeskServices services) {
            this.services = services;
        }

        void sendsATipThroughTheForm(Resident resident) {
            MultipartBodyBuilder form = new MultipartBodyBuilder();
            form.part("formToken", formToken());
            form.part("headline", "Bus shelter smashed on Bath Street");
            form.part("body", "The glass has been all over the pavement since Friday night.");
            form.part("area", "Ilkeston");
            form.part("category", "Community safety");
            form.part("name", resident.name());
            form.part("email", resident.email());
            form.part("phone", resident.phone());
            form.part("contactConsent", "yes");
            form.part("photos", photo(resident.fileName())).contentType(MediaType.IMAGE_JPEG);
            String page = postForm(form, resident)
                    .expectStatus()
                    .isOk()
                    .expectBody(String.class)
                    .returnResult()
                    .getResponseBody();
            resident.receipts().add(TipFormPages.receiptOn(page));
        }

        void sendsATipThroughTheApi(Resident resident) {
            Map<String, Object> accepted = submission()
                    .post()
                    .uri("/api/tips")
                    .header("X-Forwarded-For", resident.address())
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(tip(resident.name(), resident.email(), resident.phone()))
                    .exchange()
                    .expectStatus()
                    .isAccepted()
                    .expectBody(JSON_OBJECT)
                    .returnResult()
                    .getResponseBody();
            resident.receipts().add((String) accepted.get("receipt"));
            tipIds.add((String) accepted.get("tipId"));
        }

        /** Refusals quote what they refuse to the resident; none may quote it to the log. */
        void sendsTipsThatAreRefused(Resident resident) {
            submission()
                    .post()
                    .uri("/api/tips")
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(tip(resident.name(), "write to " + resident.email(), "ring " + resident.phone()))
                    .exchange()
                    .expectStatus()
                    .isBadRequest();
            submission()
                    .post()
                    .uri("/api/tips")
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("{\"headline\": \"x\", \"body\": \"y\", \"name\": " + resident.name() + "\"}")
                    .exchange()
                    .expectStatus()
                    .isBadRequest();
            MultipartBodyBuilder mistaken = new MultipartBodyBuilder();
            mistaken.part("formToken", formToken());
            mistaken.part("headline", "");
            mistaken.part("body", "Told with a mistake");
            mistaken.part("name", resident.name());
            mistaken.part("email", resident.email() + " (home)");
            mistaken.part("phone", resident.phone());
            postForm(mistaken, resident).expectStatus().isBadRequest();
        }

        void looksUpTheirReceiptsAndOnesThatAreNotTheirs(Resident resident) {
            for (String receipt : resident.receipts()) {
                await().atMost(PATIENCE).until(() -> lookUp(receipt, resident) == 200);
                lookUp(receipt.replace("-", "").toLowerCase(Locale.ROOT), resident);
                submission()
                        .post()
                        .uri("/status")
                        .header("X-Forwarded-For", resident.address())
                        .body(BodyInserters.fromFormData("receipt", receipt))
                        .exchange()
                        .expectStatus()
                        .isOk();
            }
            String notTheirs = "K7Q2-M9XD-4HRT-PW3C";
            resident.receipts().add(notTheirs);
            assertThat(lookUp(notTheirs, resident)).isEqualTo(404);
            submission()
                    .post()
                    .uri("/status")
                    .body(BodyInserters.fromFormData("receipt", notTheirs))
                    .exchange()
                    .expectStatus()
                    .isNotFound();
        }

        /** Reactor Netty refuses these before any code of ours sees them, and says so in its own words. */
        void sendsLookupsTheServerCannotDecode(Resident resident) {
            for (String receipt : resident.receipts()) {
                for (String typed : List.of(receipt, receipt.replace("-", "").toLowerCase(Locale.ROOT))) {
                    assertThat(raw(
                                    services.submission().port(),
                                    "GET /api/tips/" + typed + " HTTP/1.1\r\nHost: localhost\r\nContent-Length: abc\r\n"
                                            + "X-Forwarded-For: " + resident.address() + "\r\n"))
                            .startsWith("HTTP/1.1 400");
                }
            }
            for (String tipId : tipIds) {
                raw(
                        services.moderation().port(),
                        "GET /tips/" + tipId + " HTTP/1.1\r\nHost: localhost\r\n" + "Content-Length: abc\r\n");
            }
        }

        /** Withdrawal of the tip sent through the form, while it is undecided (the API's tip is decided below). */
        void withdrawsTheirFormTip(Resident resident) {
            submission()
                    .post()
                    .uri("/api/tips/{receipt}/withdrawal", resident.receipts().get(0))
                    .header("X-Forwarded-For", resident.address())
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.status")
                    .isEqualTo("WITHDRAWN");
        }

        void hasAModeratorOpenTheirTip(Resident resident) throws Exception {
            ModeratorSession moderator =
                    ModeratorSession.signIn(services.moderation().baseUrl(), "moderator", MODERATOR_PASSWORD);
            for (String tipId : tipIds) {
                await().atMost(PATIENCE)
                        .until(() -> moderator.get("/tips/" + tipId).statusCode() == 200);
            }
        }

        void hasAModeratorDecideTheirTip(Resident resident) {
            for (String tipId : tipIds) {
                WebTestClient.bindToServer()
                        .baseUrl(services.moderation().baseUrl())
                        .build()
                        .post()
                        .uri("/api/tips/{tipId}/decision", tipId)
                        .headers(headers -> headers.setBasicAuth("moderator", MODERATOR_PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of("outcome", "REJECTED", "reason", "We could not confirm it."))
                        .exchange()
                        .expectStatus()
                        .isOk();
            }
            // Until the resident's receipt says so, every service has had its say about the decision
            for (String receipt : resident.receipts().subList(1, 2)) {
                await().atMost(PATIENCE)
                        .until(() -> "DECLINED".equals(receipt(receipt).get("status")));
            }
        }

        /**
         * Erasure of the contact details of both tips, the withdrawn one and the declined one (the
         * receipts' third code is the one that was not theirs).
         */
        void erasesTheirContactDetails(Resident resident) {
            for (String receipt : resident.receipts().subList(0, 2)) {
                submission()
                        .post()
                        .uri("/api/tips/{receipt}/erasure", receipt)
                        .header("X-Forwarded-For", resident.address())
                        .exchange()
                        .expectStatus()
                        .isOk()
                        .expectBody()
                        .jsonPath("$.contactDetails")
                        .isEqualTo("ERASED");
            }
        }

        private WebTestClient.ResponseSpec postForm(MultipartBodyBuilder form, Resident resident) {
            return submission()
                    .post()
                    .uri("/tips")
                    .header("X-Forwarded-For", resident.address())
                    .accept(MediaType.TEXT_HTML)
                    .contentType(MediaType.MULTIPART_FORM_DATA)
                    .bodyValue(form.build())
                    .exchange();
        }

        private int lookUp(String receipt, Resident resident) {
            return submission()
                    .get()
                    .uri("/api/tips/{receipt}", receipt)
                    .header("X-Forwarded-For", resident.address())
                    .exchange()
                    .returnResult(String.class)
                    .getStatus()
                    .value();
        }

        private Map<String, Object> receipt(String receipt) {
            return submission()
                    .get()
                    .uri("/api/tips/{receipt}", receipt)
                    .exchange()
                    .expectBody(JSON_OBJECT)
                    .returnResult()
                    .getResponseBody();
        }

        private String formToken() {
            return TipFormPages.formToken(submission());
        }

        private WebTestClient submission() {
            return WebTestClient.bindToServer()
                    .baseUrl(services.submission().baseUrl())
                    .responseTimeout(Duration.ofSeconds(10))
                    .build();
        }
    }

    private static Map<String, Object> tip(String name, String email, String phone) {
        return Map.of(
                "headline",
                "Streetlights out on Derby Road",
                "body",
                "Every light between the school and the canal has been out for a week.",
                "area",
                "Ilkeston",
                "name",
                name,
                "email",
                email,
                "phone",
                phone);
    }

    private static ByteArrayResource photo(String fileName) {
        try (InputStream in =
                PersonalDataStaysOutOfTheLogsTests.class.getResourceAsStream("/photos/sideways-with-gps.jpg")) {
            return new ByteArrayResource(in.readAllBytes()) {
                @Override
                public String getFilename() {
                    return fileName;
                }
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A request as written, on a connection of its own; the answer's status line and headers. */
    private static String raw(int port, String head) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write((head + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String letters(int count) {
        StringBuilder letters = new StringBuilder(count);
        ThreadLocalRandom.current().ints(count, 'A', 'Z' + 1).forEach(letter -> letters.append((char) letter));
        return letters.toString();
    }
}
