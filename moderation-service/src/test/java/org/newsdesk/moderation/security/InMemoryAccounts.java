package org.newsdesk.moderation.security;

import static org.mockito.ArgumentMatchers.any;

import java.util.Map;
import java.util.stream.Collectors;
import org.mockito.Mockito;
import org.newsdesk.moderation.record.EditorialRecord;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import reactor.core.publisher.Mono;

/**
 * For tests of the security configuration without MongoDB: the account store as seeding leaves
 * it, in memory, and an editorial record that keeps nothing.
 */
@TestConfiguration(proxyBeanMethods = false)
public class InMemoryAccounts {

    @Bean
    AccountDirectory accounts(ModeratorAccounts configured) {
        Map<String, SignInAccount> store = configured.seeds().stream()
                .collect(Collectors.toMap(
                        ModeratorAccounts.Seed::username,
                        seed -> new SignInAccount(
                                seed.username(), seed.displayName(), seed.role(), seed.passwordHash(), true, 0)));
        return username -> Mono.justOrEmpty(store.get(username));
    }

    @Bean
    EditorialRecord editorialRecord() {
        EditorialRecord record = Mockito.mock(EditorialRecord.class);
        Mockito.when(record.append(any())).thenReturn(Mono.empty());
        return record;
    }
}
