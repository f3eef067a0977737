package org.newsdesk.endtoend.malformed;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Requests a careless or hostile client sends, drawn at random (from a seed, so a run can be
 * replayed) for every endpoint of the public contract: broken and lying bodies (JSON, forms,
 * multipart), odd parameters, paths, headers and methods. None of them is a valid request; every
 * one deserves a 4xx, never a 5xx.
 */
final class HostileRequests {

    /**
     * One request, as it goes on the wire: the request target is sent as it is, broken escapes and
     * all, which no HTTP client library lets through. The description names it in a failure report.
     */
    record Hostile(
            Target target,
            String method,
            String requestTarget,
            Map<String, String> headers,
            byte[] body,
            String description) {}

    /** Where one service listens, and what a request to it needs to get past the door. */
    record Target(String service, int port, Map<String, String> credentials) {}

    /** A receipt code as a resident has it: requests aim at it, and the logs must never show it. */
    static final String RECEIPT_CODE = "K7Q2-M9XD-4HRT-PW3C";

    private static final List<String> LIMITS = List.of(
            "",
            "abc",
            "-1",
            "0",
            "1.5",
            "1e3",
            "101",
            "501",
            "99999999999999999999",
            "%ZZ",
            "1%00",
            " 5",
            "0x10",
            "\u0661\u0662");

    private static final List<String> CONTENT_TYPES = List.of(
            "application/json",
            "application/json; charset=ebcdic",
            "application/json; charset=utf-16",
            "multipart/form-data",
            "multipart/form-data; boundary=",
            "multipart/form-data; boundary=x",
            "multipart/form-data; boundary=\"a\\\"b\"",
            "application/x-www-form-urlencoded",
            "text/plain",
            "application/xml",
            "image/png",
            "garbage",
            "application/problem+json",
            "*/*",
            "multipart/mixed; boundary=x",
            "text/html; charset=nonsense");

    private static final List<String> ACCEPTS = List.of(
            "*/*",
            "application/json",
            "text/html",
            "application/xml",
            "image/png",
            "*/*;q=abc",
            "text/html;q=0",
            "application/problem+json",
            "nonsense",
            "application/atom+xml");

    private final Random random;
    private final List<Target> submission;
    private final List<Target> moderation;
    private final List<Target> publishing;
    private final List<String> knownTipIds;

    HostileRequests(
            Random random,
            Target submission,
            Target moderation,
            Target moderationPages,
            Target publishing,
            List<String> knownTipIds) {
        this.random = random;
        this.submission = List.of(submission);
        this.moderation = List.of(moderation, moderationPages);
        this.publishing = List.of(publishing);
        this.knownTipIds = knownTipIds;
    }

    Hostile next() {
        List<Supplier<Hostile>> kinds = List.of(
                this::tipApi,
                this::tipForm,
                this::statusForm,
                this::receiptLookup,
                this::queue,
                this::decisionApi,
                this::decisionPage,
                this::claim,
                this::stories,
                this::readerPage,
                this::anyPath);
        return kinds.get(random.nextInt(kinds.size())).get();
    }

    private Hostile tipApi() {
        Target target = submission.get(0);
        if (random.nextBoolean()) {
            return request(
                    target,
                    "POST",
                    "/api/tips",
                    pick(List.of("application/json", "application/json", pick(CONTENT_TYPES))),
                    jsonBody(),
                    "tip API, JSON");
        }
        String boundary = "b" + random.nextInt(1000);
        return request(
                target,
                "POST",
                "/api/tips",
                pick(List.of("multipart/form-data; boundary=" + boundary, pick(CONTENT_TYPES))),
                multipartBody(boundary, "tip", "photos"),
                "tip API, multipart");
    }

    private Hostile tipForm() {
        String boundary = "----form" + random.nextInt(100_000);
        return request(
                submission.get(0),
                "POST",
                "/tips",
                pick(List.of(
                        "multipart/form-data; boundary=" + boundary,
                        "multipart/form-data; boundary=" + boundary,
                        pick(CONTENT_TYPES))),
                multipartBody(boundary, "headline", "body", "area", "category", "happenedOn", "photos", "formToken"),
                "tip form");
    }

