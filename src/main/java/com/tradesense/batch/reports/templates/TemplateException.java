package com.tradesense.batch.reports.templates;

/** A report template that cannot be used; the message names the file and the problem. */
public class TemplateException extends RuntimeException {

    public TemplateException(String file, String problem) {
        super("Report template " + file + ": " + problem);
    }

    public TemplateException(String file, String problem, Throwable cause) {
        super("Report template " + file + ": " + problem, cause);
    }
}
