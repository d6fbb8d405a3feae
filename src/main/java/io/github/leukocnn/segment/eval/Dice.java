package io.github.leukocnn.segment.eval;

/** Dice overlap 2|A∩B| / (|A|+|B|) of two binary masks; 1 when both are empty. */
public final class Dice {

	private Dice() {}

	public static double of(boolean[] a, boolean[] b) {
		long inter = 0, sa = 0, sb = 0;
		for (int i = 0; i < a.length; i++) {
			if (a[i]) sa++;
			if (b[i]) sb++;
			if (a[i] && b[i]) inter++;
		}
		return sa + sb == 0 ? 1 : 2.0 * inter / (sa + sb);
	}
}
