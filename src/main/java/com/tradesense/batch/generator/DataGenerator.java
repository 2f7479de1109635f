package com.tradesense.batch.generator;

import static com.tradesense.batch.generator.Distributions.gaussian;
import static com.tradesense.batch.generator.Distributions.poisson;
import static com.tradesense.batch.generator.Distributions.studentT;
import static com.tradesense.batch.generator.Distributions.uniform;
import static com.tradesense.batch.generator.Distributions.weighted;

import com.tradesense.batch.provider.ExportFormat;
import com.tradesense.batch.provider.ProviderSettings;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Generates users, challenges, payments and trades challenge by challenge and hands each row to a
 * {@link GenerationSink}; only one challenge's trades are held at a time, so memory stays constant.
 *
 * <p>Every value comes from a random stream derived from the seed and the position of the row (user index,
 * challenge index, challenge and day), and every id is a name-based UUID of the seed and that position: the same
 * settings always produce the same rows in the same order.
 *
 * <p>The generator does not apply the challenge rules: challenges start ACTIVE (or PENDING) with all live figures
 * equal to the initial balance, and trades keep coming after a limit would have been breached — deciding that is
 * the jobs' work.
 */
public final class DataGenerator {

    /** At most this many trades per challenge and day; the ticket numbering reserves slots above for export rows. */
    static final int MAX_TRADES_PER_DAY = 31;
    static final long TICKET_SLOTS_PER_DAY = 64;
    /** Export rows that are not ledger trades take the slot of a trade plus this offset (never a ledger ticket). */
    static final long PHANTOM_TICKET_OFFSET = 32;
    static final long BALANCE_TICKET_OFFSET = 48;

