// LeukoCNN batch: segments (and optionally classifies) the leukocytes of every image in a folder.
// For each image NAME.ext it writes, into the output folder, the files of the command line's
// "leukocnn segment" verb (images whose names differ only in the extension, such as s.png and s.tif,
// are told apart as on the command line: s_png_cells.csv, s_tif_cells.csv, ...):
//   NAME_cells.csv    one row per leukocyte: id, bounding box, area, circularity, N/C ratio, colour ...
//   NAME_RoiSet.zip   the cell outlines as an ROI set (open it with File > Open or the ROI Manager)
//   NAME_cells.tif, NAME_nuclei.tif   16-bit label images (0 = background, cell id elsewhere)
// With a model it also classifies the cells and writes NAME_classified_RoiSet.zip (outlines named
// "class probability #id") per image and, for the whole batch:
//   LeukoCNN_Cells.csv   one row per cell of every image, with its class and probability
//   LeukoCNN_Fields.csv  one row per image: differential count, blast %, field call, leukaemia call
// The batch's rows are appended to the session's LeukoCNN Cells and LeukoCNN Fields tables (rows
// already there are kept); the two files hold the batch's rows only.
// An image that cannot be read, analysed or saved is reported and skipped (and its rows removed from
// the tables); the others go on. A batch table that cannot be saved is reported and counted as failed.
// Existing result files are never replaced unless overwrite=true: if LeukoCNN_Cells.csv or
// LeukoCNN_Fields.csv is in the way, the batch stops before analysing anything.
//
// Interactive: Plugins > Macros > Run... asks for the folders and settings.
// Headless (Fiji): ImageJ-linux64 --headless -batch LeukoCNN_Batch.ijm "input=/smears output=/results cell_diameter=0 model=all-screening"
// Arguments: input, output (folders); cell_diameter (0 = estimate; µm if calibrated in a length unit (nm/µm/mm/cm/m), else pixels);
//   model (none, all-screening, leukocyte-types) or model_file=/path/model.zip; overwrite (true/false).

var failed = 0, failures = ""; // global ("var"), for function fail()
helper = "io.github.leukocnn.plugin.LeukoCnnMacro.";
arg = getArgument();
if (arg == "") {
	input = getDirectory("LeukoCNN: folder of RGB smear images");
	output = getDirectory("LeukoCNN: folder for the results");
	Dialog.create("LeukoCNN batch");
	Dialog.addNumber("cell_diameter", 0, 1, 8, "(0 = estimate; µm if calibrated in nm/µm/mm/cm/m, else pixels)");
	Dialog.addChoice("model", newArray("none", "all-screening", "leukocyte-types"), "none");
	Dialog.addString("model_file", "", 30);
	Dialog.addCheckbox("overwrite", false);
	Dialog.show();
	diameter = Dialog.getNumber();
	model = Dialog.getChoice();
	modelFile = Dialog.getString();
	overwrite = "" + Dialog.getCheckbox();
	if (overwrite == "1") overwrite = "true";
} else {
	input = call("ij.Macro.getValue", arg, "input", "");
	output = call("ij.Macro.getValue", arg, "output", "");
	diameter = call("ij.Macro.getValue", arg, "cell_diameter", "0");
	model = call("ij.Macro.getValue", arg, "model", "none");
	modelFile = call("ij.Macro.getValue", arg, "model_file", "");
	overwrite = call("ij.Macro.getValue", arg, "overwrite", "false");
}
if (input == "" || output == "") exit("LeukoCNN batch: give input=FOLDER output=FOLDER");
if (!endsWith(input, File.separator)) input = input + File.separator;
if (!endsWith(output, File.separator)) output = output + File.separator;
if (!File.isDirectory(input)) exit("LeukoCNN batch: input folder not found: " + input);
File.makeDirectory(output);
if (!File.isDirectory(output)) exit("LeukoCNN batch: cannot create output folder " + output);
classify = false; // (a boolean expression of strings cannot be assigned directly in the macro language)
if (modelFile != "" || model != "none") classify = true;
if (modelFile != "") model = "[model file...]";
options = "cell_diameter=" + diameter;
cellsTable = "LeukoCNN Cells"; fieldsTable = "LeukoCNN Fields";
cellsFile = output + "LeukoCNN_Cells.csv"; fieldsFile = output + "LeukoCNN_Fields.csv";
if (classify) {
	options = "model=" + model + " model_file=[" + modelFile + "] " + options + " show_results";
	// Before any work: a batch table that could not be saved at the end would cost the whole run.
	error = call(helper + "checkTableFile", cellsFile, overwrite);
	if (error == "") error = call(helper + "checkTableFile", fieldsFile, overwrite);
	if (error != "") exit("LeukoCNN batch: " + error + "; nothing was analysed");
	// The session's tables are kept (they may hold rows of images analysed before the batch):
	// the batch appends its rows and saves only those.
	cellsFrom = parseInt(call(helper + "tableSize", cellsTable));
	fieldsFrom = parseInt(call(helper + "tableSize", fieldsTable));
	if (cellsFrom + fieldsFrom > 0)
		print("LeukoCNN batch: the " + cellsTable + " and " + fieldsTable + " tables keep their " + cellsFrom + " and " + fieldsFrom
			+ " earlier rows; the batch's rows are appended, and only they are saved to LeukoCNN_Cells.csv and LeukoCNN_Fields.csv");
}

