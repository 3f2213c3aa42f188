// The bits of CKernels on fixed inputs (GEMM in every transpose, the functions, the sums), one FNV-1a hash
// per instruction-set path: the same hash on every path and every CPU, or the kernels are not portable.
#include "ckernels.h"
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
static uint64_t h;
static void hash(const float *v, long n) { for (long i = 0; i < n; i++) { uint32_t b; memcpy(&b, &v[i], 4); for (int k = 0; k < 4; k++) { h = (h ^ (b & 0xff)) * 0x100000001b3ull; b >>= 8; } } }
static uint32_t s = 12345; static float rnd(void) { s = s * 1664525u + 1013904223u; return ((s >> 8) / 16777216.0f) * 2 - 1; }
int main(void) {
  for (int isa = 0; isa < CK_ISA_COUNT; isa++) {
    if (ck_isa_set(isa)) continue;
    h = 0xcbf29ce484222325ull; s = 12345;
    long shapes[][3] = {{67, 45, 1029}, {9, 32, 988}, {1031, 37, 61}, {7, 1013, 53}, {200, 300, 100}};
    for (int q = 0; q < 5; q++) {
      long m = shapes[q][0], n = shapes[q][1], k = shapes[q][2];
      float *a = malloc(m * k * 4), *b = malloc(k * n * 4), *c = malloc(m * n * 4);
      for (long i = 0; i < m * k; i++) a[i] = rnd(); for (long i = 0; i < k * n; i++) b[i] = rnd();
      for (int t = 0; t < 4; t++) for (int bz = 0; bz < 2; bz++) {
        for (long i = 0; i < m * n; i++) c[i] = rnd();
        ck_sgemm(t & 1, t >> 1, m, n, k, bz ? 0.75f : 1, a, (t & 1) ? m : k, b, (t >> 1) ? k : n, bz ? -0.5f : 0, c, n);
        hash(c, m * n);
      }
      free(a); free(b); free(c);
    }
    long N = 100000; float *x = malloc(N * 4), *y = malloc(N * 4);
    for (long i = 0; i < N; i++) x[i] = rnd() * 20;
    ck_exp(x, y, N); hash(y, N); ck_tanh(x, y, N); hash(y, N); ck_erf(x, y, N); hash(y, N); ck_sigmoid(x, y, N); hash(y, N);
    for (long i = 0; i < N; i++) y[i] = x[i] < 0 ? -x[i] : x[i];
    ck_log(y, y, N); hash(y, N);
    float r[6] = {ck_sum(x, N), ck_sum_squares(x, N), ck_sum_squares_from(x, N, 0.5f), ck_dot(x, x + 1, N - 1), ck_max(x, N), ck_exp_sum(x, y, N, 20)};
    hash(r, 6); hash(y, N);
    printf("%-8s %016llx\n", ck_isa_name(isa), (unsigned long long)h);
  }
}
