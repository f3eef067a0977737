package org.newsdesk.browser;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Runs browser tests where Chromium is installed; see {@link BrowserTest}. */
final class ChromiumCondition implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (Chromium.installed()) {
            return ConditionEvaluationResult.enabled("Chromium is installed");
        }
        if (System.getenv("CI") != null) {
            throw new IllegalStateException("Browser tests need Chromium on CI: " + Chromium.HOW_TO_INSTALL);
        }
        return ConditionEvaluationResult.disabled("No Chromium here; " + Chromium.HOW_TO_INSTALL);
    }
}
