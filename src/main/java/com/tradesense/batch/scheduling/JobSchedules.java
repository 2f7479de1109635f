package com.tradesense.batch.scheduling;

import com.tradesense.batch.cli.JobNames;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.quartz.CronExpression;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads the schedules: the built-in defaults inside the jar, then the files of the {@code jobs/} folder, where a
 * file replaces the built-in schedule of the same name. A file that cannot be used stops everything with a message
 * naming the file and the field, so a typo never silently disables a nightly run.
 */
public final class JobSchedules {

    private static final String BUILT_IN = "classpath*:defaults/jobs/*.yml";
    private static final Set<String> FIELDS =
            Set.of("job", "description", "cron", "zone", "enabled", "business-date", "parameters");

    private JobSchedules() {
    }

    /** All schedules by id (the file name without {@code .yml}), sorted by id. */
    public static Map<String, JobSchedule> load(Path folder) {
        Map<String, JobSchedule> schedules = new TreeMap<>();
        for (JobSchedule schedule : builtIn()) {
            schedules.put(schedule.id(), schedule);
        }
        if (folder != null && Files.isDirectory(folder)) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*.{yml,yaml}")) {
                for (Path file : files) {
                    try (InputStream in = Files.newInputStream(file)) {
                        JobSchedule schedule = parse(idOf(file.getFileName().toString()), in, file.toString());
                        schedules.put(schedule.id(), schedule);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the schedules folder " + folder, e);
            }
        }
        return schedules;
    }

    private static List<JobSchedule> builtIn() {
        try {
            Resource[] resources = new PathMatchingResourcePatternResolver().getResources(BUILT_IN);
            java.util.ArrayList<JobSchedule> schedules = new java.util.ArrayList<>();
            for (Resource resource : resources) {
                try (InputStream in = resource.getInputStream()) {
                    schedules.add(parse(idOf(resource.getFilename()), in, "built-in jobs/" + resource.getFilename()));
                }
            }
            return schedules;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the built-in schedules", e);
        }
    }

    private static String idOf(String fileName) {
        return fileName.replaceFirst("\\.ya?ml$", "");
    }

    static JobSchedule parse(String id, InputStream in, String source) {
        Object document;
        try {
            document = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        } catch (YAMLException e) {
            throw new JobScheduleException(source + ": not valid YAML: " + e.getMessage().replaceAll("\\s*\\R\\s*", " "));
        }
        if (!(document instanceof Map<?, ?> map)) {
            throw new JobScheduleException(source + ": expected a mapping of settings (job, cron, zone, ...)");
        }
        for (Object key : map.keySet()) {
            if (!FIELDS.contains(String.valueOf(key))) {
                throw new JobScheduleException(source + ": field '" + key + "' is unknown (known: "
                        + String.join(", ", new java.util.TreeSet<>(FIELDS)) + ")");
            }
        }
        String job = requiredText(map, "job", source);
        if (JobNames.find(job) == null) {
            throw new JobScheduleException(source + ": field 'job': unknown job '" + job + "' (known: "
                    + String.join(", ", JobNames.names()) + ")");
        }
        String cron = requiredText(map, "cron", source);
        try {
            new CronExpression(cron);
            // Quartz accepts out-of-range values such as minute 99 and silently wraps them; Spring's parser checks
            // the ranges of the six fields both dialects share.
            String[] fields = cron.trim().split("\\s+");
            if (fields.length == 6) {
                org.springframework.scheduling.support.CronExpression.parse(cron);
            }
        } catch (ParseException | IllegalArgumentException e) {
            throw new JobScheduleException(source + ": field 'cron': '" + cron + "' is not a valid Quartz cron expression ("
                    + e.getMessage() + ")");
        }
        ZoneId zone = ZoneOffset.UTC;
        Object zoneValue = map.get("zone");
        if (zoneValue != null) {
            try {
                zone = ZoneId.of(String.valueOf(zoneValue));
            } catch (DateTimeException e) {
                throw new JobScheduleException(source + ": field 'zone': '" + zoneValue + "' is not a time zone id");
            }
        }
        boolean enabled = true;
        Object enabledValue = map.get("enabled");
        if (enabledValue != null) {
            if (!(enabledValue instanceof Boolean b)) {
                throw new JobScheduleException(source + ": field 'enabled': expected true or false, got '" + enabledValue + "'");
            }
            enabled = b;
        }
        JobSchedule.BusinessDateRule rule = JobSchedule.BusinessDateRule.PREVIOUS_DAY;
        Object ruleValue = map.get("business-date");
        if (ruleValue != null) {
            try {
                rule = JobSchedule.BusinessDateRule.valueOf(
                        String.valueOf(ruleValue).toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw new JobScheduleException(source + ": field 'business-date': expected previous-day or fire-day, got '"
                        + ruleValue + "'");
            }
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        Object parameterValue = map.get("parameters");
        if (parameterValue != null) {
            if (!(parameterValue instanceof Map<?, ?> parameterMap)) {
                throw new JobScheduleException(source + ": field 'parameters': expected a mapping of key: value");
            }
            for (Map.Entry<?, ?> entry : parameterMap.entrySet()) {
                if (entry.getValue() instanceof Map || entry.getValue() instanceof List) {
                    throw new JobScheduleException(source + ": field 'parameters." + entry.getKey()
                            + "': expected a single value");
                }
                parameters.put(String.valueOf(entry.getKey()), String.valueOf(entry.getValue()));
            }
        }
        Object description = map.get("description");
        return new JobSchedule(id, job, description == null ? "" : String.valueOf(description), cron, zone, enabled, rule,
                parameters, source);
    }

    private static String requiredText(Map<?, ?> map, String field, String source) {
        Object value = map.get(field);
        if (value == null || String.valueOf(value).isBlank()) {
            throw new JobScheduleException(source + ": field '" + field + "' is required");
        }
        return String.valueOf(value);
    }
}
