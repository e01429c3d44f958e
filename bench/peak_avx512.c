// peak_avx512.c -- the FP32 FMA peak of one and two cores with 512-bit vectors, for the "% of peak" column of
// BENCHMARKS.md on hosts with AVX-512 (shared/anchors/peak.c measures the AVX2 peak).
//
//   gcc -O2 -mavx512f -mfma -fopenmp -o /tmp/peak_avx512 bench/peak_avx512.c && /tmp/peak_avx512
//
// Twelve independent chains of vfmadd231ps zmm per thread (enough to cover the FMA latency on two FMA ports); each
// FMA lane counts 2 FLOP. Prints five samples per thread count; quote the median.
#include <immintrin.h>
#include <omp.h>
#include <stdio.h>
#include <time.h>

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

static float chains(long n) {
    // Distinct starting values: with equal ones the compiler proves the twelve chains equal and keeps one, and the
    // loop then measures the FMA latency, not its throughput (an earlier version of this file did exactly that and
    // reported 1.5x the real peak).
    __m512 a0 = _mm512_set1_ps(1.00f), a1 = _mm512_set1_ps(1.01f), a2 = _mm512_set1_ps(1.02f);
    __m512 a3 = _mm512_set1_ps(1.03f), a4 = _mm512_set1_ps(1.04f), a5 = _mm512_set1_ps(1.05f);
    __m512 a6 = _mm512_set1_ps(1.06f), a7 = _mm512_set1_ps(1.07f), a8 = _mm512_set1_ps(1.08f);
    __m512 a9 = _mm512_set1_ps(1.09f), a10 = _mm512_set1_ps(1.10f), a11 = _mm512_set1_ps(1.11f);
    __m512 m = _mm512_set1_ps(0.9999f), c = _mm512_set1_ps(1e-4f);
    for (long i = 0; i < n; i++) {
        a0 = _mm512_fmadd_ps(a0, m, c); a1 = _mm512_fmadd_ps(a1, m, c); a2 = _mm512_fmadd_ps(a2, m, c);
        a3 = _mm512_fmadd_ps(a3, m, c); a4 = _mm512_fmadd_ps(a4, m, c); a5 = _mm512_fmadd_ps(a5, m, c);
        a6 = _mm512_fmadd_ps(a6, m, c); a7 = _mm512_fmadd_ps(a7, m, c); a8 = _mm512_fmadd_ps(a8, m, c);
        a9 = _mm512_fmadd_ps(a9, m, c); a10 = _mm512_fmadd_ps(a10, m, c); a11 = _mm512_fmadd_ps(a11, m, c);
    }
    __m512 s = _mm512_add_ps(_mm512_add_ps(_mm512_add_ps(a0, a1), _mm512_add_ps(a2, a3)),
                             _mm512_add_ps(_mm512_add_ps(a4, a5), _mm512_add_ps(a6, a7)));
    s = _mm512_add_ps(s, _mm512_add_ps(_mm512_add_ps(a8, a9), _mm512_add_ps(a10, a11)));
    return _mm512_reduce_add_ps(s);
}

int main(void) {
    long n = 200000000;
    float sink = 0;
    for (int t = 1; t <= 2; t++) {
        for (int r = 0; r < 5; r++) {
            double t0 = now();
#pragma omp parallel num_threads(t) reduction(+ : sink)
            sink += chains(n);
            double dt = now() - t0;
            printf("threads %d: %.1f GFLOP/s\n", t, (double) t * n * 12 * 16 * 2 / dt / 1e9);
        }
    }
    printf("(checksum %f)\n", sink);
    return 0;
}
