package com.tradesense.batch.reports.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

class PortalUsersTest {

    private static PortalUsers.Entry entry(String hash, String... roles) {
        PortalUsers.Entry entry = new PortalUsers.Entry();
        entry.setPasswordHash(hash);
        entry.setRoles(List.of(roles));
        return entry;
    }

    @Test
    void aBcryptHashAndKnownRolesMakeAUser() {
        // given
        String hash = new BCryptPasswordEncoder(4).encode("s3cret");

        // when
        UserDetails user = PortalUsers.toUser("fiona", entry(hash, "finance", "AUDITOR"));

        // then
        assertThat(user.getPassword()).isEqualTo(hash);
        assertThat(user.getAuthorities()).extracting(GrantedAuthority::getAuthority)
                .containsExactlyInAnyOrder("ROLE_FINANCE", "ROLE_AUDITOR");
    }

    @Test
    void aPasswordInClearTextIsRefusedNamingTheSetting() {
        // when / then
        assertThatThrownBy(() -> PortalUsers.toUser("fiona", entry("s3cret", "FINANCE")))
                .hasMessageContaining("tradesense.portal.users.fiona.password-hash").hasMessageContaining("bcrypt");
    }

    @Test
    void anUnknownRoleIsRefused() {
        // given
        String hash = new BCryptPasswordEncoder(4).encode("s3cret");

        // when / then
        assertThatThrownBy(() -> PortalUsers.toUser("fiona", entry(hash, "TRADER")))
                .hasMessageContaining("unknown role 'TRADER'");
    }
}
