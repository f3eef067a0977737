package org.newsdesk.publishing.page;

import io.swagger.v3.oas.models.ExternalDocumentation;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Contact;
import io.swagger.v3.oas.models.info.Info;
import org.newsdesk.publishing.PublishingProperties;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.stereotype.Component;

/**
 * What the OpenAPI description says of itself, instead of springdoc's "OpenAPI definition / v0":
 * the outlet's API by name, this build's version, what it offers, whom to write to, and the
 * readable page of the same description ({@code /developers}).
 */
@Component
class ApiIntroduction implements OpenApiCustomizer {

    /** What a build without build information (run straight from an IDE) calls its version. */
    static final String UNBUILT_VERSION = "development";

    private final ReaderPagesProperties site;
    private final PublishingProperties publishing;
    private final String version;

    ApiIntroduction(
            ReaderPagesProperties site, PublishingProperties publishing, ObjectProvider<BuildProperties> build) {
        this.site = site;
        this.publishing = publishing;
        BuildProperties properties = build.getIfAvailable();
        this.version = properties == null ? UNBUILT_VERSION : properties.getVersion();
    }

    @Override
    public void customise(OpenAPI openApi) {
        Contact contact = new Contact().name(site.siteName() + " newsroom").url(publishing.url("/"));
        if (site.contactEmail() != null) {
            contact.email(site.contactEmail());
        }
        openApi.info(new Info()
                        .title(site.siteName() + " news API")
                        .version(version)
                        .description("The local news " + site.siteName() + " publishes from residents' tips, for "
                                + "other sites, apps and widgets: the stories as JSON, newest first or by area, "
                                + "category or words, a page at a time; Atom feeds of the same; the corrections; "
                                + "the sitemap; and the pages readers read. Free to use, with no key: every answer "
                                + "carries an ETag and a Cache-Control lifetime, so ask again with If-None-Match.")
                        .contact(contact))
                .externalDocs(new ExternalDocumentation()
                        .description("The same description as a page to read")
                        .url(publishing.url(DevelopersPageController.PATH)));
    }
}
