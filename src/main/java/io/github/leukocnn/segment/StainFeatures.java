package io.github.leukocnn.segment;

import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.img.basictypeaccess.array.IntArray;
import net.imglib2.loops.LoopBuilder;
import net.imglib2.parallel.Parallelization;
import net.imglib2.type.numeric.ARGBType;
import net.imglib2.type.numeric.real.FloatType;

/**
 * Per-pixel optical densities of an RGB smear image, normalised by the image's own background
 * ("white") so that cameras, white balance and illumination drop out:
 * {@code od_c = ln(white_c / c)}, 0 for background, larger for more stain. The white level of
 * each channel is a high percentile of that channel ({@link #WHITE_PERCENTILE}), since free
 * background is the brightest part of every smear.
 * <p>
 * The nucleus feature is {@code od_green - od_blue}: chromatin stained by the azure/methylene
 * blue of Romanowsky stains (Giemsa, MGG, Wright) absorbs green strongly and passes blue, whereas
 * eosin-stained red cells absorb green and blue alike, and background absorbs neither. Being a
 * difference of log intensities it does not depend on the exposure. Some stains colour red cells
 * lavender-blue, which also passes blue; but chromatin always absorbs green well above red, so
 * {@link #BLUE_PENALTY} × max(0, od_red - od_green) is subtracted (zero for purple and violet
 * nuclei, large for blue red cells).
 */
public final class StainFeatures {

	/** Percentile of each channel taken as the background white. */
	public static final double WHITE_PERCENTILE = 0.97;

	/** Weight of the penalty for red absorbance approaching green absorbance (blue objects). */
	static final float BLUE_PENALTY = 3f;
	/** Red absorbance may come this close to green before the penalty starts. */
	static final float BLUE_MARGIN = 0f;
	public final int width, height;
	public final float[] odRed, odGreen, odBlue;
	/** The nucleus feature, see {@link #nucleusFeature}. */
	public final float[] nucleus;
	/** od_red + od_green + od_blue: total absorbance. */
	public final float[] density;
	public final double[] white;
	/** The packed RGB pixels the features were computed from. */
	final int[] pixels;
	/** Optical density of each 8-bit value, per channel (red, green, blue): od_c = lut[c][value]. */
	final float[][] lut = new float[3][256];

	private StainFeatures(int[] pixels, int width, int height) {
		this.pixels = pixels;
		this.width = width;
		this.height = height;
		int n = width * height;
		odRed = new float[n];
		odGreen = new float[n];
		odBlue = new float[n];
		nucleus = new float[n];
		density = new float[n];
		white = new double[3];
	}

	public static StainFeatures compute(int[] argb, int width, int height, int threads) {
		StainFeatures f = new StainFeatures(argb, width, height);
		int[][] hist = new int[3][256];
		for (int p : argb) {
			hist[0][(p >> 16) & 0xff]++;
			hist[1][(p >> 8) & 0xff]++;
			hist[2][p & 0xff]++;
		}
		float[][] lut = f.lut;
		for (int c = 0; c < 3; c++) {
			f.white[c] = Math.max(1, percentile(hist[c], argb.length, WHITE_PERCENTILE));
			double lw = Math.log(f.white[c]);
			for (int v = 0; v < 256; v++)
				lut[c][v] = (float) Math.max(0, lw - Math.log(Math.max(v, 1)));
		}
		float[] lr = lut[0], lg = lut[1], lb = lut[2];
		if (threads > 1 && argb.length > 100_000) {
			ArrayImg<ARGBType, IntArray> in = ArrayImgs.argbs(argb, width, height);
			ArrayImg<FloatType, FloatArray> r = ArrayImgs.floats(f.odRed, width, height);
			ArrayImg<FloatType, FloatArray> g = ArrayImgs.floats(f.odGreen, width, height);
			ArrayImg<FloatType, FloatArray> b = ArrayImgs.floats(f.odBlue, width, height);
			ArrayImg<FloatType, FloatArray> nuc = ArrayImgs.floats(f.nucleus, width, height);
			ArrayImg<FloatType, FloatArray> den = ArrayImgs.floats(f.density, width, height);
			Parallelization.runWithNumThreads(threads, () -> LoopBuilder.setImages(in, r, g, b, nuc, den).multiThreaded()
				.forEachPixel((p, or, og, ob, on, od) -> {
					int v = p.get();
					float vr = lr[(v >> 16) & 0xff], vg = lg[(v >> 8) & 0xff], vb = lb[v & 0xff];
					or.set(vr);
					og.set(vg);
					ob.set(vb);
					on.set(nucleusFeature(vr, vg, vb));
					od.set(vr + vg + vb);
				}));
			return f;
		}
		// one thread: the same per-pixel work as a plain array loop, without LoopBuilder's set-up cost
		for (int i = 0; i < argb.length; i++) {
			int v = argb[i];
			float vr = lr[(v >> 16) & 0xff], vg = lg[(v >> 8) & 0xff], vb = lb[v & 0xff];
			f.odRed[i] = vr;
			f.odGreen[i] = vg;
			f.odBlue[i] = vb;
			f.nucleus[i] = nucleusFeature(vr, vg, vb);
			f.density[i] = vr + vg + vb;
		}
		return f;
	}

	/**
	 * od_green - od_blue, minus a penalty for blue objects that absorb red about as much as green
	 * (red cells of some stains look lavender-blue; chromatin always absorbs green well above red).
	 */
	static float nucleusFeature(float r, float g, float b) {
		return g - b - BLUE_PENALTY * Math.max(0, r - g + BLUE_MARGIN);
	}

	static int percentile(int[] hist, int total, double q) {
		long target = (long) Math.ceil(q * total);
		long sum = 0;
		for (int v = 0; v < hist.length; v++) {
			sum += hist[v];
			if (sum >= target) return v;
		}
		return hist.length - 1;
	}
}
