package org.newsdesk.submission.photo;

/**
 * A photo as the resident sent it; the file name is used only to tell them which one was refused.
 */
public record Upload(String fileName, byte[] bytes) {

    /** The longest a file name is quoted back to the resident. */
    private static final int NAME_SHOWN = 60;

    /** The file name as it may be shown back: no folders, no control characters, not too long. */
    String shownName() {
        String name =
                fileName == null ? "" : fileName.replaceAll(".*[/\\\\]", "").replaceAll("\\p{Cntrl}", "");
        if (name.isBlank()) {
            return "Your photo";
        }
        return "“" + (name.length() > NAME_SHOWN ? name.substring(0, NAME_SHOWN) + "…" : name) + "”";
    }
}
