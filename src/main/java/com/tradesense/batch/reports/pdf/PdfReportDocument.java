package com.tradesense.batch.reports.pdf;

import com.lowagie.text.Chunk;
import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.Rectangle;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.ColumnText;
import com.lowagie.text.pdf.PdfContentByte;
import com.lowagie.text.pdf.PdfDate;
import com.lowagie.text.pdf.PdfName;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfPageEventHelper;
import com.lowagie.text.pdf.PdfTemplate;
import com.lowagie.text.pdf.PdfWriter;
import com.tradesense.batch.reports.templates.ReportTemplate;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;

/**
 * An A4 report with the template's header (word mark, report id, generation time) and footer ("page x of y") on every
 * page, and tables whose header row repeats after each page break.
 *
 * <p>Deterministic: the creation and modification dates are the report's generation time (from the job parameters),
 * the standard Helvetica fonts are not embedded (no subset names drawn at random), and the trailer's /ID is derived
 * from the file's own content, so the same data and parameters give byte-identical files.
 */
public final class PdfReportDocument {

    /** Renders the body of a report. */
    @FunctionalInterface
    public interface Body {
        void render(PdfReportDocument document) throws DocumentException;
    }

    /** Horizontal alignment of a table column. */
    public enum Align { LEFT, RIGHT, CENTER }

    private static final float MARGIN = 36f;
    private static final float TOP_MARGIN = 60f;
    private static final float BOTTOM_MARGIN = 44f;
    private static final int FLUSH_EVERY_ROWS = 200;

    private final ReportTemplate template;
    private final Document document;
    private final Font titleFont;
    private final Font headingFont;
    private final Font bodyFont;
    private final Font boldFont;
    private final Font tableFont;
    private final Font tableHeaderFont;

    private final PdfWriter writer;

    private PdfReportDocument(ReportTemplate template, Document document, PdfWriter writer) {
        this.template = template;
        this.document = document;
        this.writer = writer;
        Color accent = template.colour("accent");
        // Fonts built on one BaseFont each: a font named only by family looks its BaseFont up again for every chunk.
        this.titleFont = new Font(BOLD, 18, Font.NORMAL, accent);
        this.headingFont = new Font(BOLD, 12, Font.NORMAL, accent);
        this.bodyFont = new Font(REGULAR, 9, Font.NORMAL, Color.BLACK);
        this.boldFont = new Font(BOLD, 9, Font.NORMAL, Color.BLACK);
        this.tableFont = new Font(REGULAR, 7, Font.NORMAL, Color.BLACK);
        this.tableHeaderFont = new Font(BOLD, 7, Font.NORMAL, template.colour("table-header-text"));
    }

    private static final BaseFont REGULAR = standardFont(BaseFont.HELVETICA);
    private static final BaseFont BOLD = standardFont(BaseFont.HELVETICA_BOLD);

    private static BaseFont standardFont(String name) {
        try {
            return BaseFont.createFont(name, BaseFont.WINANSI, BaseFont.NOT_EMBEDDED);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot load the standard font " + name, e);
        }
    }

