package com.tradesense.batch.expiry;

import com.tradesense.batch.domain.BusinessDate;
import com.tradesense.batch.pnl.DailyPnlProcessor;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.datasource.DataSourceUtils;

/** Fails each challenge of the chunk whose deadline has passed, in the chunk's transaction. */
public class ExpiryWriter implements ItemWriter<UUID> {

    private final DataSource dataSource;
    private final DailyPnlProcessor processor;
    private final BusinessDate day;
    private final DailyPnlProcessor.RunContext run;

    public ExpiryWriter(DataSource dataSource, DailyPnlProcessor processor, BusinessDate day,
                        DailyPnlProcessor.RunContext run) {
        this.dataSource = dataSource;
        this.processor = processor;
        this.day = day;
        this.run = run;
    }

    @Override
    public void write(Chunk<? extends UUID> chunk) throws Exception {
        var connection = DataSourceUtils.getConnection(dataSource);
        for (UUID challengeId : chunk) {
            processor.expire(connection, challengeId, day, run);
        }
    }
}
