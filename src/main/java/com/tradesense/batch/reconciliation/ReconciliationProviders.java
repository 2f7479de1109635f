package com.tradesense.batch.reconciliation;

import com.tradesense.batch.provider.ExportFormat;
import com.tradesense.batch.provider.ProviderSettings;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;

/**
 * The providers the reconciliation knows, read from {@code tradesense.providers.<CODE>.*}: adding a server that
 * uses an existing format is a configuration change. Everything is checked when the application starts, and a
 * mistake names the property that holds it.
 *
 * <pre>
 * tradesense.providers.MT5-LIVE-1.format: mt5
 * tradesense.providers.MT5-LIVE-1.zone: Europe/Athens
 * tradesense.providers.MT5-LIVE-1.separator: ","          # or ";" or "tab"
 * tradesense.providers.MT5-LIVE-1.time-pattern: ...       # optional, the format's default otherwise
 * tradesense.providers.MT5-LIVE-1.costs-negative: true     # optional, the format's default otherwise
 * tradesense.providers.MT5-LIVE-1.tolerances.amount: 0.01
 * tradesense.providers.MT5-LIVE-1.tolerances.price: 0.00001
 * tradesense.providers.MT5-LIVE-1.tolerances.quantity: 0
 * tradesense.providers.MT5-LIVE-1.tolerances.time: 2s
 * tradesense.providers.MATCH-GENERIC.account-mapping.EXT-1001: "1001"
 * </pre>
 */
public final class ReconciliationProviders {

    public static final String PREFIX = "tradesense.providers";
    public static final String INBOX_PROPERTY = "tradesense.reconciliation.inbox";

    private static final List<String> KNOWN_KEYS = List.of("format", "zone", "separator", "time-pattern",
            "costs-negative", "tolerances.amount", "tolerances.price", "tolerances.quantity", "tolerances.time");

    private final Map<String, ReconciliationProvider> providers;
    private final Path inbox;

    public ReconciliationProviders(Map<String, ReconciliationProvider> providers, Path inbox) {
        this.providers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        this.providers.putAll(providers);
        this.inbox = inbox;
    }

    /** The three servers the generator writes exports for, with the contract's default tolerances. */
    public static ReconciliationProviders defaults(Path inbox) {
        Map<String, ReconciliationProvider> map = new LinkedHashMap<>();
        for (ProviderSettings settings : ProviderSettings.defaults()) {
            map.put(settings.code(), new ReconciliationProvider(settings, Tolerances.DEFAULTS, Map.of()));
        }
        return new ReconciliationProviders(map, inbox);
    }

    public static ReconciliationProviders from(Environment environment) {
        Map<String, Map<String, String>> raw = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (environment instanceof ConfigurableEnvironment configurable) {
            // Property sources listed first win, so they are visited last.
            List<PropertySource<?>> sources = new ArrayList<>();
            configurable.getPropertySources().forEach(sources::add);
            java.util.Collections.reverse(sources);
            for (PropertySource<?> source : sources) {
                if (source instanceof EnumerablePropertySource<?> enumerable) {
                    for (String name : enumerable.getPropertyNames()) {
                        if (!name.startsWith(PREFIX + ".") && !name.startsWith(PREFIX + "[")) {
                            continue;
                        }
                        // "providers.X.format", "providers[X].format" (YAML with brackets) and "providers.[X]..."
                        String rest = name.substring(PREFIX.length()).replaceAll("\\[([^\\]]*)\\]", ".$1")
                                .replace("..", ".");
                        rest = rest.startsWith(".") ? rest.substring(1) : rest;
                        int dot = rest.indexOf('.');
                        if (dot <= 0) {
                            continue;
                        }
                        Object value = enumerable.getProperty(name);
                        String code = rest.substring(0, dot);
                        raw.computeIfAbsent(code, k -> new LinkedHashMap<>())
                                .put(rest.substring(dot + 1), value == null ? null : value.toString());
                    }
                }
            }
        }
        List<String> problems = new ArrayList<>();
        Map<String, ReconciliationProvider> providers = new LinkedHashMap<>();
        raw.forEach((code, values) -> {
            try {
                providers.put(code, provider(code, values));
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        });
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Invalid provider configuration: " + String.join("; ", problems));
        }
        Path inbox = Path.of(environment.getProperty(INBOX_PROPERTY, "./inbox"));
        return new ReconciliationProviders(providers, inbox);
    }

