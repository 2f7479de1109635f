package com.tradesense.batch.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataGeneratorTest {

    @TempDir
    Path temp;

    private static GeneratorSettings.Builder aWeek() {
        return GeneratorSettings.builder().seed(42).challenges(400).firstDate(LocalDate.of(2026, 11, 2)).days(7);
    }

    @Test
    void sameSettingsWriteByteIdenticalFilesAndAnotherSeedDoesNot() throws IOException {
        // given
        GeneratorSettings settings = aWeek().discrepancyRate(0.05).build();

        // when
        Map<String, String> first = writeAll(settings, temp.resolve("first"));
        Map<String, String> second = writeAll(settings, temp.resolve("second"));
        Map<String, String> otherSeed = writeAll(settings.toBuilder().seed(43).build(), temp.resolve("other"));

        // then
        assertThat(first).hasSizeGreaterThan(10).isEqualTo(second);
        assertThat(otherSeed.keySet()).isEqualTo(first.keySet());
        assertThat(otherSeed.get("tables/trades.csv")).isNotEqualTo(first.get("tables/trades.csv"));
        assertThat(otherSeed.get("tables/users.csv")).isNotEqualTo(first.get("tables/users.csv"));
    }

    @Test
    void aSingleProviderDayIsTheSameFileAsInTheFullRun() throws IOException {
        // given
        GeneratorSettings settings = aWeek().challenges(150).build();
        var provider = settings.providers().get(0);
        LocalDate day = LocalDate.of(2026, 11, 4);
        new ExportWriter(settings).writeAll(temp.resolve("all"));

        // when
        Path single = new ExportWriter(settings).write(provider, day, temp.resolve("single"));

        // then
        Path full = ExportSink.exportFile(temp.resolve("all"), provider, day);
        assertThat(Files.readAllBytes(single)).isEqualTo(Files.readAllBytes(full));
        assertThat(Files.readAllBytes(ExportSink.manifestFile(single)))
                .isEqualTo(Files.readAllBytes(ExportSink.manifestFile(full)));
    }

    @Test
    void numbersTradesInArrivalOrderWithSomeLateArrivals() {
        // given
        CollectingSink rows = generate(aWeek().lateTradeRate(0.05).build());

        // when
        Map<UUID, List<GeneratedTrade>> byChallenge = rows.trades.stream()
                .collect(Collectors.groupingBy(GeneratedTrade::challengeId));

        // then
        int lateArrivals = 0;
        for (List<GeneratedTrade> trades : byChallenge.values()) {
            for (int i = 0; i < trades.size(); i++) {
                assertThat(trades.get(i).sequenceNumber()).isEqualTo(i + 1);
                if (i > 0) {
                    assertThat(trades.get(i).createdAt()).isAfterOrEqualTo(trades.get(i - 1).createdAt());
                    if (trades.get(i).executedAt().isBefore(trades.get(i - 1).executedAt())) {
                        lateArrivals++;
                    }
                }
            }
        }
        assertThat(lateArrivals).isGreaterThan(10);
    }

    @Test
    void rowsKeepTheContractsValueRulesAndUniqueness() {
        // given
        GeneratorSettings settings = aWeek().build();

        // when
        CollectingSink rows = generate(settings);

        // then
        assertThat(rows.challenges).hasSize(400);
        assertThat(rows.users.size()).isBetween(200, 399);
        assertThat(rows.users).extracting(GeneratedUser::email).doesNotHaveDuplicates()
                .allMatch(email -> email.matches("[a-z]+\\.[a-z]+\\+\\d+@example\\.com"));
        assertThat(rows.users).allMatch(u -> u.passwordHash().matches("\\$2b\\$12\\$[./A-Za-z0-9]{53}"));
        assertThat(rows.challenges).extracting(c -> c.provider() + "/" + c.providerAccountId())
                .doesNotHaveDuplicates();
        assertThat(rows.payments).extracting(p -> p.provider() + "/" + p.providerPaymentId()).doesNotHaveDuplicates();
        assertThat(rows.trades).extracting(t -> t.provider() + "/" + t.providerTradeId()).doesNotHaveDuplicates();
        assertThat(rows.payments.stream().filter(p -> p.challengeId() != null).map(GeneratedPayment::challengeId)
                .distinct().count()).isEqualTo(400);
        assertThat(rows.payments).extracting(GeneratedPayment::status)
                .contains("SUCCESS", "FAILED", "REFUNDED", "PENDING", "CANCELLED");
        assertThat(rows.payments).filteredOn(p -> "REFUNDED".equals(p.status()))
                .allMatch(p -> p.refundedAmount() != null && p.refundedAt() != null);
        assertThat(rows.payments).filteredOn(p -> !"REFUNDED".equals(p.status()))
                .allMatch(p -> new BigDecimal("0.00").equals(p.refundedAmount()) && p.refundedAt() == null);
        Instant start = settings.periodStart();
        Instant end = settings.periodEnd();
        assertThat(rows.challenges).allMatch(c -> c.currentEquity().equals(c.initialBalance())
                && c.maxEquityEver().equals(c.initialBalance()) && c.dailyStartEquity().equals(c.initialBalance()));
        assertThat(rows.challenges).filteredOn(c -> c.startedAt() != null).allMatch(c -> c.startedAt().isBefore(start));
        assertThat(rows.challenges).extracting(GeneratedChallenge::status).containsOnly("ACTIVE", "PENDING");
        long expiringInside = rows.challenges.stream()
                .filter(c -> c.expiresAt() != null && c.expiresAt().isBefore(end)).count();
        assertThat(expiringInside).isBetween(80L, 160L);
        assertThat(rows.trades).allMatch(t -> t.quantity().signum() > 0 && t.price().signum() > 0
                && t.commission().signum() >= 0 && t.realizedPnl().scale() == 2 && t.swap().scale() == 2
                && !t.executedAt().isBefore(start) && t.executedAt().isBefore(end));
        // Weekends are quieter and expired challenges stop trading, so fewer than 3 a day on average.
        assertThat(rows.trades.size()).isBetween(400 * 7 * 3 / 2, 400 * 7 * 3);
        assertThat(rows.trades).extracting(GeneratedTrade::symbol)
                .contains("EURUSD", "USDJPY", "US30", "GER40", "XAUUSD", "BTCUSD", "ETHUSD");
        assertThat(rows.trades).filteredOn(t -> t.executedAt().atZone(ZoneOffset.UTC).getDayOfWeek().getValue() >= 6)
                .isNotEmpty().allMatch(t -> t.symbol().equals("BTCUSD") || t.symbol().equals("ETHUSD"));
    }

    @Test
    void overAWeekSomeChallengesBreachTheirLimitsAndSomeReachTheTarget() {
        // given
        CollectingSink rows = generate(aWeek().build());
        Map<UUID, GeneratedChallenge> challenges = rows.challenges.stream()
                .collect(Collectors.toMap(GeneratedChallenge::id, c -> c));

        // when
        Map<UUID, List<GeneratedTrade>> byChallenge = rows.trades.stream()
                .sorted((a, b) -> a.executedAt().compareTo(b.executedAt()))
                .collect(Collectors.groupingBy(GeneratedTrade::challengeId));
        int dailyBreaches = 0;
        int totalBreaches = 0;
        int targets = 0;
        for (var entry : byChallenge.entrySet()) {
            BigDecimal initial = challenges.get(entry.getKey()).initialBalance();
            BigDecimal equity = initial;
            BigDecimal peak = initial;
            BigDecimal dayStart = initial;
            LocalDate day = null;
            boolean daily = false;
            boolean total = false;
            boolean target = false;
            for (GeneratedTrade trade : entry.getValue()) {
                LocalDate tradeDay = trade.executedAt().atZone(ZoneOffset.UTC).toLocalDate();
                if (!tradeDay.equals(day)) {
                    day = tradeDay;
                    dayStart = equity;
                }
                equity = equity.add(trade.equityEffect());
                peak = peak.max(equity);
                daily |= dayStart.subtract(equity).compareTo(dayStart.multiply(new BigDecimal("0.05"))) >= 0;
                total |= peak.subtract(equity).compareTo(peak.multiply(new BigDecimal("0.10"))) >= 0;
                target |= equity.subtract(initial).compareTo(initial.multiply(new BigDecimal("0.08"))) >= 0;
            }
            dailyBreaches += daily ? 1 : 0;
            totalBreaches += total ? 1 : 0;
            targets += target ? 1 : 0;
        }

        // then
        assertThat(dailyBreaches).as("challenges losing 5%% in a day").isBetween(8, 120);
        assertThat(totalBreaches).as("challenges 10%% below their peak").isBetween(4, 100);
        assertThat(targets).as("challenges up 8%%").isBetween(8, 120);
    }

    private static CollectingSink generate(GeneratorSettings settings) {
        CollectingSink sink = new CollectingSink();
        Generator.generate(settings, sink);
        return sink;
    }

    private static Map<String, String> writeAll(GeneratorSettings settings, Path dir) throws IOException {
        Generator.generate(settings, GenerationSink.all(new CsvTableSink(dir.resolve("tables")),
                new ExportSink(settings, dir.resolve("exports"))));
        Map<String, String> hashes = new TreeMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                hashes.put(dir.relativize(file).toString().replace('\\', '/'), sha256(file));
            }
        }
        return hashes;
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return java.util.HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
