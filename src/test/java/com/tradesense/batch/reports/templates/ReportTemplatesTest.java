package com.tradesense.batch.reports.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTemplatesTest {

    @TempDir
    Path folder;

    @Test
    void usesTheBuiltInCopyWhenTheFolderHasNoFile() {
        // when
        ReportTemplate template = new ReportTemplates(folder).load(ReportTemplates.CHALLENGE_AUDIT);

        // then
        assertThat(template.source()).isEqualTo("built-in challenge-audit.yml");
        assertThat(template.text("title")).isEqualTo("Challenge audit report");
        assertThat(template.money(new BigDecimal("-1234567.5"))).isEqualTo("-1,234,567.50");
    }

    @Test
    void fileInTheFolderOverridesOnlyTheKeysItSets() throws IOException {
        // given
        write("challenge-audit.yml", "title: Audit\nformats:\n  money: \"#,##0.000\"\n");

        // when
        ReportTemplate template = new ReportTemplates(folder).load(ReportTemplates.CHALLENGE_AUDIT);

        // then
        assertThat(template.text("title")).isEqualTo("Audit");
        assertThat(template.money(new BigDecimal("2.5"))).isEqualTo("2.500");
        assertThat(template.text("sections.timeline")).isEqualTo("Timeline of state changes");
    }

    @Test
    void refusesInvalidYamlNamingTheFile() throws IOException {
        // given
        write("daily-audit.yml", "title: [unclosed\n");

        // then
        assertThatThrownBy(() -> new ReportTemplates(folder).load(ReportTemplates.DAILY_AUDIT))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining(folder.resolve("daily-audit.yml").toString())
                .hasMessageContaining("is not valid YAML");
    }

    @Test
    void refusesAnUnknownKeySoThatATypoIsNotIgnored() throws IOException {
        // given
        write("daily-audit.yml", "titel: Daily\n");

        // then
        assertThatThrownBy(() -> new ReportTemplates(folder).load(ReportTemplates.DAILY_AUDIT))
                .hasMessageContaining("daily-audit.yml").hasMessageContaining("unknown key 'titel'");
    }

    @Test
    void refusesAColumnListOfTheWrongLengthAndABadNumberFormat() throws IOException {
        // given
        write("finance-workbook.yml", "columns:\n  statuses: [\"Status\"]\n");
        write("challenge-audit.yml", "formats:\n  percent: \"0.00%%'\"\n");

        // then
        assertThatThrownBy(() -> new ReportTemplates(folder).load(ReportTemplates.FINANCE_WORKBOOK))
                .hasMessageContaining("'columns.statuses' must have 2 column headers, found 1");
        assertThatThrownBy(() -> new ReportTemplates(folder).load(ReportTemplates.CHALLENGE_AUDIT))
                .hasMessageContaining("challenge-audit.yml").hasMessageContaining("'formats.percent'");
    }

    @Test
    void logoPictureMustBeAReadableImageBesideTheTemplate() throws IOException {
        // given
        write("challenge-audit.yml", "logo:\n  image: \"missing.png\"\n");
        write("daily-audit.yml", "logo:\n  image: \"../outside.png\"\n");

        // then
        assertThatThrownBy(() -> new ReportTemplates(folder).load(ReportTemplates.CHALLENGE_AUDIT))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("challenge-audit.yml").hasMessageContaining("'logo.image' = 'missing.png'");
        assertThatThrownBy(() -> new ReportTemplates(folder).load(ReportTemplates.DAILY_AUDIT))
                .hasMessageContaining("daily-audit.yml").hasMessageContaining("beside the template");
    }

    @Test
    void textThatIsNotAPictureIsRefusedAsALogo() throws IOException {
        // given
        write("logo.png", "not a picture");
        write("challenge-audit.yml", "logo:\n  image: \"logo.png\"\n");

        // then
        assertThatThrownBy(() -> new ReportTemplates(folder).load(ReportTemplates.CHALLENGE_AUDIT))
                .hasMessageContaining("is not a PNG or JPEG picture");
    }

    @Test
    void refusesASheetNameExcelCannotHoldAndTwoSheetsOfOneName() throws IOException {
        // given
        write("reconciliation.yml", "sheets:\n  breaks: \"Breaks/open\"\n");
        write("finance-workbook.yml", "sheets:\n  payments: \"daily p&l\"\n");

        // then
        assertThatThrownBy(() -> new ReportTemplates(folder).load(ReportTemplates.RECONCILIATION))
                .isInstanceOf(TemplateException.class).hasMessageContaining("reconciliation.yml")
                .hasMessageContaining("'sheets.breaks' = 'Breaks/open' cannot be used");
        assertThatThrownBy(() -> new ReportTemplates(folder).load(ReportTemplates.FINANCE_WORKBOOK))
                .hasMessageContaining("finance-workbook.yml").hasMessageContaining("name the same sheet 'daily p&l'");
    }

    private void write(String name, String text) throws IOException {
        Files.writeString(folder.resolve(name), text);
    }
}
