package io.github.leukocnn.io;

import java.time.LocalDateTime;
import java.util.zip.ZipEntry;

/**
 * Zip entries with a fixed modification time, so that the same content gives byte-identical
 * archives (model files, ROI sets) whenever and wherever they are written. {@code new ZipEntry(name)}
 * alone stores the time of writing, and {@link ZipEntry#setTime(long)} converts through the local
 * time zone; {@link ZipEntry#setTimeLocal} stores the given DOS date-time as it is.
 */
public final class ZipEntries {

	/**
	 * The time stored in every entry, as a DOS date-time (no time zone): 1980-01-02 00:00. Not
	 * 1980-01-01 00:00: {@link ZipEntry} takes that DOS value as its "before 1980" marker and then
	 * adds an extended timestamp computed in the local time zone, which differs between machines.
	 */
	public static final LocalDateTime FIXED_TIME = LocalDateTime.of(1980, 1, 2, 0, 0);

	private ZipEntries() {}

	/** A new entry named {@code name} whose modification time is {@link #FIXED_TIME}. */
	public static ZipEntry entry(String name) {
		ZipEntry e = new ZipEntry(name);
		e.setTimeLocal(FIXED_TIME);
		return e;
	}
}
