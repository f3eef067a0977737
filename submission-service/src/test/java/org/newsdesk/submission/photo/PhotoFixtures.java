package org.newsdesk.submission.photo;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import javax.imageio.ImageIO;
import org.springframework.core.io.ByteArrayResource;

/** Photos as residents' phones make them, secrets included, and files that only pretend to be photos. */
public final class PhotoFixtures {

    public static final String CAMERA_MAKE = "NewsdeskCam";
    public static final String CAMERA_MODEL = "Pocket X-1000";
    public static final String XMP_CREATOR = "Newsdesk Test Camera Firmware";

    private PhotoFixtures() {}

    /**
     * A landscape picture, red on its left half and blue on its right, stored as a phone held
     * upright stores it: sideways, with EXIF orientation 6 (turn a quarter clockwise to show).
     * Shown upright it is portrait, red above blue. It carries the camera's make and model, a GPS
     * position (Ilkeston market place) and an XMP packet.
     */
    public static byte[] sidewaysJpegWithSecrets() {
        byte[] jpeg = jpeg(halves(160, 80));
        return insertAfterApp0(jpeg, concat(exifSegment(6), xmpSegment()));
    }

    /** Red left half, blue right half. */
    public static BufferedImage halves(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        graphics.setColor(Color.RED);
        graphics.fillRect(0, 0, width / 2, height);
        graphics.setColor(Color.BLUE);
        graphics.fillRect(width / 2, 0, width - width / 2, height);
        graphics.dispose();
        return image;
    }

    /** The picture as a plain JPEG, with nothing but the JFIF header ImageIO writes. */
    public static byte[] jpeg(BufferedImage image) {
        return write(image, "jpeg");
    }

    /** Noise, so there is real data to cut short. */
    public static byte[] noisyJpeg(int width, int height) {
        return write(noise(width, height, BufferedImage.TYPE_INT_RGB), "jpeg");
    }

    public static byte[] noisyPng(int width, int height) {
        return write(noise(width, height, BufferedImage.TYPE_INT_ARGB), "png");
    }

    /**
     * A WebP made by {@code cwebp} (Java cannot write WebP): {@code halves.webp} (64 × 32, red left,
     * blue right, lossy and opaque), {@code halves-alpha.webp} (the same, lossless, its top half half
     * transparent), {@code sideways-with-gps.webp} ({@link #sidewaysJpegWithSecrets()} converted with
     * {@code -metadata all}, so with its EXIF and XMP).
     */
    public static byte[] webp(String name) {
        try (InputStream in = PhotoFixtures.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** A text file, as an HTML page with a script renamed to {@code .jpg} is. */
    public static byte[] htmlPage() {
        return "<!DOCTYPE html><html><body><script>alert('hello')</script></body></html>"
                .getBytes(StandardCharsets.UTF_8);
    }

    /** The first {@code fraction} of a file, as a broken upload leaves it. */
    public static byte[] truncated(byte[] bytes, double fraction) {
        return Arrays.copyOf(bytes, (int) (bytes.length * fraction));
    }

    /**
     * A decompression bomb: a PNG of a few kilobytes whose header says it is 60,000 × 60,000 pixels
     * (3.6 gigapixels, over 10 GB decoded), its data a deflated stream of zeros.
     */
    public static byte[] pngBomb() {
        return pngClaiming(60_000, 60_000);
    }

    /**
     * A PNG of a few kilobytes whose header says it is {@code width} × {@code height} pixels, its
     * data a deflated stream of zeros: as small on the wire as it is huge once decoded. (Shorter
     * than the header says: a decoder that got as far as its data would find it cut short.)
     */
    public static byte[] pngClaiming(int width, int height) {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        ByteBuffer header = ByteBuffer.allocate(13)
                .putInt(width)
                .putInt(height)
                .put((byte) 8)
                .put((byte) 2)
                .put((byte) 0)
                .put((byte) 0)
                .put((byte) 0);
        chunk(png, "IHDR", header.array());
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        deflater.setInput(new byte[4 * 1024 * 1024]);
        deflater.finish();
        byte[] buffer = new byte[64 * 1024];
        int length = deflater.deflate(buffer);
        chunk(png, "IDAT", Arrays.copyOf(buffer, length));
        chunk(png, "IEND", new byte[0]);
        return png.toByteArray();
    }

    /**
     * A small real JPEG whose frame header says it is {@code width} × {@code height} pixels, as a
     * 9,000 × 9,000 progressive JPEG of a few hundred kilobytes says it, or one that says 0 × 0.
     */
    public static byte[] jpegClaiming(int width, int height) {
        byte[] jpeg = noisyJpeg(16, 16);
        for (int at = 2; at + 8 < jpeg.length; ) {
            int marker = jpeg[at + 1] & 0xFF;
            if (marker == 0xC0 || marker == 0xC2) {
                ByteBuffer.wrap(jpeg, at + 5, 4).putShort((short) height).putShort((short) width);
                return jpeg;
            }
            at += 2 + (((jpeg[at + 2] & 0xFF) << 8) | (jpeg[at + 3] & 0xFF));
        }
        throw new IllegalStateException("ImageIO wrote a JPEG without a frame header");
    }

    /** Bytes that start like a JPEG and are not one, {@code size} of them. */
    public static byte[] oversized(int size) {
        byte[] bytes = noisyJpeg(64, 64);
        return Arrays.copyOf(bytes, size);
    }

    private static void chunk(ByteArrayOutputStream png, String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        png.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        png.writeBytes(typeBytes);
        png.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        png.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    private static BufferedImage noise(int width, int height, int type) {
        BufferedImage image = new BufferedImage(width, height, type);
        Random random = new Random(42);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, 0xFF000000 | random.nextInt(0x1000000));
            }
        }
        return image;
    }

