package io.github.leukocnn.crop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** White balance maps a tinted background to white and keeps a cell's contrast to it. */
class WhiteBalanceTest {

	@Test
	void tintedBackgroundsBecomeEqual() {
		int size = 10, plane = size * size;
		float[] yellow = new float[3 * plane], blue = new float[3 * plane];
		for (int i = 0; i < plane; i++) {
			boolean cell = i < 20; // a dark "cell" in 20% of the crop
			float s = cell ? 0.4f : 1f;
			yellow[i] = 0.95f * s; yellow[i + plane] = 0.93f * s; yellow[i + 2 * plane] = 0.75f * s;
			blue[i] = 0.80f * s; blue[i + plane] = 0.85f * s; blue[i + 2 * plane] = 0.97f * s;
		}
		WhiteBalance.apply(yellow, 0, size);
		WhiteBalance.apply(blue, 0, size);
		for (int i = 0; i < 3 * plane; i++) assertEquals(yellow[i], blue[i], 0.01f, "value " + i);
		assertEquals(1f, yellow[50], 0.01f);
		assertEquals(0.4f, yellow[0], 0.01f);
	}
}
