package io.github.leukocnn.batch;

import java.io.IOException;

/** A batch that cannot start: missing input, no images, output folder not usable. */
public class BatchSetupException extends IOException {
	private static final long serialVersionUID = 1L;

	public BatchSetupException(String message) {
		super(message);
	}

	public BatchSetupException(String message, Throwable cause) {
		super(message, cause);
	}
}
