package io.github.leukocnn.cnn.train;

import java.util.List;
import java.util.SplittableRandom;

import io.github.leukocnn.crop.CellCropper;

/**
 * On-the-fly augmentation from a cached context crop: flips, 90° turns plus small rotations,
 * scale jitter, and stain/colour jitter (per-channel gain, brightness, contrast, saturation).
 * Colour jitter matters: in all-taleqani the staining differs between benign and malignant
 * folders, and the network must learn morphology rather than stain colour. Blur jitter
 * ({@code maxBlur} > 0: half of the crops get a Gaussian blur of random sigma up to it) matters
 * for other scanners: optics, focus and JPEG differ, and a network trained on one sharp scanner
 * otherwise reads sharpness as a class cue (blurred cells of another scanner all looked like
 * platelets to it). Optical-density jitter ({@code densityRange} > 1) imitates a lighter or heavier
 * stain the way light sees it (Beer–Lambert: the densities scale, white stays white): the nuclei of
 * one laboratory's smears absorb three times less than another's, which a hue or brightness jitter
 * does not reproduce.
 *
 * @param maxBlur largest Gaussian sigma, in crop pixels (0 = no blur jitter)
 * @param densityRange optical densities are scaled by a log-uniform factor in [1/densityRange,
 *          densityRange], each channel by a further ±{@link #CHANNEL_DENSITY_JITTER} (1 = off)
 * @param cutout side of a square, as a fraction of the crop side, that half of the crops get
 *          filled with their own mean colour, at a random place (partly outside the crop at its
 *          borders); 0 = off. Cutout (DeVries and Taylor 2017) keeps a network from relying on one
 *          part of the cell: with the nucleus hidden, granules and cytoplasm must still tell the type.
 * @param colourTransfer probability that a crop takes the colour statistics (each channel's mean and
 *          standard deviation, Reinhard et al. 2001 in RGB) of another training image's crop drawn at
 *          random (0 = off). Where one class comes from another scanner (normal
 *          cells of a second data set trained as benign), colour tells the data set and so the class;
 *          handing every class every data set's colours takes that cue away.
 */