    private static byte[] write(BufferedImage image, String format) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("No writer for " + format);
            }
            return out.toByteArray();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * An APP1 EXIF segment (big-endian TIFF): IFD0 with make, model, orientation and a pointer to
     * a GPS IFD holding latitude and longitude.
     */
    static byte[] exifSegment(int orientation) {
        ByteBuffer tiff = ByteBuffer.allocate(190);
        tiff.put(new byte[] {'M', 'M', 0, 42}).putInt(8);
        // IFD0 at 8: four entries, then data from 62
        tiff.putShort((short) 4);
        entry(tiff, 0x010F, 2, 12, 62); // Make, ASCII, at 62
        entry(tiff, 0x0110, 2, 14, 74); // Model, ASCII, at 74
        tiff.putShort((short) 0x0112)
                .putShort((short) 3)
                .putInt(1)
                .putShort((short) orientation)
                .putShort((short) 0);
        entry(tiff, 0x8825, 4, 1, 88); // GPS IFD at 88
        tiff.putInt(0);
        tiff.put(Arrays.copyOf(CAMERA_MAKE.getBytes(StandardCharsets.US_ASCII), 12));
        tiff.put(Arrays.copyOf(CAMERA_MODEL.getBytes(StandardCharsets.US_ASCII), 14));
        // GPS IFD at 88: four entries, then rationals from 142
        tiff.putShort((short) 4);
        tiff.putShort((short) 1).putShort((short) 2).putInt(2).put(new byte[] {'N', 0, 0, 0});
        entry(tiff, 2, 5, 3, 142);
        tiff.putShort((short) 3).putShort((short) 2).putInt(2).put(new byte[] {'W', 0, 0, 0});
        entry(tiff, 4, 5, 3, 166);
        tiff.putInt(0);
        tiff.putInt(52).putInt(1).putInt(58).putInt(1).putInt(1234).putInt(100); // 52° 58' 12.34"
        tiff.putInt(1).putInt(1).putInt(18).putInt(1).putInt(3210).putInt(100); // 1° 18' 32.10"
        return segment(0xE1, concat("Exif\0\0".getBytes(StandardCharsets.US_ASCII), tiff.array()));
    }

    static byte[] xmpSegment() {
        String xmp = "<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>"
                + "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">"
                + "<rdf:Description rdf:about=\"\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\""
                + " xmlns:exif=\"http://ns.adobe.com/exif/1.0/\" xmp:CreatorTool=\"" + XMP_CREATOR + "\""
                + " exif:GPSLatitude=\"52,58.2057N\" exif:GPSLongitude=\"1,18.535W\"/>"
                + "</rdf:RDF></x:xmpmeta><?xpacket end=\"w\"?>";
        return segment(
                0xE1,
                concat(
                        "http://ns.adobe.com/xap/1.0/\0".getBytes(StandardCharsets.US_ASCII),
                        xmp.getBytes(StandardCharsets.UTF_8)));
    }

    private static void entry(ByteBuffer tiff, int tag, int type, int count, int offset) {
        tiff.putShort((short) tag).putShort((short) type).putInt(count).putInt(offset);
    }

    private static byte[] segment(int marker, byte[] payload) {
        return concat(
                new byte[] {(byte) 0xFF, (byte) marker, (byte) ((payload.length + 2) >> 8), (byte) (payload.length + 2)
                },
                payload);
    }

    /** After the JFIF APP0 segment ImageIO writes first, where phones put their EXIF too. */
    private static byte[] insertAfterApp0(byte[] jpeg, byte[] segments) {
        int at = 2;
        if ((jpeg[2] & 0xFF) == 0xFF && (jpeg[3] & 0xFF) == 0xE0) {
            at = 4 + (((jpeg[4] & 0xFF) << 8) | (jpeg[5] & 0xFF));
        }
        return concat(Arrays.copyOf(jpeg, at), segments, Arrays.copyOfRange(jpeg, at, jpeg.length));
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** Bytes as a browser uploads a file: under a name. */
    public static ByteArrayResource named(String name, byte[] bytes) {
        return new ByteArrayResource(bytes) {
            @Override
            public String getFilename() {
                return name;
            }
        };
    }
}
