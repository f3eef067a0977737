package org.newsdesk.benchmark;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoCollection;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * The bare endpoints Newsdesk is compared with, in the benchmark's own JVM, on the same broker and
 * store as the run under test: {@code POST /kafka} sends the body to a topic of its own with
 * acks=all (the tips topics' settings), {@code POST /store} makes one acknowledged insert into a
 * database of its own, {@code GET /page} serves the front page's bytes from memory, and
 * {@code GET /driver/story/{id}} and {@code GET /driver/front} run the reader pages' queries on
 * publishing's stories with the raw driver. Each answers as soon as its one step is done.
 */
final class Baselines implements AutoCloseable {

    static final String TOPIC = "newsdesk.benchmark.baseline";
    static final String DATABASE = "newsdesk-benchmark";
    static final String STORIES = "newsdesk-publishing.stories";

    /** As the services declare their topics: three partitions, one copy on the single broker. */
    private static final int PARTITIONS = 3;

    private static final int FRONT_PAGE_STORIES = 20;

    private final KafkaProducer<String, byte[]> producer;
    private final MongoClient mongo;
    private final MongoCollection<Document> inserts;
    private final MongoCollection<Document> stories;
    private final MongoCollection<Document> terms;
    private final MongoCollection<Document> postings;
    private final byte[] page;
    private final DisposableServer server;

    private Baselines(String kafka, String store, byte[] page) throws ExecutionException, InterruptedException {
        createTopic(kafka);
        this.producer = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        kafka,
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                        true),
                new StringSerializer(),
                new ByteArraySerializer());
        // The topic's partitions known before the first request, so that no send waits for them on
        // the event loop (BlockHound caught the first one doing so).
        producer.partitionsFor(TOPIC);
        this.mongo = MongoClients.create(store);
        this.inserts = mongo.getDatabase(DATABASE).getCollection("tips");
        String[] where = STORIES.split("\\.", 2);
        this.stories = mongo.getDatabase(where[0]).getCollection(where[1]);
        this.terms = mongo.getDatabase(where[0]).getCollection("story_terms");
        this.postings = mongo.getDatabase(where[0]).getCollection("story_postings");
        this.page = page;
        this.server = HttpServer.create()
                .host("127.0.0.1")
                .port(0)
                .route(routes -> routes.post("/kafka", (request, response) -> accept(request, response, this::send))
                        .post("/store", (request, response) -> accept(request, response, this::insert))
                        .get(
                                "/page",
                                (request, response) -> response.header("Content-Type", "text/html;charset=utf-8")
                                        .sendByteArray(Mono.just(this.page))
                                        .then())
                        .get(
                                "/driver/story/{id}",
                                (request, response) -> Mono.from(stories.find(eq("_id", request.param("id")))
                                                .first())
                                        .map(Document::toJson)
                                        .flatMap(json -> answer(response, 200, json))
                                        .switchIfEmpty(Mono.defer(() -> answer(response, 404, "{}"))))
                        .get(
                                "/driver/front",
                                (request, response) -> newestStories()
                                        .map(Document::toJson)
                                        .collectList()
                                        .flatMap(items -> answer(response, 200, "[" + String.join(",", items) + "]"))))
                .bindNow();
    }

    /**
     * The newest stories read as publishing reads them, by {@code _id} alone: the months the
     * every-story term has postings in, the newest month's posting documents (one per day, and the
     * month's own from before the days were split), then those stories. (A sort of the stories by
     * {@code publishedAt} reads the whole collection on the embedded store; at 100,000 stories it
     * answered nothing within 30 s and slowed every load after it.)
     */
    private Flux<Document> newestStories() {
        return Mono.from(terms.find(eq("_id", "*")).first())
                .mapNotNull(term -> term.getList("months", Integer.class).stream()
                        .max(Integer::compare)
                        .orElse(null))
                .flatMapMany(month -> postings.find(in("_id", postingIds(month))))
                .flatMapIterable(bucket -> bucket.get("entries", Document.class).values())
                .map(Document.class::cast)
                .sort(Comparator.comparing((Document entry) -> entry.getDate("t"))
                        .reversed())
                .take(FRONT_PAGE_STORIES)
                .map(entry -> entry.getString("i"))
                .collectList()
                .flatMapMany(newest -> stories.find(in("_id", newest)));
    }

    private static List<String> postingIds(int month) {
        List<String> ids = new ArrayList<>();
        ids.add("*|" + month);
        for (int day = 1; day <= 31; day++) {
            ids.add("*|" + month + "~" + String.format("%02d", day));
        }
        return ids;
    }

    /**
     * @param kafka the run's bootstrap servers
     * @param store the run's MongoDB connection string, without a database
     * @param page  the front page's bytes, as the run served them
     */
    static Baselines start(String kafka, String store, byte[] page) throws ExecutionException, InterruptedException {
        return new Baselines(kafka, store, page);
    }

    /** {@code http://127.0.0.1:PORT} */
    String address() {
        return "http://127.0.0.1:" + server.port();
    }

    private Mono<Void> send(byte[] body) {
        return Mono.create(sink ->
                producer.send(new ProducerRecord<>(TOPIC, UUID.randomUUID().toString(), body), (metadata, failed) -> {
                    if (failed == null) {
                        sink.success();
                    } else {
                        sink.error(failed);
                    }
                }));
    }

    private Mono<Void> insert(byte[] body) {
        return Mono.from(inserts.insertOne(new Document("_id", UUID.randomUUID().toString())
                        .append("body", new String(body, StandardCharsets.UTF_8))
                        .append("receivedAt", new Date())))
                .then();
    }

    /** Takes the whole body, does the one step, and answers 202 once it is done (503 if it failed). */
    private static Mono<Void> accept(
            HttpServerRequest request, HttpServerResponse response, Function<byte[], Mono<Void>> step) {
        return request.receive()
                .aggregate()
                .asByteArray()
                .flatMap(step)
                .then(Mono.defer(() -> answer(response, 202, "{}")))
                .onErrorResume(failed -> answer(response, 503, "{}"));
    }

    private static Mono<Void> answer(HttpServerResponse response, int status, String json) {
        return response.status(status)
                .header("Content-Type", "application/json")
                .sendString(Mono.just(json))
                .then();
    }

    private static void createTopic(String kafka) throws ExecutionException, InterruptedException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, PARTITIONS, (short) 1)))
                    .all()
                    .get();
        } catch (ExecutionException exists) {
            if (!(exists.getCause() instanceof TopicExistsException)) {
                throw exists;
            }
        }
    }

    @Override
    public void close() {
        server.disposeNow();
        producer.close();
        mongo.close();
    }
}
