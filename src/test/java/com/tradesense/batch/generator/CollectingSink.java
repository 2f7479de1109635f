package com.tradesense.batch.generator;

import java.util.ArrayList;
import java.util.List;

/** Keeps every generated row; only for the small data sets of tests. */
final class CollectingSink implements GenerationSink {

    final List<GeneratedUser> users = new ArrayList<>();
    final List<GeneratedChallenge> challenges = new ArrayList<>();
    final List<GeneratedPayment> payments = new ArrayList<>();
    final List<GeneratedTrade> trades = new ArrayList<>();

    @Override
    public void user(GeneratedUser user) {
        users.add(user);
    }

    @Override
    public void challenge(GeneratedChallenge challenge) {
        challenges.add(challenge);
    }

    @Override
    public void payment(GeneratedPayment payment) {
        payments.add(payment);
    }

    @Override
    public void trade(GeneratedTrade trade) {
        trades.add(trade);
    }
}
