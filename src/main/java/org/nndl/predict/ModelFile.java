package org.nndl.predict;

import java.nio.file.Files;
import java.nio.file.Path;
import org.nndl.error.UserError;
import org.nndl.net.ModelJson;

/** Loads a model file named on the command line, saying what to pass instead when it is not one. */
public final class ModelFile {
  private ModelFile() {}

  /** Our model.json or network2.py's save(); a missing or malformed file is a UserError. */
  public static ModelJson.Model load(Path file) {
    if (Files.isDirectory(file)) {
      throw new UserError("model " + file + " is a folder: pass the model file itself, e.g. "
          + file.resolve("model.json"));
    }
    if (!Files.isRegularFile(file)) {
      throw new UserError("model file " + file + " does not exist: pass a run's model"
          + " (WAREHOUSE/runs/RUN_ID/model.json) or a file written by network2.py's save()");
    }
    return ModelJson.load(file);
  }
}
