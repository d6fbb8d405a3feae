package io.github.leukocnn.io;

import static org.junit.jupiter.api.Assertions.*;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;

import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.CompositeImage;
import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.FloatProcessor;
import ij.process.LUT;
import ij.process.ShortProcessor;

/** Every kind of input the class policy of {@link SmearImages} names, good and bad. */
class SmearImagesTest {

	@TempDir
	Path dir;

	/** A smear-like RGB test pattern: pinkish background with a purple blob. */
	static BufferedImage rgbPattern(int w, int h) {
		BufferedImage bi = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				boolean blob = (x - w / 2) * (x - w / 2) + (y - h / 2) * (y - h / 2) < w * h / 16;
				bi.setRGB(x, y, blob ? 0x6a3d9a : (0xe0 << 16) | ((0xb0 + (x + y) % 20) << 8) | 0xc0);
			}
		return bi;
	}

	private Path png(String name, BufferedImage bi) throws IOException {
		Path f = dir.resolve(name);
		assertTrue(ImageIO.write(bi, "png", f.toFile()));
		return f;
	}

	private Path tiff(String name, ImagePlus imp) {
		Path f = dir.resolve(name);
		assertTrue(new FileSaver(imp).saveAsTiff(f.toString()));
		return f;
	}

	private static ImageInputException refused(Path f, String... expectedWords) {
		ImageInputException e = assertThrows(ImageInputException.class, () -> SmearImages.openRgb(f));
		assertTrue(e.getMessage().contains(f.toString()), "message names the file: " + e.getMessage());
		for (String word : expectedWords)
			assertTrue(e.getMessage().contains(word), "message mentions '" + word + "': " + e.getMessage());
		return e;
	}

	@Test
	void rgbPngOpensWithItsPixels() throws IOException {
		BufferedImage bi = rgbPattern(40, 30);
		ColorProcessor cp = SmearImages.openRgb(png("a.png", bi));
		assertEquals(40, cp.getWidth());
		assertEquals(30, cp.getHeight());
		for (int y = 0; y < 30; y++)
			for (int x = 0; x < 40; x++)
				assertEquals(bi.getRGB(x, y) & 0xffffff, cp.get(x, y) & 0xffffff);
	}

	@Test
	void rgbJpegAndBmpAndTiffOpen() throws IOException {
		BufferedImage bi = rgbPattern(64, 48);
		Path jpg = dir.resolve("a.jpg"), bmp = dir.resolve("a.bmp");
		assertTrue(ImageIO.write(bi, "jpg", jpg.toFile()));
		assertTrue(ImageIO.write(bi, "bmp", bmp.toFile()));
		Path tif = tiff("a.tif", new ImagePlus("a", new ColorProcessor(bi)));
		for (Path f : new Path[] { jpg, bmp, tif }) {
			ColorProcessor cp = SmearImages.openRgb(f);
			assertEquals(64, cp.getWidth(), f.toString());
			int purple = cp.get(32, 24) & 0xffffff;
			assertTrue(Math.abs(((purple >> 16) & 0xff) - 0x6a) < 12 && Math.abs((purple & 0xff) - 0x9a) < 12, f + ": " + Integer.toHexString(purple));
		}
		assertArrayEquals((int[]) new ColorProcessor(bi).getPixels(), (int[]) SmearImages.openRgb(bmp).getPixels());
	}

	@Test
	void decodedPixelsAreExactlyWhatImageIoDecodes() throws IOException {
		BufferedImage bi = rgbPattern(37, 23);
		Path jpg = dir.resolve("exact.jpg");
		ImageIO.write(bi, "jpg", jpg.toFile());
		BufferedImage reference = ImageIO.read(jpg.toFile());
		ColorProcessor cp = SmearImages.openRgb(jpg);
		for (int y = 0; y < 23; y++)
			for (int x = 0; x < 37; x++)
				assertEquals(reference.getRGB(x, y) & 0xffffff, cp.get(x, y) & 0xffffff, "(" + x + "," + y + ")");
	}

	@Test
	void rgbImageIsUsedWithoutCopy() throws IOException {
		ImagePlus imp = new ImagePlus("x", new ColorProcessor(rgbPattern(5, 5)));
		assertSame(imp.getProcessor(), SmearImages.toRgb(imp, "x"));
	}

	@Test
	void formatIsRecognisedByContentNotExtension() throws IOException {
		Path f = dir.resolve("really-a-png.jpg");
		ImageIO.write(rgbPattern(10, 10), "png", f.toFile());
		assertEquals(10, SmearImages.openRgb(f).getWidth());
	}

	@Test
	void onePixelImageIsValid() throws IOException {
		assertEquals(1, SmearImages.openRgb(png("one.png", rgbPattern(1, 1))).getPixelCount());
	}

	@Test
	void greyscaleImagesAreRefusedBecauseStainColourIsNeeded() throws IOException {
		BufferedImage grey = new BufferedImage(20, 20, BufferedImage.TYPE_BYTE_GRAY);
		refused(png("grey.png", grey), "greyscale 8-bit", "RGB");
		Path jpg = dir.resolve("grey.jpg");
		ImageIO.write(grey, "jpg", jpg.toFile());
		refused(jpg, "greyscale");
		BufferedImage grey16 = new BufferedImage(20, 20, BufferedImage.TYPE_USHORT_GRAY);
		refused(png("grey16.png", grey16), "16-bit");
		refused(tiff("s16.tif", new ImagePlus("s", new ShortProcessor(20, 20))), "16-bit");
		refused(tiff("f32.tif", new ImagePlus("f", new FloatProcessor(20, 20))), "32-bit");
		refused(tiff("b8.tif", new ImagePlus("b", new ByteProcessor(20, 20))), "greyscale 8-bit");
	}

	@Test
	void palettedImagesAreExpandedToTheirColours() throws IOException {
		byte[] r = { (byte) 0xe0, 0x6a }, g = { (byte) 0xb0, 0x3d }, b = { (byte) 0xc0, (byte) 0x9a };
		BufferedImage indexed = new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_INDEXED, new IndexColorModel(1, 2, r, g, b));
		indexed.getRaster().setSample(3, 4, 0, 1);
		for (String format : new String[] { "png", "gif" }) {
			Path f = dir.resolve("indexed." + format);
			assertTrue(ImageIO.write(indexed, format, f.toFile()));
			ColorProcessor cp = SmearImages.openRgb(f);
			assertEquals(0x6a3d9a, cp.get(3, 4) & 0xffffff, format);
			assertEquals(0xe0b0c0, cp.get(0, 0) & 0xffffff, format);
		}
	}

	/** A black 48-bit (16 bits per channel) sRGB image. */
	private static BufferedImage rgb48(int width, int height) {
		java.awt.image.ComponentColorModel cm = new java.awt.image.ComponentColorModel(
			java.awt.color.ColorSpace.getInstance(java.awt.color.ColorSpace.CS_sRGB), new int[] { 16, 16, 16 }, false, false,
			java.awt.Transparency.OPAQUE, java.awt.image.DataBuffer.TYPE_USHORT);
		return new BufferedImage(cm, cm.createCompatibleWritableRaster(width, height), false, null);
	}

	@Test
	void deepColourPngIsReducedToEightBitsPerChannel() throws IOException {
		BufferedImage rgb48 = rgb48(4, 3);
		rgb48.getRaster().setPixel(1, 2, new int[] { 65535, 0x8000, 0x01ff });
		Path f = png("rgb48.png", rgb48);
		assertEquals(0xff8001, SmearImages.openRgb(f).get(1, 2) & 0xffffff);
	}

	@Test
	void twelveBitColourInASixteenBitPngFillsTheRangeWithItsColourBalance() throws IOException {
		BufferedImage rgb48 = rgb48(4, 3);
		rgb48.getRaster().setPixel(0, 0, new int[] { 4095, 3900, 4000 }); // a camera's 12 bits: pale pink background
		rgb48.getRaster().setPixel(1, 2, new int[] { 2048, 1024, 3072 }); // a purple nucleus
		Path f = png("rgb12in16.png", rgb48);
		ColorProcessor rgb = SmearImages.openRgb(f);
		assertEquals(0xfff3fa, rgb.get(0, 0) & 0xffffff, "the brightest value becomes 255, not 15 (its top 8 bits)");
		assertEquals(0x8040c0, rgb.get(1, 2) & 0xffffff, "one scale: the ratios of the channels are kept");
	}

	@Test
	void aSixteenBitRgbTiffIsMergedOnOneScaleNotThroughEachChannelsDisplayRange() throws IOException {
		ImageStack stack = new ImageStack(4, 3);
		short[][] channels = { new short[12], new short[12], new short[12] };
		int[][] values = { { 60000, 58000, 57000 }, { 30000, 15000, 45000 } }; // background, nucleus (R, G, B)
		for (int i = 0; i < 12; i++)
			for (int c = 0; c < 3; c++) channels[c][i] = (short) values[i == 5 ? 1 : 0][c];
		for (int c = 0; c < 3; c++) stack.addSlice(new ShortProcessor(4, 3, channels[c], null));
		ImagePlus imp = new ImagePlus("rgb48", stack);
		imp.setDimensions(3, 1, 1);
		CompositeImage ci = new CompositeImage(imp, IJ.COMPOSITE); // red, green, blue; each its own display range
		ColorProcessor rgb = SmearImages.openRgb(tiff("rgb48.tif", ci));
		int scale = 60001;
		int background = rgb.get(0, 0) & 0xffffff, nucleus = rgb.get(1, 1) & 0xffffff;
		assertEquals((60000 * 256 / scale) << 16 | (58000 * 256 / scale) << 8 | 57000 * 256 / scale, background);
		assertEquals((30000 * 256 / scale) << 16 | (15000 * 256 / scale) << 8 | 45000 * 256 / scale, nucleus,
			"the nucleus stays purple; per-channel display ranges would have made it black");
	}

	/**
	 * A 48-bit TIFF as libtiff writes it: little-endian, Deflate-compressed strips of
	 * {@code rowsPerStrip} rows, with the horizontal-differencing predictor (2) or none (1), the
	 * channels interleaved (chunky) or as three planes.
	 */
	private Path deflatedRgb48Tiff(String name, short[][] rgb, int w, int h, int rowsPerStrip, boolean planar, int predictor) throws IOException {
		java.util.List<byte[]> strips = new java.util.ArrayList<>();
		int planes = planar ? 3 : 1, samples = planar ? 1 : 3;
		for (int p = 0; p < planes; p++)
			for (int y0 = 0; y0 < h; y0 += rowsPerStrip) {
				int rows = Math.min(rowsPerStrip, h - y0);
				java.nio.ByteBuffer raw = java.nio.ByteBuffer.allocate(rows * w * samples * 2).order(java.nio.ByteOrder.LITTLE_ENDIAN);
				for (int y = y0; y < y0 + rows; y++)
					for (int x = 0; x < w; x++)
						for (int k = 0; k < samples; k++) {
							short[] channel = rgb[planar ? p : k];
							int v = channel[y * w + x], left = x > 0 ? channel[y * w + x - 1] : 0;
							raw.putShort((short) (predictor == 2 ? v - left : v));
						}
				java.util.zip.Deflater deflater = new java.util.zip.Deflater();
				deflater.setInput(raw.array());
				deflater.finish();
				java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
				byte[] buf = new byte[4096];
				while (!deflater.finished()) out.write(buf, 0, deflater.deflate(buf));
				strips.add(out.toByteArray());
			}
		int n = strips.size(), data = 8, at = data;
		for (byte[] strip : strips) at += strip.length;
		int bitsAt = at + (at & 1), offsetsAt = bitsAt + 6, countsAt = offsetsAt + 4 * n, ifdAt = countsAt + 4 * n;
		int entries = 11;
		java.nio.ByteBuffer f = java.nio.ByteBuffer.allocate(ifdAt + 2 + 12 * entries + 4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
		f.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(ifdAt);
		for (byte[] strip : strips) f.put(strip);
		f.position(bitsAt);
		for (int c = 0; c < 3; c++) f.putShort((short) 16);
		for (int i = 0, o = data; i < n; o += strips.get(i).length, i++) f.putInt(o);
		for (byte[] strip : strips) f.putInt(strip.length);
		f.putShort((short) entries);
		int[][] ifd = { { 256, 4, 1, w }, { 257, 4, 1, h }, { 258, 3, 3, bitsAt }, { 259, 3, 1, 8 }, { 262, 3, 1, 2 },
			{ 273, 4, n, offsetsAt }, { 277, 3, 1, 3 }, { 278, 4, 1, rowsPerStrip }, { 279, 4, n, countsAt },
			{ 284, 3, 1, planar ? 2 : 1 }, { 317, 3, 1, predictor } };
		for (int[] e : ifd) {
			f.putShort((short) e[0]).putShort((short) e[1]).putInt(e[2]);
			if (e[1] == 3 && e[2] == 1) f.putShort((short) e[3]).putShort((short) 0);
			else f.putInt(e[3]);
		}
		f.putInt(0);
		Path file = dir.resolve(name);
		Files.write(file, f.array());
		return file;
	}

	@Test
	void compressedSixteenBitRgbTiffsWithPredictorOrInPlanesOpenWithTheirValues() throws IOException {
		int w = 7, h = 5;
		java.util.SplittableRandom rnd = new java.util.SplittableRandom(3);
		short[][] rgb = new short[3][w * h];
		for (short[] channel : rgb)
			for (int i = 0; i < channel.length; i++) channel[i] = (short) rnd.nextInt(65536);
		for (boolean planar : new boolean[] { false, true })
			for (int predictor : new int[] { 1, 2 }) {
				String name = (planar ? "planar" : "chunky") + "-predictor" + predictor + ".tif";
				ImagePlus imp = SmearImages.open(deflatedRgb48Tiff(name, rgb, w, h, 2, planar, predictor));
				assertEquals(3, imp.getStackSize(), name);
				for (int c = 0; c < 3; c++)
					assertArrayEquals(rgb[c], (short[]) imp.getStack().getPixels(c + 1), name + ", channel " + (c + 1));
				assertEquals(w, SmearImages.openRgb(dir.resolve(name)).getWidth(), name);
			}
	}

	/** {@code image} written by Java's TIFF writer, tiled 16×16, with the given compression. */
	private Path tiledTiff(String name, BufferedImage image, String compression) throws IOException {
		return tiffPages(name, compression, 16, new BufferedImage[] { image }, null);
	}

	@Test
	void tiledAndJpegCompressedTiffsThatImageJCannotReadOpenThroughJavasReader() throws IOException {
		BufferedImage pattern = rgbPattern(64, 48);
		Path lzw = tiledTiff("tiled-lzw.tif", pattern, "LZW");
		assertNull(ij.io.Opener.getTiffFileInfo(lzw.toString()), "ImageJ 1 does not read tiled TIFFs (else this test tests nothing)");
		ColorProcessor cp = SmearImages.openRgb(lzw);
		for (int y = 0; y < 48; y++)
			for (int x = 0; x < 64; x++) assertEquals(pattern.getRGB(x, y) & 0xffffff, cp.get(x, y) & 0xffffff, "pixel " + x + "," + y);
		ColorProcessor jpeg = SmearImages.openRgb(tiledTiff("tiled-jpeg.tif", pattern, "JPEG"));
		double sum = 0;
		for (int y = 0; y < 48; y++)
			for (int x = 0; x < 64; x++)
				for (int shift = 0; shift < 24; shift += 8)
					sum += Math.abs((pattern.getRGB(x, y) >> shift & 0xff) - (jpeg.get(x, y) >> shift & 0xff));
		assertTrue(sum / (64 * 48 * 3) < 4, "JPEG-compressed tiles decode close to the pattern: mean |difference| " + sum / (64 * 48 * 3));
	}

	@Test
	void multiPageTiledTiffIsRefusedAsAStack() throws IOException {
		Path f = tiffPages("pages.tif", null, 16, new BufferedImage[] { rgbPattern(32, 32), rgbPattern(32, 32) }, null);
		refused(f, "2 pages");
	}

	/** Writes {@code images} as the pages of one TIFF with Java's writer; {@code metadata[i]} may be null. */
	private Path tiffPages(String name, String compression, BufferedImage[] images, javax.imageio.metadata.IIOMetadata[] metadata) throws IOException {
		return tiffPages(name, compression, 0, images, metadata);
	}

	/** As above, in tiles of {@code tile}×{@code tile} pixels (0 = strips); {@code compression} null = the writer's default. */
	private Path tiffPages(String name, String compression, int tile, BufferedImage[] images, javax.imageio.metadata.IIOMetadata[] metadata)
		throws IOException
	{
		Path f = dir.resolve(name);
		ImageWriter writer = ImageIO.getImageWritersByFormatName("tiff").next();
		javax.imageio.ImageWriteParam param = writer.getDefaultWriteParam();
		if (tile > 0) {
			param.setTilingMode(javax.imageio.ImageWriteParam.MODE_EXPLICIT);
			param.setTiling(tile, tile, 0, 0);
		}
		if (compression != null) {
			param.setCompressionMode(javax.imageio.ImageWriteParam.MODE_EXPLICIT);
			param.setCompressionType(compression);
		}
		try (ImageOutputStream out = ImageIO.createImageOutputStream(f.toFile())) {
			writer.setOutput(out);
			writer.prepareWriteSequence(null);
			for (int i = 0; i < images.length; i++)
				writer.writeToSequence(new javax.imageio.IIOImage(images[i], null, metadata == null ? null : metadata[i]), param);
			writer.endWriteSequence();
		}
		finally {
			writer.dispose();
		}
		return f;
	}

	@Test
	void jpegCompressedTiffUnder500PixelsWideIsDecodedNotReadAsRawBytes() throws IOException {
		BufferedImage pattern = rgbPattern(360, 363);
		Path f = tiffPages("small-jpeg.tif", "JPEG", new BufferedImage[] { pattern }, null);
		ij.io.FileInfo[] infos = ij.io.Opener.getTiffFileInfo(f.toString());
		assertTrue(infos != null && infos[0].compression == ij.io.FileInfo.COMPRESSION_NONE,
			"ImageJ 1 takes a JPEG TIFF under 500 px wide for uncompressed (else this test tests nothing)");
		ColorProcessor cp = SmearImages.openRgb(f);
		assertEquals(360, cp.getWidth());
		assertEquals(363, cp.getHeight());
		double sum = 0;
		for (int y = 0; y < 363; y++)
			for (int x = 0; x < 360; x++)
				for (int shift = 0; shift < 24; shift += 8)
					sum += Math.abs((pattern.getRGB(x, y) >> shift & 0xff) - (cp.get(x, y) >> shift & 0xff));
		double mean = sum / (360 * 363 * 3);
		assertTrue(mean < 6, "decoded close to the pattern: mean |difference| " + mean);
	}

	@Test
	void multiPageTiffWithPagesOfDifferentSizesIsRefusedAsAStack() throws IOException {
		Path f = tiffPages("mixed.tif", null, new BufferedImage[] { rgbPattern(64, 48), rgbPattern(32, 24) }, null);
		refused(f, "stack of 2 pages", "Image > Duplicate");
		Path lzw = tiffPages("mixed-lzw.tif", "LZW", new BufferedImage[] { rgbPattern(64, 48), rgbPattern(32, 24), rgbPattern(16, 12) }, null);
		refused(lzw, "stack of 3 pages");
	}

	@Test
	void reducedResolutionPagesOfATiffAreIgnored() throws IOException {
		BufferedImage full = rgbPattern(64, 48), thumb = rgbPattern(16, 12);
		ImageWriter writer = ImageIO.getImageWritersByFormatName("tiff").next();
		javax.imageio.metadata.IIOMetadata plain = writer.getDefaultImageMetadata(new javax.imageio.ImageTypeSpecifier(thumb), writer.getDefaultWriteParam());
		javax.imageio.plugins.tiff.TIFFDirectory d = javax.imageio.plugins.tiff.TIFFDirectory.createFromMetadata(plain);
		d.addTIFFField(new javax.imageio.plugins.tiff.TIFFField(
			javax.imageio.plugins.tiff.BaselineTIFFTagSet.getInstance().getTag(javax.imageio.plugins.tiff.BaselineTIFFTagSet.TAG_NEW_SUBFILE_TYPE),
			javax.imageio.plugins.tiff.TIFFTag.TIFF_LONG, 1, new long[] { 1 }));
		writer.dispose();
		for (String compression : new String[] { null, "JPEG" }) {
			Path f = tiffPages("thumb-" + compression + ".tif", compression, new BufferedImage[] { full, thumb }, new javax.imageio.metadata.IIOMetadata[] { null, d.getAsMetadata() });
			assertEquals(2, SmearImages.tiffPages(f).size());
			assertTrue(SmearImages.tiffPages(f).get(1).reduced(), "the second page is marked as a thumbnail (else this test tests nothing)");
			ColorProcessor cp = SmearImages.openRgb(f);
			assertEquals(64, cp.getWidth());
			assertEquals(48, cp.getHeight());
			if (compression == null)
				for (int y = 0; y < 48; y++)
					for (int x = 0; x < 64; x++) assertEquals(full.getRGB(x, y) & 0xffffff, cp.get(x, y) & 0xffffff, "pixel " + x + "," + y);
		}
	}

	private static BufferedImage greyAlpha(int w, int h, int dataType) {
		java.awt.image.ColorModel cm = new java.awt.image.ComponentColorModel(java.awt.color.ColorSpace.getInstance(java.awt.color.ColorSpace.CS_GRAY),
			true, false, java.awt.Transparency.TRANSLUCENT, dataType);
		BufferedImage bi = new BufferedImage(cm, cm.createCompatibleWritableRaster(w, h), false, null);
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) bi.getRaster().setPixel(x, y, new int[] { (x * 7 + y) % 200, 255 });
		return bi;
	}

	@Test
	void greyImagesWithAnAlphaChannelAreRefusedAsGreyscaleNotAsStacks() throws IOException {
		BufferedImage g8 = greyAlpha(20, 10, java.awt.image.DataBuffer.TYPE_BYTE), g16 = greyAlpha(20, 10, java.awt.image.DataBuffer.TYPE_USHORT);
		String stack = refused(png("ga8.png", g8), "greyscale 8-bit", "alpha", "RGB").getMessage();
		assertFalse(stack.contains("stack"), stack);
		assertFalse(refused(png("ga16.png", g16), "greyscale 16-bit", "alpha").getMessage().contains("stack"));
		assertFalse(refused(tiffPages("ga8.tif", null, new BufferedImage[] { g8 }, null), "greyscale 8-bit", "alpha").getMessage().contains("stack"));
		assertFalse(refused(tiffPages("ga8-lzw.tif", "LZW", new BufferedImage[] { g8 }, null), "greyscale 8-bit", "alpha").getMessage().contains("stack"));
		assertFalse(refused(tiffPages("ga16.tif", null, new BufferedImage[] { g16 }, null), "greyscale 16-bit", "alpha").getMessage().contains("stack"));
	}

	@Test
	void bigTiffIsRefusedWithWhatToSaveInstead() throws IOException {
		Path f = dir.resolve("big.tif");
		Files.write(f, new byte[] { 'I', 'I', 43, 0, 8, 0, 0, 0, 16, 0, 0, 0, 0, 0, 0, 0 });
		refused(f, "BigTIFF", "standard TIFF");
	}

	@Test
	void cmykJpegIsConvertedToRgb() throws IOException {
		// three uniform 8x8 blocks, which JPEG keeps exactly. Java's writer stores the samples as given, without an
		// Adobe marker, and readers take such samples as Adobe-inverted CMYK (255 - ink): white (no ink), red (full
		// magenta and yellow) and a mid-tone, inks C 0, M 69, Y 58, K 49
		int[][] samples = { { 255, 255, 255, 255 }, { 255, 0, 0, 255 }, { 255, 186, 197, 206 } };
		java.awt.image.WritableRaster cmyk = java.awt.image.Raster.createInterleavedRaster(java.awt.image.DataBuffer.TYPE_BYTE, 24, 8, 4, null);
		for (int y = 0; y < 8; y++)
			for (int x = 0; x < 24; x++)
				cmyk.setPixel(x, y, samples[x / 8]);
		Path f = dir.resolve("cmyk.jpg");
		ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
		try (ImageOutputStream out = ImageIO.createImageOutputStream(f.toFile())) {
			writer.setOutput(out);
			writer.write(null, new javax.imageio.IIOImage(cmyk, null, null), null);
		}
		BufferedImage reference = ImageIO.read(f.toFile());
		org.junit.jupiter.api.Assumptions.assumeTrue(reference != null && reference.getColorModel().getNumComponents() == 4,
			"this JDK does not read CMYK JPEGs");
		ColorProcessor cp = SmearImages.openRgb(f);
		assertEquals(24, cp.getWidth());
		assertEquals(0xffffff, cp.get(3, 3) & 0xffffff, "no ink is white");
		assertEquals(0xff0000, cp.get(11, 3) & 0xffffff, "magenta and yellow are red");
		for (int x : new int[] { 3, 11 })
			assertEquals(reference.getRGB(x, 3) & 0xffffff, cp.get(x, 3) & 0xffffff, "pixel " + x + " as Java converts CMYK");
		// the mid-tone by the conventional formula, linear in the inks, rounded: R = 255 (1 - C)(1 - K) = 255 * 206/255
		// = 206, G = 186 * 206/255 = 150.3 -> 150, B = 197 * 206/255 = 159.1 -> 159. Java's own conversion (JDK 17)
		// gives (232, 202, 207) here, 26-52 levels brighter: only white and the pure inks agree
		for (int x : new int[] { 16, 19, 23 })
			assertEquals("ce969f", String.format("%06x", cp.get(x, 3) & 0xffffff), "mid-tone pixel " + x + " by the conventional formula");
	}

	@Test
	void alphaChannelIsIgnored() throws IOException {
		BufferedImage argb = new BufferedImage(3, 3, BufferedImage.TYPE_INT_ARGB);
		argb.setRGB(1, 1, 0x806a3d9a);
		assertEquals(0x6a3d9a, SmearImages.openRgb(png("alpha.png", argb)).get(1, 1) & 0xffffff);
	}

	@Test
	void stacksAndHyperstacksAreRefused() {
		ImageStack rgbSlices = new ImageStack(10, 10);
		for (int i = 0; i < 4; i++)
			rgbSlices.addSlice(new ColorProcessor(10, 10));
		refused(tiff("rgbstack.tif", new ImagePlus("s", rgbSlices)), "stack of 4", "Image > Duplicate");

		ImageStack three = new ImageStack(10, 10);
		for (int i = 0; i < 3; i++)
			three.addSlice(new ByteProcessor(10, 10));
		refused(tiff("three.tif", new ImagePlus("t", three)), "Stack to RGB");

		ImageStack hyper = new ImageStack(10, 10);
		for (int i = 0; i < 6; i++)
			hyper.addSlice(new ByteProcessor(10, 10));
		ImagePlus h = new ImagePlus("h", hyper);
		h.setDimensions(2, 3, 1);
		refused(tiff("hyper.tif", new CompositeImage(h, IJ.COMPOSITE)), "multi-channel", "2 channels", "3 slices");
	}

	@Test
	void animatedGifIsRefusedAsAStack() throws IOException {
		Path f = dir.resolve("anim.gif");
		ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
		try (ImageOutputStream out = ImageIO.createImageOutputStream(f.toFile())) {
			writer.setOutput(out);
			writer.prepareWriteSequence(null);
			for (int i = 0; i < 2; i++)
				writer.writeToSequence(new javax.imageio.IIOImage(new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_INDEXED), null, null), null);
			writer.endWriteSequence();
		}
		refused(f, "2 frames");
	}

	@Test
	void rgbCompositeOfThreeChannelsIsMergedBack() throws IOException {
		ColorProcessor original = new ColorProcessor(rgbPattern(12, 9));
		ImagePlus split = new ImagePlus("rgb", original.duplicate());
		CompositeImage ci = new CompositeImage(split, IJ.COMPOSITE); // channels red, green, blue
		assertEquals(3, ci.getNChannels());
		ColorProcessor merged = SmearImages.openRgb(tiff("composite.tif", ci));
		assertArrayEquals((int[]) original.getPixels(), (int[]) merged.getPixels());
	}

	@Test
	void compositeWithOtherChannelColoursIsRefused() throws IOException {
		CompositeImage ci = new CompositeImage(new ImagePlus("rgb", new ColorProcessor(rgbPattern(12, 9))), IJ.COMPOSITE);
		ci.setChannelLut(LUT.createLutFromColor(java.awt.Color.MAGENTA), 1);
		refused(tiff("magenta.tif", ci), "not coloured red, green and blue");
	}

	@Test
	void truncatedFilesAreReportedByName() throws IOException {
		BufferedImage bi = rgbPattern(200, 150);
		Path jpg = dir.resolve("whole.jpg");
		ImageIO.write(bi, "jpg", jpg.toFile());
		byte[] bytes = Files.readAllBytes(jpg);
		Path cut = dir.resolve("cut.jpg");
		Files.write(cut, Arrays.copyOf(bytes, bytes.length / 2));
		refused(cut, "truncated");

		Path wholePng = png("whole.png", bi);
		bytes = Files.readAllBytes(wholePng);
		Path cutPng = dir.resolve("cut.png");
		Files.write(cutPng, Arrays.copyOf(bytes, bytes.length / 2));
		refused(cutPng, "truncated");

		Path wholeTif = tiff("whole.tif", new ImagePlus("w", new ColorProcessor(bi)));
		bytes = Files.readAllBytes(wholeTif);
		Path cutTif = dir.resolve("cut.tif");
		Files.write(cutTif, Arrays.copyOf(bytes, bytes.length / 2));
		refused(cutTif, "truncated");
	}

	@Test
	void nonImageEmptyMissingAndFolderInputsAreReported() throws IOException {
		Path text = dir.resolve("notes.jpg");
		Files.writeString(text, "these are not pixels\n");
		refused(text, "not an image file");
		Path empty = dir.resolve("empty.png");
		Files.createFile(empty);
		refused(empty, "empty");
		refused(dir.resolve("missing.png"), "does not exist");
		Path folder = Files.createDirectory(dir.resolve("folder.tif"));
		refused(folder, "folder");
		Path fakeTiff = dir.resolve("fake.tif");
		Files.write(fakeTiff, new byte[] { 'I', 'I', 42, 0, 1, 2, 3 });
		refused(fakeTiff, "TIFF");
	}

	@Test
	void unreadableFileIsReported() throws IOException {
		Path f = png("locked.png", rgbPattern(4, 4));
		org.junit.jupiter.api.Assumptions.assumeTrue(f.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX permissions needed");
		Files.setPosixFilePermissions(f, java.nio.file.attribute.PosixFilePermissions.fromString("---------"));
		try {
			org.junit.jupiter.api.Assumptions.assumeFalse(Files.isReadable(f), "running as root: permissions are not enforced, test skipped");
			refused(f, "cannot be read");
		}
		finally {
			Files.setPosixFilePermissions(f, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
		}
	}

	@Test
	void hugeImageIsRefusedBeforeDecodingWithNeededAndAvailableMemory() throws IOException {
		// Only a PNG header claiming 20000 x 20000 RGB pixels: the check must come before decoding.
		Path f = dir.resolve("huge.png");
		Files.write(f, pngHeaderOnly(20000, 20000));
		ImageInputException e = refused(f, "20000 × 20000", "GB of memory", "available", "-Xmx");
		assertTrue(e.getMessage().contains("12.8 GB"), e.getMessage()); // 4e8 px × 32 B
	}

	@Test
	void memoryCheckPassesWhatFits() throws ImageInputException {
		SmearImages.checkMemory("a.png", 1000, 1000, 32_000_000);
		ImageInputException e = assertThrows(ImageInputException.class, () -> SmearImages.checkMemory("a.png", 1000, 1000, 31_999_999));
		assertTrue(e.getMessage().contains("needs about 32 MB") && e.getMessage().contains("only 32 MB"), e.getMessage());
		e = assertThrows(ImageInputException.class, () -> SmearImages.checkMemory("b.png", 50000, 50000, Long.MAX_VALUE));
		assertTrue(e.getMessage().contains("2^31-1"), e.getMessage());
	}

	/** PNG signature, IHDR (8-bit RGB) and IEND: valid header, no pixel data. */
	private static byte[] pngHeaderOnly(int w, int h) {
		java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(8 + 25 + 12);
		buf.put(new byte[] { (byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10 });
		chunk(buf, "IHDR", java.nio.ByteBuffer.allocate(13).putInt(w).putInt(h).put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0).array());
		chunk(buf, "IEND", new byte[0]);
		return buf.array();
	}

	private static void chunk(java.nio.ByteBuffer buf, String type, byte[] data) {
		buf.putInt(data.length);
		byte[] t = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
		buf.put(t).put(data);
		CRC32 crc = new CRC32();
		crc.update(t);
		crc.update(data);
		buf.putInt((int) crc.getValue());
	}

	private static Path resource(String name) throws Exception {
		return Path.of(SmearImagesTest.class.getResource("/io/github/leukocnn/io/" + name).toURI());
	}

	private static double meanChannelDifference(ColorProcessor a, ColorProcessor b, int shift) {
		int[] p = (int[]) a.getPixels(), q = (int[]) b.getPixels();
		assertEquals(p.length, q.length);
		double d = 0;
		for (int i = 0; i < p.length; i++) d += Math.abs(((p[i] >> shift) & 255) - ((q[i] >> shift) & 255));
		return d / p.length;
	}

	@Test
	void cmykJpegWithoutProfileOpensInTheColoursOfItsRgbOriginal() throws Exception {
		// part of sample image s1, saved by ImageMagick 6 with -colorspace CMYK (Adobe marker, YCCK, no ICC profile);
		// Java's own conversion made it 20-35 levels brighter per channel
		ColorProcessor cmyk = SmearImages.openRgb(resource("cmyk-ycck.jpg")), rgb = SmearImages.openRgb(resource("cmyk-source.png"));
		for (int shift : new int[] { 16, 8, 0 }) {
			double d = meanChannelDifference(cmyk, rgb, shift);
			assertTrue(d < 3, "mean |difference| " + d + " in the channel at bit " + shift);
		}
	}

	/** One JPEG CMYK sample as packed RGB without colour management, as {@code SmearImages} converts an untagged file. */
	private static int cmykToRgb(int a, int b, int c, int d, Integer adobeTransform) {
		int[] sample = { a, b, c, d };
		SmearImages.inks(sample, 0, adobeTransform);
		return SmearImages.inksToRgb(sample, 0);
	}

	@Test
	void cmykSamplesConvertByTheConventionOfTheAdobeMarker() {
		// inks C 0, M 69, Y 58, K 49 are RGB (206, 150, 159)
		int expected = 0xffce969f;
		assertEquals(expected, cmykToRgb(255, 186, 197, 206, 0), "Adobe CMYK: 255 - ink");
		assertEquals(expected, cmykToRgb(255, 186, 197, 206, null), "no Adobe marker: 255 - ink as well");
		// Adobe YCCK: YCbCr of the three inks (Y 47.1, Cb 134.1, Cr 94.4), then 255 - K
		int ycck = cmykToRgb(47, 134, 94, 206, 2);
		for (int shift : new int[] { 16, 8, 0 })
			assertEquals((expected >> shift) & 255, (ycck >> shift) & 255, 2, "YCCK, channel at bit " + shift);
		assertEquals(0xffffffff, cmykToRgb(255, 255, 255, 255, 0), "no ink is white");
		assertEquals(0xff000000, cmykToRgb(255, 255, 255, 0, 0), "full black is black");
	}

	@Test
	void anEmbeddedIccProfileIsReadFromItsApp2ChunksInSequenceOrder() {
		byte[] profile = java.awt.color.ICC_Profile.getInstance(java.awt.color.ColorSpace.CS_sRGB).getData();
		int half = profile.length / 2;
		java.io.ByteArrayOutputStream jpeg = new java.io.ByteArrayOutputStream();
		jpeg.writeBytes(new byte[] { (byte) 0xff, (byte) 0xd8 });
		// chunk 2 of 2 first: the sequence number, not the file order, decides
		for (int[] part : new int[][] { { 2, half, profile.length }, { 1, 0, half } }) {
			byte[] head = "ICC_PROFILE\0".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
			int length = 2 + head.length + 2 + (part[2] - part[1]);
			jpeg.writeBytes(new byte[] { (byte) 0xff, (byte) 0xe2, (byte) (length >> 8), (byte) length });
			jpeg.writeBytes(head);
			jpeg.writeBytes(new byte[] { (byte) part[0], 2 });
			jpeg.write(profile, part[1], part[2] - part[1]);
		}
		jpeg.writeBytes(new byte[] { (byte) 0xff, (byte) 0xda, 0, 2 });
		java.awt.color.ICC_Profile read = SmearImages.embeddedIccProfile(jpeg.toByteArray());
		assertNotNull(read);
		assertArrayEquals(profile, read.getData());
		assertNull(SmearImages.embeddedIccProfile(new byte[] { (byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xda, 0, 2 }), "no profile");
	}
}
