package org.newsdesk.submission.photo;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;

import com.drew.imaging.jpeg.JpegMetadataReader;
import com.drew.imaging.webp.WebpMetadataReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifReader;
import jakarta.annotation.PreDestroy;
import org.newsdesk.events.PhotoReference;
import org.newsdesk.media.MediaStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Takes residents' photos in: only real JPEG, PNG and WebP images, within the size limits, and
 * each one stripped of everything but its pixels before it is stored anywhere.
 *
 * <p>Stripping is done by decoding the pixels and encoding them afresh: whatever a phone or camera
 * wrote beside the pixels (EXIF with GPS position and serial numbers, XMP, IPTC, maker notes,
 * embedded thumbnails, colour profiles, comments) is simply never copied. The EXIF orientation is
 * read first and applied to the pixels, so the photo stays upright once the tag is gone.
 *
 * <p>Decoding is where a hostile file does harm, so the header's dimensions are checked before a
 * single pixel is decoded (a few kilobytes can announce gigapixels), large photos are decoded
 * subsampled to at most {@link PhotoProperties#longestSide()} (memory stays bounded), and decoding
 * runs on a few threads of its own, never on the web server's.
 */
@Component
public class ResidentPhotos {

    private static final Logger log = LoggerFactory.getLogger(ResidentPhotos.class);

    /** The longest a file name is quoted back to the resident. */
    private static final int NAME_SHOWN = 60;

    private static final float JPEG_QUALITY = 0.9f;

    /**
     * Decoder warnings that mean pixels are missing (the JPEG decoder says "Truncated File - Missing
     * EOI marker" and "premature end of data segment" for a file cut short). Others, such as about
     * a colour profile it ignores or stray bytes between segments, are about files phones really
     * write, and do not refuse a photo.
     */
    private static final Pattern MISSING_DATA = Pattern.compile(
            "truncat|premature end|missing eoi|bad huffman|corrupt jpeg data: bad", Pattern.CASE_INSENSITIVE);

    private final PhotoProperties limits;
    private final MediaStore media;
    private final Scheduler decoding;

    ResidentPhotos(PhotoProperties limits, MediaStore media) {
        this.limits = limits;
        this.media = media;
        // Each decode may hold a photo's pixels (up to longest-side squared): a few at a time, the rest wait.
        int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
        this.decoding = Schedulers.newBoundedElastic(threads, 100, "photo-cleaning");
        ImageIO.scanForPlugins();
        ImageIO.setUseCache(false);
    }

    @PreDestroy
    void stop() {
        decoding.dispose();
    }

    /** A photo as the resident sent it; the file name is used only to tell them which one was refused. */
    public record Upload(String fileName, byte[] bytes) {

        /** The file name as it may be shown back: no folders, no control characters, not too long. */
        String shownName() {
            String name = fileName == null ? "" : fileName.replaceAll(".*[/\\\\]", "").replaceAll("\\p{Cntrl}", "");
            if (name.isBlank()) {
                return "Your photo";
            }
            return "“" + (name.length() > NAME_SHOWN ? name.substring(0, NAME_SHOWN) + "…" : name) + "”";
        }
    }

    /** Pixels and nothing else, encoded afresh. */
    public record CleanPhoto(byte[] bytes, String contentType, int width, int height) {
    }

    /**
     * Checks the photos against the limits and cleans each one, or fails with a
     * {@link PhotoRefusedException} naming the first file refused. Nothing is stored here.
     */
    public Mono<List<CleanPhoto>> clean(List<Upload> uploads) {
        if (uploads.size() > limits.maxCount()) {
            return Mono.error(new PhotoRefusedException(HttpStatus.BAD_REQUEST, "You can send up to "
                    + limits.maxCount() + " photos with a tip; you chose " + uploads.size() + "."));
        }
        long total = uploads.stream().mapToLong(upload -> upload.bytes().length).sum();
        for (Upload upload : uploads) {
            if (upload.bytes().length > limits.maxSize().toBytes()) {
                return Mono.error(new PhotoRefusedException(HttpStatus.CONTENT_TOO_LARGE, upload.shownName()
                        + " is larger than " + megabytes(limits.maxSize().toBytes()) + ". Please send a smaller copy."));
            }
        }
        if (total > limits.maxTipSize().toBytes()) {
            return Mono.error(new PhotoRefusedException(HttpStatus.CONTENT_TOO_LARGE, "Your photos add up to more than "
                    + megabytes(limits.maxTipSize().toBytes()) + ". Please send fewer or smaller photos."));
        }
        return Flux.fromIterable(uploads)
                .concatMap(upload -> Mono.fromCallable(() -> cleanOne(upload)).subscribeOn(decoding))
                .collectList();
    }

    /**
     * Stores clean photos in the media store, in their order.
     *
     * @param stored told of each photo once it is stored, so that a caller can remove those already
     *               stored should a later one fail
     */
    public Mono<List<PhotoReference>> store(List<CleanPhoto> photos, Consumer<PhotoReference> stored) {
        return Flux.fromIterable(photos)
                .concatMap(photo -> media.store(photo.bytes(), photo.contentType(), photo.width(), photo.height()))
                .doOnNext(stored)
                .collectList();
    }

    /**
     * Removes photos stored for a tip that was then not stored: nothing refers to them. Best effort:
     * one left behind is an unreferenced file nobody can find, not a leak of anything.
     */
    public Mono<Void> forget(List<PhotoReference> photos) {
        return Flux.fromIterable(photos)
                .concatMap(photo -> media.delete(photo.id()))
                .onErrorResume(failure -> {
                    log.warn("Could not remove the photos of a tip that was not stored: {}", failure.getClass().getName());
                    return Mono.empty();
                })
                .then();
    }

    CleanPhoto cleanOne(Upload upload) {
        byte[] bytes = upload.bytes();
        PhotoFormat format = PhotoFormat.of(bytes);
        if (format == null) {
            throw new PhotoRefusedException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, upload.shownName()
                    + " is not a photo we can take. Please send JPEG, PNG or WebP photos.");
        }
        BufferedImage decoded = decode(upload, format);
        BufferedImage upright = upright(decoded, orientation(bytes, format));
        return encode(upright, format);
    }

    private BufferedImage decode(Upload upload, PhotoFormat format) {
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
            if (width <= 0 || height <= 0 || (long) width * height > limits.maxPixels()) {
                throw new PhotoRefusedException(HttpStatus.CONTENT_TOO_LARGE, upload.shownName() + " says it is "
                        + width + " × " + height + " pixels, more than the " + limits.maxPixels() / 1_000_000
                        + " megapixels we take. Please send a smaller copy.");
            }
            ImageReadParam param = reader.getDefaultReadParam();
            int step = (Math.max(width, height) + limits.longestSide() - 1) / limits.longestSide();
            if (step > 1) {
                param.setSourceSubsampling(step, step, 0, 0);
            }
            List<String> warnings = new ArrayList<>();
            reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
            BufferedImage image = reader.read(0, param);
            if (warnings.stream().anyMatch(warning -> MISSING_DATA.matcher(warning).find())) {
                // Where a file ends early or its data is broken, the decoder warns and fills the rest with grey.
                throw damaged(upload);
            }
            return image;
        }
        catch (PhotoRefusedException refused) {
            throw refused;
        }
        catch (IOException | RuntimeException undecodable) {
            throw damaged(upload);
        }
        finally {
            reader.dispose();
        }
    }

    private static PhotoRefusedException damaged(Upload upload) {
        return new PhotoRefusedException(HttpStatus.BAD_REQUEST, upload.shownName()
                + " could not be read as a photo: it may be damaged or incomplete. Please send it again or choose another.");
    }

    /**
     * The EXIF orientation (1 to 8), or 1 where there is none or it cannot be read. Only the EXIF
     * of JPEG and WebP is read, with readers that decompress nothing: PNG text chunks may be
     * compressed (a bomb of their own), and PNGs from phones carry no orientation.
     */
    static int orientation(byte[] bytes, PhotoFormat format) {
        try {
            Metadata metadata = switch (format) {
                case JPEG -> JpegMetadataReader.readMetadata(new ByteArrayInputStream(bytes), List.of(new ExifReader()));
                case WEBP -> WebpMetadataReader.readMetadata(new ByteArrayInputStream(bytes));
                case PNG -> null;
            };
            ExifIFD0Directory exif = metadata == null ? null : metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
            if (exif != null && exif.containsTag(ExifIFD0Directory.TAG_ORIENTATION)) {
                int orientation = exif.getInt(ExifIFD0Directory.TAG_ORIENTATION);
                return orientation >= 1 && orientation <= 8 ? orientation : 1;
            }
        }
        catch (Exception unreadable) {
            // Metadata we cannot read is metadata we drop anyway; the photo keeps its stored orientation.
        }
        return 1;
    }

    /** The pixels turned as EXIF orientation {@code orientation} says they are to be shown. */
    static BufferedImage upright(BufferedImage image, int orientation) {
        if (orientation == 1) {
            return image;
        }
        int w = image.getWidth();
        int h = image.getHeight();
        boolean turned = orientation >= 5;
        // Where a stored pixel (x, y) is shown, as x' = m00 x + m01 y + m02 and y' = m10 x + m11 y + m12;
        // arguments in AffineTransform's order (m00, m10, m01, m11, m02, m12).
        AffineTransform transform = switch (orientation) {
            case 2 -> new AffineTransform(-1, 0, 0, 1, w, 0);   // mirrored left to right
            case 3 -> new AffineTransform(-1, 0, 0, -1, w, h);  // upside down
            case 4 -> new AffineTransform(1, 0, 0, -1, 0, h);   // mirrored top to bottom
            case 5 -> new AffineTransform(0, 1, 1, 0, 0, 0);    // mirrored along the diagonal
            case 6 -> new AffineTransform(0, 1, -1, 0, h, 0);   // a quarter turn clockwise
            case 7 -> new AffineTransform(0, -1, -1, 0, h, w);  // mirrored along the other diagonal
            case 8 -> new AffineTransform(0, -1, 1, 0, 0, w);   // a quarter turn anticlockwise
            default -> throw new IllegalArgumentException("No EXIF orientation " + orientation);
        };
        BufferedImage result = new BufferedImage(turned ? h : w, turned ? w : h,
                image.getColorModel().hasAlpha() ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = result.createGraphics();
        try {
            graphics.drawImage(image, transform, null);
        }
        finally {
            graphics.dispose();
        }
        return result;
    }

    /**
     * The pixels alone, as a new file. JPEG stays JPEG and PNG stays PNG. WebP becomes PNG when it
     * has transparency and JPEG when not: ImageIO (and TwelveMonkeys) can read WebP but not write it,
     * and every browser shows JPEG and PNG.
     */
    private static CleanPhoto encode(BufferedImage image, PhotoFormat format) {
        boolean alpha = image.getColorModel().hasAlpha();
        boolean png = format == PhotoFormat.PNG || (format == PhotoFormat.WEBP && alpha);
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (png) {
                ImageIO.write(image, "png", out);
                return new CleanPhoto(out.toByteArray(), "image/png", image.getWidth(), image.getHeight());
            }
            BufferedImage opaque = alpha || image.getType() != BufferedImage.TYPE_INT_RGB ? opaque(image) : image;
            ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
            try (ImageOutputStream output = ImageIO.createImageOutputStream(out)) {
                writer.setOutput(output);
                ImageWriteParam param = writer.getDefaultWriteParam();
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(JPEG_QUALITY);
                // No metadata of our own either: the image alone.
                writer.write(null, new IIOImage(opaque, null, null), param);
            }
            finally {
                writer.dispose();
            }
            return new CleanPhoto(out.toByteArray(), "image/jpeg", opaque.getWidth(), opaque.getHeight());
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Encoding into memory cannot fail for want of space", ex);
        }
    }

    /** Plain RGB, as JPEG takes it: transparency over white, as a page would show it. */
    private static BufferedImage opaque(BufferedImage image) {
        BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = rgb.createGraphics();
        try {
            graphics.setColor(Color.WHITE);
            graphics.fillRect(0, 0, image.getWidth(), image.getHeight());
            graphics.drawImage(image, 0, 0, null);
        }
        finally {
            graphics.dispose();
        }
        return rgb;
    }

    private static String megabytes(long bytes) {
        return (bytes / (1024 * 1024)) + " MB";
    }
}
