package io.github.leukocnn.io;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.stream.ImageInputStream;

import ij.CompositeImage;
import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileInfo;
import ij.io.FileOpener;
import ij.io.Opener;
import ij.process.ColorProcessor;
import ij.process.ImageProcessor;
import ij.process.LUT;

/**
 * Opens smear images headlessly and turns them into the one thing the analysis accepts: a single
 * 2D RGB field ({@link ColorProcessor}). Every other input fails with an {@link ImageInputException}
 * whose message names the file, says what is wrong and what is accepted. The policy:
 * <ul>
 * <li>RGB (24-bit) images are used as they are (no copy; an alpha channel is ignored); paletted colour
 * images (GIF, indexed PNG) are expanded to RGB, as their palette holds the true colours; 48-bit
 * colour images (PNG, TIFF) are reduced to 8 bits per channel on one scale shared by the three
 * channels, from 0 to the brightest value of any channel ({@link #sharedScale shared scale}),
 * including the compressed 48-bit TIFFs that ImageJ 1 refuses (horizontal predictor) or misreads
 * (three planes); CMYK JPEGs are converted to RGB (through their ICC profile when they have one,
 * else by the conventional formula, see {@link #cmykJpeg}).</li>
 * <li>Greyscale images (8-, 16- or 32-bit, one channel, also with an alpha channel) are refused:
 * leukocytes are found by their stain colour (purple nuclei among pink red cells), which a greyscale
 * image has lost, and analysing one would give silently wrong results.</li>
 * <li>Composite images of exactly three channels coloured red, green and blue (an RGB image split
 * into channels, or a 48-bit TIFF as ImageJ opens it) are merged back to RGB from their pixel values
 * (8-bit as they are, 16-bit on the shared scale), not from the channels' display ranges; other
 * multi-channel images are refused.</li>
 * <li>Stacks and hyperstacks (several slices or frames, multi-frame GIFs, multi-page TIFFs whatever the
 * size of their pages) are refused: one field is one image; pick a plane with Image > Duplicate… and
 * save it. Reduced-resolution pages of a TIFF (thumbnails, NewSubfileType bit 0) are ignored.</li>
 * <li>Tiny images (even 1×1) and images without leukocytes are valid: they give 0 cells.</li>
 * <li>Images whose analysis would need more memory than Java has ({@link #BYTES_PER_PIXEL} per pixel,
 * or what the caller says, e.g. less when it works in tiles) are refused before they are decoded,
 * with the needed and the available amounts.</li>
 * <li>TIFF layouts ImageJ 1 does not read (tiles, JPEG compression) are read by Java's TIFF reader,
 * found from the file's own compression tag: ImageJ 1 takes a JPEG TIFF under 500 pixels wide for
 * uncompressed and reads its bytes as pixels, without an error;
 * BigTIFF, which neither reads, is refused with what to save instead.</li>
 * <li>Missing, empty, truncated, damaged and non-image files fail with a message naming the file.</li>
 * </ul>
 * The format is recognised from the file content, not its extension.
 */
public final class SmearImages {

	/** File extensions (lower case) that batch runs pick up from folders. */
	public static final List<String> EXTENSIONS = List.of("jpg", "jpeg", "png", "bmp", "tif", "tiff", "gif");

	/**
	 * Memory the analysis of one image needs per pixel, as a planning figure: the decoded RGB image
	 * (4 bytes), two 16-bit label images (4) and about six float working images of the segmentation (24).
	 * Measured: SmearSegmenter on a 2592×1944 field (5 Mpx) fails with -Xmx128m and runs with -Xmx160m.
	 */
	public static final long BYTES_PER_PIXEL = 32;

	private SmearImages() {}

	/** Whether {@code file}'s extension is one of {@link #EXTENSIONS}. */
	public static boolean hasImageExtension(Path file) {
		String name = file.getFileName().toString();
		int dot = name.lastIndexOf('.');
		return dot > 0 && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
	}

	/** Opens {@code file} and converts it to one RGB field (see the class policy). */
	public static ColorProcessor openRgb(Path file) throws ImageInputException {
		return openRgb(file, BYTES_PER_PIXEL);
	}

	/**
	 * As {@link #openRgb(Path)}, for an analysis that needs {@code bytesPerPixel} per pixel of the
	 * image (less than {@link #BYTES_PER_PIXEL} when it works in tiles).
	 */
	public static ColorProcessor openRgb(Path file, long bytesPerPixel) throws ImageInputException {
		return toRgb(open(file, bytesPerPixel), file.toString());
	}

	/**
	 * Opens an image file as ImageJ would, without any dialog. TIFFs go through ImageJ's own reader
	 * (16-bit, hyperstacks, composites and their metadata); JPEG, PNG, BMP and GIF through
	 * {@code javax.imageio}, which reports truncated data instead of showing a half-grey image.
	 */
	public static ImagePlus open(Path file) throws ImageInputException {
		return open(file, BYTES_PER_PIXEL);
	}

