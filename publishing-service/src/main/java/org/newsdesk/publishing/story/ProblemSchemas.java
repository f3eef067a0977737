package org.newsdesk.publishing.story;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import org.newsdesk.web.problem.FieldProblem;

/** The problem details the stories API answers with, as its OpenAPI description shows them; never built. */
final class ProblemSchemas {

    private ProblemSchemas() {}

    /** An RFC 9457 problem detail as this API sends it. */
    @Schema(name = "Problem", description = "An RFC 9457 problem detail")
    record Problem(
            String type,

            @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
            String title,

            @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
            int status,

            String detail,
            String instance) {}

    /** The problem of a story the newsroom withdrew. */
    @Schema(name = "WithdrawnProblem", description = "An RFC 9457 problem detail for a withdrawn story")
    record WithdrawnProblem(
            String type,

            @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
            String title,

            @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
            int status,

            String detail,
            String instance,

            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "The story's slug")
            String slug,

            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "When the newsroom withdrew it")
            java.time.Instant withdrawnAt,

            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "Why, as readers are told")
            String reason) {}

    /** The problem of a request with invalid parameters. */
    @Schema(name = "InvalidParametersProblem", description = "An RFC 9457 problem detail naming each invalid parameter")
    record InvalidParametersProblem(
            String type,

            @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
            String title,

            @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
            int status,

            String detail,
            String instance,

            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "What is wrong with each parameter")
            List<FieldProblem> errors) {}
}
