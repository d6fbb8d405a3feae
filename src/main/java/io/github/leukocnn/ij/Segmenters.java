package io.github.leukocnn.ij;

import io.github.leukocnn.segment.LeukocyteSegmenter;

/**
 * The segmenter behind LeukoCNN's ImageJ commands. The Java system property
 * {@code leukocnn.segmenter} (a class name with a public no-argument constructor) replaces it,
 * e.g. to compare another method in Fiji without rebuilding the plugin.
 */
public final class Segmenters {

	private Segmenters() {}

	public static final String PROPERTY = "leukocnn.segmenter";

	public static LeukocyteSegmenter standard() {
		String name = System.getProperty(PROPERTY);
		if (name != null && !name.isBlank()) return instantiate(name.trim(), LeukocyteSegmenter.class, PROPERTY);
		// TODO replace by new SmearSegmenter() when io.github.leukocnn.segment has it on main
		throw new IllegalStateException("no leukocyte segmenter in this build");
	}

	/** A new instance of class {@code name} named by system property {@code property}. */
	static <T> T instantiate(String name, Class<T> type, String property) {
		try {
			Class<?> c = Class.forName(name, true, Segmenters.class.getClassLoader());
			return type.cast(c.getConstructor().newInstance());
		}
		catch (ReflectiveOperationException | ClassCastException e) {
			throw new IllegalStateException(property + "=" + name + " is not a " + type.getSimpleName() +
				" with a public no-argument constructor on the class path: " + e, e);
		}
	}
}
