package org.newsdesk.submission.photo;

/**
 * A photo as the resident sent it; the file name is used only to tell them which one was refused.
 */
public record Upload(String fileName, byte[] bytes) {

    /** The longest a file name is quoted back to the resident. */
    private static final int NAME_SHOWN = 60;

    /** Without the file's name, which may say who sent it ("mara-at-home.jpg"). */
    @Override
    public String toString() {
        return "Upload[" + (bytes == null ? 0 : bytes.length) + " bytes]";
    }

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
