package org.newsdesk.publishing.page;

import java.util.Set;
import org.thymeleaf.context.ITemplateContext;
import org.thymeleaf.dialect.AbstractProcessorDialect;
import org.thymeleaf.engine.AttributeName;
import org.thymeleaf.model.IModel;
import org.thymeleaf.model.IModelFactory;
import org.thymeleaf.model.IProcessableElementTag;
import org.thymeleaf.processor.IProcessor;
import org.thymeleaf.processor.element.AbstractAttributeTagProcessor;
import org.thymeleaf.processor.element.IElementTagStructureHandler;
import org.thymeleaf.standard.expression.StandardExpressions;
import org.thymeleaf.templatemode.TemplateMode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Structured data for a page, the one way: {@code <template nd:json-ld="${data}"></template>} is
 * replaced by a {@code <script type="application/ld+json">} data block holding the data as JSON,
 * escaped by {@link StoryJsonLd#write} so that no text in it can end the block. Templates
 * themselves hold no script and print nothing unescaped ({@code ReaderTemplatesTests}); browsers
 * never run a data block.
 */
final class JsonLdDialect extends AbstractProcessorDialect {

    static final String PREFIX = "nd";

    private final JsonMapper json;

    JsonLdDialect(JsonMapper json) {
        super("Newsdesk structured data", PREFIX, 1000);
        this.json = json;
    }

    @Override
    public Set<IProcessor> getProcessors(String dialectPrefix) {
        return Set.of(new JsonLdProcessor(dialectPrefix, json));
    }

    private static final class JsonLdProcessor extends AbstractAttributeTagProcessor {

        private final JsonMapper json;

        JsonLdProcessor(String prefix, JsonMapper json) {
            super(TemplateMode.HTML, prefix, null, false, "json-ld", true, 1000, true);
            this.json = json;
        }

        @Override
        protected void doProcess(
                ITemplateContext context,
                IProcessableElementTag tag,
                AttributeName attributeName,
                String attributeValue,
                IElementTagStructureHandler structureHandler) {
            Object data = StandardExpressions.getExpressionParser(context.getConfiguration())
                    .parseExpression(context, attributeValue)
                    .execute(context);
            if (data == null) {
                structureHandler.removeElement();
                return;
            }
            IModelFactory factory = context.getModelFactory();
            IModel block = factory.createModel();
            block.add(factory.createOpenElementTag("script", "type", "application/ld+json"));
            block.add(factory.createText(StoryJsonLd.write(data, json)));
            block.add(factory.createCloseElementTag("script"));
            structureHandler.replaceWith(block, false);
        }
    }
}
