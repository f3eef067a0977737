package org.newsdesk.moderation.decision;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.newsdesk.web.problem.FieldProblem;

/**
 * The decision form's problems in the moderator's words, each with the id of the input it is about:
 * the API names fields and rules for programs ("reason is required to reject a tip (or a
 * reasonCode)"), the page tells a person what to do ("Write the reason the resident will read, or
 * choose one"). The API keeps its own words; only the page translates them.
 *
 * @param all    every problem, in the order the error summary lists them
 * @param beside the message to show beside each input, by the input's id
 */
record DecisionProblems(List<Problem> all, Map<String, String> beside) {

    static final DecisionProblems NONE = new DecisionProblems(List.of(), Map.of());

    private static final Pattern PHOTO_FIELD = Pattern.compile("photos\\[(\\d+)]\\.(id|caption|alt)");
    private static final Pattern AT_MOST = Pattern.compile("must be at most (\\d+) characters");

    /** @param input the id of the input the message is about, for the summary's link */
    record Problem(String input, String text) {}

    static DecisionProblems of(List<FieldProblem> problems) {
        List<Problem> all = problems.stream().map(DecisionProblems::words).toList();
        Map<String, String> beside = new LinkedHashMap<>();
        all.forEach(problem -> beside.putIfAbsent(problem.input(), problem.text()));
        return new DecisionProblems(all, beside);
    }

    public boolean isEmpty() {
        return all.isEmpty();
    }

    private static Problem words(FieldProblem problem) {
        String field = problem.field();
        String message = problem.message();
        Matcher photo = PHOTO_FIELD.matcher(field);
        if (photo.matches()) {
            int number = Integer.parseInt(photo.group(1)) + 1;
            return switch (photo.group(2)) {
                case "alt" ->
                    new Problem(
                            "alt-" + number,
                            tooLong(message, "The description of photo " + number)
                                    .orElse("Describe photo " + number
                                            + " in a few words for readers who cannot see it"));
                case "caption" ->
                    new Problem(
                            "caption-" + number,
                            tooLong(message, "The caption of photo " + number)
                                    .orElse("Check the caption of photo " + number));
                default ->
                    new Problem(
                            "photo-" + number,
                            message.startsWith("was erased")
                                    ? "Photo " + number
                                            + " was erased with the resident's contact details: it cannot be published"
                                    : "Photo " + number
                                            + " is not one the resident sent: reload the page and choose again");
            };
        }
        return switch (field) {
            case "reason" ->
                new Problem(
                        "reasonCode",
                        tooLong(message, "Your sentence for the resident")
                                .orElse("Write the reason the resident will read, or choose one"));
            case "reasonCode" -> new Problem("reasonCode", "Choose one of the reasons in the list");
            case "note" ->
                new Problem(
                        "note",
                        tooLong(message, "The note")
                                .orElse("Say what the tip is waiting for, so the next moderator knows"));
            case "duplicateOf" -> new Problem("duplicateOf", duplicateWords(message));
            case "headline" ->
                new Problem(
                        "headline",
                        tooLong(message, "The headline").orElse("Write a headline, or keep the resident's"));
            case "body" ->
                new Problem("body", tooLong(message, "The story").orElse("Write the story, or keep the resident's"));
            default ->
                new Problem("approve", "Choose what to do with the tip: publish, decline, hold or mark a duplicate");
        };
    }

    private static String duplicateWords(String message) {
        if (message.startsWith("must be another tip")) {
            return "A tip cannot repeat itself: choose another tip";
        }
        if (message.startsWith("is not a tip")) {
            return "There is no tip with that reference: choose one of the similar tips, or paste the other tip's address";
        }
        return "Choose the tip this one repeats from the similar tips, or paste the other tip's address";
    }

    private static Optional<String> tooLong(String message, String what) {
        Matcher most = AT_MOST.matcher(message);
        return most.matches()
                ? Optional.of(what + " is too long: keep it to " + most.group(1) + " characters")
                : Optional.empty();
    }
}