    private Hostile statusForm() {
        if (random.nextBoolean()) {
            return request(
                    submission.get(0),
                    "POST",
                    "/status",
                    "application/x-www-form-urlencoded",
                    formBody("receipt"),
                    "status form, urlencoded");
        }
        String boundary = "s" + random.nextInt(1000);
        return request(
                submission.get(0),
                "POST",
                "/status",
                pick(List.of("multipart/form-data; boundary=" + boundary, pick(CONTENT_TYPES))),
                multipartBody(boundary, "receipt"),
                "status form, multipart");
    }

    private Hostile receiptLookup() {
        return request(
                submission.get(0),
                pick(List.of("GET", "GET", "HEAD", "DELETE", "PUT")),
                "/api/tips/" + pathSegment() + pick(List.of("", "", "/withdrawal", "/erasure")),
                null,
                null,
                "receipt lookup");
    }

    private Hostile queue() {
        Target target = moderation.get(0);
        return request(
                target,
                pick(List.of("GET", "GET", "POST", "HEAD")),
                "/api/queue?"
                        + query(Map.of(
                                "limit", pick(LIMITS), "cursor", cursor(), "area", text(300), "category", text(300))),
                null,
                null,
                "queue API");
    }

    private Hostile decisionApi() {
        return request(
                moderation.get(0),
                "POST",
                "/api/tips/" + tipId() + "/decision",
                pick(List.of("application/json", "application/json", pick(CONTENT_TYPES))),
                jsonBody(),
                "decision API");
    }

    private Hostile decisionPage() {
        Target pages = moderation.get(1);
        String csrf = pages.credentials().getOrDefault("_csrf", "");
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("_csrf", random.nextInt(5) == 0 ? text(40) : csrf);
        fields.put("outcome", pick(List.of("APPROVED", "REJECTED", "HELD", "DUPLICATE", "", text(20))));
        fields.put(
                pick(List.of("headline", "body", "reason", "reasonCode", "duplicateOf", "note", "photo", "caption-x")),
                random.nextInt(8) == 0 ? "x".repeat(300_000) : text(500));
        byte[] body =
                random.nextInt(4) == 0 ? formBody("outcome") : query(fields).getBytes(StandardCharsets.ISO_8859_1);
        return request(
                pages,
                "POST",
                "/tips/" + tipId() + pick(List.of("/decision", "/decision", "/claim", "/release")),
                pick(List.of("application/x-www-form-urlencoded", pick(CONTENT_TYPES))),
                body,
                "decision page form");
    }

    private Hostile claim() {
        return request(
                moderation.get(0),
                pick(List.of("POST", "DELETE", "GET", "PUT")),
                "/api/tips/" + tipId() + pick(List.of("/claim", "", "/claim/x")),
                null,
                null,
                "claim API");
    }

