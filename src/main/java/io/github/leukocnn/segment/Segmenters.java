package io.github.leukocnn.segment;

/**
 * The segmenter behind LeukoCNN's commands, command line and training: {@link SmearSegmenter}. The Java system property
 * {@code leukocnn.segmenter} (a class name with a public no-argument constructor) replaces it,
 * e.g. to compare another method in Fiji without rebuilding the plugin.
 */
public final class Segmenters {

	private Segmenters() {}

	public static final String PROPERTY = "leukocnn.segmenter";

	public static LeukocyteSegmenter standard() {
		String name = System.getProperty(PROPERTY);
		if (name != null && !name.isBlank()) return instantiate(name.trim());
		return new SmearSegmenter();
	}

	private static LeukocyteSegmenter instantiate(String name) {
		try {
			Class<?> c = Class.forName(name, true, Segmenters.class.getClassLoader());
			return (LeukocyteSegmenter) c.getConstructor().newInstance();
		}
		catch (ReflectiveOperationException | ClassCastException e) {
			throw new IllegalStateException(PROPERTY + "=" + name + " is not a LeukocyteSegmenter with a public " +
				"no-argument constructor on the class path: " + e, e);
		}
	}
}
