package org.newsdesk.privacy;

import com.google.crypto.tink.Aead;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.newsdesk.events.SealedContact;
import org.newsdesk.events.TipSubmitted;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import tools.jackson.databind.json.JsonMapper;

/**
 * The CPU a tip's contact details cost on their way to the topic, today's path (the event with the
 * details in clear, as JSON) beside the sealed one (a new data key, wrapped by the master key, three
 * parts sealed, the event as JSON), and what opening them costs a moderator's page. The key store's
 * write is a round trip to MongoDB, measured with the whole service by the load generator, not here.
 * Run by {@link SealingCostMeasurement}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SealingBenchmark {

    static final ContactDetails DETAILS = new ContactDetails("Ada Lovelace", "ada@example.org", "+44 7700 900123");
    static final Instant NOON = Instant.parse("2026-12-05T12:00:00Z");

    private final JsonMapper json = new JsonMapper();
    private Envelope envelope;
    private String tipId;
    private WrappedDataKey kept;
    private SealedContact sealed;

    @Setup
    public void setUp() {
        envelope = new Envelope(MasterKeys.from(new PrivacyProperties(MasterKeys.generate(), null, null, null, true)));
        tipId = UUID.randomUUID().toString();
        Envelope.DataKey made = envelope.newDataKey(tipId, NOON);
        kept = made.wrapped();
        sealed = Envelope.seal(made.aead(), tipId, DETAILS);
    }

    @Benchmark
    public byte[] todaysPath() {
        return json.writeValueAsBytes(clearEvent(tipId));
    }

    @Benchmark
    public Object sealedPath() {
        Envelope.DataKey made = envelope.newDataKey(tipId, NOON);
        SealedContact sealedNow = Envelope.seal(made.aead(), tipId, DETAILS);
        return new Object[] {made.wrapped(), json.writeValueAsBytes(sealedEvent(tipId, sealedNow))};
    }

    @Benchmark
    public ContactDetails openForAModerator() {
        Aead dataKey = envelope.unwrap(kept);
        return Envelope.open(dataKey, tipId, sealed);
    }

    static TipSubmitted clearEvent(String tipId) {
        return TipSubmitted.of(
                tipId,
                "0".repeat(64),
                "Flooding on Station Road",
                "The ford by the bridge has been under water since the morning.",
                "Ilkeston",
                "Weather",
                new TipSubmitted.Contact(DETAILS.name(), DETAILS.email(), DETAILS.phone()),
                NOON,
                LocalDate.parse("2026-12-05"),
                true,
                List.of());
    }

    static TipSubmitted sealedEvent(String tipId, SealedContact sealed) {
        TipSubmitted clear = clearEvent(tipId);
        return TipSubmitted.sealed(
                tipId,
                clear.receiptDigest(),
                clear.headline(),
                clear.body(),
                clear.area(),
                clear.category(),
                sealed,
                NOON,
                clear.happenedOn(),
                true,
                List.of());
    }
}
