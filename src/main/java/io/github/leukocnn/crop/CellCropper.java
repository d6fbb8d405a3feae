package io.github.leukocnn.crop;

/**
 * Samples square RGB crops out of packed-ARGB pixel arrays into float buffers (planar CHW, values
 * 0..1), with bilinear interpolation. Pixels outside the image repeat the nearest border pixel, so
 * cells touching the border are padded rather than dropped. An optional rotation, mirror and scale
 * factor serve augmentation. Writing into a caller's buffer avoids any per-cell allocation.
 */
public final class CellCropper {

	private CellCropper() {}

	/**
	 * Writes one crop of {@code size}×{@code size} into {@code dest[offset ..]} as R, G, B planes.
	 *
	 * @param argb source pixels, row-major, {@code w}×{@code h}
	 * @param cx crop centre x in source pixels (pixel centres at integer + 0.5 are not assumed:
	 *          the centre of pixel i is i)
	 * @param sourceSide side of the source square that maps onto the crop
	 * @param angle rotation in radians (0 = none)
	 * @param mirror mirror horizontally before rotating
	 */
	public static void crop(int[] argb, int w, int h, double cx, double cy, double sourceSide, double angle,
		boolean mirror, int size, float[] dest, int offset)
	{
		if (argb.length < w * h) throw new IllegalArgumentException("pixel array shorter than " + w + "×" + h);
		if (dest.length < offset + 3 * size * size)
			throw new IllegalArgumentException("crop buffer too small: needs " + (offset + 3 * size * size) + " floats, has " + dest.length);
		double step = sourceSide / size;
		double cos = Math.cos(angle) * step, sin = Math.sin(angle) * step;
		double half = (size - 1) / 2.0;
		int plane = size * size;
		final float inv = 1f / 255f;
		for (int y = 0; y < size; y++) {
			double dy = y - half;
			for (int x = 0; x < size; x++) {
				double dx = mirror ? half - x : x - half;
				double sx = cx + cos * dx - sin * dy;
				double sy = cy + sin * dx + cos * dy;
				int x0 = (int) Math.floor(sx), y0 = (int) Math.floor(sy);
				double fx = sx - x0, fy = sy - y0;
				int xa = clamp(x0, w), xb = clamp(x0 + 1, w), ya = clamp(y0, h), yb = clamp(y0 + 1, h);
				int p00 = argb[ya * w + xa], p10 = argb[ya * w + xb], p01 = argb[yb * w + xa], p11 = argb[yb * w + xb];
				double w00 = (1 - fx) * (1 - fy), w10 = fx * (1 - fy), w01 = (1 - fx) * fy, w11 = fx * fy;
				int i = offset + y * size + x;
				dest[i] = (float) (w00 * ((p00 >> 16) & 255) + w10 * ((p10 >> 16) & 255) + w01 * ((p01 >> 16) & 255) + w11 * ((p11 >> 16) & 255)) * inv;
				dest[i + plane] = (float) (w00 * ((p00 >> 8) & 255) + w10 * ((p10 >> 8) & 255) + w01 * ((p01 >> 8) & 255) + w11 * ((p11 >> 8) & 255)) * inv;
				dest[i + 2 * plane] = (float) (w00 * (p00 & 255) + w10 * (p10 & 255) + w01 * (p01 & 255) + w11 * (p11 & 255)) * inv;
			}
		}
	}

	/** A crop without augmentation, sized by {@code spec} for a cell of {@code diameter} pixels. */
	public static void crop(int[] argb, int w, int h, double cx, double cy, double diameter, CropSpec spec,
		float[] dest, int offset)
	{
		crop(argb, w, h, cx, cy, spec.sourceSide(diameter), 0, false, spec.size(), dest, offset);
	}

	/** Packs a CHW float crop (0..1) back into ARGB pixels, e.g. to save it as PNG. */
	public static int[] toArgb(float[] crop, int offset, int size) {
		int plane = size * size;
		int[] out = new int[plane];
		for (int i = 0; i < plane; i++) {
			int r = toByte(crop[offset + i]), g = toByte(crop[offset + i + plane]), b = toByte(crop[offset + i + 2 * plane]);
			out[i] = 0xff000000 | (r << 16) | (g << 8) | b;
		}
		return out;
	}

	private static int toByte(float v) {
		return Math.max(0, Math.min(255, Math.round(v * 255f)));
	}

	private static int clamp(int v, int n) {
		return v < 0 ? 0 : v >= n ? n - 1 : v;
	}
}
