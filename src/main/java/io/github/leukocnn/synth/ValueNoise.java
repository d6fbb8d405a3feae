package io.github.leukocnn.synth;

/**
 * Smooth seeded noise for textures (chromatin, granules, plasma): random values on an integer
 * lattice, interpolated with a smoothstep. Stateless and hash based, so a pixel's value does not
 * depend on the order pixels are drawn in.
 */
final class ValueNoise {

	private ValueNoise() {}

	/** Noise in [-1, 1] at ({@code x}, {@code y}), with features about {@code scale} pixels wide. */
	static double sample(long seed, double x, double y, double scale) {
		double u = x / scale, v = y / scale;
		long ix = (long) Math.floor(u), iy = (long) Math.floor(v);
		double fx = smooth(u - ix), fy = smooth(v - iy);
		double a = lattice(seed, ix, iy), b = lattice(seed, ix + 1, iy);
		double c = lattice(seed, ix, iy + 1), d = lattice(seed, ix + 1, iy + 1);
		return (a + (b - a) * fx) * (1 - fy) + (c + (d - c) * fx) * fy;
	}

	/** Two octaves: coarse plus half-strength fine detail, still about in [-1, 1]. */
	static double fractal(long seed, double x, double y, double scale) {
		return (sample(seed, x, y, scale) + 0.5 * sample(seed ^ 0x5DEECE66DL, x, y, scale / 2.3)) / 1.5;
	}

	private static double smooth(double t) {
		return t * t * (3 - 2 * t);
	}

	private static double lattice(long seed, long ix, long iy) {
		long h = seed * 0x9E3779B97F4A7C15L + ix * 0xC2B2AE3D27D4EB4FL + iy * 0x165667B19E3779F9L;
		h ^= h >>> 33;
		h *= 0xff51afd7ed558ccdL;
		h ^= h >>> 33;
		h *= 0xc4ceb9fe1a85ec53L;
		h ^= h >>> 33;
		return (h >>> 11) * 0x1.0p-53 * 2 - 1;
	}
}
