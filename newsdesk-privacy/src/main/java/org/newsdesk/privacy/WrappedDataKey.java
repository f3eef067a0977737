package org.newsdesk.privacy;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One tip's data key, as the key store keeps it: a Tink keyset encrypted with the master key, the
 * tip's id as associated data (so a key moved onto another tip does not open). Deleting it is what
 * erases the tip's contact details everywhere.
 *
 * @param masterKeyId which master key wrapped it (see {@link MasterKeys}), so a rotation finds what is left to re-wrap
 */
@Document(KeyStore.COLLECTION)
record WrappedDataKey(@Id String tipId, byte[] wrapped, String masterKeyId, Instant createdAt) {}
