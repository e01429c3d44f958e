package io.github.conv4j.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ConvSpecTest {

    @Test
    void parsesTheBenchmarkDescriptors() {
        ConvGeometry g = ConvSpec.parse("n8c64h56w56o64k3s1p1");
        assertThat(g.outputShape()).containsExactly(8, 64, 56, 56);
        assertThat(g.flops()).isEqualTo(2L * 8 * 64 * 56 * 56 * 64 * 9);
        assertThat(ConvSpec.parse("n1c3h224w224o64k7s2p3").outputShape()).containsExactly(1, 64, 112, 112);
        assertThat(ConvSpec.parse("c32h112k3p1gdw").groups()).isEqualTo(32);
        assertThat(ConvSpec.parse("c64h56k3p1d2").outH()).isEqualTo(54);
        assertThat(ConvSpec.parse("c1h2160w3840k1x2").outW()).isEqualTo(3839);
        assertThat(ConvSpec.parse("c4h9k3s2psame").outH()).isEqualTo(5);
        assertThat(ConvSpec.parse("c4h9k3p0_1_2_0").padRight()).isZero();
    }

    @Test
    void descriptorRoundTrips() {
        for (String d : new String[] {
            "n8c64h56w56o64k3p1", "n1c3h224w224o64k7s2p3", "n1c32h112w112o32k3p1g32", "n2c6h9w7o4k3x1s2x1p1_0_2_1d2x1g2"
        }) {
            assertThat(ConvSpec.parse(d).descriptor()).isEqualTo(d);
        }
    }

    @Test
    void refusesMalformedText() {
        assertThatThrownBy(() -> ConvSpec.parse("n8c64h56zz")).hasMessageContaining("cannot parse 'n8c64h56zz'");
        assertThatThrownBy(() -> ConvSpec.parse("n8h56k3")).hasMessageContaining("needs at least c, h and k");
        assertThatThrownBy(() -> ConvSpec.parse("c3h5k7")).hasMessageContaining("Kernel size can't be greater");
    }
}