setBatchMode(true);
all = getFileList(input);
Array.sort(all);
files = newArray(0);
for (i = 0; i < all.length; i++)
	if (isImageFile(all[i])) files = Array.concat(files, all[i]);
// Output names as the command line gives them: s.png and s.tif -> s_png, s_tif (else one would replace the other).
names = newArray(0);
if (files.length > 0) names = split(call(helper + "outputNames", String.join(files, "\n")), "\n");
if (names.length != files.length) exit("LeukoCNN batch: cannot name the outputs of the images in " + input);
done = 0; cells = 0;
for (i = 0; i < files.length; i++) {
	file = files[i];
	showProgress(i, files.length);
	base = names[i];
	if (classify) {
		cellsBefore = call(helper + "tableSize", cellsTable);
		fieldsBefore = call(helper + "tableSize", fieldsTable);
	}
	error = call(helper + "openSmear", input + file);
	if (error == "") {
		if (classify) run("Classify Leukocytes", options);
		else run("Segment Leukocytes", options);
		error = call(helper + "lastError");
		if (error == "") error = call(helper + "saveSegmentation", output, base, overwrite);
		if (error == "" && classify) error = call(helper + "saveClassifiedRois", output, base, overwrite);
		if (error == "") cells = cells + parseInt(call(helper + "cellCount"));
		close();
	}
	if (error == "") {
		done++;
	} else {
		fail(file, error);
		if (classify) { // its results were not saved: neither are its rows
			call(helper + "removeTableRows", cellsTable, cellsBefore);
			call(helper + "removeTableRows", fieldsTable, fieldsBefore);
		}
	}
}
if (classify) {
	error = call(helper + "saveTableRows", cellsTable, cellsFile, "" + cellsFrom, overwrite);
	if (error != "") fail("LeukoCNN_Cells.csv", error);
	error = call(helper + "saveTableRows", fieldsTable, fieldsFile, "" + fieldsFrom, overwrite);
	if (error != "") fail("LeukoCNN_Fields.csv", error);
}
setBatchMode(false);
summary = "LeukoCNN batch: " + done + " images analysed, " + cells + " leukocytes, " + failed + " failed";
print(summary);
if (failed > 0) print(failures);
return "" + done + " " + cells + " " + failed;

// Reports a file (an image, or a batch table) that failed; the batch goes on.
function fail(name, error) {
	failed++;
	failures = failures + name + ": " + error + "\n";
	print("LeukoCNN batch: FAILED " + name + ": " + error);
}

function isImageFile(name) {
	lower = toLowerCase(name);
	extensions = newArray(".jpg", ".jpeg", ".png", ".bmp", ".tif", ".tiff", ".gif");
	for (k = 0; k < extensions.length; k++)
		if (endsWith(lower, extensions[k])) return true;
	return false;
}
