package org.newsdesk.messaging.outage;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/** Kafka answers when a broker describes the cluster. One admin client, kept for the service's life. */
class KafkaProbe implements DependencyProbe, AutoCloseable {

    private final Admin admin;

    KafkaProbe(Map<String, Object> adminConfig) {
        Map<String, Object> config = new java.util.HashMap<>(adminConfig);
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "newsdesk-outage-probe");
        this.admin = Admin.create(config);
    }

    @Override
    public String name() {
        return "Kafka";
    }

    @Override
    public boolean answers(Duration timeout) {
        try {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()))
                    .clusterId()
                    .get(timeout.toMillis() + 500, TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception unavailable) {
            return false;
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(2));
    }
}
