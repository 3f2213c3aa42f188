// Every float through exp, log, tanh, erf and the sigmoid on each path: the largest error in ulp against
// double-precision libm, and any lane where the paths disagree. Build and run (about 10 CPU minutes):
//   clang -O2 -ffp-contract=off -ISources/CKernels/include Sources/CKernels/*.c scripts/ckernels/accuracy.c -lm -lpthread -o /tmp/accuracy && /tmp/accuracy 1
// (the argument: the step between bit patterns; 101 samples a hundredth in seconds).

#include "ckernels.h"
#include <math.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
static double ulp_err(float got, double want) {
  if (isnan(want)) return isnan(got) ? 0 : 1e9;
  if (isinf(want)) { float w = (float)want; return got == w ? 0 : (isinf((float)want) && fabs(want) > 3.4e38 && got == w) ? 0 : 1e9; }
  float wf = (float)want;
  if (isinf(wf)) return isinf(got) && (got > 0) == (want > 0) ? 0 : fabs(got - want) / ldexp(1, 104);
  int e; frexp(want, &e); // want = m 2^e, m in [0.5,1)
  double ulp = ldexp(1, (e - 24 < -149 ? -149 : e - 24));
  return fabs((double)got - want) / ulp;
}
typedef void (*fn)(const float*, float*, long);
int main(int argc, char **argv) {
  const char *names[] = {"exp", "log", "tanh", "erf", "sigmoid"};
  fn fns[] = {ck_exp, ck_log, ck_tanh, ck_erf, ck_sigmoid};
  int step = argc > 1 ? atoi(argv[1]) : 1;
  long N = 1 << 20; float *x = malloc(N * 4), *y[3]; for (int i = 0; i < 3; i++) y[i] = malloc(N * 4);
  for (int f = 0; f < 5; f++) {
    double worst = 0; float worstx = 0; long mism = 0;
    for (uint64_t base = 0; base < (1ull << 32); base += (uint64_t)N * step) {
      long n = 0;
      for (uint64_t b = base; b < base + (uint64_t)N * step && b < (1ull << 32); b += step) { uint32_t u = (uint32_t)b; memcpy(&x[n++], &u, 4); }
      for (int isa = 0; isa < 3; isa++) { ck_isa_set(isa); fns[f](x, y[isa], n); }
      if (memcmp(y[0], y[1], n * 4) || memcmp(y[0], y[2], n * 4)) {
        for (long i = 0; i < n; i++) if (memcmp(&y[0][i], &y[1][i], 4) || memcmp(&y[0][i], &y[2][i], 4)) { if (mism++ < 3) printf("  %s path mismatch x=%a: %a %a %a\n", names[f], x[i], y[0][i], y[1][i], y[2][i]); }
      }
      for (long i = 0; i < n; i++) {
        double xd = x[i], w;
        switch (f) { case 0: w = exp(xd); break; case 1: w = log(xd); break; case 2: w = tanh(xd); break; case 3: w = erf(xd); break; default: w = 1 / (1 + exp(-xd)); }
        double e = ulp_err(y[2][i], w);
        if (e > worst) { worst = e; worstx = x[i]; }
      }
    }
    printf("%-8s max err %.3f ulp at x=%a (%g), path mismatches %ld\n", names[f], worst, worstx, worstx, mism);
  }
}
