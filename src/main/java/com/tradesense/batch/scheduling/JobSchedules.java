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
import java.time.Duration;
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
            Set.of("job", "description", "cron", "zone", "enabled", "business-date", "parameters", "waits-for", "retries",
                    "retry-backoff");
    private static final Set<String> WAIT_FIELDS = Set.of("file", "poll", "deadline");

    /** Work the scheduler does itself rather than through a Spring Batch job. */
    public static final String PURGE = "purge";

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
        if (JobNames.find(job) == null && !PURGE.equals(job)) {
            throw new JobScheduleException(source + ": field 'job': unknown job '" + job + "' (known: "
                    + String.join(", ", JobNames.names()) + ", " + PURGE + ")");
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
        JobSchedule.WaitsFor waitsFor = null;
        Object waitValue = map.get("waits-for");
        if (waitValue != null) {
            if (!(waitValue instanceof Map<?, ?> waitMap)) {
                throw new JobScheduleException(source + ": field 'waits-for': expected a mapping with file, poll, deadline");
            }
            for (Object key : waitMap.keySet()) {
                if (!WAIT_FIELDS.contains(String.valueOf(key))) {
                    throw new JobScheduleException(source + ": field 'waits-for." + key + "' is unknown (known: deadline,"
                            + " file, poll)");
                }
            }
            String file = requiredText(waitMap, "file", source, "waits-for.");
            Duration poll = duration(waitMap.get("poll"), Duration.ofMinutes(5), "waits-for.poll", source);
            Duration deadline = duration(waitMap.get("deadline"), Duration.ofHours(6), "waits-for.deadline", source);
            waitsFor = new JobSchedule.WaitsFor(file, poll, deadline);
        }
        int retries = 0;
        Object retryValue = map.get("retries");
        if (retryValue != null) {
            if (!(retryValue instanceof Integer n) || n < 0 || n > 20) {
                throw new JobScheduleException(source + ": field 'retries': expected a whole number from 0 to 20, got '"
                        + retryValue + "'");
            }
            retries = n;
        }
        Duration backoff = duration(map.get("retry-backoff"), Duration.ofMinutes(1), "retry-backoff", source);
        Object description = map.get("description");
        return new JobSchedule(id, job, description == null ? "" : String.valueOf(description), cron, zone, enabled, rule,
                parameters, waitsFor, retries, backoff, source);
    }

    private static String requiredText(Map<?, ?> map, String field, String source) {
        return requiredText(map, field, source, "");
    }

    private static String requiredText(Map<?, ?> map, String field, String source, String prefix) {
        Object value = map.get(field);
        if (value == null || String.valueOf(value).isBlank()) {
            throw new JobScheduleException(source + ": field '" + prefix + field + "' is required");
        }
        return String.valueOf(value);
    }

    /** An ISO-8601 duration such as PT5M or PT6H, strictly positive. */
    private static Duration duration(Object value, Duration fallback, String field, String source) {
        if (value == null) {
            return fallback;
        }
        try {
            Duration duration = Duration.parse(String.valueOf(value));
            if (duration.isNegative() || duration.isZero()) {
                throw new DateTimeException("not positive");
            }
            return duration;
        } catch (DateTimeException e) {
            throw new JobScheduleException(source + ": field '" + field + "': expected a positive ISO-8601 duration such as"
                    + " PT5M, got '" + value + "'");
        }
    }
}
