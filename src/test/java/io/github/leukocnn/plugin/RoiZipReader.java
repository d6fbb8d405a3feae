package io.github.leukocnn.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import ij.gui.Roi;
import ij.io.RoiDecoder;

/** Reads an ROI set zip as the ROI Manager does (test helper; TODO io.RoiSets.read once on main). */
final class RoiZipReader {

	private RoiZipReader() {}

	static List<Roi> read(Path zipFile) throws IOException {
		List<Roi> rois = new ArrayList<>();
		try (InputStream in = Files.newInputStream(zipFile); ZipInputStream zip = new ZipInputStream(in)) {
			for (ZipEntry e; (e = zip.getNextEntry()) != null;)
				rois.add(new RoiDecoder(zip.readAllBytes(), e.getName()).getRoi());
		}
		return rois;
	}
}
