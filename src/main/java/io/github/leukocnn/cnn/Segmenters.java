package io.github.leukocnn.cnn;

import io.github.leukocnn.segment.LeukocyteSegmenter;

/** The project's leukocyte segmenter, for training on whole fields and for field classification. */
public final class Segmenters {

	static final String DEFAULT = "io.github.leukocnn.segment.SmearSegmenter";

	private Segmenters() {}

	public static LeukocyteSegmenter defaultSegmenter() {
		try {
			return (LeukocyteSegmenter) Class.forName(DEFAULT).getDeclaredConstructor().newInstance();
		}
		catch (ReflectiveOperationException | ClassCastException e) {
			throw new IllegalStateException("the leukocyte segmenter " + DEFAULT + " is not available in this build: " + e);
		}
	}
}
