package io.github.leukocnn.cnn;

import java.io.IOException;

/** A model file that cannot be used; the message says exactly what is wrong with it. */
public class ModelFileException extends IOException {
	private static final long serialVersionUID = 1L;

	public ModelFileException(String message) {
		super(message);
	}

	public ModelFileException(String message, Throwable cause) {
		super(message, cause);
	}
}