    private Hostile stories() {
        Target target = publishing.get(0);
        if (random.nextInt(3) == 0) {
            return request(
                    target,
                    pick(List.of("GET", "HEAD", "POST")),
                    "/api/stories/" + pathSegment(),
                    null,
                    null,
                    "story API");
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("limit", pick(LIMITS));
        parameters.put("cursor", cursor());
        parameters.put(pick(List.of("q", "area", "category")), text(400));
        return request(
                target,
                pick(List.of("GET", "GET", "HEAD", "OPTIONS")),
                "/api/stories?" + query(parameters),
                null,
                null,
                "stories API");
    }

    private Hostile readerPage() {
        Target target = publishing.get(0);
        String path = pick(List.of(
                "/",
                "/stories/",
                "/areas/",
                "/categories/",
                "/search",
                "/feed.atom",
                "/areas/x/feed.atom",
                "/categories/x/feed.atom",
                "/sitemap.xml",
                "/photos/",
                "/corrections"));
        if (path.endsWith("/") && path.length() > 1) {
            path += pathSegment();
        }
        return request(
                target,
                pick(List.of("GET", "GET", "HEAD")),
                path + "?" + query(Map.of("cursor", cursor(), "q", text(300))),
                null,
                null,
                "reader page " + path);
    }

    /** Anything anywhere: the routes nobody meant, with the methods nobody meant. */
    private Hostile anyPath() {
        List<Target> all = new ArrayList<>(submission);
        all.addAll(moderation);
        all.addAll(publishing);
        Target target = pick(all);
        return request(
                target,
                pick(List.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD")),
                "/" + pathSegment() + pick(List.of("", "/" + pathSegment(), "?" + query(Map.of(text(10), text(10))))),
                random.nextBoolean() ? pick(CONTENT_TYPES) : null,
                random.nextBoolean() ? randomBytes(200) : null,
                "any path");
    }

    private Hostile request(
            Target target, String method, String pathAndQuery, String contentType, byte[] body, String description) {
        Map<String, String> headers = new LinkedHashMap<>(target.credentials());
        headers.remove("_csrf");
        headers.put("Accept", pick(ACCEPTS));
        if (contentType != null) {
            headers.put("Content-Type", contentType);
        }
        switch (random.nextInt(10)) {
            case 0 -> headers.put("If-None-Match", text(30));
            case 1 -> headers.put("If-Modified-Since", text(30));
            case 2 -> headers.put("Idempotency-Key", text(40));
            case 3 ->
                headers.put(
                        "Authorization",
                        pick(List.of(
                                "Basic !!!",
                                "Basic " + base64("no-colon"),
                                "Bearer x",
                                "Basic " + base64("moderator:wrong"),
                                "Basic")));
            case 4 -> headers.put("X-Forwarded-For", text(30));
            case 5 -> headers.put("Accept-Language", text(30));
            default -> {}
        }
        byte[] sent = "HEAD".equals(method) || "GET".equals(method) ? null : body;
        return new Hostile(
                target,
                method,
                pathAndQuery,
                headers,
                sent,
                target.service() + " " + description + ": " + method + " "
                        + pathAndQuery.substring(0, Math.min(pathAndQuery.length(), 120)) + " (" + contentType + ")");
    }

    private byte[] jsonBody() {
        String field = pick(List.of(
                "headline",
                "body",
                "area",
                "category",
                "name",
                "email",
                "phone",
                "happenedOn",
                "contactConsent",
                "outcome",
                "reason",
                "reasonCode",
                "photos",
                "duplicateOf",
                "note"));
        String value = pick(List.of(
                "\"" + escapeJson(text(50)) + "\"",
                "42",
                "-1e999",
                "true",
                "null",
                "[]",
                "{}",
                "\"2024-13-45\"",
                "\"" + "x".repeat(30_000) + "\"",
                "[{\"id\": 3}]",
                "\"APPROVED\"",
                "\"\\ud800\""));
        List<Supplier<byte[]>> shapes = List.of(
                () -> ("{\"" + field + "\": " + value + "}").getBytes(StandardCharsets.UTF_8),
                () -> ("{\"headline\": \"x\", \"body\": \"y\", \"" + field + "\": " + value)
                        .getBytes(StandardCharsets.UTF_8),
                () -> ("{\"headline\": \"a\", \"headline\": \"b\", \"body\": \"c\"}").getBytes(StandardCharsets.UTF_8),
                () -> ("{\"headline\": \"a\", \"body\": \"b\"} trailing").getBytes(StandardCharsets.UTF_8),
                () -> overlongSlash(),
                () -> "[".repeat(5_000).getBytes(StandardCharsets.UTF_8),
                () -> randomBytes(300),
                () -> new byte[0],
                () -> ("\uFEFF{\"headline\": \"bom\", \"body\": \"x\"}").getBytes(StandardCharsets.UTF_8),
                () -> ("{\"outcome\": " + value + ", \"photos\": [null, {\"id\": " + value + "}]}")
                        .getBytes(StandardCharsets.UTF_8));
        return pick(shapes).get();
    }

    private byte[] formBody(String field) {
        return pick(List.of(
                        field + "=%ZZ",
                        field + "=%%%%",
                        field + "=%",
                        field + "=" + "A".repeat(70_000),
                        "=" + text(10),
                        "&&&" + field,
                        field + "=" + URLEncoder.encode(text(30), StandardCharsets.UTF_8),
                        field + "=%C0%AF"))
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A multipart body that is wrong in one way or another, or in none (then the fields are). */
    private byte[] multipartBody(String boundary, String... names) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        String lineEnd = random.nextInt(6) == 0 ? "\n" : "\r\n";
        String written = random.nextInt(6) == 0 ? "other" + boundary : boundary;
        int parts = random.nextInt(4);
        for (int i = 0; i < parts; i++) {
            String name = pick(List.of(names));
            String disposition = switch (random.nextInt(7)) {
                case 0 -> "form-data";
                case 1 -> "form-data; filename=\"x.jpg\"";
                case 2 -> "form-data; name=\"" + name + "\"; filename=\"a\r\nb.jpg\"";
                case 3 -> "form-data; name=\"" + name + "\"; filename=\"../../" + text(20) + "\"";
                case 4 -> "attachment; nonsense";
                default -> "form-data; name=\"" + name + "\"";
            };
            write(body, "--" + written + lineEnd + "Content-Disposition: " + disposition + lineEnd);
            if (random.nextBoolean()) {
                write(
                        body,
                        "Content-Type: "
                                + pick(List.of("image/jpeg", "image/png", "application/json", "text/plain", "garbage"))
                                + lineEnd);
            }
            write(body, lineEnd);
            byte[] content = random.nextBoolean() ? jsonBody() : randomBytes(random.nextInt(2_000));
            body.writeBytes(content);
            write(body, lineEnd);
        }
        switch (random.nextInt(4)) {
            case 0 -> {
                // no closing delimiter
            }
            case 1 -> write(body, "--" + written + "--" + lineEnd + "epilogue");
            default -> write(body, "--" + written + "--" + lineEnd);
        }
        return body.toByteArray();
    }

    private String tipId() {
        return random.nextInt(3) == 0 || knownTipIds.isEmpty() ? pathSegment() : pick(knownTipIds);
    }

    private String cursor() {
        return pick(List.of(
                "",
                base64(text(20)),
                "djE6YWJjOg",
                "czE6MTox",
                "cTE6eDp5",
                "!!!",
                text(600),
                base64("v1:99999999999999999999:id"),
                base64("s1:-1:5:0:id"),
                base64("q1:12:"),
                URLEncoder.encode(
                        new String(randomBytes(30), StandardCharsets.ISO_8859_1), StandardCharsets.ISO_8859_1)));
    }

    private String pathSegment() {
        return pick(List.of(
                "x",
                "%00",
                "%2F",
                "%2e%2e",
                "..%2F..%2Fetc%2Fpasswd",
                "%ZZ",
                "%",
                "a".repeat(3_000),
                "caf%C3%A9",
                "%C0%AF",
                "%F0%9F%93%B0",
                RECEIPT_CODE,
                "%20",
                "-",
                "null",
                URLEncoder.encode(text(12), StandardCharsets.UTF_8).replace("+", "%20")));
    }

    private String query(Map<String, String> parameters) {
        List<String> pairs = new ArrayList<>();
        parameters.forEach((name, value) -> pairs.add(encodeLoosely(name) + "=" + encodeLoosely(value)));
        return String.join("&", pairs);
    }

    /** Mostly encoded, sometimes with a broken escape left in: what a careless client sends. */
    private String encodeLoosely(String value) {
        String encoded = URLEncoder.encode(value, StandardCharsets.UTF_8);
        return random.nextInt(8) == 0 ? encoded + pick(List.of("%", "%Z", "%ZZ", "%00")) : encoded;
    }

    private String text(int most) {
        String alphabet = "abcXYZ 019<>\"'&;:/\\%?#=+\u00e9\u2028\u0000\u200b\ud83d\udcf0\t\r\n";
        int length = random.nextInt(most + 1);
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }

    private byte[] randomBytes(int most) {
        byte[] bytes = new byte[random.nextInt(most + 1)];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] overlongSlash() {
        byte[] prefix = "{\"headline\": \"a".getBytes(StandardCharsets.UTF_8);
        byte[] suffix = "b\", \"body\": \"x\"}".getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(prefix);
        body.write(0xC0);
        body.write(0xAF);
        body.writeBytes(suffix);
        return body.toByteArray();
    }

    private static String escapeJson(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static String base64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    private <T> T pick(List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }
}