	/** As {@link #open(Path)}, refusing images whose analysis at {@code bytesPerPixel} would not fit into memory. */
	public static ImagePlus open(Path file, long bytesPerPixel) throws ImageInputException {
		String name = file.toString();
		if (!Files.exists(file)) throw new ImageInputException(name + " does not exist");
		if (Files.isDirectory(file)) throw new ImageInputException(name + " is a folder, not an image file");
		if (!Files.isReadable(file)) throw new ImageInputException(name + " cannot be read (no permission)");
		byte[] head = new byte[8];
		long size;
		try (InputStream in = Files.newInputStream(file)) {
			size = Files.size(file);
			in.readNBytes(head, 0, head.length);
		}
		catch (IOException e) {
			throw new ImageInputException(name + " cannot be read: " + e.getMessage(), e);
		}
		if (size == 0) throw new ImageInputException(name + " is empty (0 bytes)");
		if (isBigTiff(head))
			throw new ImageInputException(name + " is a BigTIFF (a TIFF with 64-bit offsets, made for files over 4 GB), which neither "
				+ "ImageJ 1 nor Java reads: save the field as a standard TIFF, PNG or JPEG");
		if (isTiff(head)) return openTiff(file, size, bytesPerPixel);
		return openWithImageIO(file, bytesPerPixel, -1);
	}

	private static boolean isTiff(byte[] h) {
		return (h[0] == 'I' && h[1] == 'I' && h[2] == 42 && h[3] == 0) || (h[0] == 'M' && h[1] == 'M' && h[2] == 0 && h[3] == 42);
	}

	private static boolean isBigTiff(byte[] h) {
		return (h[0] == 'I' && h[1] == 'I' && h[2] == 43 && h[3] == 0) || (h[0] == 'M' && h[1] == 'M' && h[2] == 0 && h[3] == 43);
	}

	private static ImagePlus openTiff(Path file, long fileSize, long bytesPerPixel) throws ImageInputException {
		String name = file.toString();
		List<TiffPage> pages = tiffPages(file);
		int page = 0; // the first full-resolution page: the one to read
		if (pages != null) {
			while (page < pages.size() - 1 && pages.get(page).reduced()) page++;
			TiffPage p = pages.get(page);
			if ((p.photometric == 0 || p.photometric == 1) && p.samplesPerPixel == 2)
				throw greyscale(name, p.bitsPerSample, " with an alpha channel");
		}
		FileInfo[] infos;
		try {
			infos = Opener.getTiffFileInfo(file.toAbsolutePath().toString());
		}
		catch (RuntimeException e) {
			infos = null;
		}
		boolean imageJStack = infos != null && infos.length == 1 && infos[0].nImages > 1; // one IFD holds the whole stack
		if (pages != null && !imageJStack) {
			long full = pages.stream().filter(p -> !p.reduced()).count();
			if (full > 1) throw stack(name, full + " pages");
		}
		// ImageJ 1 decodes no compression, LZW, Deflate and PackBits; it refuses the others except JPEG
		// (7) under 500 pixels wide, which it takes for uncompressed and reads as garbage, silently
		boolean imageJDecodes = pages == null || imageJDecodes(pages.get(page).compression);
		boolean thumbnails = pages != null && pages.size() > 1 && !imageJStack;
		if (infos == null || infos.length == 0 || infos[0].width <= 0 || infos[0].height <= 0 || !imageJDecodes
			|| (thumbnails && infos.length != pages.size())) {
			// a layout ImageJ 1 does not read (tiles, JPEG compression, …): Java's own TIFF reader reads
			// many of them, and reports what it cannot read
			if (!javaReads(file))
				throw new ImageInputException(name + " is not a readable TIFF image (its header is damaged or uses a layout ImageJ does not read)");
			try {
				return openWithImageIO(file, bytesPerPixel, pages == null ? -1 : page);
			}
			catch (ImageInputException e) {
				if (e.getCause() == null) throw e; // a specific refusal: memory, truncation, …
				String why = e.getCause().getMessage() != null ? e.getCause().getMessage() : e.getCause().getClass().getSimpleName();
				throw new ImageInputException(name + " is damaged or a TIFF layout that neither ImageJ 1 nor Java's TIFF reader decodes (Java: "
					+ why + "): save the field as an uncompressed or LZW TIFF, PNG or JPEG", e);
			}
		}
		FileInfo first = thumbnails ? infos[page] : infos[0];
		checkMemory(name, first.width, first.height, bytesPerPixel, availableMemory());
		long end = 0;
		for (FileInfo fi : infos) {
			if (fi.stripOffsets != null && fi.stripLengths != null && fi.stripOffsets.length == fi.stripLengths.length && fi.stripOffsets.length > 0) {
				for (int i = 0; i < fi.stripOffsets.length; i++)
					end = Math.max(end, (fi.stripOffsets[i] & 0xffffffffL) + (fi.stripLengths[i] & 0xffffffffL));
				if (fi.nImages > 1) end = Math.max(end, fi.getOffset() + planeBytes(fi) * fi.nImages);
			}
			else {
				end = Math.max(end, fi.getOffset() + planeBytes(fi) * Math.max(1, fi.nImages));
			}
		}
		if (end > fileSize)
			throw new ImageInputException(name + " is truncated: its TIFF header describes " + end + " bytes but the file has only " + fileSize);
		if ((infos.length == 1 || thumbnails) && isPredicted48Bit(first)) return openPredicted48Bit(first, name);
		if ((infos.length == 1 || thumbnails) && isCompressedPlanar48Bit(first)) return openCompressedPlanar48Bit(first, name);
		if (thumbnails) { // the full-resolution page alone, without its reduced-resolution copies
			ImagePlus imp = new FileOpener(first).openImage();
			if (imp == null) throw new ImageInputException(name + " is not a readable TIFF image");
			return imp;
		}
		Opener opener = new Opener();
		opener.setSilentMode(true);
		ImagePlus imp = opener.openTiff(file.toAbsolutePath().getParent().toString() + java.io.File.separator, file.getFileName().toString());
		if (imp == null) throw new ImageInputException(name + " is not a readable TIFF image");
		return imp;
	}

