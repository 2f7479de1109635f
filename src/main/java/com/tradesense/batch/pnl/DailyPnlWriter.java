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
    private final boolean batched;

    /**
     * @param batched whether the chunk goes through the batched path ({@link DailyPnlProcessor#processChunk});
     *                the one-by-one path gives the same rows and exists to prove it
     */
    public DailyPnlWriter(DataSource dataSource, DailyPnlProcessor processor, BusinessDate day,
                          DailyPnlProcessor.RunContext run, boolean batched) {
        this.batched = batched;
        this.dataSource = dataSource;
        this.processor = processor;
        this.day = day;
        this.run = run;
    }

    @Override
    public void write(Chunk<? extends UUID> chunk) throws Exception {
        var connection = DataSourceUtils.getConnection(dataSource);
        if (batched) {
            processor.processChunk(connection, new java.util.ArrayList<>(chunk.getItems()), day, run);
        } else {
            for (UUID challengeId : chunk) {
                processor.process(connection, challengeId, day, run);
            }
        }
    }
}