    private static final String[] FIRST_NAMES = {"james", "mary", "oliver", "sophia", "lukas", "emma", "mateo",
        "lucia", "noah", "mia", "liam", "olivia", "elias", "hannah", "leon", "chloe", "arjun", "priya", "kenji",
        "yuki", "omar", "layla", "ivan", "anna", "pierre", "camille", "marco", "giulia", "david", "sarah",
        "tomasz", "zofia", "nikos", "eleni", "ahmed", "fatima", "jonas", "ines", "wei", "mei"};
    private static final String[] LAST_NAMES = {"smith", "johnson", "muller", "schmidt", "garcia", "rossi",
        "dubois", "martin", "kowalski", "novak", "papadopoulos", "yilmaz", "tanaka", "kim", "chen", "wang",
        "singh", "patel", "silva", "santos", "jansen", "devries", "andersen", "nielsen", "brown", "taylor",
        "wilson", "evans", "fischer", "weber", "moreau", "lefebvre", "ferrari", "romano", "ivanov", "petrov",
        "hassan", "khan", "okafor", "mensah"};
    private static final String[] COUNTRIES = {"GB", "DE", "FR", "IT", "ES", "NL", "PL", "GR", "AE", "IN", "NG",
        "BR", "US", "CA", "AU", "JP", "SG", "ZA"};
    private static final String BCRYPT_ALPHABET = "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final String ALPHANUMERIC = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private static final BigDecimal[] BALANCES = {new BigDecimal("25000.00"), new BigDecimal("50000.00"),
        new BigDecimal("100000.00"), new BigDecimal("200000.00")};
    private static final BigDecimal[] FEES = {new BigDecimal("155.00"), new BigDecimal("265.00"),
        new BigDecimal("499.00"), new BigDecimal("979.00")};
    private static final BigDecimal NO_REFUND = new BigDecimal("0.00");
    private static final String[] PAYMENT_PROVIDERS = {"STRIPE", "PAYPAL", "BANK_TRANSFER", "MOCK"};

    private final GeneratorSettings settings;
    private final long seed;
    private final Instant periodStart;
    private final Instant periodEnd;
    /** The price of each instrument at the start of each generated day: one market that all challenges share. */
    private final double[][] dayOpen;

    public DataGenerator(GeneratorSettings settings) {
        this.settings = settings;
        this.seed = settings.seed();
        this.periodStart = settings.periodStart();
        this.periodEnd = settings.periodEnd();
        this.dayOpen = new double[Instrument.ALL.size()][settings.days()];
        for (int i = 0; i < Instrument.ALL.size(); i++) {
            Instrument instrument = Instrument.ALL.get(i);
            double price = instrument.basePrice()
                    * StrictMath.exp(0.02 * gaussian(Seeds.random(seed, Seeds.MARKET, i, -1)));
            for (int d = 0; d < settings.days(); d++) {
                dayOpen[i][d] = price;
                price *= StrictMath.exp(instrument.dailyVolatility()
                        * gaussian(Seeds.random(seed, Seeds.MARKET, i, d)));
            }
        }
    }

    public GeneratorSettings settings() {
        return settings;
    }

    /** Generates the whole data set into {@code sink} and then calls {@link GenerationSink#finish()}. */
    public void generate(GenerationSink sink) {
        int nextChallenge = 0;
        long userIndex = 0;
        while (nextChallenge < settings.challenges()) {
            SplittableRandom random = Seeds.random(seed, Seeds.USER, userIndex);
            int challengeCount = Math.min(1 + weighted(random, 70, 22, 8), settings.challenges() - nextChallenge);
            GeneratedUser user = user(userIndex, random);
            sink.user(user);
            if (random.nextDouble() < 0.10) {
                sink.payment(abandonedPayment(userIndex, user, random));
            }
            for (int i = 0; i < challengeCount; i++) {
                challenge(nextChallenge++, user, sink);
            }
            userIndex++;
        }
        sink.finish();
    }

    private GeneratedUser user(long index, SplittableRandom random) {
        String first = FIRST_NAMES[random.nextInt(FIRST_NAMES.length)];
        String last = LAST_NAMES[random.nextInt(LAST_NAMES.length)];
        String email = first + "." + last + "+" + index + "@example.com";
        StringBuilder hash = new StringBuilder("$2b$12$");
        for (int i = 0; i < 53; i++) {
            hash.append(BCRYPT_ALPHABET.charAt(random.nextInt(BCRYPT_ALPHABET.length())));
        }
        String role = switch (weighted(random, 985, 12, 3)) {
            case 0 -> "USER";
            case 1 -> "ADMIN";
            default -> "SUPERADMIN";
        };
        String status = switch (weighted(random, 93, 2, 3, 2)) {
            case 0 -> "ACTIVE";
            case 1 -> "PENDING_VERIFICATION";
            case 2 -> "SUSPENDED";
            default -> "CLOSED";
        };
        String country = COUNTRIES[random.nextInt(COUNTRIES.length)];
        String source = new String[] {"organic", "affiliate", "google_ads", "youtube", "referral"}[weighted(random,
                40, 20, 15, 15, 10)];
        String metadata = "{\"country\":\"" + country + "\",\"signup_source\":\"" + source
                + "\",\"marketing_opt_in\":" + (random.nextDouble() < 0.4) + ",\"kyc_level\":"
                + weighted(random, 20, 50, 30) + "}";
        Instant createdAt = millis(periodStart.minus(Duration.ofDays(30)).minusSeconds(
                (long) uniform(random, 0, 370 * 86_400.0)));
        Instant updatedAt = min(createdAt.plusSeconds((long) uniform(random, 0, 20 * 86_400.0)),
                periodStart.minus(Duration.ofDays(26)));
        Instant deletedAt = "CLOSED".equals(status) && random.nextBoolean() ? updatedAt : null;
        return new GeneratedUser(Seeds.uuid(seed, "user", index), email, hash.toString(), role, status, metadata,
                createdAt, updatedAt, deletedAt, random.nextInt(4));
    }

    private void challenge(int index, GeneratedUser user, GenerationSink sink) {
        SplittableRandom random = Seeds.random(seed, Seeds.CHALLENGE, index);
        int providerIndex = random.nextInt(settings.providers().size());
        ProviderSettings provider = settings.providers().get(providerIndex);
        int size = weighted(random, 30, 30, 30, 10);
        BigDecimal balance = BALANCES[size];
        BigDecimal dailyLimit = pick(random, new String[] {"4.00", "4.50", "5.00"}, 30, 20, 50);
        BigDecimal totalLimit = pick(random, new String[] {"8.00", "10.00", "12.00"}, 25, 60, 15);
        BigDecimal target = pick(random, new String[] {"8.00", "9.00", "10.00"}, 40, 20, 40);
        int minTradingDays = random.nextInt(6);
        boolean pending = random.nextDouble() < 0.05;
        Instant createdAt = millis(periodStart.minusSeconds((long) uniform(random, 2 * 86_400.0, 25 * 86_400.0)));
        Instant startedAt = pending ? null
                : millis(createdAt.plusSeconds((long) uniform(random, 600, 36 * 3_600.0)));
        double deadline = random.nextDouble();
        Instant expiresAt;
        if (pending) {
            expiresAt = null;
        } else if (deadline < 0.30) {
            expiresAt = millis(periodStart.plusSeconds(
                    (long) uniform(random, 6 * 3_600.0, settings.days() * 86_400.0 - 3_600)));
        } else if (deadline < 0.85) {
            expiresAt = millis(periodEnd.plusSeconds((long) uniform(random, 86_400, 45 * 86_400.0)));
        } else {
            expiresAt = null;
        }
        long accountNumber = (providerIndex + 5L) * 10_000_000L + index;
        String account = provider.format() == ExportFormat.GENERIC ? "ACC-" + accountNumber
                : Long.toString(accountNumber);
        UUID id = Seeds.uuid(seed, "challenge", index);
        Instant updatedAt = startedAt == null ? createdAt : startedAt;
        GeneratedChallenge challenge = new GeneratedChallenge(id, user.id(), pending ? "PENDING" : "ACTIVE", balance,
                dailyLimit, totalLimit, target, minTradingDays, expiresAt, balance, balance, balance, null, "USD",
                provider.code(), account, startedAt, null, null, createdAt, updatedAt, null, pending ? 0 : 1);
        sink.challenge(challenge);
        sink.payment(purchase(index, challenge, user, size, pending));
        if (!pending) {
            for (GeneratedTrade trade : trades(index, challenge, provider, providerIndex, random)) {
                sink.trade(trade);
            }
        }
    }

    private List<GeneratedTrade> trades(int challengeIndex, GeneratedChallenge challenge, ProviderSettings provider,
                                        int providerIndex, SplittableRandom random) {
        // The trader's style: most are careful, some aggressive, a few gamble; the drift decides who tends to win.
        double volatility = switch (weighted(random, 70, 22, 8)) {
            case 0 -> uniform(random, 0.003, 0.008);
            case 1 -> uniform(random, 0.008, 0.016);
            default -> uniform(random, 0.016, 0.032);
        };
        double drift = 0.0002 + 0.0015 * gaussian(random);
        // A trader who trades more often takes smaller positions: a day's risk stays that of about three trades.
        double sizing = Math.sqrt(Math.min(1.0, 3.0 / Math.max(settings.tradesPerChallengePerDay(), 0.1)));
        volatility *= sizing;
        drift *= sizing * sizing;
        double activity = StrictMath.exp(0.5 * gaussian(random) - 0.125);
        int[] favourites = favourites(random);
        double balance = challenge.initialBalance().doubleValue();

        List<GeneratedTrade> trades = new ArrayList<>();
        for (int day = 0; day < settings.days(); day++) {
            SplittableRandom dayRandom = Seeds.random(seed, Seeds.CHALLENGE_DAY, challengeIndex, day);
            LocalDate date = settings.firstDate().plusDays(day);
            boolean weekend = date.getDayOfWeek() == DayOfWeek.SATURDAY || date.getDayOfWeek() == DayOfWeek.SUNDAY;
            Instant dayStart = date.atStartOfDay(ZoneOffset.UTC).toInstant();
            Instant providerMidnight = provider.dayStart(provider.providerDate(dayStart).plusDays(1));
            double mean = settings.tradesPerChallengePerDay() * activity * (weekend ? 0.25 : 1.0);
            int count = Math.min(poisson(dayRandom, mean), MAX_TRADES_PER_DAY);
            for (int k = 0; k < count; k++) {
                int instrumentIndex = weekend ? cryptoFavourite(favourites, dayRandom)
                        : favourites[dayRandom.nextInt(favourites.length)];
                Instrument instrument = Instrument.ALL.get(instrumentIndex);
                double secondOfDay = weekend || dayRandom.nextDouble() < 0.25 ? uniform(dayRandom, 0, 86_400)
                        : uniform(dayRandom, 7 * 3_600, 20.5 * 3_600);
                Instant executedAt = dayStart.plusMillis((long) (secondOfDay * 1000));
                if (dayRandom.nextDouble() < 0.004 && providerMidnight.isAfter(dayStart.plusSeconds(1))
                        && !providerMidnight.isAfter(dayStart.plus(Duration.ofDays(1)))) {
                    // A deal in the server's last second, so that exports round it into the next server day.
                    executedAt = providerMidnight.minusMillis(1 + dayRandom.nextInt(999));
                }
                String side = dayRandom.nextBoolean() ? "BUY" : "SELL";
                double share = Math.max(-0.12, Math.min(0.12, drift + volatility * studentT(dayRandom, 3)));
                BigDecimal pnl = money(balance * share);
                double price = dayOpen[instrumentIndex][day]
                        * (1 + instrument.dailyVolatility() * 0.5 * gaussian(dayRandom) * (secondOfDay / 86_400));
                BigDecimal exactPrice = BigDecimal.valueOf(price).setScale(instrument.digits(), RoundingMode.HALF_EVEN);
                double notionalPerLot = instrument.symbol().startsWith("USD") ? instrument.contractSize()
                        : instrument.contractSize() * price;
                double move = instrument.typicalMove() * uniform(dayRandom, 0.3, 2.0);
                BigDecimal lots = lots(instrument, Math.abs(balance * share) / (notionalPerLot * move));
                BigDecimal commission = instrument.assetClass() == Instrument.AssetClass.CRYPTO
                        ? money(lots.doubleValue() * price * 0.0004)
                        : money(lots.doubleValue() * instrument.commissionPerLot());
                BigDecimal swap = dayRandom.nextDouble() < 0.7 ? money(0)
                        : money(lots.doubleValue() * uniform(dayRandom, -6, 2.5));
                Instant createdAt = executedAt.plusMillis(40 + dayRandom.nextInt(1_500));
                if (dayRandom.nextDouble() < settings.lateTradeRate()) {
                    createdAt = executedAt.plusSeconds((long) uniform(dayRandom, 3_600, 30 * 3_600.0));
                }
                boolean afterDeadline = challenge.expiresAt() != null && !executedAt.isBefore(challenge.expiresAt());
                if (afterDeadline && dayRandom.nextDouble() > 0.03) {
                    continue;
                }
                long ticket = 10_000_000L + ((long) challengeIndex * settings.days() + day) * TICKET_SLOTS_PER_DAY + k;
                trades.add(new GeneratedTrade(Seeds.uuid(seed, "trade", challengeIndex, day, k), challenge.id(), 0,
                        provider.code(), Long.toString(ticket), instrument.symbol(), side, lots, exactPrice,
                        commission, swap, pnl, executedAt, createdAt));
            }
        }
        // The ledger's order is arrival order, so a late trade is numbered after trades executed later than it.
        trades.sort(Comparator.comparing(GeneratedTrade::createdAt).thenComparing(GeneratedTrade::executedAt)
                .thenComparing(trade -> Long.parseLong(trade.providerTradeId())));
        List<GeneratedTrade> numbered = new ArrayList<>(trades.size());
        long sequence = 1;
        for (GeneratedTrade t : trades) {
            numbered.add(new GeneratedTrade(t.id(), t.challengeId(), sequence++, t.provider(), t.providerTradeId(),
                    t.symbol(), t.side(), t.quantity(), t.price(), t.commission(), t.swap(), t.realizedPnl(),
                    t.executedAt(), t.createdAt()));
        }
        return numbered;
    }

    private static int[] favourites(SplittableRandom random) {
        int count = 2 + random.nextInt(3);
        int[] chosen = new int[count];
        for (int i = 0; i < count; i++) {
            Instrument.AssetClass wanted = switch (weighted(random, 55, 20, 15, 10)) {
                case 0 -> Instrument.AssetClass.FX;
                case 1 -> Instrument.AssetClass.INDEX;
                case 2 -> Instrument.AssetClass.METAL;
                default -> Instrument.AssetClass.CRYPTO;
            };
            List<Integer> candidates = new ArrayList<>();
            for (int j = 0; j < Instrument.ALL.size(); j++) {
                if (Instrument.ALL.get(j).assetClass() == wanted) {
                    candidates.add(j);
                }
            }
            chosen[i] = candidates.get(random.nextInt(candidates.size()));
        }
        return chosen;
    }

    private static int cryptoFavourite(int[] favourites, SplittableRandom random) {
        int pick = favourites[random.nextInt(favourites.length)];
        if (Instrument.ALL.get(pick).tradesAtWeekends()) {
            return pick;
        }
        return indexOf(random.nextInt(3) == 0 ? "ETHUSD" : "BTCUSD");
    }

    static int indexOf(String symbol) {
        for (int i = 0; i < Instrument.ALL.size(); i++) {
            if (Instrument.ALL.get(i).symbol().equals(symbol)) {
                return i;
            }
        }
        throw new IllegalArgumentException(symbol);
    }

    private static BigDecimal lots(Instrument instrument, double wanted) {
        BigDecimal steps = BigDecimal.valueOf(wanted).divide(instrument.lotStep(), 0, RoundingMode.HALF_EVEN);
        BigDecimal lots = steps.multiply(instrument.lotStep());
        if (lots.compareTo(instrument.minLot()) < 0) {
            return instrument.minLot();
        }
        return lots.min(instrument.maxLot());
    }

    private GeneratedPayment purchase(int challengeIndex, GeneratedChallenge challenge, GeneratedUser user, int size,
                                      boolean pending) {
        SplittableRandom random = Seeds.random(seed, Seeds.PAYMENT, challengeIndex);
        String provider = PAYMENT_PROVIDERS[weighted(random, 55, 25, 10, 10)];
        String status = pending ? new String[] {"PENDING", "PROCESSING", "REFUNDED"}[weighted(random, 40, 30, 30)]
                : random.nextDouble() < 0.03 ? "REFUNDED" : "SUCCESS";
        BigDecimal amount = FEES[size];
        Instant createdAt = millis(challenge.createdAt().minusSeconds(5 + random.nextInt(600)));
        Instant updatedAt = createdAt.plusMillis(2_000 + random.nextInt(120_000));
        // refunded_amount is NOT NULL (default 0): an explicit NULL would be refused by COPY and INSERT alike.
        BigDecimal refunded = NO_REFUND;
        Instant refundedAt = null;
        if ("REFUNDED".equals(status)) {
            refunded = random.nextDouble() < 0.8 ? amount : money(amount.doubleValue() * 0.5);
            refundedAt = millis(createdAt.plusSeconds(86_400 + random.nextInt(10 * 86_400)));
            refundedAt = min(refundedAt, periodStart.minusSeconds(60));
            updatedAt = refundedAt;
        } else if ("PENDING".equals(status)) {
            updatedAt = createdAt;
        }
        return payment(2L * challengeIndex, user.id(), challenge.id(), provider, amount, status, refunded, refundedAt,
                createdAt, updatedAt, random);
    }

    private GeneratedPayment abandonedPayment(long userIndex, GeneratedUser user, SplittableRandom random) {
        String provider = PAYMENT_PROVIDERS[weighted(random, 55, 25, 10, 10)];
        String status = random.nextDouble() < 0.7 ? "FAILED" : "CANCELLED";
        BigDecimal amount = FEES[weighted(random, 30, 30, 30, 10)];
        Instant createdAt = millis(user.createdAt().plusSeconds(3_600 + random.nextInt(3 * 86_400)));
        return payment(2L * userIndex + 1, user.id(), null, provider, amount, status, NO_REFUND, null, createdAt,
                createdAt.plusMillis(1_000 + random.nextInt(60_000)), random);
    }

    private GeneratedPayment payment(long key, UUID userId, UUID challengeId, String provider, BigDecimal amount,
                                     String status, BigDecimal refunded, Instant refundedAt, Instant createdAt,
                                     Instant updatedAt, SplittableRandom random) {
        // The unique key is part of every id, so ids are unique per provider by construction.
        String providerPaymentId = switch (provider) {
            case "STRIPE" -> "pi_3" + base62(key, 9) + randomText(random, ALPHANUMERIC, 14);
            case "PAYPAL" -> "PAYID-M" + Long.toString(key, 36).toUpperCase(Locale.ROOT)
                    + randomText(random, ALPHANUMERIC.substring(0, 36), 12);
            case "BANK_TRANSFER" -> "BT-" + createdAt.atZone(ZoneOffset.UTC).getYear() + "-" + String.format(
                    Locale.ROOT, "%09d", key);
            default -> "mock_" + Seeds.uuid(seed, "mock-payment", key);
        };
        String event = switch (status) {
            case "SUCCESS" -> "payment.succeeded";
            case "FAILED" -> "payment.failed";
            case "REFUNDED" -> "charge.refunded";
            case "CANCELLED" -> "payment.canceled";
            case "PROCESSING" -> "payment.processing";
            default -> "payment.created";
        };
        String webhook = "{\"event\":\"" + event + "\",\"provider\":\"" + provider.toLowerCase(Locale.ROOT)
                + "\",\"payment_id\":\"" + providerPaymentId + "\",\"amount_minor\":"
                + amount.movePointRight(2).toBigInteger() + ",\"currency\":\"usd\",\"livemode\":"
                + !"MOCK".equals(provider) + ("FAILED".equals(status) ? ",\"failure_code\":\""
                + new String[] {"card_declined", "insufficient_funds", "expired_card"}[random.nextInt(3)] + "\"" : "")
                + ",\"received_at\":\"" + updatedAt + "\"}";
        return new GeneratedPayment(Seeds.uuid(seed, "payment", key), userId, challengeId, provider,
                providerPaymentId, amount, "USD", status, refunded, refundedAt, webhook, createdAt, updatedAt);
    }

    private static String base62(long value, int width) {
        char[] out = new char[width];
        long rest = value;
        for (int i = width - 1; i >= 0; i--) {
            out[i] = ALPHANUMERIC.charAt((int) (rest % 62));
            rest /= 62;
        }
        return new String(out);
    }

    private static String randomText(SplittableRandom random, String alphabet, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }

    private static BigDecimal pick(SplittableRandom random, String[] values, double... weights) {
        return new BigDecimal(values[weighted(random, weights)]);
    }

    static BigDecimal money(double value) {
        return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_EVEN);
    }

    private static Instant millis(Instant instant) {
        return Instant.ofEpochMilli(instant.toEpochMilli());
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
