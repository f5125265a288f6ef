package io.github.fss.cli;

import io.github.fss.FssException;
import io.github.fss.render.OutputFormat;

/** The shared output options: {@code --json} and {@code --format text|markdown|json}. */
record OutputOptions(OutputFormat format) {
  static OutputOptions from(Args a) {
    if (a.flag("--json")) {
      return new OutputOptions(OutputFormat.JSON);
    }
    String f = a.option("--format");
    if (f == null) {
      return new OutputOptions(OutputFormat.TEXT);
    }
    OutputFormat parsed = OutputFormat.parse(f);
    if (parsed == null) {
      throw FssException.usage("--format must be text, markdown or json, not '" + f + "'");
    }
    return new OutputOptions(parsed);
  }

  boolean json() {
    return format == OutputFormat.JSON;
  }
}
