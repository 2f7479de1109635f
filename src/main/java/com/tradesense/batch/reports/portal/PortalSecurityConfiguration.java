package com.tradesense.batch.reports.portal;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationEntryPoint;

/**
 * Who may use the portal: active whenever the application runs as a servlet web application ({@code serve}, and
 * {@code scheduler}). Nothing is open to anonymous users except the login page. {@code /api/**} answers 401 with a
 * Basic challenge (scripts); the page redirects a browser to the login form (people) and also accepts Basic. Both share the session, so the
 * page's download links work after a form login.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class PortalSecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(PortalSecurityConfiguration.class);
    private static final String[] ROLES = {PortalRole.FINANCE.name(), PortalRole.AUDITOR.name(), PortalRole.ADMIN.name()};

    @Bean
    public PasswordEncoder portalPasswordEncoder() {
        return new BCryptPasswordEncoder();
    }

    @Bean
    public UserDetailsService portalUsers(Environment environment) {
        List<UserDetails> users = PortalUsers.from(environment);
        if (users.isEmpty()) {
            log.warn("No portal users are configured (tradesense.portal.users.<name>.password-hash and .roles):"
                    + " every request to the portal is refused");
        }
        return new InMemoryUserDetailsManager(users);
    }

    /**
     * The scheduler's probes ({@code /actuator/health}, {@code /actuator/prometheus}; {@code management.endpoints}
     * exposes nothing else) answer without a login, as load balancers and scrapers expect. Keep the port off the
     * public network, or move management to its own port ({@code management.server.port}).
     */
    @Bean
    @Order(0)
    public SecurityFilterChain managementEndpoints(HttpSecurity http) throws Exception {
        http.securityMatcher("/actuator/**")
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll());
        return http.build();
    }

    @Bean
    @Order(1)
    public SecurityFilterChain portalApi(HttpSecurity http) throws Exception {
        BasicAuthenticationEntryPoint basic = new BasicAuthenticationEntryPoint();
        basic.setRealmName("TradeSense reports");
        basic.afterPropertiesSet();
        http.securityMatcher("/api/**")
                .authorizeHttpRequests(requests -> requests.anyRequest().hasAnyRole(ROLES))
                .httpBasic(httpBasic -> httpBasic.authenticationEntryPoint(basic))
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(basic));
        return http.build();
    }

    @Bean
    @Order(2)
    public SecurityFilterChain portalPage(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/login", "/error").permitAll()
                        .anyRequest().hasAnyRole(ROLES))
                .formLogin(form -> form.defaultSuccessUrl("/reports", true))
                .httpBasic(Customizer.withDefaults())
                .logout(Customizer.withDefaults());
        return http.build();
    }
}