public record Augmenter(double maxSmallRotation, double scaleJitter, double channelGain, double brightness,
	double contrast, double saturation, double maxHueRotation, double greyProbability, double maxBlur, double densityRange,
	double cutout, double colourTransfer)
{
	/** Relative jitter of each channel's density factor around the common one. */
	public static final double CHANNEL_DENSITY_JITTER = 0.2;

	/** Without blur and density jitter. */
	public Augmenter(double maxSmallRotation, double scaleJitter, double channelGain, double brightness, double contrast,
		double saturation, double maxHueRotation, double greyProbability)
	{
		this(maxSmallRotation, scaleJitter, channelGain, brightness, contrast, saturation, maxHueRotation, greyProbability, 0, 1, 0, 0);
	}

	public Augmenter {
		if (!(densityRange >= 1)) throw new IllegalArgumentException("density range must be at least 1 (1 = off), got " + densityRange);
		checkCutout(cutout);
		checkColourTransfer(colourTransfer);
	}

	/** Refuses a colour-transfer probability outside 0 (off) .. 1, in the words of the command line's option. */
	public static void checkColourTransfer(double probability) {
		if (!(probability >= 0 && probability <= 1))
			throw new IllegalArgumentException("colour-transfer must be a probability from 0 (off) to 1 (e.g. 0.5), got " + probability);
	}

	/** Largest cutout side, as a fraction of the crop side. */
	public static final double MAX_CUTOUT = 0.8;

	/** Refuses a cutout side outside 0 (off) .. {@link #MAX_CUTOUT}, in the words of the command line's option. */
	public static void checkCutout(double cutout) {
		if (!(cutout >= 0 && cutout <= MAX_CUTOUT))
			throw new IllegalArgumentException("cutout must be a fraction of the crop side from 0 (off) to " + MAX_CUTOUT +
				" (e.g. 0.3), got " + cutout);
	}

	public Augmenter withBlur(double sigma) {
		return withOptional(sigma, densityRange, cutout, colourTransfer);
	}

	public Augmenter withDensityRange(double range) {
		return withOptional(maxBlur, range, cutout, colourTransfer);
	}

	public Augmenter withCutout(double side) {
		return withOptional(maxBlur, densityRange, side, colourTransfer);
	}

	public Augmenter withColourTransfer(double probability) {
		return withOptional(maxBlur, densityRange, cutout, probability);
	}

	/** This jitter with other settings of the augmentations that are off by default. */
	private Augmenter withOptional(double blur, double density, double cutoutSide, double transfer) {
		return new Augmenter(maxSmallRotation, scaleJitter, channelGain, brightness, contrast, saturation, maxHueRotation,
			greyProbability, blur, density, cutoutSide, transfer);
	}

	public static final Augmenter NONE = new Augmenter(0, 0, 0, 0, 0, 0, 0, 0);
	/** Geometry plus moderate colour jitter (PBC: one stain, colour carries class information, e.g. eosinophil granules). */
	public static final Augmenter DEFAULT = new Augmenter(Math.toRadians(15), 0.1, 0.12, 0.08, 0.2, 0.35, Math.toRadians(8), 0);
	/**
	 * Strong stain jitter (all-taleqani: stain differs between benign and malignant folders): hue turns
	 * up to ±35°, saturation ±50%, and one crop in four in grey, so that colour alone cannot decide.
	 */
	public static final Augmenter STAIN_INVARIANT = new Augmenter(Math.toRadians(15), 0.1, 0.15, 0.1, 0.25, 0.5, Math.toRadians(35), 0.25);
	/**
	 * Wide stain jitter for models meant for other scanners and stains (hue ±20°, saturation ±45%,
	 * stronger gain, brightness and contrast) without grey crops: colour still carries class
	 * information there (eosinophil granules), but not the exact hue of one laboratory's stain.
	 */
	public static final Augmenter WIDE_STAIN = new Augmenter(Math.toRadians(15), 0.1, 0.15, 0.1, 0.25, 0.45, Math.toRadians(20), 0);
	/**
	 * {@link #WIDE_STAIN} plus optical-density jitter by up to 2.5× either way: the densest nuclei of
	 * the four datasets in ../shared/data differ about fourfold in optical density (BCCD 1.4,
	 * all-taleqani 1.8, PBC 4.1, wbc-masks 5.8, summed over the channels). It did not make the PBC
	 * cell-type model transfer to the other scanners (docs/models).
	 */
	public static final Augmenter WIDE_STAIN_AND_DENSITY = WIDE_STAIN.withDensityRange(2.5);

	/** Writes an augmented network crop of {@code size} from a context crop into {@code dest}, without colour transfer. */
	public void apply(int[] context, int contextSize, int size, SplittableRandom rnd, float[] dest, int offset) {
		apply(context, contextSize, size, rnd, dest, offset, List.of());
	}

	/**
	 * Writes an augmented network crop of {@code size} from a context crop into {@code dest}; with
	 * {@link #colourTransfer} on, the crop may take one of {@code donors}, colour statistics
	 * ({@link #channelStatistics}) of context crops computed once, e.g. of one crop of each training image.
	 */
	public void apply(int[] context, int contextSize, int size, SplittableRandom rnd, float[] dest, int offset, List<double[]> donors) {
		double c = (contextSize - 1) / 2.0;
		if (this.equals(NONE)) {
			CellCropper.crop(context, contextSize, contextSize, c, c, size, 0, false, size, dest, offset);
			return;
		}
		double angle = rnd.nextInt(4) * Math.PI / 2 + (rnd.nextDouble() * 2 - 1) * maxSmallRotation;
		double scale = 1 + (rnd.nextDouble() * 2 - 1) * scaleJitter;
		double shift = size * 0.04;
		CellCropper.crop(context, contextSize, contextSize, c + (rnd.nextDouble() * 2 - 1) * shift,
			c + (rnd.nextDouble() * 2 - 1) * shift, size * scale, angle, rnd.nextBoolean(), size, dest, offset);
		// drawn only when enabled, so runs without it keep their exact random sequence
		if (colourTransfer > 0 && !donors.isEmpty() && rnd.nextDouble() < colourTransfer)
			transferColour(dest, offset, size * size, channelStatistics(context), donors.get(rnd.nextInt(donors.size())));
		// drawn only when enabled, as the colour transfer
		if (maxBlur > 0 && rnd.nextBoolean()) blur(dest, offset, size, rnd.nextDouble() * maxBlur);
		if (densityRange > 1) {
			double common = Math.log(densityRange) * (rnd.nextDouble() * 2 - 1);
			double[] factors = new double[3];
			for (int k = 0; k < 3; k++)
				factors[k] = Math.exp(common) * (1 + (rnd.nextDouble() * 2 - 1) * CHANNEL_DENSITY_JITTER);
			scaleDensities(dest, offset, size * size, factors);
		}
		colour(rnd, size * size, dest, offset);
		// drawn only when enabled, as the blur
		if (cutout > 0 && rnd.nextBoolean()) {
			int side = (int) Math.round(cutout * size);
			cutOut(dest, offset, size, rnd.nextInt(size) - side / 2, rnd.nextInt(size) - side / 2, side);
		}
	}

	/**
	 * Fills the square of {@code side} pixels whose top left corner is ({@code x0}, {@code y0}),
	 * clipped to the crop, with the crop's mean colour (per plane, taken before the fill).
	 */
	static void cutOut(float[] d, int offset, int size, int x0, int y0, int side) {
		int plane = size * size;
		for (int c = 0; c < 3; c++) {
			int o = offset + c * plane;
			double sum = 0;
			for (int i = 0; i < plane; i++) sum += d[o + i];
			float mean = (float) (sum / plane);
			for (int y = Math.max(0, y0); y < Math.min(size, y0 + side); y++)
				for (int x = Math.max(0, x0); x < Math.min(size, x0 + side); x++) d[o + y * size + x] = mean;
		}
	}

	/** Mean and standard deviation of each channel of packed RGB pixels, in 0..1: {mean R, G, B, SD R, G, B}. */
	public static double[] channelStatistics(int[] rgb) {
		double[] sum = new double[3], squares = new double[3];
		for (int p : rgb)
			for (int k = 0; k < 3; k++) {
				double v = ((p >> (16 - 8 * k)) & 0xff) / 255.0;
				sum[k] += v;
				squares[k] += v * v;
			}
		double[] stats = new double[6];
		for (int k = 0; k < 3; k++) {
			stats[k] = sum[k] / rgb.length;
			stats[k + 3] = Math.sqrt(Math.max(0, squares[k] / rgb.length - stats[k] * stats[k]));
		}
		return stats;
	}

	/**
	 * Maps each plane linearly so that a crop with the channel statistics {@code from} gets {@code to}
	 * (both as {@link #channelStatistics}); a flat channel (SD under 1/255) is only shifted.
	 */
	static void transferColour(float[] d, int offset, int plane, double[] from, double[] to) {
		for (int k = 0; k < 3; k++) {
			double gain = from[k + 3] < 1 / 255.0 ? 1 : to[k + 3] / from[k + 3], mean = from[k], target = to[k];
			for (int i = offset + k * plane, end = i + plane; i < end; i++) d[i] = clip((d[i] - mean) * gain + target);
		}
	}

	/** Separable Gaussian blur of the three planes of a crop (borders clamped). */
	static void blur(float[] d, int offset, int size, double sigma) {
		if (sigma < 0.2) return;
		int r = (int) Math.ceil(2.5 * sigma);
		float[] k = new float[2 * r + 1];
		double sum = 0;
		for (int i = -r; i <= r; i++) sum += k[i + r] = (float) Math.exp(-i * i / (2 * sigma * sigma));
		for (int i = 0; i < k.length; i++) k[i] /= sum;
		float[] row = new float[size * size];
		for (int c = 0; c < 3; c++) {
			int o = offset + c * size * size;
			for (int y = 0; y < size; y++)
				for (int x = 0; x < size; x++) {
					float v = 0;
					for (int i = -r; i <= r; i++) v += k[i + r] * d[o + y * size + Math.min(size - 1, Math.max(0, x + i))];
					row[y * size + x] = v;
				}
			for (int y = 0; y < size; y++)
				for (int x = 0; x < size; x++) {
					float v = 0;
					for (int i = -r; i <= r; i++) v += k[i + r] * row[Math.min(size - 1, Math.max(0, y + i)) * size + x];
					d[o + y * size + x] = v;
				}
		}
	}

	/**
	 * Multiplies the optical density -ln(v) of each plane by its factor: v becomes v^factor (values
	 * in 0..1, white = 1 stays white; 0 is taken as 1/255, the darkest an 8-bit pixel gets).
	 */
	static void scaleDensities(float[] d, int offset, int plane, double[] factors) {
		for (int c = 0; c < 3; c++) {
			double k = factors[c];
			for (int i = offset + c * plane, end = i + plane; i < end; i++)
				d[i] = clip(Math.pow(Math.max(d[i], 1 / 255.0), k));
		}
	}

	void colour(SplittableRandom rnd, int plane, float[] d, int o) {
		double bright = (rnd.nextDouble() * 2 - 1) * brightness;
		double contr = 1 + (rnd.nextDouble() * 2 - 1) * contrast;
		double sat = 1 + (rnd.nextDouble() * 2 - 1) * saturation;
		double gr = 1 + (rnd.nextDouble() * 2 - 1) * channelGain, gg = 1 + (rnd.nextDouble() * 2 - 1) * channelGain,
			gb = 1 + (rnd.nextDouble() * 2 - 1) * channelGain;
		if (rnd.nextDouble() < greyProbability) sat = 0;
		// hue rotation: rotation about the grey axis of RGB space (Rodrigues' formula)
		double th = (rnd.nextDouble() * 2 - 1) * maxHueRotation, ch = Math.cos(th), sh = Math.sin(th), k = (1 - ch) / 3, q = sh / Math.sqrt(3);
		double m00 = ch + k, m01 = k - q, m02 = k + q;
		for (int i = 0; i < plane; i++) {
			double r = d[o + i], g = d[o + i + plane], b = d[o + i + 2 * plane];
			double grey = (r + g + b) / 3;
			double dr = r - grey, dg = g - grey, db = b - grey;
			// the rotation matrix is circulant: rows (m00 m01 m02), (m02 m00 m01), (m01 m02 m00)
			r = grey + sat * (m00 * dr + m01 * dg + m02 * db);
			g = grey + sat * (m02 * dr + m00 * dg + m01 * db);
			b = grey + sat * (m01 * dr + m02 * dg + m00 * db);
			d[o + i] = clip(((r * gr) - 0.5) * contr + 0.5 + bright);
			d[o + i + plane] = clip(((g * gg) - 0.5) * contr + 0.5 + bright);
			d[o + i + 2 * plane] = clip(((b * gb) - 0.5) * contr + 0.5 + bright);
		}
	}

	private static float clip(double v) {
		return (float) (v < 0 ? 0 : v > 1 ? 1 : v);
	}
}