	/** The TIFF compression values (tag 259) ImageJ 1's TiffDecoder decodes: none, LZW, Deflate (8, 32946), PackBits. */
	private static boolean imageJDecodes(int compression) {
		return compression == 0 || compression == 1 || compression == 5 || compression == 8 || compression == 32946 || compression == 32773;
	}

	/**
	 * One page (IFD) of a TIFF, with the tags that decide how to read it. {@code subfileType} is
	 * NewSubfileType (254; bit 0 = a reduced-resolution copy, a thumbnail); {@code photometric} is
	 * -1 when the tag is missing.
	 */
	record TiffPage(int width, int height, int compression, int subfileType, int photometric, int samplesPerPixel, int bitsPerSample) {
		boolean reduced() {
			return (subfileType & 1) != 0;
		}
	}

	/**
	 * The pages of a classic TIFF, read from its IFD chain (little or big endian), or null if the
	 * header or the first IFD cannot be read. Stops at a damaged or repeated IFD, and after 100 000 pages.
	 */
	static List<TiffPage> tiffPages(Path file) {
		try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file)) {
			java.nio.ByteBuffer head = readAt(ch, 0, 8, null);
			if (head == null) return null;
			java.nio.ByteOrder order = head.get(0) == 'I' ? java.nio.ByteOrder.LITTLE_ENDIAN : java.nio.ByteOrder.BIG_ENDIAN;
			long ifd = head.order(order).getInt(4) & 0xffffffffL;
			List<TiffPage> pages = new ArrayList<>();
			java.util.Set<Long> seen = new java.util.HashSet<>();
			while (ifd != 0 && pages.size() < 100_000 && seen.add(ifd)) {
				java.nio.ByteBuffer n = readAt(ch, ifd, 2, order);
				if (n == null) break;
				int count = n.getShort(0) & 0xffff;
				java.nio.ByteBuffer e = readAt(ch, ifd + 2, count * 12L + 4, order);
				if (e == null) break;
				int width = 0, height = 0, compression = 1, subfile = 0, photometric = -1, spp = 1, bps = 1;
				for (int i = 0; i < count; i++) {
					int at = i * 12, tag = e.getShort(at) & 0xffff, type = e.getShort(at + 2) & 0xffff;
					long values = e.getInt(at + 4) & 0xffffffffL;
					int size = type == 3 ? 2 : type == 4 ? 4 : type == 1 ? 1 : 0;
					if (size == 0 || values == 0) continue;
					long value;
					if (size * values <= 4) value = size == 2 ? e.getShort(at + 8) & 0xffff : size == 4 ? e.getInt(at + 8) & 0xffffffffL : e.get(at + 8) & 0xff;
					else { // the first of several values, stored elsewhere (BitsPerSample of RGB)
						java.nio.ByteBuffer v = readAt(ch, e.getInt(at + 8) & 0xffffffffL, size, order);
						if (v == null) continue;
						value = size == 2 ? v.getShort(0) & 0xffff : size == 4 ? v.getInt(0) & 0xffffffffL : v.get(0) & 0xff;
					}
					int v = (int) Math.min(Integer.MAX_VALUE, value);
					switch (tag) {
						case 254 -> subfile = v;
						case 256 -> width = v;
						case 257 -> height = v;
						case 258 -> bps = v;
						case 259 -> compression = v;
						case 262 -> photometric = v;
						case 277 -> spp = v;
						default -> { }
					}
				}
				pages.add(new TiffPage(width, height, compression, subfile, photometric, spp, bps));
				ifd = e.getInt(count * 12) & 0xffffffffL;
			}
			return pages.isEmpty() ? null : pages;
		}
		catch (IOException | RuntimeException e) {
			return null;
		}
	}

	/** {@code length} bytes of {@code ch} from {@code position}, or null if the file is shorter. */
	private static java.nio.ByteBuffer readAt(java.nio.channels.FileChannel ch, long position, long length, java.nio.ByteOrder order) throws IOException {
		if (length > 1 << 20 || position + length > ch.size()) return null;
		java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate((int) length);
		while (b.hasRemaining())
			if (ch.read(b, position + b.position()) < 0) return null;
		return order == null ? b : b.order(order);
	}

	/** Whether one of Java's image readers (javax.imageio) claims {@code file}. */
	private static boolean javaReads(Path file) {
		try (ImageInputStream iis = ImageIO.createImageInputStream(file.toFile())) {
			return iis != null && ImageIO.getImageReaders(iis).hasNext();
		}
		catch (IOException e) {
			return false;
		}
	}

	private static boolean isPredicted48Bit(FileInfo fi) {
		return fi.fileType == FileInfo.RGB48 && (fi.compression == FileInfo.LZW_WITH_DIFFERENCING || fi.compression == FileInfo.ZIP_WITH_DIFFERENCING);
	}

	/**
	 * A 48-bit TIFF compressed with the horizontal-differencing predictor (libtiff's and
	 * ImageMagick's default for 16-bit LZW or Deflate, common from camera software), which ImageJ
	 * refuses: ImageJ reads it without the predictor, and the predictor is undone here. Each
	 * 16-bit sample was stored as the difference to the same channel's sample to its left, modulo
	 * 2¹⁶ (TIFF 6.0, section 14).
	 */
	private static ImagePlus openPredicted48Bit(FileInfo fi, String name) throws ImageInputException {
		FileInfo plain = (FileInfo) fi.clone();
		plain.compression = fi.compression == FileInfo.LZW_WITH_DIFFERENCING ? FileInfo.LZW : FileInfo.ZIP;
		ImagePlus imp = new FileOpener(plain).openImage();
		if (imp == null || imp.getStackSize() != 3 || imp.getBitDepth() != 16)
			throw new ImageInputException(name + " is not a readable TIFF image (48-bit with a predictor)");
		int w = imp.getWidth(), h = imp.getHeight();
		for (int c = 1; c <= 3; c++) {
			short[] px = (short[]) imp.getStack().getPixels(c);
			for (int y = 0; y < h; y++)
				for (int x = 1, i = y * w + 1; x < w; x++, i++) px[i] = (short) (px[i] + px[i - 1]);
		}
		imp.resetDisplayRange();
		return imp;
	}

	private static boolean isCompressedPlanar48Bit(FileInfo fi) {
		return fi.fileType == FileInfo.RGB48_PLANAR && fi.compression > FileInfo.COMPRESSION_NONE && fi.stripOffsets != null
			&& fi.stripLengths != null && fi.stripOffsets.length == fi.stripLengths.length && fi.stripOffsets.length % 3 == 0;
	}

	/**
	 * A compressed 48-bit TIFF stored as three planes: ImageJ 1.54 reads its first channel right and
	 * the other two wrongly, without an error (measured on LZW files written by ImageMagick). Each
	 * plane, a third of the strips, is read here as a 16-bit grey image of its own (with the
	 * predictor, if any, undone by ImageJ).
	 */
	private static ImagePlus openCompressedPlanar48Bit(FileInfo fi, String name) throws ImageInputException {
		int perPlane = fi.stripOffsets.length / 3;
		ImageStack stack = new ImageStack(fi.width, fi.height);
		for (int c = 0; c < 3; c++) {
			FileInfo plane = (FileInfo) fi.clone();
			plane.fileType = FileInfo.GRAY16_UNSIGNED;
			plane.nImages = 1;
			plane.stripOffsets = Arrays.copyOfRange(fi.stripOffsets, c * perPlane, (c + 1) * perPlane);
			plane.stripLengths = Arrays.copyOfRange(fi.stripLengths, c * perPlane, (c + 1) * perPlane);
			plane.longOffset = plane.stripOffsets[0] & 0xffffffffL;
			plane.offset = 0;
			ImagePlus imp = new FileOpener(plane).openImage();
			if (imp == null || imp.getBitDepth() != 16 || imp.getStackSize() != 1)
				throw new ImageInputException(name + " is not a readable TIFF image (48-bit, three compressed planes)");
			stack.addSlice(imp.getProcessor());
		}
		ImagePlus imp = new ImagePlus(fi.fileName, stack);
		imp.setDimensions(3, 1, 1);
		return new CompositeImage(imp, IJ.COMPOSITE);
	}

	private static long planeBytes(FileInfo fi) {
		return (long) fi.width * fi.height * Math.max(1, fi.getBytesPerPixel());
	}

	/**
	 * Reads {@code file} with javax.imageio: its first image, refusing a multi-page TIFF or animated
	 * GIF, if {@code page} is -1; else that page of a TIFF whose pages were checked already.
	 */
	private static ImagePlus openWithImageIO(Path file, long bytesPerPixel, int page) throws ImageInputException {
		int index = Math.max(0, page);
		String name = file.toString();
		ImageInputStream iis = null;
		ImageReader reader = null;
		String format = "image";
		try {
			iis = ImageIO.createImageInputStream(file.toFile());
			Iterator<ImageReader> readers = ImageIO.getImageReaders(iis);
			if (!readers.hasNext())
				throw new ImageInputException(name + " is not an image file LeukoCNN can read: its content is not JPEG, PNG, BMP, GIF or TIFF");
			reader = readers.next();
			format = reader.getFormatName().toUpperCase(Locale.ROOT);
			reader.setInput(iis, false, true);
			int width = reader.getWidth(index), height = reader.getHeight(index);
			checkMemory(name, width, height, bytesPerPixel, availableMemory());
			if (page < 0 && (format.equals("GIF") || format.startsWith("TIF"))) {
				int frames = reader.getNumImages(true);
				if (frames > 1) throw stack(name, frames + (format.equals("GIF") ? " frames (an animated GIF)" : " pages"));
			}
			List<String> warnings = new ArrayList<>();
			reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
			if (format.equals("JPEG")) {
				int[] cmyk = cmykJpeg(reader, file, name);
				if (cmyk != null) {
					if (!warnings.isEmpty())
						throw new ImageInputException(name + " is damaged or truncated: the JPEG decoder reported '" + warnings.get(0) + "'");
					return new ImagePlus(file.getFileName().toString(), new ColorProcessor(width, height, cmyk));
				}
			}
			javax.imageio.ImageReadParam param = reader.getDefaultReadParam();
			ImageTypeSpecifier packed = packedRgbType(reader, index);
			if (packed != null) param.setDestinationType(packed);
			BufferedImage image = reader.read(index, param);
			if (!warnings.isEmpty())
				throw new ImageInputException(name + " is damaged or truncated: the " + format + " decoder reported '" + warnings.get(0) + "'");
			if (packed != null && image.getRaster().getDataBuffer() instanceof java.awt.image.DataBufferInt ints && ints.getNumBanks() == 1 &&
				ints.getData().length == width * height)
				return new ImagePlus(file.getFileName().toString(), new ColorProcessor(width, height, ints.getData())); // no copy
			if (isPlainBgr(image, width)) // JPEG: one pass to packed RGB, much faster than ImageJ's PixelGrabber
				return new ImagePlus(file.getFileName().toString(), new ColorProcessor(width, height, packBgr(image, width, height)));
			if (!(image.getColorModel() instanceof java.awt.image.IndexColorModel) && image.getRaster().getNumBands() > 1
				&& image.getColorModel().getColorSpace().getType() == java.awt.color.ColorSpace.TYPE_GRAY) // grey + alpha: ImageJ would make 2 slices
				throw greyscale(name, image.getSampleModel().getSampleSize(0), " with an alpha channel");
			return new ImagePlus(file.getFileName().toString(), otherColourSpaceToRgb(deepColourTo8Bit(expandPalette(image))));
		}
		catch (ImageInputException e) {
			throw e;
		}
		catch (IOException | RuntimeException e) {
			String why = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
			if (e.getCause() != null && e.getCause().getMessage() != null) why += ": " + e.getCause().getMessage();
			throw new ImageInputException(name + " could not be decoded as " + format + " (" + why + "); the file is probably truncated or damaged", e);
		}
		finally {
			if (reader != null) reader.dispose();
			try {
				if (iis != null) iis.close();
			}
			catch (IOException e) {
				// nothing was written: closing a reader cannot lose data
			}
		}
	}

	private static boolean isPlainBgr(BufferedImage image, int width) {
		if (image.getType() != BufferedImage.TYPE_3BYTE_BGR || !(image.getRaster().getDataBuffer() instanceof java.awt.image.DataBufferByte buffer) ||
			buffer.getNumBanks() != 1 || buffer.getOffset() != 0 || image.getRaster().getParent() != null) return false;
		if (!(image.getSampleModel() instanceof java.awt.image.PixelInterleavedSampleModel sm)) return false;
		int[] offsets = sm.getBandOffsets();
		return sm.getPixelStride() == 3 && sm.getScanlineStride() == 3 * width && offsets.length == 3 && offsets[0] == 2 && offsets[1] == 1 && offsets[2] == 0;
	}

	private static int[] packBgr(BufferedImage image, int width, int height) {
		byte[] bgr = ((java.awt.image.DataBufferByte) image.getRaster().getDataBuffer()).getData();
		int[] rgb = new int[width * height];
		for (int i = 0, k = 0; i < rgb.length; i++, k += 3)
			rgb[i] = 0xff000000 | (bgr[k + 2] & 0xff) << 16 | (bgr[k + 1] & 0xff) << 8 | (bgr[k] & 0xff);
		return rgb;
	}

	/**
	 * The reader's packed-int RGB output type if the image is 8-bit colour: decoded straight into the
	 * int array a ColorProcessor uses, a large image is held once instead of twice. Null otherwise.
	 */
	private static ImageTypeSpecifier packedRgbType(ImageReader reader, int index) throws IOException {
		ImageTypeSpecifier raw = reader.getRawImageType(index);
		if (raw == null || raw.getNumBands() < 3 || raw.getColorModel() instanceof java.awt.image.IndexColorModel ||
			raw.getColorModel().getColorSpace().getType() != java.awt.color.ColorSpace.TYPE_RGB) return null;
		for (int b = 0; b < raw.getNumBands(); b++)
			if (raw.getSampleModel().getSampleSize(b) != 8) return null;
		for (Iterator<ImageTypeSpecifier> it = reader.getImageTypes(index); it.hasNext();) {
			ImageTypeSpecifier t = it.next();
			if (t.getBufferedImageType() == BufferedImage.TYPE_INT_RGB || t.getBufferedImageType() == BufferedImage.TYPE_INT_ARGB) return t;
		}
		return null;
	}

	/**
	 * A four-channel (CMYK) JPEG as packed RGB; null for any other JPEG. Such files come from print
	 * workflows (ImageMagick's {@code -colorspace CMYK}, "save for print"). Java's reader converted
	 * them through a generic CMYK profile and ignores an embedded one: sample image s1 saved so came
	 * out 23–34 levels brighter per channel than its RGB original (mean |difference|), and its field
	 * call changed from early to benign. Here the samples are first turned into ink amounts by the
	 * convention of the file's Adobe marker ({@link #inks}); then a file's own ICC profile, when it
	 * has one, converts them (Java's colour management: s1 converted to CMYK through a profile and
	 * back came within 1.5 levels of the original and within 0.5 of ImageMagick's conversion), and
	 * otherwise the conventional formula R = (1 − C)(1 − K), G = (1 − M)(1 − K), B = (1 − Y)(1 − K),
	 * as ImageMagick and web browsers convert an untagged file (s1: within 1 level).
	 */
	private static int[] cmykJpeg(ImageReader reader, Path file, String name) throws IOException {
		javax.imageio.metadata.IIOMetadata metadata = reader.getImageMetadata(0);
		if (metadata == null) return null;
		org.w3c.dom.Node tree;
		try {
			tree = metadata.getAsTree("javax_imageio_jpeg_image_1.0");
		}
		catch (IllegalArgumentException e) {
			return null; // another JPEG reader than the JDK's
		}
		Integer components = null, adobeTransform = null;
		java.util.ArrayDeque<org.w3c.dom.Node> todo = new java.util.ArrayDeque<>(List.of(tree));
		while (!todo.isEmpty()) {
			org.w3c.dom.Node n = todo.pop();
			if (n.getNodeName().equals("sof")) components = intAttribute(n, "numFrameComponents");
			else if (n.getNodeName().equals("app14Adobe")) adobeTransform = intAttribute(n, "transform");
			for (org.w3c.dom.Node c = n.getFirstChild(); c != null; c = c.getNextSibling()) todo.push(c);
		}
		if (components == null || components != 4) return null;
		java.awt.image.Raster raster = reader.readRaster(0, null);
		if (raster.getNumBands() != 4 || raster.getTransferType() != java.awt.image.DataBuffer.TYPE_BYTE)
			throw new ImageInputException(name + " is a four-channel JPEG LeukoCNN cannot convert: save the field as an RGB JPEG, PNG or TIFF");
		int w = raster.getWidth(), h = raster.getHeight();
		java.awt.color.ICC_Profile profile = embeddedIccProfile(Files.readAllBytes(file));
		boolean managed = profile != null && profile.getColorSpaceType() == java.awt.color.ColorSpace.TYPE_CMYK;
		// ink amounts, kept as a raster only for the profile's conversion; else straight to RGB
		java.awt.image.WritableRaster ink = managed
			? java.awt.image.Raster.createInterleavedRaster(java.awt.image.DataBuffer.TYPE_BYTE, w, h, 4, null) : null;
		int[] rgb = new int[w * h], row = new int[4 * w];
		for (int y = 0; y < h; y++) {
			raster.getPixels(0, y, w, 1, row);
			for (int x = 0; x < w; x++) {
				inks(row, 4 * x, adobeTransform);
				if (!managed) rgb[y * w + x] = inksToRgb(row, 4 * x);
			}
			if (managed) ink.setPixels(0, y, w, 1, row);
		}
		if (managed) {
			java.awt.image.ColorModel model = new java.awt.image.ComponentColorModel(new java.awt.color.ICC_ColorSpace(profile), false,
				false, java.awt.Transparency.OPAQUE, java.awt.image.DataBuffer.TYPE_BYTE);
			BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
			new java.awt.image.ColorConvertOp(null).filter(new BufferedImage(model, ink, false, null), out);
			rgb = ((java.awt.image.DataBufferInt) out.getRaster().getDataBuffer()).getData();
			for (int i = 0; i < rgb.length; i++) rgb[i] |= 0xff000000;
		}
		return rgb;
	}

	/**
	 * The ICC profile a JPEG carries in its APP2 "ICC_PROFILE" segments (in sequence order, before
	 * the image data), or null if it has none or an unreadable one. Java's JPEG metadata shows it
	 * only for JFIF files, which CMYK JPEGs are not.
	 */
	static java.awt.color.ICC_Profile embeddedIccProfile(byte[] jpeg) {
		java.util.TreeMap<Integer, byte[]> chunks = new java.util.TreeMap<>();
		byte[] tag = "ICC_PROFILE\0".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
		int at = 2; // after SOI
		while (at + 4 <= jpeg.length && (jpeg[at] & 0xff) == 0xff) {
			int marker = jpeg[at + 1] & 0xff;
			if (marker == 0xda || marker == 0xd9) break; // image data or end: no more headers
			int length = (jpeg[at + 2] & 0xff) << 8 | (jpeg[at + 3] & 0xff);
			if (length < 2 || at + 2 + length > jpeg.length) break;
			if (marker == 0xe2 && length >= 2 + tag.length + 2
				&& Arrays.equals(Arrays.copyOfRange(jpeg, at + 4, at + 4 + tag.length), tag))
				chunks.put(jpeg[at + 4 + tag.length] & 0xff, Arrays.copyOfRange(jpeg, at + 4 + tag.length + 2, at + 2 + length));
			at += 2 + length;
		}
		if (chunks.isEmpty()) return null;
		java.io.ByteArrayOutputStream profile = new java.io.ByteArrayOutputStream();
		for (byte[] chunk : chunks.values()) profile.write(chunk, 0, chunk.length);
		try {
			return java.awt.color.ICC_Profile.getInstance(profile.toByteArray());
		}
		catch (IllegalArgumentException e) {
			return null; // not a valid profile: the conventional conversion
		}
	}

	private static Integer intAttribute(org.w3c.dom.Node n, String attribute) {
		org.w3c.dom.Node a = n.getAttributes() == null ? null : n.getAttributes().getNamedItem(attribute);
		try {
			return a == null ? null : Integer.valueOf(a.getNodeValue());
		}
		catch (NumberFormatException e) {
			return null;
		}
	}

	/**
	 * Turns the JPEG CMYK sample at {@code s[at..at+3]} into ink amounts (C, M, Y, K; 0 = none,
	 * 255 = full), in place. {@code adobeTransform} is the transform of the file's Adobe marker, null
	 * without one: 2 = YCCK (the first three samples are YCbCr of the three inks, the fourth is
	 * 255 − K, as libjpeg and Adobe store it); 0, and no marker, = the four inks stored as 255 − ink
	 * (Adobe's inverted CMYK, which ImageMagick and Java's reader also assume for a file without the
	 * marker).
	 */
	static void inks(int[] s, int at, Integer adobeTransform) {
		if (adobeTransform != null && adobeTransform == 2) {
			double y = s[at], cb = s[at + 1] - 128, cr = s[at + 2] - 128;
			s[at] = clamp(Math.round(y + 1.402 * cr));
			s[at + 1] = clamp(Math.round(y - 0.344136 * cb - 0.714136 * cr));
			s[at + 2] = clamp(Math.round(y + 1.772 * cb));
		}
		else for (int i = at; i < at + 3; i++) s[i] = 255 - s[i];
		s[at + 3] = 255 - s[at + 3];
	}

	/** The ink amounts at {@code ink[at..at+3]} as packed RGB by the conventional formula, without colour management. */
	static int inksToRgb(int[] ink, int at) {
		int white = 255 - ink[at + 3];
		int r = ((255 - ink[at]) * white + 127) / 255, g = ((255 - ink[at + 1]) * white + 127) / 255,
			b = ((255 - ink[at + 2]) * white + 127) / 255;
		return 0xff000000 | r << 16 | g << 8 | b;
	}

	private static int clamp(long v) {
		return (int) Math.max(0, Math.min(255, v));
	}

	/**
	 * A colour image in another colour space (CMYK JPEG from print workflows…), or an RGB image in a
	 * layout without a standard type (Java's TIFF reader gives such images for tiled or
	 * JPEG-compressed TIFFs), converted to packed RGB; ImageJ would make either a stack.
	 */
	private static BufferedImage otherColourSpaceToRgb(BufferedImage image) {
		int type = image.getColorModel().getColorSpace().getType();
		if (type == java.awt.color.ColorSpace.TYPE_GRAY) return image;
		if (type == java.awt.color.ColorSpace.TYPE_RGB && image.getType() != BufferedImage.TYPE_CUSTOM) return image;
		int w = image.getWidth(), h = image.getHeight();
		BufferedImage rgb = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
		int[] row = new int[w];
		for (int y = 0; y < h; y++) {
			image.getRGB(0, y, w, 1, row, 0, w);
			rgb.setRGB(0, y, w, 1, row, 0, w);
		}
		return rgb;
	}

	/**
	 * A 16-bit colour {@code value} as 8 bits: value × 256 / (max + 1), with {@code max} the brightest
	 * value of any of the image's three channels. One scale for all channels keeps the colour balance
	 * (scaling each channel by its own range, as ImageJ's display ranges of a 48-bit TIFF do, tints the
	 * field and changed the cells found); scaling to the brightest value rather than to 65535 lets the
	 * 12- or 14-bit data of cameras stored in 16-bit files fill the range. Full-range 16-bit data keep
	 * their top 8 bits.
	 */
	private static int sharedScale(int value, int max) {
		return (int) Math.min(255, (long) value * 256 / (max + 1L));
	}

	/**
	 * A colour image with 16 bits per channel (48-bit PNG) becomes 8-bit RGB on the
	 * {@link #sharedScale shared scale}; ImageJ would make it a 3-slice stack without channel colours.
	 */
	private static BufferedImage deepColourTo8Bit(BufferedImage image) {
		java.awt.image.Raster raster = image.getRaster();
		if (raster.getTransferType() != java.awt.image.DataBuffer.TYPE_USHORT || raster.getNumBands() < 3 ||
			image.getColorModel().getColorSpace().getType() != java.awt.color.ColorSpace.TYPE_RGB) return image;
		int w = image.getWidth(), h = image.getHeight(), bands = raster.getNumBands();
		int[] row = new int[w * bands], out = new int[w];
		int max = 1;
		for (int y = 0; y < h; y++) {
			raster.getPixels(0, y, w, 1, row);
			for (int x = 0, k = 0; x < w; x++, k += bands) max = Math.max(max, Math.max(row[k], Math.max(row[k + 1], row[k + 2])));
		}
		BufferedImage rgb = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
		for (int y = 0; y < h; y++) {
			raster.getPixels(0, y, w, 1, row);
			for (int x = 0, k = 0; x < w; x++, k += bands)
				out[x] = sharedScale(row[k], max) << 16 | sharedScale(row[k + 1], max) << 8 | sharedScale(row[k + 2], max);
			rgb.setRGB(0, y, w, 1, out, 0, w);
		}
		return rgb;
	}

	/** A paletted image with colours in its palette becomes RGB; ImageJ would read some (1-4 bit) as grey. */
	private static BufferedImage expandPalette(BufferedImage image) {
		if (!(image.getColorModel() instanceof java.awt.image.IndexColorModel icm)) return image;
		for (int i = 0; i < icm.getMapSize(); i++)
			if (icm.getRed(i) != icm.getGreen(i) || icm.getGreen(i) != icm.getBlue(i)) {
				BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
				int[] row = new int[image.getWidth()];
				for (int y = 0; y < image.getHeight(); y++) {
					image.getRGB(0, y, row.length, 1, row, 0, row.length);
					rgb.setRGB(0, y, row.length, 1, row, 0, row.length);
				}
				return rgb;
			}
		return image;
	}

	/**
	 * The RGB field of an opened image, following the class policy; {@code name} (file name or
	 * title) is used in messages. An RGB image's own processor is returned, not a copy.
	 */
	public static ColorProcessor toRgb(ImagePlus imp, String name) throws ImageInputException {
		if (imp == null) throw new ImageInputException(name + " is not an image");
		int channels = imp.getNChannels(), slices = imp.getNSlices(), frames = imp.getNFrames();
		if (channels > 1 || imp.isComposite()) {
			if (channels == 3 && slices == 1 && frames == 1 && imp instanceof CompositeImage ci && (imp.getBitDepth() == 8 || imp.getBitDepth() == 16))
				return mergeRgbChannels(ci, name);
			throw new ImageInputException(name + " is a multi-channel image (" + channels + " channels" + planes(slices, frames) +
				"); LeukoCNN needs one RGB colour field, or a composite of exactly 3 channels coloured red, green and blue " +
				"(make one with Image > Color > Arrange Channels…, then Image > Type > RGB Color)");
		}
		if (imp.getStackSize() > 1) {
			String hint = imp.getStackSize() == 3 && imp.getBitDepth() == 8 ? " (if the 3 slices are red, green and blue, use Image > Color > Stack to RGB)" : "";
			throw stack(name, imp.getStackSize() + " slices/frames" + hint);
		}
		if (imp.getWidth() < 1 || imp.getHeight() < 1) throw new ImageInputException(name + " has no pixels");
		ImageProcessor ip = imp.getProcessor();
		switch (imp.getType()) {
			case ImagePlus.COLOR_RGB:
				return (ColorProcessor) ip;
			case ImagePlus.COLOR_256:
				return (ColorProcessor) ip.convertToRGB();
			default:
				if (imp.getBitDepth() == 8 && ip.isColorLut()) return (ColorProcessor) ip.convertToRGB();
				throw greyscale(name, imp.getBitDepth(), "");
		}
	}

	private static ImageInputException greyscale(String name, int bits, String extra) {
		return new ImageInputException(name + " is a greyscale " + bits + "-bit image" + extra + "; LeukoCNN needs the stain colours " +
			"(purple nuclei, pink red cells) to find leukocytes: use the original colour (RGB) image of the smear");
	}

	private static String planes(int slices, int frames) {
		return (slices > 1 ? ", " + slices + " slices" : "") + (frames > 1 ? ", " + frames + " frames" : "");
	}

	private static ImageInputException stack(String name, String what) {
		return new ImageInputException(name + " is a stack of " + what + "; LeukoCNN analyses one 2D field per image: " +
			"choose one with Image > Duplicate… (or split it with Image > Stacks > Stack to Images) and save it as its own file");
	}

	/**
	 * Merges a 3-channel composite whose channel LUTs are pure red, green and blue (in any order),
	 * from its pixel values: 8-bit as they are, 16-bit on the {@link #sharedScale shared scale}.
	 */
	private static ColorProcessor mergeRgbChannels(CompositeImage ci, String name) throws ImageInputException {
		int max = 1;
		if (ci.getBitDepth() == 16)
			for (int c = 1; c <= 3; c++)
				for (short v : (short[]) ci.getStack().getPixels(c)) max = Math.max(max, v & 0xffff);
		byte[][] rgb = new byte[3][];
		for (int c = 1; c <= 3; c++) {
			LUT lut = ci.getChannelLut(c);
			int top = lut.getRGB(255) & 0xffffff;
			int slot = top == 0xff0000 ? 0 : top == 0x00ff00 ? 1 : top == 0x0000ff ? 2 : -1;
			if (slot < 0 || rgb[slot] != null)
				throw new ImageInputException(name + " is a 3-channel composite whose channels are not coloured red, green and blue; " +
					"set their colours (Image > Color > Channels Tool…) or convert it with Image > Type > RGB Color");
			Object pixels = ci.getStack().getPixels(c);
			if (pixels instanceof byte[] bytes) rgb[slot] = bytes.clone();
			else {
				short[] values = (short[]) pixels;
				rgb[slot] = new byte[values.length];
				for (int i = 0; i < values.length; i++) rgb[slot][i] = (byte) sharedScale(values[i] & 0xffff, max);
			}
		}
		ColorProcessor cp = new ColorProcessor(ci.getWidth(), ci.getHeight());
		cp.setRGB(rgb[0], rgb[1], rgb[2]);
		return cp;
	}

	/** Bytes the JVM can still allocate: maximum heap minus what is in use. */
	public static long availableMemory() {
		Runtime rt = Runtime.getRuntime();
		return rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
	}

	/**
	 * Refuses an image of {@code width}×{@code height} pixels whose analysis needs more than
	 * {@code availableBytes} (see {@link #BYTES_PER_PIXEL}), or that exceeds ImageJ's 2^31-1 pixels.
	 */
	public static void checkMemory(String name, long width, long height, long availableBytes) throws ImageInputException {
		checkMemory(name, width, height, BYTES_PER_PIXEL, availableBytes);
	}

	/** As {@link #checkMemory(String, long, long, long)} for an analysis needing {@code bytesPerPixel}. */
	public static void checkMemory(String name, long width, long height, long bytesPerPixel, long availableBytes) throws ImageInputException {
		long pixels = width * height;
		if (pixels > Integer.MAX_VALUE)
			throw new ImageInputException(name + " is " + width + " × " + height + " pixels, more than ImageJ can hold in one image (2^31-1 pixels): crop it into smaller fields");
		long needed = pixels * bytesPerPixel;
		if (needed > availableBytes)
			throw new ImageInputException(String.format(Locale.ROOT,
				"%s is %d × %d pixels: analysing it needs about %s of memory, but only %s is available to Java: " +
					"crop it into smaller fields, or give Java more memory (-Xmx, e.g. LEUKOCNN_JAVA_OPTS=-Xmx%dg)",
				name, width, height, gigabytes(needed), gigabytes(availableBytes),
				(long) Math.ceil((needed + (Runtime.getRuntime().maxMemory() - availableBytes)) / 1e9 * 1.25)));
	}

	private static String gigabytes(long bytes) {
		return bytes >= 1e9 ? String.format(Locale.ROOT, "%.1f GB", bytes / 1e9) : String.format(Locale.ROOT, "%d MB", Math.round(bytes / 1e6));
	}
}
