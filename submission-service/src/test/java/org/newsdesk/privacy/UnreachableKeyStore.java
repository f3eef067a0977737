package org.newsdesk.privacy;

import com.mongodb.reactivestreams.client.MongoClients;
import java.time.Clock;
import java.util.List;

/**
 * A contact vault whose key store does not answer: its MongoDB's address is a loopback port
 * nothing listens on. In the vault's package, the one place a vault can be made by hand.
 */
public final class UnreachableKeyStore {

    private UnreachableKeyStore() {}

    public static ContactVault vault(String masterKey, int deadPort) {
        return new ContactVault(
                MasterKeys.from(new PrivacyProperties(masterKey, List.of(), null, null, true)),
                KeyStore.in(
                        MongoClients.create("mongodb://127.0.0.1:" + deadPort + "/?serverSelectionTimeoutMS=300"),
                        "newsdesk-privacy"),
                Clock.systemUTC());
    }
}
