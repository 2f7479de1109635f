package com.tradesense.batch;

import com.tradesense.batch.cli.TradeSenseCli;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class TradeSenseBatchApplication {

    public static void main(String[] args) {
        TradeSenseCli.main(args);
    }
}
