package com.tradesense.batch.pnl;

import com.tradesense.batch.domain.BusinessDate;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.datasource.DataSourceUtils;

/** Closes the business date of each challenge of the chunk, all in the chunk's transaction. */
public class DailyPnlWriter implements ItemWriter<UUID> {

    private final DataSource dataSource;
    private final DailyPnlProcessor processor;
    private final BusinessDate day;
    private final DailyPnlProcessor.RunContext run;

    public DailyPnlWriter(DataSource dataSource, DailyPnlProcessor processor, BusinessDate day,
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
            processor.process(connection, challengeId, day, run);
        }
    }
}
