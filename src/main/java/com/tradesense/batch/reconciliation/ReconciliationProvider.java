package com.tradesense.batch.reconciliation;

import com.tradesense.batch.provider.ProviderSettings;
import java.util.Map;

/**
 * A provider as the reconciliation is configured for it: how to read its exports, the tolerances its values are
 * compared with, and how the account numbers in its files map to {@code challenges.provider_account_id}.
 */
public record ReconciliationProvider(ProviderSettings settings, Tolerances tolerances,
                                     Map<String, String> accountMapping) {

    public ReconciliationProvider {
        accountMapping = Map.copyOf(accountMapping);
    }

    public String code() {
        return settings.code();
    }

    /** The ledger's account for an account number as the export shows it. */
    public String ledgerAccount(String exportAccount) {
        return exportAccount == null ? null : accountMapping.getOrDefault(exportAccount, exportAccount);
    }
}
