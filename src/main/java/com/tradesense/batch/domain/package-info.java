/**
 * The Spring-free core every job uses: exact money and percentages ({@link com.tradesense.batch.domain.Money}),
 * UTC business dates ({@link com.tradesense.batch.domain.BusinessDate}), the challenge state machine, the challenge
 * rules as a pure replay of the trade ledger ({@link com.tradesense.batch.domain.RuleEvaluator}), canonical JSON for
 * event data and event ids derived from idempotency keys. Nothing here reads a clock, a database or the JVM's zone,
 * so a job's result depends only on the ledger and the business date it is given.
 */
package com.tradesense.batch.domain;
