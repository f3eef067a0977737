package org.newsdesk.submission.photo;

import static org.assertj.core.api.Assertions.assertThat;

import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.Directory;
import com.drew.metadata.Metadata;
import com.drew.metadata.file.FileTypeDirectory;
import com.drew.metadata.jfif.JfifDirectory;
import com.drew.metadata.jpeg.HuffmanTablesDirectory;
import com.drew.metadata.jpeg.JpegDirectory;
import com.drew.metadata.png.PngDirectory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.stream.StreamSupport;

/** What metadata-extractor, a library made to find metadata, finds in a photo. */
public final class PhotoMetadata {

    /**
     * What describes the encoding itself (dimensions, compression, Huffman tables, the file type,
     * the JFIF header, PNG's own chunks) and says nothing about the photo's place, time or camera.
     */
    private static final Set<Class<? extends Directory>> ENCODING_ONLY = Set.of(
            JpegDirectory.class,
            JfifDirectory.class,
            HuffmanTablesDirectory.class,
            FileTypeDirectory.class,
            PngDirectory.class);

    private PhotoMetadata() {}

    public static List<String> directories(byte[] photo) {
        try {
            Metadata metadata = ImageMetadataReader.readMetadata(new ByteArrayInputStream(photo), photo.length);
            return StreamSupport.stream(metadata.getDirectories().spliterator(), false)
                    .map(directory -> directory.getClass().getSimpleName())
                    .toList();
        } catch (Exception ex) {
            throw new AssertionError("metadata-extractor cannot read the photo", ex);
        }
    }

    /** Fails unless the photo holds nothing beyond its encoding: no EXIF, GPS, XMP, IPTC, ICC, thumbnail, comment. */
    public static void assertNone(byte[] photo) {
        try {
            Metadata metadata = ImageMetadataReader.readMetadata(new ByteArrayInputStream(photo), photo.length);
            for (Directory directory : metadata.getDirectories()) {
                assertThat(ENCODING_ONLY)
                        .as("metadata left in the photo: %s %s", directory.getName(), directory.getTags())
                        .contains(directory.getClass());
                if (directory instanceof PngDirectory png) {
                    // Only the header chunk: no text, time, profile or EXIF chunks.
                    assertThat(png.getPngChunkType().getIdentifier()).isEqualTo("IHDR");
                }
            }
        } catch (AssertionError failure) {
            throw failure;
        } catch (Exception ex) {
            throw new AssertionError("metadata-extractor cannot read the photo", ex);
        }
        String raw = new String(photo, StandardCharsets.ISO_8859_1);
        assertThat(raw)
                .doesNotContain(
                        PhotoFixtures.CAMERA_MAKE,
                        PhotoFixtures.CAMERA_MODEL,
                        PhotoFixtures.XMP_CREATOR,
                        "Exif\0",
                        "http://ns.adobe.com");
    }
}
