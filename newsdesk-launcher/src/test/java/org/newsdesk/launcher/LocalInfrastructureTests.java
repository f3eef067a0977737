package org.newsdesk.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoCollection;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsdesk.testsupport.FreePorts;
import reactor.core.publisher.Mono;

class LocalInfrastructureTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String TOPIC = "newsdesk.launcher.restart-check";

    @TempDir
    Path dataDir;

    @Test
    void aRestartOnTheSameDataFolderFindsTheEventAndTheDocumentAgain() throws Exception {
        // Given a broker and a store in a fresh data folder, each holding what one tip left behind
        // Kafka's controller port must be known before start-up (it names the quorum), so 0 will not do.
        int brokerPort = FreePorts.loopback();
        int controllerPort = FreePorts.loopback();
        String tipId = UUID.randomUUID().toString();
        try (LocalKafkaBroker kafka = LocalKafkaBroker.start(dataDir, brokerPort, controllerPort);
                LocalMongoServer mongo = LocalMongoServer.start(dataDir, 0)) {
            try (KafkaProducer<String, String> producer = producer(kafka)) {
                producer.send(new ProducerRecord<>(TOPIC, tipId, "{\"headline\":\"Bridge closed\"}"))
                        .get(TIMEOUT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
            }
            try (MongoClient client = MongoClients.create(mongo.connectionString())) {
                Mono.from(tips(client).insertOne(new Document("_id", tipId).append("headline", "Bridge closed")))
                        .block(TIMEOUT);
            }

            // When both are stopped (by the try block) and started again on the same folder
        }
        try (LocalKafkaBroker kafka = LocalKafkaBroker.start(dataDir, brokerPort, controllerPort);
                LocalMongoServer mongo = LocalMongoServer.start(dataDir, 0)) {

            // Then the event is still in the Kafka log
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            try (KafkaConsumer<String, String> consumer = consumer(kafka)) {
                TopicPartition partition = new TopicPartition(TOPIC, 0);
                consumer.assign(List.of(partition));
                consumer.seekToBeginning(List.of(partition));
                await().atMost(TIMEOUT).untilAsserted(() -> {
                    consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                    assertThat(records).extracting(ConsumerRecord::key).contains(tipId);
                });
            }

            // And the document is still in the store
            try (MongoClient client = MongoClients.create(mongo.connectionString())) {
                Document found = Mono.from(
                                tips(client).find(new Document("_id", tipId)).first())
                        .block(TIMEOUT);
                assertThat(found).isNotNull();
                assertThat(found.getString("headline")).isEqualTo("Bridge closed");
            }
        }
    }

    private static MongoCollection<Document> tips(MongoClient client) {
        return client.getDatabase("newsdesk-restart-check").getCollection("tips");
    }

    private static KafkaProducer<String, String> producer(LocalKafkaBroker kafka) {
        return new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        kafka.bootstrapServers(),
                        ProducerConfig.ACKS_CONFIG,
                        "all"),
                new StringSerializer(),
                new StringSerializer());
    }

    private static KafkaConsumer<String, String> consumer(LocalKafkaBroker kafka) {
        return new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        kafka.bootstrapServers(),
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false),
                new StringDeserializer(),
                new StringDeserializer());
    }
}
