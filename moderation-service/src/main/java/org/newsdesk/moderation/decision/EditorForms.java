package org.newsdesk.moderation.decision;

import java.util.List;
import org.newsdesk.web.problem.FieldProblem;

/**
 * What the tip page's editor forms show beyond the story: the words an editor sent when they come
 * back refused, the problem beside each field, a conflict above them, or what was just done.
 */
record EditorForms(
        CorrectionForm correction,
        List<FieldProblem> correctionErrors,
        RetractionForm retraction,
        List<FieldProblem> retractionErrors,
        String conflict,
        String done) {

    static final EditorForms NONE = new EditorForms(null, List.of(), null, List.of(), null, null);

    /** Only the two words the page's own redirects use; anything else in the link shows nothing. */
    static EditorForms done(String done) {
        return "corrected".equals(done) || "withdrawn".equals(done)
                ? new EditorForms(null, List.of(), null, List.of(), null, done)
                : NONE;
    }

    static EditorForms correcting(CorrectionForm form, List<FieldProblem> problems) {
        return new EditorForms(form, problems, null, List.of(), null, null);
    }

    static EditorForms retracting(RetractionForm form, List<FieldProblem> problems) {
        return new EditorForms(null, List.of(), form, problems, null, null);
    }

    EditorForms withConflict(String message) {
        return new EditorForms(correction, correctionErrors, retraction, retractionErrors, message, done);
    }
}
