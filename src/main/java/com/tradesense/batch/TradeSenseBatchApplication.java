package com.tradesense.batch;

import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class TradeSenseBatchApplication {
}
