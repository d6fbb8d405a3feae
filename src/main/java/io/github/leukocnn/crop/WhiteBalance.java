package io.github.leukocnn.crop;

/**
 * Per-crop white balance: each channel is divided by its 95th percentile, so the crop's bright
 * background (plasma, pale red cells) becomes white whatever the illumination or slide tint. In
 * all-taleqani the backgrounds of the benign and malignant folders differ in tint (bluish vs
 * yellowish); balancing removes that shortcut and helps other scanners.
 */
public final class WhiteBalance {

	static final double PERCENTILE = 0.95;
	/** Channels darker than this at the percentile are not brightened further (no background in view). */
	static final float MIN_WHITE = 0.3f;

	/** Histogram working space of each thread: normalisation runs once per crop, in the inference workers. */
	private static final ThreadLocal<int[]> HISTOGRAM = ThreadLocal.withInitial(() -> new int[256]);

	private WhiteBalance() {}

	/** Balances the crop at {@code offset} (planar RGB, 0..1) in place. */
	public static void apply(float[] buf, int offset, int size) {
		normalise(buf, offset, size, false, HISTOGRAM.get());
	}

	/**
	 * White balance with a black point: each channel is mapped linearly from its
	 * {@link #BLACK_PERCENTILE} (to 0) to its 95th percentile (to 1), clipped. The range is at least
	 * {@link #MIN_RANGE}, so a flat crop is not amplified into noise.
	 */
	public static void stretch(float[] buf, int offset, int size) {
		normalise(buf, offset, size, true, HISTOGRAM.get());
	}

	/**
	 * White balance, then one black point for all three channels: the {@link #BLACK_PERCENTILE} of each
	 * balanced pixel's darkest channel goes to 0, white stays 1, range at least {@link #MIN_RANGE}. One
	 * offset and gain for all channels keep the crop's hue (per-channel stretching, {@link #stretch},
	 * enlarges a stain's hue shift); the darkest channel, not the mean, so that the dark pixels are
	 * not clipped in one channel, which would change their hue.
	 */
	public static void stretchBrightness(float[] buf, int offset, int size) {
		int[] hist = HISTOGRAM.get();
		normalise(buf, offset, size, false, hist);
		int plane = size * size;
		java.util.Arrays.fill(hist, 0);
		for (int i = 0; i < plane; i++)
			hist[bin(Math.min(buf[offset + i], Math.min(buf[offset + plane + i], buf[offset + 2 * plane + i])))]++;
		float black = Math.min(percentile(hist, plane, BLACK_PERCENTILE), 1f - MIN_RANGE);
		float gain = 1f / (1f - black);
		for (int i = offset; i < offset + 3 * plane; i++) buf[i] = Math.max(0f, Math.min(1f, (buf[i] - black) * gain));
	}

	/** {@code hist}: 256 bins of working space, reused channel by channel. */
	private static void normalise(float[] buf, int offset, int size, boolean blackPoint, int[] hist) {
		int plane = size * size;
		for (int c = 0; c < 3; c++) {
			int o = offset + c * plane;
			histogram(buf, o, plane, hist);
			float white = white(hist, plane);
			float black = blackPoint ? Math.min(percentile(hist, plane, BLACK_PERCENTILE), white - MIN_RANGE) : 0f;
			float gain = 1f / (white - black);
			for (int i = 0; i < plane; i++) buf[o + i] = Math.max(0f, Math.min(1f, (buf[o + i] - black) * gain));
		}
	}

	static final double BLACK_PERCENTILE = 0.02;
	static final float MIN_RANGE = 0.2f;

	private static void histogram(float[] buf, int offset, int n, int[] hist) {
		java.util.Arrays.fill(hist, 0);
		for (int i = 0; i < n; i++) hist[bin(buf[offset + i])]++;
	}

	/** The histogram bin (0..255) of a value in 0..1. */
	private static int bin(float value) {
		return Math.max(0, Math.min(255, (int) (value * 255)));
	}

	/** The channel's white: its 95th percentile, at least {@link #MIN_WHITE}. */
	private static float white(int[] hist, int n) {
		return Math.max(MIN_WHITE, percentile(hist, n, PERCENTILE));
	}

	/** The value (bin centre, 0..1) below which a fraction {@code p} of the {@code n} counted pixels lie. */
	private static float percentile(int[] hist, int n, double p) {
		int target = (int) Math.ceil(p * n), acc = 0;
		for (int b = 0; b < 256; b++) {
			acc += hist[b];
			if (acc >= target) return (b + 0.5f) / 255f;
		}
		return 255.5f / 255f;
	}
}
