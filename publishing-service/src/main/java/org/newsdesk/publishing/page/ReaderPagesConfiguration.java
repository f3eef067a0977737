package org.newsdesk.publishing.page;

import java.util.Set;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.thymeleaf.autoconfigure.ThymeleafProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.thymeleaf.spring6.templateresolver.SpringResourceTemplateResolver;
import org.thymeleaf.templatemode.TemplateMode;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ReaderPagesProperties.class)
class ReaderPagesConfiguration {

    /** {@code nd:json-ld}, which writes a page's structured data safely (see {@link JsonLdDialect}). */
    @Bean
    JsonLdDialect jsonLdDialect() {
        return new JsonLdDialect(JsonMapper.builder().build());
    }

    /**
     * Views named {@code *.xml} (the sitemap) are templates read in Thymeleaf's XML mode, beside
     * the pages' HTML ones: no XML is written by hand. The HTML resolver Boot makes looks for
     * {@code sitemap.xml.html}, finds none and leaves the view to this one.
     */
    @Bean
    SpringResourceTemplateResolver xmlTemplateResolver(ThymeleafProperties thymeleaf, ApplicationContext context) {
        SpringResourceTemplateResolver xml = new SpringResourceTemplateResolver();
        xml.setApplicationContext(context);
        xml.setPrefix(thymeleaf.getPrefix());
        xml.setResolvablePatterns(Set.of("*.xml"));
        xml.setTemplateMode(TemplateMode.XML);
        xml.setCharacterEncoding(thymeleaf.getEncoding().name());
        xml.setCacheable(thymeleaf.isCache());
        xml.setCheckExistence(true);
        return xml;
    }
}
