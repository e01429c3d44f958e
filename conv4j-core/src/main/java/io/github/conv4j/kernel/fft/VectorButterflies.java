package io.github.conv4j.kernel.fft;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Butterflies} with the Vector API: the JIT's auto-vectoriser leaves those loops scalar because their rows
 * are one array at offsets it cannot prove apart. Twiddles are broadcast once per call, outside the loop, and the
 * lanes left over after whole vectors go to the scalar version. Only loaded when the incubator module is present
 * (see {@link FftSimd}).
 */
final class VectorButterflies {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    private VectorButterflies() {}

    /** @return lanes per vector */
    static int width() {
        return S.length();
    }

    static void plain2(float[] re, float[] im, int a, int b, int len) {
        int bound = S.loopBound(len);
        for (int c = 0; c < bound; c += S.length()) {
            FloatVector ar = FloatVector.fromArray(S, re, a + c);
            FloatVector ai = FloatVector.fromArray(S, im, a + c);
            FloatVector br = FloatVector.fromArray(S, re, b + c);
            FloatVector bi = FloatVector.fromArray(S, im, b + c);
            ar.add(br).intoArray(re, a + c);
            ai.add(bi).intoArray(im, a + c);
            ar.sub(br).intoArray(re, b + c);
            ai.sub(bi).intoArray(im, b + c);
        }
        if (bound < len) {
            Butterflies.plain2(re, im, a + bound, b + bound, len - bound);
        }
    }

    static void dif4(
            float[] re,
            float[] im,
            int a0,
            int a1,
            int a2,
            int a3,
            int len,
            float w2r,
            float w2i,
            float w1r,
            float w1i,
            int sign) {
        FloatVector v2r = FloatVector.broadcast(S, w2r);
        FloatVector v2i = FloatVector.broadcast(S, w2i);
        FloatVector v2n = FloatVector.broadcast(S, -w2i);
        FloatVector v3r = FloatVector.broadcast(S, -sign * w2i);
        FloatVector v3i = FloatVector.broadcast(S, sign * w2r);
        FloatVector v3n = FloatVector.broadcast(S, -sign * w2r);
        FloatVector v1r = FloatVector.broadcast(S, w1r);
        FloatVector v1i = FloatVector.broadcast(S, w1i);
        FloatVector v1n = FloatVector.broadcast(S, -w1i);
        int bound = S.loopBound(len);
        for (int c = 0; c < bound; c += S.length()) {
            FloatVector x0r = FloatVector.fromArray(S, re, a0 + c);
            FloatVector x0i = FloatVector.fromArray(S, im, a0 + c);
            FloatVector x1r = FloatVector.fromArray(S, re, a1 + c);
            FloatVector x1i = FloatVector.fromArray(S, im, a1 + c);
            FloatVector x2r = FloatVector.fromArray(S, re, a2 + c);
            FloatVector x2i = FloatVector.fromArray(S, im, a2 + c);
            FloatVector x3r = FloatVector.fromArray(S, re, a3 + c);
            FloatVector x3i = FloatVector.fromArray(S, im, a3 + c);
            FloatVector u0r = x0r.add(x2r);
            FloatVector u0i = x0i.add(x2i);
            FloatVector dr = x0r.sub(x2r);
            FloatVector di = x0i.sub(x2i);
            FloatVector u2r = dr.fma(v2r, di.mul(v2n));
            FloatVector u2i = dr.fma(v2i, di.mul(v2r));
            FloatVector u1r = x1r.add(x3r);
            FloatVector u1i = x1i.add(x3i);
            FloatVector er = x1r.sub(x3r);
            FloatVector ei = x1i.sub(x3i);
            FloatVector u3r = er.fma(v3r, ei.mul(v3n));
            FloatVector u3i = er.fma(v3i, ei.mul(v3r));
            u0r.add(u1r).intoArray(re, a0 + c);
            u0i.add(u1i).intoArray(im, a0 + c);
            FloatVector fr = u0r.sub(u1r);
            FloatVector fi = u0i.sub(u1i);
            fr.fma(v1r, fi.mul(v1n)).intoArray(re, a1 + c);
            fr.fma(v1i, fi.mul(v1r)).intoArray(im, a1 + c);
            u2r.add(u3r).intoArray(re, a2 + c);
            u2i.add(u3i).intoArray(im, a2 + c);
            FloatVector gr = u2r.sub(u3r);
            FloatVector gi = u2i.sub(u3i);
            gr.fma(v1r, gi.mul(v1n)).intoArray(re, a3 + c);
            gr.fma(v1i, gi.mul(v1r)).intoArray(im, a3 + c);
        }
        if (bound < len) {
            Butterflies.dif4(
                    re, im, a0 + bound, a1 + bound, a2 + bound, a3 + bound, len - bound, w2r, w2i, w1r, w1i, sign);
        }
    }

