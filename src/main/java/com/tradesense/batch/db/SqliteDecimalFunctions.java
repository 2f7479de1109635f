package com.tradesense.batch.db;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.SQLException;
import org.sqlite.Function;

/**
 * Exact decimal arithmetic for SQLite, registered on every connection the application opens. SQLite's own SUM and
 * + turn the decimal text of money columns into binary doubles; these functions keep set-based SQL exact, so a
 * figure computed on SQLite equals PostgreSQL's to the cent. Results are decimal text, like the columns.
 *
 * <ul>
 *   <li>{@code dec_sum(x)}: aggregate sum, NULLs ignored, NULL for no rows (like SUM)</li>
 *   <li>{@code dec_add(a, b, ...)}, {@code dec_sub(a, b)}, {@code dec_mul(a, b)}: NULL if any argument is NULL</li>
 *   <li>{@code dec_round(x, scale)}: HALF_EVEN, as the application rounds money</li>
 *   <li>{@code dec_cmp(a, b)}: -1, 0 or 1, for comparisons in WHERE clauses</li>
 * </ul>
 */
public final class SqliteDecimalFunctions {

    private SqliteDecimalFunctions() {
    }

    public static void register(Connection connection) throws SQLException {
        Function.create(connection, "dec_sum", new Sum(), 1, Function.FLAG_DETERMINISTIC);
        Function.create(connection, "dec_add", new Arithmetic(Op.ADD), -1, Function.FLAG_DETERMINISTIC);
        Function.create(connection, "dec_sub", new Arithmetic(Op.SUBTRACT), 2, Function.FLAG_DETERMINISTIC);
        Function.create(connection, "dec_mul", new Arithmetic(Op.MULTIPLY), 2, Function.FLAG_DETERMINISTIC);
        Function.create(connection, "dec_round", new Round(), 2, Function.FLAG_DETERMINISTIC);
        Function.create(connection, "dec_cmp", new Compare(), 2, Function.FLAG_DETERMINISTIC);
    }

    private static BigDecimal decimal(Function function, String text, int index) throws SQLException {
        try {
            return new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            throw new SQLException("argument " + (index + 1) + " is not a decimal: '" + text + "'");
        }
    }

    private enum Op { ADD, SUBTRACT, MULTIPLY }

    private static final class Sum extends Function.Aggregate {

        private BigDecimal total;

        @Override
        protected void xStep() throws SQLException {
            String text = value_text(0);
            if (text != null) {
                BigDecimal value = decimal(this, text, 0);
                total = total == null ? value : total.add(value);
            }
        }

        @Override
        protected void xFinal() throws SQLException {
            if (total == null) {
                result();
            } else {
                result(total.toPlainString());
            }
            total = null;
        }

        @Override
        public Object clone() throws CloneNotSupportedException {
            Sum copy = (Sum) super.clone();
            copy.total = null;
            return copy;
        }
    }

    private static final class Arithmetic extends Function {

        private final Op op;

        Arithmetic(Op op) {
            this.op = op;
        }

        @Override
        protected void xFunc() throws SQLException {
            BigDecimal value = null;
            for (int i = 0; i < args(); i++) {
                String text = value_text(i);
                if (text == null) {
                    result();
                    return;
                }
                BigDecimal operand = decimal(this, text, i);
                if (value == null) {
                    value = operand;
                } else {
                    value = switch (op) {
                        case ADD -> value.add(operand);
                        case SUBTRACT -> value.subtract(operand);
                        case MULTIPLY -> value.multiply(operand);
                    };
                }
            }
            if (value == null) {
                result();
            } else {
                result(value.toPlainString());
            }
        }
    }

    private static final class Round extends Function {
        @Override
        protected void xFunc() throws SQLException {
            String text = value_text(0);
            if (text == null) {
                result();
                return;
            }
            result(decimal(this, text, 0).setScale(value_int(1), RoundingMode.HALF_EVEN).toPlainString());
        }
    }

    private static final class Compare extends Function {
        @Override
        protected void xFunc() throws SQLException {
            String a = value_text(0);
            String b = value_text(1);
            if (a == null || b == null) {
                result();
                return;
            }
            result(decimal(this, a, 0).compareTo(decimal(this, b, 1)));
        }
    }
}
