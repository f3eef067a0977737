package org.newsdesk.moderation.record;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.ReactiveMongoOperations;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** The newsroom's record of editorial acts: append-only, so nothing here updates or deletes a line. */
@Component
public class EditorialRecord {

    private final ReactiveMongoOperations mongo;

    EditorialRecord(ReactiveMongoOperations mongo) {
        this.mongo = mongo;
    }

    /** Adds the act to the record; an act recorded before under the same id is left as it was. */
    public Mono<Void> append(EditorialAct act) {
        return mongo.insert(act).then().onErrorResume(DuplicateKeyException.class, alreadyRecorded -> Mono.empty());
    }
}