    static ReconciliationProvider provider(String code, Map<String, String> values) {
        String property = PREFIX + "." + code;
        ExportFormat format;
        Object formatValue = values.get("format");
        if (formatValue == null) {
            throw new IllegalArgumentException(property + ".format is missing (generic, mt5 or ctrader)");
        }
        try {
            format = ExportFormat.fromCode(formatValue.toString());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(property + ".format: " + e.getMessage());
        }
        ZoneId zone;
        String zoneValue = values.getOrDefault("zone", "UTC");
        try {
            zone = ZoneId.of(zoneValue.toString().trim());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(property + ".zone: '" + zoneValue
                    + "' is not a time zone name (e.g. Europe/Athens, UTC)");
        }
        char separator = separator(property, values.get("separator"));
        String pattern = text(values.get("time-pattern"));
        if (pattern == null) {
            pattern = switch (format) {
                case MT5 -> ProviderSettings.MT5_TIME_PATTERN;
                case CTRADER -> ProviderSettings.CTRADER_TIME_PATTERN;
                case GENERIC -> null;
            };
        } else {
            try {
                DateTimeFormatter.ofPattern(pattern);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(property + ".time-pattern: " + e.getMessage());
            }
        }
        String costs = text(values.get("costs-negative"));
        boolean costsNegative = costs == null ? format != ExportFormat.GENERIC : Boolean.parseBoolean(costs);
        Tolerances tolerances = tolerances(property + ".tolerances", values);
        Map<String, String> mapping = new LinkedHashMap<>();
        values.forEach((key, value) -> {
            if (key.startsWith("account-mapping.")) {
                mapping.put(key.substring("account-mapping.".length()), value);
            }
        });
        for (String key : values.keySet()) {
            if (!KNOWN_KEYS.contains(key) && !key.startsWith("account-mapping.")) {
                throw new IllegalArgumentException(property + "." + key + " is not a provider setting (known: "
                        + String.join(", ", KNOWN_KEYS) + ", account-mapping.<export account>)");
            }
        }
        return new ReconciliationProvider(new ProviderSettings(code, format, zone, separator, pattern, costsNegative),
                tolerances, mapping);
    }

    private static char separator(String property, Object value) {
        String text = value == null ? "," : value.toString();
        return switch (text.toLowerCase(Locale.ROOT)) {
            case ",", "comma" -> ',';
            case ";", "semicolon" -> ';';
            case "\t", "tab" -> '\t';
            case "|", "pipe" -> '|';
            default -> throw new IllegalArgumentException(property + ".separator: '" + text
                    + "' is not a separator (comma, semicolon, tab or pipe)");
        };
    }

    private static Tolerances tolerances(String property, Map<String, String> values) {
        Tolerances defaults = Tolerances.DEFAULTS;
        return new Tolerances(
                decimal(property + ".amount", values.get("tolerances.amount"), defaults.amount()),
                decimal(property + ".price", values.get("tolerances.price"), defaults.price()),
                decimal(property + ".quantity", values.get("tolerances.quantity"), defaults.quantity()),
                duration(property + ".time", values.get("tolerances.time"), defaults.time()));
    }

    private static BigDecimal decimal(String property, Object value, BigDecimal fallback) {
        if (value == null) {
            return fallback;
        }
        try {
            BigDecimal decimal = new BigDecimal(value.toString().trim());
            if (decimal.signum() < 0) {
                throw new IllegalArgumentException(property + ": a tolerance cannot be negative (" + value + ")");
            }
            return decimal;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(property + ": '" + value + "' is not a number");
        }
    }

    private static Duration duration(String property, Object value, Duration fallback) {
        if (value == null) {
            return fallback;
        }
        String text = value.toString().trim().toLowerCase(Locale.ROOT);
        try {
            if (text.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2).trim()));
            }
            if (text.endsWith("s")) {
                text = text.substring(0, text.length() - 1).trim();
            }
            return Duration.ofMillis(new BigDecimal(text).movePointRight(3).longValueExact());
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException(property + ": '" + value + "' is not a duration (e.g. 2s or 500ms)");
        }
    }

    private static String text(Object value) {
        return value == null || value.toString().isBlank() ? null : value.toString();
    }

    public ReconciliationProvider get(String code) {
        ReconciliationProvider provider = providers.get(code);
        if (provider == null) {
            throw new IllegalArgumentException("unknown provider '" + code + "' (configured: "
                    + String.join(", ", providers.keySet()) + ")");
        }
        return provider;
    }

    public List<ReconciliationProvider> all() {
        return List.copyOf(providers.values());
    }

    public Path inbox() {
        return inbox;
    }
}
