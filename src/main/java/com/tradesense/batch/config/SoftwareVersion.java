package com.tradesense.batch.config;

/** The version written into every event the jobs append ({@code event_data.software_version}). */
public final class SoftwareVersion {

    private SoftwareVersion() {
    }

    public static String current() {
        String version = SoftwareVersion.class.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }
}
