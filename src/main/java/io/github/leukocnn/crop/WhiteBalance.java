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

	private WhiteBalance() {}

	/** Balances the crop at {@code offset} (planar RGB, 0..1) in place. */
	public static void apply(float[] buf, int offset, int size) {
		int plane = size * size;
		int[] hist = new int[256];
		for (int c = 0; c < 3; c++) {
			java.util.Arrays.fill(hist, 0);
			int o = offset + c * plane;
			for (int i = 0; i < plane; i++) hist[Math.max(0, Math.min(255, (int) (buf[o + i] * 255)))]++;
			int target = (int) Math.ceil(PERCENTILE * plane), acc = 0, bin = 255;
			for (int b = 0; b < 256; b++) {
				acc += hist[b];
				if (acc >= target) {
					bin = b;
					break;
				}
			}
			float white = Math.max(MIN_WHITE, (bin + 0.5f) / 255f);
			float gain = 1f / white;
			for (int i = 0; i < plane; i++) buf[o + i] = Math.min(1f, buf[o + i] * gain);
		}
	}
}
