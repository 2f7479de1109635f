package com.tradesense.batch.provider;

import java.util.Locale;

/** The file layouts trading servers deliver their daily trade exports in (CONTRACT §5). */
public enum ExportFormat {
    GENERIC("generic"),
    MT5("mt5"),
    CTRADER("ctrader");

    private final String code;

    ExportFormat(String code) {
        this.code = code;
    }

    /** The name used in configuration ({@code generic}, {@code mt5}, {@code ctrader}). */
    public String code() {
        return code;
    }

    public static ExportFormat fromCode(String code) {
        String wanted = code.trim().toLowerCase(Locale.ROOT);
        for (ExportFormat format : values()) {
            if (format.code.equals(wanted)) {
                return format;
            }
        }
        throw new IllegalArgumentException("Unknown export format '" + code + "' (generic, mt5 or ctrader expected)");
    }
}
