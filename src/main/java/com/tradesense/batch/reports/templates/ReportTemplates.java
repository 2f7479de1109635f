package com.tradesense.batch.reports.templates;

import java.awt.Color;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads report templates: {@code <folder>/<report>.yml} when the folder has one, else the built-in copy inside the
 * application. A file in the folder may set only some keys; the others keep the built-in values. The file is read at
 * every report, so an edited title shows in the next report without a rebuild.
 *
 * <p>A template is refused, with its file and the problem named, when it is not valid YAML, holds a key the built-in
 * copy does not know (a typo would otherwise be ignored silently), gives a key the wrong kind of value, changes the
 * number of columns of a table, or holds a colour, number format or date format that cannot be used.
 */
public final class ReportTemplates {

    public static final String CHALLENGE_AUDIT = "challenge-audit";
    public static final String DAILY_AUDIT = "daily-audit";
    public static final String FINANCE_WORKBOOK = "finance-workbook";
    public static final String RECONCILIATION = "reconciliation";

    private static final String BUILT_IN = "defaults/reports-templates/";

    private final Path folder;

    public ReportTemplates(Path folder) {
        this.folder = folder;
    }

    public ReportTemplate load(String report) {
        String builtInName = "built-in " + report + ".yml";
        Map<String, Object> defaults = flatten(builtInName, parse(builtInName, readBuiltIn(report)));
        Path file = folder == null ? null : folder.resolve(report + ".yml");
        if (file == null || !Files.isRegularFile(file)) {
            return new ReportTemplate(builtInName, defaults);
        }
        String name = file.toString();
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new TemplateException(name, "cannot be read (" + e.getMessage() + ")", e);
        }
        Map<String, Object> overrides = flatten(name, parse(name, text));
        Map<String, Object> merged = new LinkedHashMap<>(defaults);
        for (Map.Entry<String, Object> entry : overrides.entrySet()) {
            String key = entry.getKey();
            Object builtIn = defaults.get(key);
            if (builtIn == null) {
                throw new TemplateException(name, "unknown key '" + key + "' (known keys: "
                        + String.join(", ", new TreeSet<>(defaults.keySet())) + ")");
            }
            check(name, key, builtIn, entry.getValue());
            merged.put(key, entry.getValue());
        }
        checkSheetNamesDiffer(name, merged);
        return new ReportTemplate(name, merged, logoImage(name, file, merged.get("logo.image")));
    }

    /**
     * Reads the picture a template names as its logo, relative to the template's folder, and checks that it is an
     * image a PDF can embed; the picture lives beside the template, so no other path is accepted.
     */
    private static byte[] logoImage(String name, Path file, Object value) {
        if (!(value instanceof String relative) || relative.isBlank()) {
            return null;
        }
        Path folder = file.toAbsolutePath().getParent().normalize();
        Path image = folder.resolve(relative).normalize();
        if (!image.startsWith(folder) || !(relative.endsWith(".png") || relative.endsWith(".jpg")
                || relative.endsWith(".jpeg"))) {
            throw new TemplateException(name, "'logo.image' = '" + relative + "' must be a .png or .jpg file beside"
                    + " the template");
        }
        try {
            byte[] bytes = Files.readAllBytes(image);
            if (javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(bytes)) == null) {
                throw new TemplateException(name, "'logo.image' = '" + relative + "' is not a PNG or JPEG picture");
            }
            return bytes;
        } catch (IOException e) {
            throw new TemplateException(name, "'logo.image' = '" + relative + "' cannot be read (" + image + ": "
                    + e.getClass().getSimpleName() + ")", e);
        }
    }

    private static String readBuiltIn(String report) {
        try (InputStream in = ReportTemplates.class.getClassLoader().getResourceAsStream(BUILT_IN + report + ".yml")) {
            if (in == null) {
                throw new IllegalStateException("The built-in report template " + report + ".yml is missing");
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the built-in report template " + report + ".yml", e);
        }
    }

    private static Object parse(String name, String text) {
        try {
            return new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
        } catch (YAMLException e) {
            throw new TemplateException(name, "is not valid YAML: " + e.getMessage().replaceAll("\\s+", " ").trim(), e);
        }
    }

    private static Map<String, Object> flatten(String name, Object document) {
        if (document == null) {
            return Map.of();
        }
        if (!(document instanceof Map<?, ?> map)) {
            throw new TemplateException(name, "must be a mapping of keys to values at the top level");
        }
        Map<String, Object> flat = new LinkedHashMap<>();
        flatten(name, "", map, flat);
        return flat;
    }

    private static void flatten(String name, String prefix, Map<?, ?> map, Map<String, Object> flat) {
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            String key = prefix + entry.getKey();
            Object value = entry.getValue();
            if (value instanceof Map<?, ?> nested) {
                flatten(name, key + ".", nested, flat);
            } else if (value instanceof List<?> list) {
                for (Object item : list) {
                    if (!(item instanceof String)) {
                        throw new TemplateException(name, "'" + key + "' must be a list of texts, found " + item);
                    }
                }
                flat.put(key, List.copyOf(list));
            } else if (value == null) {
                throw new TemplateException(name, "'" + key + "' has no value");
            } else {
                flat.put(key, String.valueOf(value));
            }
        }
    }

    /** Two sheets of one name, in any letter case, make a workbook Excel has to repair. */
    private static void checkSheetNamesDiffer(String name, Map<String, Object> values) {
        Map<String, String> seen = new java.util.HashMap<>();
        for (Map.Entry<String, Object> entry : values.entrySet()) {
            if (entry.getKey().startsWith("sheets.")) {
                String folded = String.valueOf(entry.getValue()).toLowerCase(java.util.Locale.ROOT);
                String other = seen.putIfAbsent(folded, entry.getKey());
                if (other != null) {
                    throw new TemplateException(name, "'" + entry.getKey() + "' and '" + other
                            + "' name the same sheet '" + entry.getValue() + "'");
                }
            }
        }
    }

    private static void check(String name, String key, Object builtIn, Object value) {
        if (builtIn instanceof List<?> columns) {
            if (!(value instanceof List<?> given)) {
                throw new TemplateException(name, "'" + key + "' must be a list of " + columns.size() + " column headers");
            }
            if (given.size() != columns.size()) {
                throw new TemplateException(name, "'" + key + "' must have " + columns.size() + " column headers, found "
                        + given.size());
            }
            return;
        }
        if (!(value instanceof String text)) {
            throw new TemplateException(name, "'" + key + "' must be a text, found a list");
        }
        try {
            if (key.startsWith("sheets.")) {
                if (text.isBlank() || text.length() > 31 || text.matches(".*[:\\\\/?*\\[\\]].*")
                        || text.startsWith("'") || text.endsWith("'")) {
                    throw new IllegalArgumentException("a sheet name has 1 to 31 characters, none of : \\ / ? * [ ],"
                            + " and no apostrophe at either end");
                }
            } else if (key.startsWith("colours.")) {
                if (!text.matches("#[0-9A-Fa-f]{6}")) {
                    throw new IllegalArgumentException("a colour is written #RRGGBB");
                }
                Color.decode(text);
            } else if (key.equals("formats.date") || key.endsWith("instant") && !key.startsWith("formats.excel-")) {
                DateTimeFormatter.ofPattern(text);
            } else if (key.startsWith("formats.") && !key.startsWith("formats.excel-")) {
                ReportTemplate.decimalFormat(text);
            }
        } catch (IllegalArgumentException e) {
            throw new TemplateException(name, "'" + key + "' = '" + text + "' cannot be used: " + e.getMessage(), e);
        }
    }
}
