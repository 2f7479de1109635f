package com.tradesense.batch.reports.portal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * The portal's users from configuration: {@code tradesense.portal.users.<name>.password-hash} (bcrypt) and
 * {@code .roles}. A password in clear text is refused, so one can never end up in a configuration file by accident.
 */
public final class PortalUsers {

    /** One configured user, as bound from the properties. */
    public static final class Entry {
        private String passwordHash;
        private List<String> roles = new ArrayList<>();

        public String getPasswordHash() {
            return passwordHash;
        }

        public void setPasswordHash(String passwordHash) {
            this.passwordHash = passwordHash;
        }

        public List<String> getRoles() {
            return roles;
        }

        public void setRoles(List<String> roles) {
            this.roles = roles;
        }
    }

    private static final Pattern BCRYPT = Pattern.compile("^\\$2[aby]?\\$\\d{2}\\$[./A-Za-z0-9]{53}$");

    private PortalUsers() {
    }

    public static List<UserDetails> from(Environment environment) {
        Map<String, Entry> entries = Binder.get(environment)
                .bind("tradesense.portal.users", Bindable.mapOf(String.class, Entry.class))
                .orElse(Map.of());
        List<UserDetails> users = new ArrayList<>();
        for (Map.Entry<String, Entry> user : new LinkedHashMap<>(entries).entrySet()) {
            users.add(toUser(user.getKey(), user.getValue()));
        }
        return users;
    }

    static UserDetails toUser(String name, Entry entry) {
        String key = "tradesense.portal.users." + name;
        if (entry.getPasswordHash() == null || !BCRYPT.matcher(entry.getPasswordHash()).matches()) {
            throw new IllegalStateException(key + ".password-hash must be a bcrypt hash ($2a$/$2b$/$2y$...),"
                    + " never a password");
        }
        List<String> authorities = new ArrayList<>();
        for (String role : entry.getRoles()) {
            try {
                authorities.add(PortalRole.valueOf(role.trim().toUpperCase(Locale.ROOT)).name());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(key + ".roles: unknown role '" + role + "' (known: FINANCE, AUDITOR,"
                        + " ADMIN)");
            }
        }
        return User.withUsername(name).password(entry.getPasswordHash()).roles(authorities.toArray(String[]::new))
                .build();
    }
}
