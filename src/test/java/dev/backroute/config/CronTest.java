package dev.backroute.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** crontab's 5 fields become the Quartz expression that fires at the same times; Quartz's own pass through. */
class CronTest {

    @ParameterizedTest(name = "''{0}'' -> ''{1}''")
    @CsvSource(delimiter = '|', textBlock = """
            0 2 * * *           | 0 0 2 * * ?
            15,45 */3 * * *     | 0 15,45 */3 * * ?
            0 2 1,15 * *        | 0 0 2 1,15 * ?
            30 4 * * 0          | 0 30 4 ? * SUN
            30 4 * * 7          | 0 30 4 ? * SUN
            30 4 * JAN-MAR sun  | 0 30 4 ? JAN-MAR SUN
            0 1 * * 1-5         | 0 0 1 ? * MON,TUE,WED,THU,FRI
            0 1 * * 5-7         | 0 0 1 ? * SUN,FRI,SAT
            0 1 * * MON,wed,5   | 0 0 1 ? * MON,WED,FRI
            0 1 * * */2         | 0 0 1 ? * SUN,TUE,THU,SAT
            0 1 * * 1-5/2       | 0 0 1 ? * MON,WED,FRI
            0 0 2 * * ?         | 0 0 2 * * ?
            0  30 2 ?  * SUN    | 0 30 2 ? * SUN
            0 0 3 ? * SUN 2030  | 0 0 3 ? * SUN 2030
            """)
    void crontabBecomesTheEquivalentQuartzExpression(String crontab, String quartz) {
        assertThat(Cron.toQuartz(crontab)).isEqualTo(quartz);
    }

    @Test
    void crontabsEitherDayRuleIsRefusedBecauseQuartzCannotExpressIt() {
        assertThatThrownBy(() -> Cron.toQuartz("0 2 1 * MON")).hasMessageContaining("restricts both day-of-month and day-of-week")
                .hasMessageContaining("put * in one of them");
    }

    @Test
    void aDayOfWeekOutsideCrontabSyntaxIsRefusedNamingIt() {
        assertThatThrownBy(() -> Cron.toQuartz("0 2 * * 8")).hasMessageStartingWith("day-of-week '8' of '0 2 * * 8'");
        assertThatThrownBy(() -> Cron.toQuartz("0 2 * * MON#2")).hasMessageContaining("day-of-week 'MON#2'");
        assertThatThrownBy(() -> Cron.toQuartz("0 2 * * 5-1")).hasMessageContaining("day-of-week '5-1'");
    }

    @Test
    void schedulesThatFireLessThanOnceAYearAreProblems() {
        assertThat(Cron.problem("0 0 0 30 2 ?")).startsWith("'0 0 0 30 2 ?' never fires");
        assertThat(Cron.problem("0 0 31 4 *")).startsWith("'0 0 31 4 *' never fires");
        assertThat(Cron.problem("0 0 0 29 2 ?")).startsWith("'0 0 0 29 2 ?' fires less than once a year");
        assertThat(Cron.problem("0 0 3 ? * SUN 2020")).startsWith("'0 0 3 ? * SUN 2020' never fires");
    }

    @Test
    void yearlyAndEveryMinuteSchedulesAreAccepted() {
        assertThat(Cron.problem("0 0 0 1 1 ?")).isNull();
        assertThat(Cron.problem("0 0 L 2 ?")).isNull();
        assertThat(Cron.problem("* * * * *")).isNull();
    }
}
