package io.github.leukocnn.io;

import java.io.IOException;

/**
 * An input image that LeukoCNN cannot analyse: missing, unreadable, damaged, or of a kind it does not
 * accept (greyscale, stack, too large…). The message names the file and says what is accepted, so a
 * batch can report it as it is.
 */
public class ImageInputException extends IOException {
	private static final long serialVersionUID = 1L;

	public ImageInputException(String message) {
		super(message);
	}

	public ImageInputException(String message, Throwable cause) {
		super(message, cause);
	}
}