    static void dit4(
            float[] re,
            float[] im,
            int a0,
            int a1,
            int a2,
            int a3,
            int len,
            float w1r,
            float w1i,
            float w2r,
            float w2i,
            int sign) {
        FloatVector v1r = FloatVector.broadcast(S, w1r);
        FloatVector v1i = FloatVector.broadcast(S, w1i);
        FloatVector v1n = FloatVector.broadcast(S, -w1i);
        FloatVector v2r = FloatVector.broadcast(S, w2r);
        FloatVector v2i = FloatVector.broadcast(S, w2i);
        FloatVector v2n = FloatVector.broadcast(S, -w2i);
        FloatVector v3r = FloatVector.broadcast(S, -sign * w2i);
        FloatVector v3i = FloatVector.broadcast(S, sign * w2r);
        FloatVector v3n = FloatVector.broadcast(S, -sign * w2r);
        int bound = S.loopBound(len);
        for (int c = 0; c < bound; c += S.length()) {
            FloatVector x0r = FloatVector.fromArray(S, re, a0 + c);
            FloatVector x0i = FloatVector.fromArray(S, im, a0 + c);
            FloatVector x1r = FloatVector.fromArray(S, re, a1 + c);
            FloatVector x1i = FloatVector.fromArray(S, im, a1 + c);
            FloatVector x2r = FloatVector.fromArray(S, re, a2 + c);
            FloatVector x2i = FloatVector.fromArray(S, im, a2 + c);
            FloatVector x3r = FloatVector.fromArray(S, re, a3 + c);
            FloatVector x3i = FloatVector.fromArray(S, im, a3 + c);
            FloatVector b1r = x1r.fma(v1r, x1i.mul(v1n));
            FloatVector b1i = x1r.fma(v1i, x1i.mul(v1r));
            FloatVector b3r = x3r.fma(v1r, x3i.mul(v1n));
            FloatVector b3i = x3r.fma(v1i, x3i.mul(v1r));
            FloatVector u0r = x0r.add(b1r);
            FloatVector u0i = x0i.add(b1i);
            FloatVector u1r = x0r.sub(b1r);
            FloatVector u1i = x0i.sub(b1i);
            FloatVector u2r = x2r.add(b3r);
            FloatVector u2i = x2i.add(b3i);
            FloatVector u3r = x2r.sub(b3r);
            FloatVector u3i = x2i.sub(b3i);
            FloatVector t2r = u2r.fma(v2r, u2i.mul(v2n));
            FloatVector t2i = u2r.fma(v2i, u2i.mul(v2r));
            FloatVector t3r = u3r.fma(v3r, u3i.mul(v3n));
            FloatVector t3i = u3r.fma(v3i, u3i.mul(v3r));
            u0r.add(t2r).intoArray(re, a0 + c);
            u0i.add(t2i).intoArray(im, a0 + c);
            u0r.sub(t2r).intoArray(re, a2 + c);
            u0i.sub(t2i).intoArray(im, a2 + c);
            u1r.add(t3r).intoArray(re, a1 + c);
            u1i.add(t3i).intoArray(im, a1 + c);
            u1r.sub(t3r).intoArray(re, a3 + c);
            u1i.sub(t3i).intoArray(im, a3 + c);
        }
        if (bound < len) {
            Butterflies.dit4(
                    re, im, a0 + bound, a1 + bound, a2 + bound, a3 + bound, len - bound, w1r, w1i, w2r, w2i, sign);
        }
    }

    static void untangle(float[] zr, float[] zi, int a, int b, int len, float wr, float wi) {
        FloatVector vr = FloatVector.broadcast(S, wr);
        FloatVector vi = FloatVector.broadcast(S, wi);
        FloatVector vn = FloatVector.broadcast(S, -wi);
        FloatVector half = FloatVector.broadcast(S, 0.5f);
        FloatVector minusHalf = FloatVector.broadcast(S, -0.5f);
        int bound = S.loopBound(len);
        for (int c = 0; c < bound; c += S.length()) {
            FloatVector pr = FloatVector.fromArray(S, zr, a + c);
            FloatVector pi = FloatVector.fromArray(S, zi, a + c);
            FloatVector qr = FloatVector.fromArray(S, zr, b + c);
            FloatVector qi = FloatVector.fromArray(S, zi, b + c);
            FloatVector er = pr.add(qr).mul(half);
            FloatVector ei = pi.sub(qi).mul(half);
            FloatVector or = pi.add(qi).mul(half);
            FloatVector oi = pr.sub(qr).mul(minusHalf);
            FloatVector tr = or.fma(vr, oi.mul(vn));
            FloatVector ti = oi.fma(vr, or.mul(vi));
            er.add(tr).intoArray(zr, a + c);
            ei.add(ti).intoArray(zi, a + c);
            er.sub(tr).intoArray(zr, b + c);
            ti.sub(ei).intoArray(zi, b + c);
        }
        if (bound < len) {
            Butterflies.untangle(zr, zi, a + bound, b + bound, len - bound, wr, wi);
        }
    }

    static void tangle(float[] zr, float[] zi, int a, int b, int len, float wr, float wi) {
        FloatVector vr = FloatVector.broadcast(S, wr);
        FloatVector vi = FloatVector.broadcast(S, wi);
        FloatVector vn = FloatVector.broadcast(S, -wi);
        int bound = S.loopBound(len);
        for (int c = 0; c < bound; c += S.length()) {
            FloatVector pr = FloatVector.fromArray(S, zr, a + c);
            FloatVector pi = FloatVector.fromArray(S, zi, a + c);
            FloatVector qr = FloatVector.fromArray(S, zr, b + c);
            FloatVector qi = FloatVector.fromArray(S, zi, b + c);
            FloatVector er = pr.add(qr);
            FloatVector ei = pi.sub(qi);
            FloatVector fr = pr.sub(qr);
            FloatVector fi = pi.add(qi);
            FloatVector or = fr.fma(vr, fi.mul(vn));
            FloatVector oi = fi.fma(vr, fr.mul(vi));
            er.sub(oi).intoArray(zr, a + c);
            ei.add(or).intoArray(zi, a + c);
            er.add(oi).intoArray(zr, b + c);
            or.sub(ei).intoArray(zi, b + c);
        }
        if (bound < len) {
            Butterflies.tangle(zr, zi, a + bound, b + bound, len - bound, wr, wi);
        }
    }
}
