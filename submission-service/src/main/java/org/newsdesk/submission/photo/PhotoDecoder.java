package org.newsdesk.submission.photo;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.springframework.http.HttpStatus;

/**
 * Decodes a photo's pixels without letting a hostile file cost more than a real photo does. A few
 * kilobytes can announce gigapixels, or a strip one pixel high and a hundred million wide (each row
 * of which the decoder holds whole), so the dimensions the header announces are checked before a
 * single row is decoded; and a photo larger than is kept is decoded subsampled, so that the decoded
 * image never takes more memory than {@link PhotoProperties#longestSide()} squared.
 */
final class PhotoDecoder {

    /**
     * The longer side of a photo may be at most this many times its shorter. Panoramas, the longest
     * and narrowest photos phones take, rarely pass 10:1 even all the way round, so twice that
     * refuses no photo. It refuses strips: one pixel high and millions wide (a decoder holds a whole
     * row at once), or millions of rows of one pixel (each decoded on its own, at a cost of its
     * own). With the pixel limit it also bounds the longer side of anything taken, to about
     * √(20 × 50 million) ≈ 32,000 pixels.
     */
    static final int WIDEST_SHAPE = 20;

    /**
     * Decoder warnings that mean pixels are missing (the JPEG decoder says "Truncated File - Missing
     * EOI marker" and "premature end of data segment" for a file cut short). Others, such as about
     * a colour profile it ignores or stray bytes between segments, are about files phones really
     * write, and do not refuse a photo.
     */
    private static final Pattern MISSING_DATA = Pattern.compile(
            "truncat|premature end|missing eoi|bad huffman|corrupt jpeg data: bad", Pattern.CASE_INSENSITIVE);

    private final PhotoProperties limits;

    PhotoDecoder(PhotoProperties limits) {
        this.limits = limits;
        ImageIO.scanForPlugins();
        ImageIO.setUseCache(false);
    }

    BufferedImage decode(Upload upload, PhotoFormat format) {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format.imageIoName);
        if (!readers.hasNext()) {
            throw new IllegalStateException("No ImageIO reader for " + format);
        }
        ImageReader reader = readers.next();
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(upload.bytes()))) {
            // Metadata is never read by the decoder: what it says is read separately, and only the orientation.
            reader.setInput(in, true, true);
            int width = reader.getWidth(0);
            int height = reader.getHeight(0);
            checkAnnounced(upload, width, height);
            ImageReadParam param = reader.getDefaultReadParam();
            int step = (Math.max(width, height) + limits.longestSide() - 1) / limits.longestSide();
            if (step > 1) {
                param.setSourceSubsampling(step, step, 0, 0);
            }
            List<String> warnings = new ArrayList<>();
            reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
            BufferedImage image = reader.read(0, param);
            if (warnings.stream()
                    .anyMatch(warning -> MISSING_DATA.matcher(warning).find())) {
                // Where a file ends early or its data is broken, the decoder warns and fills the rest with grey.
                throw PhotoRefusedException.unreadable(upload);
            }
            return image;
        } catch (PhotoRefusedException refused) {
            throw refused;
        } catch (IOException | RuntimeException undecodable) {
            throw PhotoRefusedException.unreadable(upload);
        } finally {
            reader.dispose();
        }
    }

    /** The dimensions the header announces, refused before anything is decoded should no photo have them. */
    private void checkAnnounced(Upload upload, int width, int height) {
        if (width <= 0 || height <= 0) {
            // An image of no pixels is no photo: its header is broken, whatever the rest holds.
            throw PhotoRefusedException.unreadable(upload);
        }
        if (Math.max(width, height) > (long) Math.min(width, height) * WIDEST_SHAPE) {
            throw new PhotoRefusedException(
                    HttpStatus.BAD_REQUEST,
                    upload.shownName() + " says it is " + width + " × " + height
                            + " pixels, a shape no photo has. Please send a photo.");
        }
        if ((long) width * height > limits.maxPixels()) {
            throw new PhotoRefusedException(
                    HttpStatus.CONTENT_TOO_LARGE,
                    upload.shownName() + " says it is "
                            + width + " × " + height + " pixels, more than the " + limits.maxMegapixels()
                            + " megapixels we take. Please send a smaller copy.");
        }
    }
}
