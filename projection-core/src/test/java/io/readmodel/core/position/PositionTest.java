package io.readmodel.core.position;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PositionTest {

    @Test
    void lsnTextRoundTripsAndComparesUnsigned() {
        assertThat(Lsn.parse("16/B374D848").toString()).isEqualTo("16/B374D848");
        assertThat(Lsn.parse("FFFFFFFF/0").compareTo(Lsn.parse("1/0"))).isPositive();
    }

    @Test
    void positionsOrderByCommitThenSequence() {
        assertThat(Position.parse("0/200#1").isAfter(Position.parse("0/100#9"))).isTrue();
        assertThat(Position.parse("0/100#9").isAfter(Position.parse("0/100#3"))).isTrue();
        assertThat(Position.parse("0/100")).isEqualTo(Position.of(0x100, 0));
    }

    @Test
    void aTokenIsSatisfiedAtOrAfterItsLsn() {
        ConsistencyToken token = ConsistencyToken.parse("0/1000");
        assertThat(token.isSatisfiedBy(Lsn.parse("0/1000"))).isTrue();
        assertThat(token.isSatisfiedBy(Lsn.parse("0/FFF"))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/", "1/", "/1", "-1/0", "+1/0", "0x1/0", "1/G", "123456789/0", "0/1#x", "0/1#-1", "abc"})
    void malformedTextIsRejectedWithTheTextInTheMessage(String text) {
        assertThatThrownBy(() -> Position.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }
}
