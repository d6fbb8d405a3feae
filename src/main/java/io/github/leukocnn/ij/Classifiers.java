package io.github.leukocnn.ij;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.github.leukocnn.classify.CellClassifier;
import io.github.leukocnn.cnn.CnnCellClassifier;
import io.github.leukocnn.cnn.ModelFile;

/**
 * Loads the cell classifier behind LeukoCNN's ImageJ commands: a shipped model by name, or a model
 * file. The last one loaded is kept, so a batch over many images reads the model once. The Java
 * system property {@code leukocnn.classifier} (a CellClassifier class name with a public
 * no-argument constructor) replaces the model, e.g. to test the commands with a stand-in.
 */
public final class Classifiers {

	private Classifiers() {}

	public static final String PROPERTY = "leukocnn.classifier";

	/** Choice in the dialogs that means "the model file given separately". */
	public static final String FROM_FILE = "model file...";

	private static String cachedKey;
	private static CellClassifier cached;

	/** Names of the models shipped in the jar, then {@link #FROM_FILE}. */
	public static List<String> choices() {
		return java.util.stream.Stream.concat(shipped().stream(), java.util.stream.Stream.of(FROM_FILE)).toList();
	}

	static List<String> shipped() {
		return ModelFile.SHIPPED;
	}

	/**
	 * @param model a shipped model name, or {@link #FROM_FILE}
	 * @param file the model file when {@code model} is {@link #FROM_FILE}
	 */
	public static synchronized CellClassifier load(String model, String file) throws java.io.IOException {
		String override = System.getProperty(PROPERTY);
		if (override != null && !override.isBlank()) return instantiate(override.trim());
		String nameOrPath;
		if (FROM_FILE.equals(model)) {
			if (file == null || file.isBlank()) throw new IllegalArgumentException("choose a model file, or one of the models " + shipped());
			Path p = Path.of(file);
			if (!Files.isRegularFile(p)) throw new java.io.FileNotFoundException("model file " + file + " does not exist");
			nameOrPath = p.toAbsolutePath().toString();
		}
		else {
			if (!shipped().contains(model))
				throw new IllegalArgumentException("unknown model '" + model + "': choose one of " + shipped() + " or a model file");
			nameOrPath = model;
		}
		// time and size: a file replaced within the time stamp's resolution mostly differs in size
		String key = nameOrPath + (FROM_FILE.equals(model) ? "@" + Files.getLastModifiedTime(Path.of(nameOrPath)) + "#" +
			Files.size(Path.of(nameOrPath)) : "");
		if (!key.equals(cachedKey)) {
			cached = loadModel(nameOrPath);
			cachedKey = key;
		}
		return cached;
	}

	private static CellClassifier instantiate(String name) {
		try {
			return (CellClassifier) Class.forName(name, true, Classifiers.class.getClassLoader()).getConstructor().newInstance();
		}
		catch (ReflectiveOperationException | ClassCastException e) {
			throw new IllegalStateException(PROPERTY + "=" + name + " is not a CellClassifier with a public " +
				"no-argument constructor on the class path: " + e, e);
		}
	}

	private static CellClassifier loadModel(String nameOrPath) throws java.io.IOException {
		return CnnCellClassifier.load(nameOrPath);
	}
}
