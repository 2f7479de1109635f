package com.tradesense.batch.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tradesense.batch.provider.ExportFormat;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class ReconciliationProvidersTest {

    private static StandardEnvironment environment(Map<String, Object> properties) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
        return environment;
    }

    @Test
    void aNewProviderOfAnExistingFormatIsConfigurationOnly() {
        // given
        var env = environment(Map.of(
                "tradesense.providers.[MT5-LIVE-2].format", "mt5",
                "tradesense.providers.[MT5-LIVE-2].zone", "Europe/Nicosia",
                "tradesense.providers.[MT5-LIVE-2].separator", "tab",
                "tradesense.providers.[MT5-LIVE-2].tolerances.time", "500ms",
                "tradesense.providers.[MT5-LIVE-2].tolerances.amount", "0.05",
                "tradesense.providers.[MT5-LIVE-2].account-mapping.[EXT-1]", "ACC-1",
                "tradesense.reconciliation.inbox", "/srv/inbox"));

        // when
        ReconciliationProvider provider = ReconciliationProviders.from(env).get("MT5-LIVE-2");

        // then
        assertThat(provider.settings().format()).isEqualTo(ExportFormat.MT5);
        assertThat(provider.settings().zoneId().getId()).isEqualTo("Europe/Nicosia");
        assertThat(provider.settings().separator()).isEqualTo('\t');
        assertThat(provider.settings().costsNegative()).isTrue();
        assertThat(provider.tolerances().time()).isEqualTo(Duration.ofMillis(500));
        assertThat(provider.tolerances().amount()).isEqualByComparingTo("0.05");
        assertThat(provider.tolerances().price()).isEqualByComparingTo("0.00001");
        assertThat(provider.ledgerAccount("EXT-1")).isEqualTo("ACC-1");
    }

    @Test
    void aWrongTimeZoneNameNamesTheProperty() {
        var env = environment(Map.of("tradesense.providers.[MT5-LIVE-2].format", "mt5",
                "tradesense.providers.[MT5-LIVE-2].zone", "Europe/Atlantis"));

        assertThatThrownBy(() -> ReconciliationProviders.from(env)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("tradesense.providers.MT5-LIVE-2.zone")
                .hasMessageContaining("'Europe/Atlantis' is not a time zone name");
    }

    @Test
    void anUnknownFormatNamesThePropertyAndTheKnownFormats() {
        var env = environment(Map.of("tradesense.providers.X.format", "fix44"));

        assertThatThrownBy(() -> ReconciliationProviders.from(env))
                .hasMessageContaining("tradesense.providers.X.format")
                .hasMessageContaining("generic, mt5 or ctrader");
    }

    @Test
    void anUnknownProviderCodeListsTheConfiguredOnes() {
        ReconciliationProviders providers = ReconciliationProviders.defaults(java.nio.file.Path.of("inbox"));

        assertThatThrownBy(() -> providers.get("NOPE")).hasMessageContaining("unknown provider 'NOPE'")
                .hasMessageContaining("MT5-LIVE-1");
    }
}
