package org.newsdesk.publishing.page;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ReaderPagesProperties.class)
class ReaderPagesConfiguration {
}
