package org.newsdesk.privacy;

import java.util.Collection;
import java.util.UUID;
import org.bson.BsonBinary;
import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import tools.jackson.databind.json.JsonMapper;

/**
 * Not a test but a measurement, off unless asked for ({@code -Dnewsdesk.measure=true}): what
 * sealing costs per tip beside today's path, in CPU (the {@link SealingBenchmark} in one JMH run)
 * and in bytes (the event on the topic, and the wrapped key in the key store). It asserts nothing:
 * the ratio is the result, on whatever machine runs it.
 */
@Tag("measurement")
@EnabledIfSystemProperty(named = "newsdesk.measure", matches = "true")
class SealingCostMeasurement {

    @Test
    void sealingBesideTodaysPath() throws Exception {
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                        .include(SealingBenchmark.class.getName())
                        .forks(1)
                        .warmupIterations(3)
                        .warmupTime(TimeValue.seconds(2))
                        .measurementIterations(5)
                        .measurementTime(TimeValue.seconds(2))
                        .build())
                .run();
        double today = score(results, "todaysPath");
        double sealed = score(results, "sealedPath");
        double open = score(results, "openForAModerator");
        System.out.printf(
                "CPU per tip: today %.2f us, sealed %.2f us (x%.1f, +%.2f us); opening for a moderator %.2f us%n",
                today, sealed, sealed / today, sealed - today, open);

        JsonMapper json = new JsonMapper();
        String tipId = UUID.randomUUID().toString();
        Envelope envelope =
                new Envelope(MasterKeys.from(new PrivacyProperties(MasterKeys.generate(), null, null, null, true)));
        Envelope.DataKey made = envelope.newDataKey(tipId, SealingBenchmark.NOON);
        int clearEvent = json.writeValueAsBytes(SealingBenchmark.clearEvent(tipId)).length;
        int sealedEvent = json.writeValueAsBytes(SealingBenchmark.sealedEvent(
                        tipId, Envelope.seal(made.aead(), tipId, SealingBenchmark.DETAILS)))
                .length;
        BsonDocument keyDocument = new BsonDocument("_id", new BsonString(tipId))
                .append("wrapped", new BsonBinary(made.wrapped().wrapped()))
                .append("masterKeyId", new BsonString(made.wrapped().masterKeyId()))
                .append("createdAt", new BsonDateTime(0));
        int keyBytes = new RawBsonDocument(keyDocument, new BsonDocumentCodec())
                .getByteBuffer()
                .remaining();
        System.out.printf(
                "Bytes per tip: event today %d, sealed %d (+%d); wrapped key %d, its key-store document %d%n",
                clearEvent,
                sealedEvent,
                sealedEvent - clearEvent,
                made.wrapped().wrapped().length,
                keyBytes);
    }

    private static double score(Collection<RunResult> results, String benchmark) {
        return results.stream()
                .filter(result -> result.getParams().getBenchmark().endsWith("." + benchmark))
                .findFirst()
                .orElseThrow()
                .getPrimaryResult()
                .getScore();
    }
}
