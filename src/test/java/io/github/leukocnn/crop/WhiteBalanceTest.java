package io.github.leukocnn.crop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

	@Test
	void stretchGivesAPaleStainTheDarkRangeOfACrispOne() {
		int size = 10, plane = size * size;
		float[] crisp = new float[3 * plane], pale = new float[3 * plane];
		for (int i = 0; i < plane; i++) {
			boolean nucleus = i < 20;
			for (int c = 0; c < 3; c++) {
				crisp[i + c * plane] = nucleus ? 0.15f : 0.95f; // dark nucleus on a white background
				pale[i + c * plane] = nucleus ? 0.60f : 0.90f; // a soft scanner's lavender nucleus
			}
		}
		float[] paleBalanced = pale.clone();
		WhiteBalance.apply(paleBalanced, 0, size);
		assertEquals(0.667f, paleBalanced[0], 0.01f, "white balance alone leaves the pale nucleus pale");

		WhiteBalance.stretch(crisp, 0, size);
		WhiteBalance.stretch(pale, 0, size);
		for (int i = 0; i < 3 * plane; i++) assertEquals(crisp[i], pale[i], 0.01f, "value " + i);
		assertEquals(0f, pale[0], 0.01f);
		assertEquals(1f, pale[50], 0.01f);
	}

	@Test
	void brightnessStretchDarkensAPaleStainAndKeepsItsHue() {
		int size = 10, plane = size * size;
		float[] crop = new float[3 * plane];
		for (int i = 0; i < plane; i++) {
			boolean nucleus = i < 20;
			// a lavender nucleus (red and blue above green) on a white background
			crop[i] = nucleus ? 0.70f : 0.95f;
			crop[i + plane] = nucleus ? 0.55f : 0.95f;
			crop[i + 2 * plane] = nucleus ? 0.80f : 0.95f;
		}
		float[] perChannel = crop.clone();
		WhiteBalance.stretch(perChannel, 0, size);
		assertEquals(perChannel[0], perChannel[plane], 0.01f, "the per-channel stretch erases the nucleus's red-green difference");

		WhiteBalance.stretchBrightness(crop, 0, size);
		float r = crop[0], g = crop[plane], b = crop[2 * plane];
		// balanced nucleus: 0.737, 0.579, 0.842; its darkest channel (green) is the black point
		assertEquals(0f, g, 0.01f, "the nucleus's darkest channel becomes black");
		assertTrue(r < 0.4f && b < 0.65f, "the nucleus is darker than balanced (0.737, 0.842): " + r + ", " + b);
		assertEquals((0.842f - 0.737f) / (0.737f - 0.579f), (b - r) / (r - g), 0.05f, "hue kept: same ratio of channel differences");
		assertEquals(1f, crop[50], 0.01f, "the background stays white");
	}

	@Test
	void stretchDoesNotAmplifyAFlatCrop() {
		int size = 10, plane = size * size;
		float[] flat = new float[3 * plane];
		for (int i = 0; i < flat.length; i++) flat[i] = i % 2 == 0 ? 0.80f : 0.84f; // noise of 0.04 on an empty crop
		WhiteBalance.stretch(flat, 0, size);
		float lo = 1, hi = 0;
		for (float v : flat) {
			lo = Math.min(lo, v);
			hi = Math.max(hi, v);
		}
		assertEquals(0.2f, hi - lo, 0.02f, "a range below " + WhiteBalance.MIN_RANGE + " is stretched to at most 1/" +
			WhiteBalance.MIN_RANGE + " of it, not to 0..1");
	}

	@Test
	void normalisationsAreNamedOnceForOptionAndCard() {
		assertEquals(CropNormalisation.CONTRAST, CropNormalisation.ofOption("contrast"));
		assertEquals(CropNormalisation.WHITE_BALANCE, CropNormalisation.ofCard("rgb/255, white-balanced per crop"));
		assertEquals(null, CropNormalisation.ofOption("white-balanced"));
		assertEquals(java.util.List.of("rgb", "white-balance", "contrast", "brightness-contrast"), CropNormalisation.optionNames());
	}
}