    /**
     * Renders a whole report to bytes.
     *
     * @param placeholders values for the header and footer texts ({report}, {generated}, ...)
     */
    public static byte[] render(ReportTemplate template, String title, Instant generatedAt,
                                Map<String, String> placeholders, Body body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * 1024);
        Document document = new Document(PageSize.A4, MARGIN, MARGIN, TOP_MARGIN, BOTTOM_MARGIN);
        try {
            PdfWriter writer = PdfWriter.getInstance(document, bytes);
            writer.setPageEvent(new HeaderFooter(template, placeholders));
            document.addTitle(title);
            document.addCreator("TradeSense Batch");
            PdfDate date = new PdfDate(utc(generatedAt));
            document.addCreationDate(date);
            document.addModificationDate(date);
            document.open();
            body.render(new PdfReportDocument(template, document, writer));
            // The document's own creation date is the wall clock, whatever addCreationDate was given: overwrite it.
            writer.getInfo().put(PdfName.CREATIONDATE, date);
            writer.getInfo().put(PdfName.MODDATE, date);
            document.close();
        } catch (DocumentException e) {
            throw new IllegalStateException("Cannot render the report '" + title + "': " + e.getMessage(), e);
        }
        return withContentDerivedId(bytes.toByteArray());
    }

    public ReportTemplate template() {
        return template;
    }

    public void title(String title, String subtitle) throws DocumentException {
        Paragraph paragraph = new Paragraph(title, titleFont);
        document.add(paragraph);
        Paragraph sub = new Paragraph(subtitle, headingFont);
        sub.setSpacingAfter(10f);
        document.add(sub);
    }

    public void heading(String text) throws DocumentException {
        // A heading never sits alone at the foot of a page: it needs room for itself and a few rows below.
        if (writer.getVerticalPosition(true) - document.bottom() < 110f) {
            document.newPage();
        }
        Paragraph paragraph = new Paragraph(text, headingFont);
        paragraph.setSpacingBefore(12f);
        paragraph.setSpacingAfter(6f);
        paragraph.setKeepTogether(true);
        document.add(paragraph);
    }

    public void paragraph(String text) throws DocumentException {
        Paragraph paragraph = new Paragraph(text, bodyFont);
        paragraph.setSpacingAfter(4f);
        document.add(paragraph);
    }

    public void paragraph(String text, Color colour) throws DocumentException {
        Paragraph paragraph = new Paragraph(text, new Font(BOLD, 9, Font.NORMAL, colour));
        paragraph.setSpacingAfter(4f);
        document.add(paragraph);
    }

    public void newPage() {
        document.newPage();
    }

    /** A two-column label/value block. */
    public void keyValues(List<String[]> rows) throws DocumentException {
        PdfPTable table = new PdfPTable(new float[] {1.2f, 3f});
        table.setWidthPercentage(100);
        table.setSpacingBefore(4f);
        for (String[] row : rows) {
            PdfPCell label = new PdfPCell(new Phrase(row[0], boldFont));
            PdfPCell value = new PdfPCell(new Phrase(row[1], bodyFont));
            for (PdfPCell cell : List.of(label, value)) {
                cell.setBorder(Rectangle.BOTTOM);
                cell.setBorderColor(template.colour("stripe"));
                cell.setPadding(3f);
                table.addCell(cell);
            }
        }
        document.add(table);
    }

    /** Starts a table; add rows, then {@link Table#finish()}. Large tables are written out as they grow. */
    public Table table(List<String> headers, float[] widths, Align[] alignments) throws DocumentException {
        return new Table(headers, widths, alignments);
    }

    /** A table that repeats its header row on every page and never splits a row across pages. */
    public final class Table {

        private final PdfPTable table;
        private final Align[] alignments;
        private final Color stripe = template.colour("stripe");
        private int rows;

        private Table(List<String> headers, float[] widths, Align[] alignments) throws DocumentException {
            if (headers.size() != widths.length || widths.length != alignments.length) {
                throw new IllegalArgumentException("headers, widths and alignments differ in length");
            }
            this.alignments = alignments;
            table = new PdfPTable(widths);
            table.setWidthPercentage(100);
            table.setSpacingBefore(4f);
            table.setHeaderRows(1);
            table.setSplitLate(false);
            table.setSplitRows(false);
            table.setComplete(false);
            Color accent = template.colour("accent");
            for (int i = 0; i < headers.size(); i++) {
                PdfPCell cell = new PdfPCell(new Phrase(headers.get(i), tableHeaderFont));
                cell.setBackgroundColor(accent);
                cell.setHorizontalAlignment(alignment(alignments[i]));
                cell.setPadding(3f);
                cell.setBorderColor(accent);
                table.addCell(cell);
            }
        }

        public void row(String... values) throws DocumentException {
            row(null, values);
        }

        /** A row whose text is drawn in the given colour (null: black). */
        public void row(Color colour, String... values) throws DocumentException {
            if (values.length != alignments.length) {
                throw new IllegalArgumentException("a row needs " + alignments.length + " values, got " + values.length);
            }
            Font font = colour == null ? tableFont : new Font(BOLD, 7, Font.NORMAL, colour);
            for (int i = 0; i < values.length; i++) {
                PdfPCell cell = new PdfPCell(new Phrase(values[i] == null ? "" : values[i], font));
                cell.setHorizontalAlignment(alignment(alignments[i]));
                cell.setPadding(2.5f);
                cell.setBorderWidth(0.25f);
                cell.setBorderColor(Color.LIGHT_GRAY);
                if (rows % 2 == 1) {
                    cell.setBackgroundColor(stripe);
                }
                table.addCell(cell);
            }
            rows++;
            if (rows % FLUSH_EVERY_ROWS == 0) {
                // Writes the finished rows and frees them, keeping memory flat for a 10,000-trade ledger.
                document.add(table);
            }
        }

        public void finish() throws DocumentException {
            table.setComplete(true);
            document.add(table);
        }
    }

    private static int alignment(Align align) {
        return switch (align) {
            case LEFT -> Element.ALIGN_LEFT;
            case RIGHT -> Element.ALIGN_RIGHT;
            case CENTER -> Element.ALIGN_CENTER;
        };
    }

    private static Calendar utc(Instant instant) {
        GregorianCalendar calendar = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
        calendar.setTimeInMillis(instant.toEpochMilli());
        return calendar;
    }

    /**
     * Replaces the two file identifiers of the trailer's /ID (random by default) with the first 16 bytes of the
     * SHA-256 of the file with the identifiers blanked: same length, so no offset in the cross-reference table moves.
     */
    static byte[] withContentDerivedId(byte[] pdf) {
        String text = new String(pdf, StandardCharsets.ISO_8859_1);
        int at = text.lastIndexOf("/ID [<");
        if (at < 0) {
            throw new IllegalStateException("The rendered PDF has no /ID in its trailer");
        }
        int firstStart = at + "/ID [<".length();
        int firstEnd = text.indexOf('>', firstStart);
        int secondStart = text.indexOf('<', firstEnd) + 1;
        int secondEnd = text.indexOf('>', secondStart);
        byte[] blanked = pdf.clone();
        java.util.Arrays.fill(blanked, firstStart, firstEnd, (byte) '0');
        java.util.Arrays.fill(blanked, secondStart, secondEnd, (byte) '0');
        String id;
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(blanked);
            id = HexFormat.of().formatHex(digest).substring(0, firstEnd - firstStart);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] idBytes = id.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(idBytes, 0, blanked, firstStart, idBytes.length);
        System.arraycopy(idBytes, 0, blanked, secondStart, Math.min(idBytes.length, secondEnd - secondStart));
        return blanked;
    }

    /** Draws the header and footer of each page; the total page count is filled in when the document closes. */
    private static final class HeaderFooter extends PdfPageEventHelper {

        private final ReportTemplate template;
        private final Map<String, String> placeholders;
        private final List<PdfTemplate> totals = new ArrayList<>();
        private BaseFont font;
        private BaseFont bold;

        HeaderFooter(ReportTemplate template, Map<String, String> placeholders) {
            this.template = template;
            this.placeholders = placeholders;
        }

        private com.lowagie.text.Image logo;

        @Override
        public void onOpenDocument(PdfWriter writer, Document document) {
            font = REGULAR;
            bold = BOLD;
            if (template.logoImage().isPresent()) {
                try {
                    logo = com.lowagie.text.Image.getInstance(template.logoImage().get());
                    logo.scaleToFit(140f, 18f);
                } catch (java.io.IOException | com.lowagie.text.BadElementException e) {
                    throw new IllegalStateException("The logo of " + template.source() + " cannot be drawn: "
                            + e.getMessage(), e);
                }
            }
        }

        @Override
        public void onEndPage(PdfWriter writer, Document document) {
            PdfContentByte canvas = writer.getDirectContent();
            Rectangle page = document.getPageSize();
            float left = document.left();
            float right = document.right();
            float headerY = page.getTop() - 34f;

            if (logo != null) {
                canvas.addImage(logo, logo.getScaledWidth(), 0, 0, logo.getScaledHeight(), left, headerY - 3f);
            } else {
                canvas.beginText();
                canvas.setFontAndSize(bold, 12);
                canvas.setColorFill(template.colour("logo"));
                canvas.setTextMatrix(left, headerY);
                canvas.showText(template.text("logo.text"));
                canvas.endText();
            }

            String header = template.text("header", placeholders);
            canvas.beginText();
            canvas.setFontAndSize(font, 7);
            canvas.setColorFill(Color.DARK_GRAY);
            canvas.showTextAligned(Element.ALIGN_RIGHT, header, right, headerY, 0);
            canvas.endText();

            canvas.setColorStroke(template.colour("accent"));
            canvas.setLineWidth(0.75f);
            canvas.moveTo(left, headerY - 6f);
            canvas.lineTo(right, headerY - 6f);
            canvas.stroke();

            // "Page x of y": the text up to {pages} now, the total into a template filled in on close.
            String footer = template.text("footer").replace("{page}", String.valueOf(writer.getPageNumber()));
            int split = footer.indexOf("{pages}");
            String before = split < 0 ? footer : footer.substring(0, split);
            String after = split < 0 ? "" : footer.substring(split + "{pages}".length());
            float footerY = page.getBottom() + 22f;
            float size = 7f;
            float beforeWidth = font.getWidthPoint(before, size);
            float totalWidth = font.getWidthPoint("00000", size);
            float x = right - beforeWidth - (split < 0 ? 0 : totalWidth) - font.getWidthPoint(after, size);
            canvas.beginText();
            canvas.setFontAndSize(font, size);
            canvas.setColorFill(Color.DARK_GRAY);
            canvas.setTextMatrix(x, footerY);
            canvas.showText(before);
            canvas.endText();
            if (split >= 0) {
                PdfTemplate total = canvas.createTemplate(totalWidth, 10f);
                totals.add(total);
                canvas.addTemplate(total, x + beforeWidth, footerY);
                canvas.beginText();
                canvas.setFontAndSize(font, size);
                canvas.setTextMatrix(x + beforeWidth + totalWidth, footerY);
                canvas.showText(after);
                canvas.endText();
            }
            ColumnText.showTextAligned(canvas, Element.ALIGN_LEFT,
                    new Phrase(new Chunk(placeholders.getOrDefault("report", ""),
                            new Font(REGULAR, 7, Font.NORMAL, Color.DARK_GRAY))), left, footerY, 0);
        }

        @Override
        public void onCloseDocument(PdfWriter writer, Document document) {
            String pages = String.valueOf(writer.getPageNumber() - 1);
            for (PdfTemplate total : totals) {
                total.beginText();
                total.setFontAndSize(font, 7);
                total.setColorFill(Color.DARK_GRAY);
                // Left-aligned in its box, right after the text before it.
                total.setTextMatrix(0, 0);
                total.showText(pages);
                total.endText();
            }
        }
    }
}
