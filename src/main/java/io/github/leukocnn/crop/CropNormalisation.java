package io.github.leukocnn.crop;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * How a crop (planar RGB, 0..1) is normalised before the network, in training and inference alike.
 * A model card records {@link #cardValue}; {@code leukocnn train --normalisation} takes
 * {@link #optionName}.
 */
public enum CropNormalisation {

	/** The pixel values as they are. */
	RGB("rgb", "rgb/255"),

	/** {@link WhiteBalance#apply}: the bright background becomes white whatever the illumination or tint. */
	WHITE_BALANCE("white-balance", "rgb/255, white-balanced per crop"),

	/**
	 * {@link WhiteBalance#stretch}: white balance plus a black point, so that a pale stain (the soft,
	 * lavender nuclei of some scanners) reaches the dark range of a crisp one.
	 */
	CONTRAST("contrast", "rgb/255, stretched per crop from the 2nd to the 95th percentile of each channel"),

	/**
	 * {@link WhiteBalance#stretchBrightness}: white balance plus one black point for all channels, so a
	 * pale stain gets darker without its hue being changed.
	 */
	BRIGHTNESS_CONTRAST("brightness-contrast", "rgb/255, white-balanced per crop, then stretched from the 2nd percentile of the darkest channel");

	public final String optionName, cardValue;

	CropNormalisation(String optionName, String cardValue) {
		this.optionName = optionName;
		this.cardValue = cardValue;
	}

	/** Normalises the crop of side {@code size} at {@code offset} in place. */
	public void apply(float[] buf, int offset, int size) {
		switch (this) {
			case RGB -> {}
			case WHITE_BALANCE -> WhiteBalance.apply(buf, offset, size);
			case CONTRAST -> WhiteBalance.stretch(buf, offset, size);
			case BRIGHTNESS_CONTRAST -> WhiteBalance.stretchBrightness(buf, offset, size);
		}
	}

	/** The normalisation a card records, null if unknown. */
	public static CropNormalisation ofCard(String cardValue) {
		return Arrays.stream(values()).filter(n -> n.cardValue.equals(cardValue)).findFirst().orElse(null);
	}

	/** The normalisation of a {@code --normalisation} option, null if unknown. */
	public static CropNormalisation ofOption(String optionName) {
		return Arrays.stream(values()).filter(n -> n.optionName.equals(optionName)).findFirst().orElse(null);
	}

	public static List<String> optionNames() {
		return Arrays.stream(values()).map(n -> n.optionName).toList();
	}

	/** The card values, quoted, for messages: {@code 'rgb/255', 'rgb/255, white-balanced per crop', …}. */
	public static String cardValues() {
		return Arrays.stream(values()).map(n -> "'" + n.cardValue + "'").collect(Collectors.joining(", "));
	}
}
